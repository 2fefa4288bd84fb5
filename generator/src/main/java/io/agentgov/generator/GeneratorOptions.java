package io.agentgov.generator;

import java.time.LocalDate;

/**
 * What to generate. The same options (all but {@code threads}, which never changes the output)
 * give byte-identical files.
 *
 * @param seed          the run seed
 * @param start         the first landing day
 * @param days          number of landing days
 * @param businessUnits units to simulate (1-8), most mature first
 * @param agents        agents in total, shadow and registry-only agents included (at least 3 per unit)
 * @param eventsPerDay  mean clean event records per day (exact when {@code days} is 1); planted dirt comes on top
 * @param otelShare     approximate share of events written as OTel spans instead of gateway JSON Lines
 * @param dirtRate      planted dirty lines per clean event line (malformed, duplicates, conflicts, late)
 * @param plantFaults   plant governance faults (and write their truth); false gives a clean enterprise
 * @param threads       worker threads for event chunks
 */
public record GeneratorOptions(long seed, LocalDate start, int days, int businessUnits, int agents, long eventsPerDay,
                               double otelShare, double dirtRate, boolean plantFaults, int threads) {

  public GeneratorOptions {
    if (start == null) {
      throw new IllegalArgumentException("Cannot generate: start is null");
    }
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("Cannot generate " + days + " days: must be 1 to 3650");
    }
    if (businessUnits < 1 || businessUnits > Catalog.UNITS.size()) {
      throw new IllegalArgumentException(
          "Cannot generate " + businessUnits + " business units: must be 1 to " + Catalog.UNITS.size());
    }
    if (agents < 3 * businessUnits) {
      throw new IllegalArgumentException("Cannot generate " + agents + " agents for " + businessUnits
          + " business units: need at least 3 per unit");
    }
    if (eventsPerDay < 0 || eventsPerDay > 1_000_000_000L) {
      throw new IllegalArgumentException("Cannot generate " + eventsPerDay + " events per day: must be 0 to 1e9");
    }
    if (!(otelShare >= 0 && otelShare <= 1)) {
      throw new IllegalArgumentException("Cannot use otelShare " + otelShare + ": must be in [0, 1]");
    }
    if (!(dirtRate >= 0 && dirtRate <= 0.5)) {
      throw new IllegalArgumentException("Cannot use dirtRate " + dirtRate + ": must be in [0, 0.5]");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("Cannot use " + threads + " threads: must be at least 1");
    }
  }

  private static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** About a month (30 days) of five units and 80 agents, about 500,000 events; faults and dirt on. */
  public static GeneratorOptions demo() {
    return new GeneratorOptions(20260302L, LocalDate.of(2026, 3, 2), 30, 5, 80, 16_700, 0.10, 0.002, true, processors());
  }

  /** For tests: a week (Monday to Sunday) of three units and 24 agents, a few thousand events, dense dirt. */
  public static GeneratorOptions small() {
    return new GeneratorOptions(7L, LocalDate.of(2026, 3, 2), 7, 3, 24, 600, 0.15, 0.03, true, 2);
  }

  /** One day with exactly {@code events} clean event records, for throughput; dirt and faults on. */
  public static GeneratorOptions bench(long events) {
    return new GeneratorOptions(1L, LocalDate.of(2026, 3, 3), 1, 5, 80, events, 0.01, 0.002, true, processors());
  }

  public GeneratorOptions withSeed(long v) {
    return new GeneratorOptions(v, start, days, businessUnits, agents, eventsPerDay, otelShare, dirtRate, plantFaults,
        threads);
  }

  public GeneratorOptions withStart(LocalDate v) {
    return new GeneratorOptions(seed, v, days, businessUnits, agents, eventsPerDay, otelShare, dirtRate, plantFaults,
        threads);
  }

  public GeneratorOptions withDays(int v) {
    return new GeneratorOptions(seed, start, v, businessUnits, agents, eventsPerDay, otelShare, dirtRate, plantFaults,
        threads);
  }

  public GeneratorOptions withBusinessUnits(int v) {
    return new GeneratorOptions(seed, start, days, v, agents, eventsPerDay, otelShare, dirtRate, plantFaults, threads);
  }

  public GeneratorOptions withAgents(int v) {
    return new GeneratorOptions(seed, start, days, businessUnits, v, eventsPerDay, otelShare, dirtRate, plantFaults,
        threads);
  }

  public GeneratorOptions withEventsPerDay(long v) {
    return new GeneratorOptions(seed, start, days, businessUnits, agents, v, otelShare, dirtRate, plantFaults, threads);
  }

  public GeneratorOptions withOtelShare(double v) {
    return new GeneratorOptions(seed, start, days, businessUnits, agents, eventsPerDay, v, dirtRate, plantFaults,
        threads);
  }

  public GeneratorOptions withDirtRate(double v) {
    return new GeneratorOptions(seed, start, days, businessUnits, agents, eventsPerDay, otelShare, v, plantFaults,
        threads);
  }

  public GeneratorOptions withPlantFaults(boolean v) {
    return new GeneratorOptions(seed, start, days, businessUnits, agents, eventsPerDay, otelShare, dirtRate, v, threads);
  }

  public GeneratorOptions withThreads(int v) {
    return new GeneratorOptions(seed, start, days, businessUnits, agents, eventsPerDay, otelShare, dirtRate, plantFaults,
        v);
  }
}

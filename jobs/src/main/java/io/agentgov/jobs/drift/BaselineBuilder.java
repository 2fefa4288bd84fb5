package io.agentgov.jobs.drift;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges an agent's daily features into the baseline of one night: the days of the window
 * {@code [night − windowDays, night − 1]} of the night's {@link DayType}, from the agent's first
 * day on, idle days counting as zero events. Pure Java: the Spark job only groups rows by agent.
 */
final class BaselineBuilder {
  /**
   * Fewest merged days for a ready baseline: a median absolute deviation of one or two values is
   * zero or meaningless, and a robust z against it would be infinite for any change.
   */
  static final int MIN_BASELINE_DAYS = 3;

  private BaselineBuilder() {}

  /**
   * @param days the agent's feature rows within the novelty look-back before the night (any order;
   *             rows of the night itself or later are ignored)
   */
  static Baseline build(String agentId, LocalDate night, List<AgentDay> days, DriftOptions options,
      long featuresSnapshotId) {
    LocalDate windowStart = night.minusDays(options.windowDays());
    LocalDate windowEnd = night.minusDays(1);
    LocalDate lookbackStart = night.minusDays(options.noveltyLookbackDays());
    Map<LocalDate, AgentDay> byDay = new TreeMap<>();
    TreeSet<String> knownTargets = new TreeSet<>();
    for (AgentDay d : days) {
      if (d.day().isBefore(night) && !d.day().isBefore(lookbackStart)) {
        byDay.put(d.day(), d);
        knownTargets.addAll(d.counts(Distribution.TARGET_SYSTEM_MIX).keySet());
      }
    }
    LocalDate firstSeen = byDay.isEmpty() ? null : byDay.keySet().iterator().next();
    int historyDays = firstSeen == null ? 0 : (int) ChronoUnit.DAYS.between(firstSeen, night);
    DayType type = DayType.of(night);

    List<Long> dailyEvents = new ArrayList<>();
    List<Double> dailyTokens = new ArrayList<>();
    Map<String, Map<String, Long>> merged = new TreeMap<>();
    long events = 0;
    if (firstSeen != null) {
      LocalDate from = firstSeen.isAfter(windowStart) ? firstSeen : windowStart;
      for (LocalDate d = from; !d.isAfter(windowEnd); d = d.plusDays(1)) {
        if (DayType.of(d) != type) {
          continue;
        }
        AgentDay day = byDay.get(d);
        dailyEvents.add(day == null ? 0L : day.events());
        if (day == null) {
          continue;
        }
        events += day.events();
        if (day.sessions() > 0 && day.inputTokens() > 0) {
          dailyTokens.add((double) day.inputTokens() / day.sessions());
        }
        day.distributions().forEach((name, counts) -> {
          Map<String, Long> into = merged.computeIfAbsent(name, k -> new TreeMap<>());
          counts.forEach((k, n) -> into.merge(k, n, Long::sum));
        });
      }
    }
    String status = historyDays >= options.minHistoryDays() && dailyEvents.size() >= MIN_BASELINE_DAYS
        ? Baseline.READY : Baseline.INSUFFICIENT_HISTORY;
    return new Baseline(night, agentId, type.wire(), windowStart, windowEnd, firstSeen, historyDays, dailyEvents.size(),
        status, events, dailyEvents, dailyTokens, merged, List.copyOf(knownTargets), featuresSnapshotId);
  }
}

package io.agentgov.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many events each agent's traces contribute on one day, and how the day is cut into chunks.
 * Chunks are fixed by the day's total alone (never by the thread count): chunk {@code c} covers
 * event positions {@code [c * chunkSize, (c + 1) * chunkSize)} of the agents laid end to end.
 */
final class DayPlan {
  static final long MAX_CHUNK = 250_000;

  final LocalDate day;
  final int dayIndex;
  final long epochDay;
  final long startMillis;
  final Policy policy;
  final long[] counts;
  final long[] offsets;
  final long total;
  final int chunks;
  final long chunkSize;
  /** Agents whose first events of the period fall on this day: their first trace covers every tool once. */
  final boolean[] coverage;
  final Person[][] approvers;
  final Person[][] seniors;
  final Person[][] staff;
  final long retainUntilEpochDay;

  private DayPlan(Enterprise ent, int dayIndex, long[] counts) {
    this.day = ent.start.plusDays(dayIndex);
    this.dayIndex = dayIndex;
    this.epochDay = day.toEpochDay();
    this.startMillis = epochDay * Agent.DAY_MS;
    this.policy = ent.policyOn(day);
    this.counts = counts;
    this.offsets = new long[counts.length];
    long acc = 0;
    for (int i = 0; i < counts.length; i++) {
      offsets[i] = acc;
      acc += counts[i];
    }
    this.total = acc;
    if (total == 0) {
      chunks = 0;
      chunkSize = 1;
    } else {
      long byMax = (total + MAX_CHUNK - 1) / MAX_CHUNK;
      long small = Math.min(4, (total + 3_999) / 4_000);
      chunks = (int) Math.max(byMax, small);
      chunkSize = (total + chunks - 1) / chunks;
    }
    this.coverage = new boolean[counts.length];
    int units = ent.units.size();
    approvers = new Person[units][];
    seniors = new Person[units][];
    staff = new Person[units][];
    Person[] fallback = ent.compliance(day).toArray(new Person[0]);
    for (Unit u : ent.units) {
      approvers[u.index] = orElse(u.active("approver", day), fallback);
      seniors[u.index] = orElse(u.active("senior_approver", day), fallback);
      staff[u.index] = orElse(u.people.stream().filter(p -> p.activeOn(day)).toList(), fallback);
    }
    retainUntilEpochDay = day.plusYears(7).toEpochDay();
  }

  private static Person[] orElse(List<Person> list, Person[] fallback) {
    return list.isEmpty() ? fallback : list.toArray(new Person[0]);
  }

  /**
   * Plans every day of the run. Volume per agent and day: the run's mean events per day times the
   * agent's share of base weight, its day-of-week factor, planted volume drift and a little noise;
   * a one-day run is scaled to exactly {@code eventsPerDay}.
   */
  static DayPlan[] all(Enterprise ent) {
    GeneratorOptions o = ent.options;
    int n = ent.agents.size();
    DayPlan[] plans = new DayPlan[o.days()];
    boolean[] seen = new boolean[n];
    for (int d = 0; d < o.days(); d++) {
      LocalDate day = ent.start.plusDays(d);
      double[] expected = new double[n];
      long[] counts = new long[n];
      SplittableRandom r = Seeds.random(o.seed(), Seeds.DAY_PLAN, day.toEpochDay());
      for (Agent a : ent.agents) {
        double noise = Math.exp(0.08 * r.nextGaussian());
        double u = r.nextDouble();
        if (!a.actsOn(day) || ent.totalWeight <= 0) {
          continue;
        }
        double x = o.eventsPerDay() * a.baseWeight / ent.totalWeight * a.week[day.getDayOfWeek().getValue() - 1];
        if (Agent.onOrAfter(day, a.volumeDriftDay)) {
          x *= a.volumeAfter;
        }
        expected[a.index] = x * noise;
        counts[a.index] = (long) Math.floor(expected[a.index] + u);
      }
      if (o.days() == 1) {
        counts = exactly(expected, o.eventsPerDay());
      }
      DayPlan plan = new DayPlan(ent, d, counts);
      for (int i = 0; i < n; i++) {
        if (counts[i] > 0 && !seen[i]) {
          seen[i] = true;
          plan.coverage[i] = true;
        }
      }
      plans[d] = plan;
    }
    return plans;
  }

  /** Largest-remainder apportionment of {@code total} in proportion to {@code weights}. */
  static long[] exactly(double[] weights, long total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    long[] out = new long[weights.length];
    if (sum <= 0 || total == 0) {
      return out;
    }
    double[] rem = new double[weights.length];
    long used = 0;
    for (int i = 0; i < weights.length; i++) {
      double q = total * weights[i] / sum;
      out[i] = (long) Math.floor(q);
      rem[i] = q - out[i];
      used += out[i];
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> rem[x] != rem[y] ? Double.compare(rem[y], rem[x]) : Integer.compare(x, y));
    for (int k = 0; used < total; k = (k + 1) % order.length) {
      if (weights[order[k]] > 0) {
        out[order[k]]++;
        used++;
      }
    }
    return out;
  }
}

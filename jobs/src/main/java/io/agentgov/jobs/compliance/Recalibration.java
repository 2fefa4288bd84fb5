package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * M11, NIST AI RMF MANAGE 2.4 / 4.1: of the agents with an auto-approval threshold (rows in
 * {@code threshold_recommendations} up to the period end) that are active at the period end, the
 * share whose latest recalibration is current (at most {@code max_age_days} before the period end)
 * and certifies every current threshold: each pool's verdict is {@code keep} (the current threshold
 * is certified) or {@code lower} (a looser one is, so the current one is too). {@code raise} means
 * the guarantee fails at the current threshold; {@code insufficient_reviews} that it cannot be shown.
 */
final class Recalibration implements ClauseMetric {
  static final Set<String> GUARANTEE_HOLDS = Set.of("keep", "lower");

  /** An agent's latest recalibration: its as-of date and its pools' verdicts. */
  record Latest(String agentId, String unit, LocalDate asOf, List<String> verdicts) {}

  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    int maxAge = (int) clause.parameter("max_age_days");
    LocalDate oldestCurrent = in.end.minusDays(maxAge);
    Map<String, ComplianceInputs.AgentVersion> active = new TreeMap<>();
    in.activeAtEnd().forEach(a -> active.put(a.agentId(), a));
    Map<String, LocalDate> asOf = new TreeMap<>();
    Map<String, List<String>> verdicts = new TreeMap<>();
    Map<String, Long> pools = new TreeMap<>();
    for (Row r : in.read(Tables.THRESHOLD_RECOMMENDATIONS).where(col("as_of_date").leq(lit(in.end)))
        .select("agent_id", "as_of_date", "verdict").collectAsList()) {
      String agent = r.getString(0);
      LocalDate d = ComplianceInputs.date(r.get(1));
      if (!active.containsKey(agent)) {
        continue;
      }
      if (!asOf.containsKey(agent) || d.isAfter(asOf.get(agent))) {
        asOf.put(agent, d);
        verdicts.put(agent, new ArrayList<>());
      }
      if (d.equals(asOf.get(agent))) {
        verdicts.get(agent).add(r.getString(2));
      }
    }
    List<Latest> latest = new ArrayList<>();
    asOf.forEach((agent, d) -> latest.add(new Latest(agent, active.get(agent).unit(), d, verdicts.get(agent))));
    latest.forEach(l -> l.verdicts().forEach(v -> pools.merge(v, 1L, Long::sum)));
    List<Measurement.Evidence> evidence = new ArrayList<>();
    evidence.add(in.ids("thresholded agents whose guarantee does not hold or is not current", "agent",
        latest.stream().filter(l -> !holds(l, oldestCurrent)).map(Latest::agentId).toList()));
    evidence.add(in.ids("of them with a recalibration older than " + maxAge + " days", "agent",
        latest.stream().filter(l -> l.asOf().isBefore(oldestCurrent)).map(Latest::agentId).toList()));
    pools.forEach((verdict, n) -> evidence.add(new Measurement.Evidence("pools with verdict " + verdict, n, "pool", List.of())));
    Set<LocalDate> dates = new TreeSet<>(asOf.values());
    List<String> notes = List.of("Latest recalibration per agent up to the period end"
        + (dates.isEmpty() ? "" : " (as-of dates " + dates + ")") + "; current means on or after " + oldestCurrent + ".");
    if (latest.isEmpty()) {
      return Measurement.noData(clause, "No active agent has a recalibrated threshold up to the period end.", evidence,
          notes);
    }
    return Measurement.share(clause, UnitBreakdown.shares(clause, latest, Latest::unit, l -> holds(l, oldestCurrent)),
        evidence, notes);
  }

  static boolean holds(Latest l, LocalDate oldestCurrent) {
    return !l.asOf().isBefore(oldestCurrent) && GUARANTEE_HOLDS.containsAll(l.verdicts());
  }
}

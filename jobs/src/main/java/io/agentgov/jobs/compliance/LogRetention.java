package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * M3, EU AI Act Art. 19(1) and Art. 26(6) log retention: days of event evidence retained at the
 * period end (from the oldest event day still in {@code events}), at least {@code retention_days}
 * (184: six calendar months at most), and no event day younger than that expired.
 *
 * <p>A lake younger than the retention period cannot hold six months: then the rule is that
 * everything since the lake began is still there (the first event day {@code event_day_digests}
 * ever recorded), and the notes say so. "Expired" is an event day that ingest digested (it has an
 * {@code event_day_digests} row with rows) but that has no rows in {@code events} any more.
 */
final class LogRetention implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    int retention = (int) clause.parameter("retention_days");
    LocalDate end = in.end;
    Set<LocalDate> present = new TreeSet<>();
    for (Row r : in.read(Tables.EVENTS).where(col("event_date").leq(lit(end))).select("event_date").distinct()
        .collectAsList()) {
      present.add(ComplianceInputs.date(r.get(0)));
    }
    Set<LocalDate> digested = new TreeSet<>();
    for (Row r : in.read(Tables.EVENT_DAY_DIGESTS).where(col("event_date").leq(lit(end)).and(col("row_count").gt(0)))
        .select("event_date").distinct().collectAsList()) {
      digested.add(ComplianceInputs.date(r.get(0)));
    }
    List<String> notes = in.scopeNotes(clause);
    List<Measurement.Evidence> evidence = new ArrayList<>();
    if (present.isEmpty() && digested.isEmpty()) {
      return Measurement.noData(clause, "No event day was ingested up to the period end.", evidence, notes);
    }
    LocalDate oldest = present.isEmpty() ? null : present.iterator().next();
    LocalDate lakeBegan = digested.isEmpty() ? oldest : ((TreeSet<LocalDate>) digested).first();
    if (oldest != null && oldest.isBefore(lakeBegan)) {
      lakeBegan = oldest;
    }
    long retained = oldest == null ? 0 : ChronoUnit.DAYS.between(oldest, end) + 1;
    long lakeAge = ChronoUnit.DAYS.between(lakeBegan, end) + 1;
    LocalDate windowStart = end.minusDays(retention - 1);
    List<String> expired = new ArrayList<>();
    long windowDays = 0;
    for (LocalDate d : digested) {
      if (!d.isBefore(windowStart)) {
        windowDays++;
        if (!present.contains(d)) {
          expired.add(d.toString());
        }
      }
    }
    Clause.PassRule rule = clause.pass();
    if (lakeAge < retention) {
      rule = rule.withTarget(lakeAge);
      notes.add("The lake began on " + lakeBegan + ", " + lakeAge + " days before the period end: fewer than "
          + retention + " days exist, so the rule is that everything since the lake began is retained.");
    } else {
      notes.add("Retention is counted back from the period end " + end + "; the clause needs " + retention
          + " days (six calendar months).");
    }
    evidence.add(new Measurement.Evidence("oldest event day retained", retained, "day",
        oldest == null ? List.of() : List.of(oldest.toString())));
    evidence.add(new Measurement.Evidence("first event day the lake recorded", lakeAge, "day", List.of(lakeBegan.toString())));
    evidence.add(new Measurement.Evidence("event days ingested in the last " + retention + " days", windowDays, "day",
        List.of()));
    evidence.add(new Measurement.Evidence("of them expired (no rows left in events)", expired.size(), "day",
        expired.subList(0, Math.min(expired.size(), in.samplesPerMetric))));
    Status status = rule.holds(retained) && expired.isEmpty() ? Status.PASS : Status.FAIL;
    return new Measurement(status, (double) retained, rule.unit(), windowDays - expired.size(), windowDays, List.of(),
        evidence, notes);
  }
}

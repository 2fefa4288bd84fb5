package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * M8, NIST AI RMF GOVERN 1.7 decommissioning: agents acting in the period while the registry of the
 * event's day said decommissioned (or its {@code decommissioned_at} had passed) or suspended, or
 * with a credential revoked or expired at the event's time: the {@code decommissioned_acting}
 * detector's rule ({@code EventRules.lifecycleProblem}). Out of the registered agents acting.
 */
final class Decommissioning implements ClauseMetric {
  static final List<String> PROBLEMS = List.of("decommissioned", "suspended", "credential_revoked", "credential_expired");

  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Dataset<Row> acting = in.population(clause).where(col("registered"));
    Dataset<Row> problems = acting.where(col("lifecycle_problem").isNotNull());
    List<Measurement.Evidence> evidence = new ArrayList<>();
    evidence.add(in.ids("agents acting after decommissioning, suspension or revocation", "agent",
        ComplianceInputs.agents(problems)));
    for (String p : PROBLEMS) {
      evidence.add(in.events("events: " + p.replace('_', ' '), problems.where(col("lifecycle_problem").equalTo(lit(p)))));
    }
    evidence.add(in.findings("decommissioned_acting findings active in the period", "decommissioned_acting", f -> true));
    List<Measurement.UnitValue> units = UnitBreakdown.counts(clause, acting, col("lifecycle_problem").isNotNull(),
        "agent_id");
    long agents = units.stream().mapToLong(Measurement.UnitValue::numerator).sum();
    long outOf = units.stream().mapToLong(Measurement.UnitValue::denominator).sum();
    if (outOf == 0) {
      return Measurement.noData(clause, "No registered agent acted in the period.", evidence, in.scopeNotes(clause));
    }
    return Measurement.count(clause, agents, outOf, units, evidence, in.scopeNotes(clause));
  }
}

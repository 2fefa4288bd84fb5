package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * M4, EU AI Act Art. 26(1) use in accordance with the instructions for use: executed actions whose
 * action type and target system are outside the agent's declared scope in the registry version
 * valid on the event's day (the {@code scope_creep} detector's {@code outside_declared_scope}
 * test, restricted to actions that executed).
 */
final class UseWithinScope implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Dataset<Row> executed = in.population(clause).where(col("registered").and(col("executed")));
    Dataset<Row> outside = executed.where(col("outside_scope"));
    Set<String> agents = ComplianceInputs.agents(executed);
    List<Measurement.Evidence> evidence = List.of(
        in.events("executed outside the declared scope", outside),
        in.findings("scope_creep findings active in the period (these agents)", "scope_creep", f -> agents.contains(f.agentId())));
    List<Measurement.UnitValue> units = UnitBreakdown.counts(clause, executed, col("outside_scope"), null);
    long total = units.stream().mapToLong(Measurement.UnitValue::numerator).sum();
    long outOf = units.stream().mapToLong(Measurement.UnitValue::denominator).sum();
    if (outOf == 0) {
      return Measurement.noData(clause, "No executed action in the period.", evidence, in.scopeNotes(clause));
    }
    return Measurement.count(clause, total, outOf, units, evidence, in.scopeNotes(clause));
  }
}

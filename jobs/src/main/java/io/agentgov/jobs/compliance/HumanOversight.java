package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * M2, EU AI Act Art. 14(4) and Art. 26(2) human oversight: of the actions the gateway checked at
 * tier 3 or 4, the share that did not execute without a person's approval (tier 3: approved before
 * {@code executed_at}; tier 4: halted unless so approved). An action that did not execute (blocked,
 * failed) did no harm and counts as overseen, as for the {@code oversight_violation} detector.
 * The gateway's tier is taken as given: an under-tiered action is a {@code tier_violation} finding.
 */
final class HumanOversight implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Dataset<Row> escalated = in.population(clause).where(col("checked").and(col("tier").isin(3, 4)));
    Column overseen = not(col("executed")).or(col("approved_before"));
    Dataset<Row> unapproved = escalated.where(not(overseen));
    Set<String> agents = ComplianceInputs.agents(escalated);
    List<Measurement.Evidence> evidence = List.of(
        in.events("tier 3: executed before approval", unapproved.where(col("tier").equalTo(lit(3)))),
        in.events("tier 4: executed without approval (not halted)", unapproved.where(col("tier").equalTo(lit(4)))),
        in.events("tier 3/4: approved before execution", escalated.where(col("executed").and(col("approved_before")))),
        in.events("tier 3/4: not executed (blocked, rejected, failed)", escalated.where(not(col("executed")))),
        in.findings("oversight_violation findings active in the period (these agents)", "oversight_violation",
            f -> agents.contains(f.agentId())));
    List<Measurement.UnitValue> units = UnitBreakdown.shares(clause, escalated, overseen);
    if (units.isEmpty()) {
      return Measurement.noData(clause, "No tier 3 or 4 action in the period.", evidence, in.scopeNotes(clause));
    }
    return Measurement.share(clause, units, evidence, in.scopeNotes(clause));
  }
}

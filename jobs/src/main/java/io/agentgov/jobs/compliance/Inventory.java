package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * M6, NIST AI RMF GOVERN 1.6 inventory: agents seen acting in the period that the registry snapshot
 * of the event's day does not list (shadow agents, as the {@code shadow_agent} detector defines
 * them). Out of every agent seen acting. Not split by business unit: the registry names none for them.
 */
final class Inventory implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Dataset<Row> acting = in.population(clause);
    Dataset<Row> shadow = acting.where(not(col("registered")));
    Set<String> shadowAgents = ComplianceInputs.agents(shadow);
    long agents = acting.select("agent_id").distinct().count();
    List<Measurement.Evidence> evidence = List.of(
        in.ids("agents acting unregistered", "agent", shadowAgents),
        in.events("their events", shadow),
        in.findings("shadow_agent findings active in the period", "shadow_agent", f -> true));
    if (agents == 0) {
      return Measurement.noData(clause, "No agent acted in the period.", evidence, in.scopeNotes(clause));
    }
    return Measurement.count(clause, shadowAgents.size(), agents, List.of(), evidence, in.scopeNotes(clause));
  }
}

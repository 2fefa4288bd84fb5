package io.agentgov.jobs.drift;

import io.agentgov.jobs.runtime.RowValues;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Row;

/** One {@code agent_daily_features} row, as much of it as baselines and tests read. */
record AgentDay(String agentId, LocalDate day, long events, long sessions, long inputTokens,
    Map<String, Map<String, Long>> distributions) implements Serializable {

  static AgentDay of(Row row) {
    return new AgentDay(row.getAs("agent_id"), row.getAs("feature_date"), row.<Long>getAs("events"),
        row.<Long>getAs("sessions"), row.<Long>getAs("input_tokens"), RowValues.distributions(row, "distributions"));
  }

  /** Counts of one distribution; empty when the day has no observation of it. */
  Map<String, Long> counts(Distribution d) {
    return distributions.getOrDefault(d.key(), Map.of());
  }
}

package io.agentgov.jobs.drift;

import io.agentgov.jobs.runtime.RowValues;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One {@code agent_baselines} row: an agent's merged behaviour before a night. */
record Baseline(LocalDate baselineDate, String agentId, String dayType, LocalDate windowStart, LocalDate windowEnd,
    LocalDate firstSeen, int historyDays, int baselineDays, String status, long events, List<Long> dailyEvents,
    List<Double> dailyInputTokensPerSession, Map<String, Map<String, Long>> distributions, List<String> knownTargets,
    long featuresSnapshotId) implements Serializable {

  static final String READY = "ready";
  static final String INSUFFICIENT_HISTORY = "insufficient_history";

  boolean ready() {
    return READY.equals(status);
  }

  Map<String, Long> counts(Distribution d) {
    return distributions.getOrDefault(d.key(), Map.of());
  }

  /** The row in {@code agent_baselines} column order. */
  Row toRow() {
    return RowFactory.create(baselineDate, agentId, dayType, windowStart, windowEnd, firstSeen, historyDays, baselineDays,
        status, events, RowValues.seq(dailyEvents), RowValues.seq(dailyInputTokensPerSession),
        RowValues.distributions(distributions), RowValues.seq(knownTargets), featuresSnapshotId);
  }

  static Baseline of(Row row) {
    return new Baseline(row.getAs("baseline_date"), row.getAs("agent_id"), row.getAs("day_type"), row.getAs("window_start"),
        row.getAs("window_end"), row.getAs("first_seen"), row.<Integer>getAs("history_days"),
        row.<Integer>getAs("baseline_days"), row.getAs("status"), row.<Long>getAs("events"),
        RowValues.list(row, "daily_events"), RowValues.list(row, "daily_input_tokens_per_session"),
        RowValues.distributions(row, "distributions"), RowValues.list(row, "known_targets"),
        row.<Long>getAs("features_snapshot_id"));
  }
}

package io.agentgov.jobs.ingest;

import io.agentgov.contract.Vocabulary;
import io.agentgov.jobs.quality.DataQuality;
import io.agentgov.jobs.quality.DataQuality.AllowedValues;
import io.agentgov.jobs.quality.DataQuality.Between;
import io.agentgov.jobs.quality.DataQuality.Complete;
import io.agentgov.jobs.quality.DataQuality.NonNegative;
import io.agentgov.jobs.quality.DataQuality.Rule;
import io.agentgov.jobs.quality.DataQuality.Unique;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The Deequ suite every batch of events must pass before it is appended: completeness of the
 * contract's minimum data set, uniqueness of event_id, allowed values and ranges. The validator
 * already enforces these per record; the suite is the independent second line, and its metrics go
 * to {@code dq_metrics} as the day's quality record.
 */
final class EventQuality {
  private EventQuality() {}

  static final List<Rule> RULES = Stream.of(
      Stream.of("event_id", "event_time", "schema_version", "agent_id", "credential.id", "credential.kind", "trace.trace_id",
          "trace.span_id", "action.type", "action.target_system", "data_sensitivity", "reversible", "policy.checked",
          "policy.decision", "outcome.status", "event_hash").map(Complete::new),
      Stream.of(new Unique("event_id")),
      Stream.of(
          new AllowedValues("action.type", Vocabulary.allowed(Vocabulary.ActionType.class)),
          new AllowedValues("credential.kind", Vocabulary.allowed(Vocabulary.CredentialKind.class)),
          new AllowedValues("data_sensitivity", Vocabulary.allowed(Vocabulary.DataSensitivity.class)),
          new AllowedValues("policy.decision", Vocabulary.allowed(Vocabulary.PolicyDecision.class)),
          new AllowedValues("outcome.status", Vocabulary.allowed(Vocabulary.OutcomeStatus.class)),
          new Between("confidence", 0.0, 1.0),
          new Between("policy.tier", 1, 4)),
      Stream.of("records_affected", "usage.input_tokens", "usage.output_tokens", "usage.latency_ms").map(NonNegative::new))
      .flatMap(s -> s).map(Rule.class::cast).toList();

  /** Runs the suite on events rows. */
  static DataQuality.Result verify(Lakehouse lake, Dataset<Row> events) {
    return DataQuality.verify(lake.spark(), events, "events_batch", RULES);
  }

  /** Whether Deequ measured every event_id of the batch as unique (its uniqueness is 1). */
  static boolean idsUnique(DataQuality.Result result) {
    return result.measurements().stream().anyMatch(m -> "Uniqueness".equals(m.metric()) && "event_id".equals(m.instance())
        && m.value() != null && m.value() == 1.0);
  }

  private static final StructType DQ = SparkSchemaUtil.convert(Tables.DQ_METRICS.schema());

  static Dataset<Row> rows(Lakehouse lake, DataQuality.Result result, String runId, LocalDate day, Instant at) {
    List<Row> rows = new ArrayList<>();
    for (DataQuality.Measurement m : result.measurements()) {
      rows.add(RowMaker.of(DQ).set("run_id", runId).set("landing_date", day).set("dataset", "events_batch")
          .set("entity", m.entity()).set("instance", m.instance()).set("metric", m.metric()).set("value", m.value())
          .set("constraint", m.constraint()).set("constraint_status", m.constraintStatus()).set("message", m.message())
          .set("computed_at", at).build());
    }
    return lake.spark().createDataFrame(rows, DQ);
  }
}

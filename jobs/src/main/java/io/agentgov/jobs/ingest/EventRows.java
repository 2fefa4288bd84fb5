package io.agentgov.jobs.ingest;

import io.agentgov.contract.Records.Model;
import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.event.AuditEvent;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Turns a validated {@link AuditEvent} into a row of the {@code events} table. */
public final class EventRows {
  /** The events table as a Spark struct, derived from its one definition. */
  public static final StructType EVENT = SparkSchemaUtil.convert(Tables.EVENTS.schema());
  private static final StructType MODEL = RowMaker.struct(EVENT, "model");
  private static final StructType CREDENTIAL = RowMaker.struct(EVENT, "credential");
  private static final StructType TRACE = RowMaker.struct(EVENT, "trace");
  private static final StructType DELEGATION = RowMaker.struct(EVENT, "delegation");
  private static final StructType PERMISSION = RowMaker.struct(DELEGATION, "granted_permissions");
  private static final StructType ACTION = RowMaker.struct(EVENT, "action");
  private static final StructType AMOUNT = RowMaker.struct(EVENT, "amount");
  private static final StructType INPUT_CONTEXT = RowMaker.struct(EVENT, "input_context");
  private static final StructType POLICY = RowMaker.struct(EVENT, "policy");
  private static final StructType OVERSIGHT = RowMaker.struct(EVENT, "oversight");
  private static final StructType OUTCOME = RowMaker.struct(EVENT, "outcome");
  private static final StructType USAGE = RowMaker.struct(EVENT, "usage");
  private static final StructType RETENTION = RowMaker.struct(EVENT, "retention");

  private EventRows() {}

  /** Where a record came from: the lineage columns of its row. */
  public record Lineage(String sourceFormat, String sourceFile, long sourceLine, LocalDate landingDate, String runId,
                        Instant ingestedAt) implements java.io.Serializable {}

  public static Row toRow(AuditEvent e, Lineage lineage) {
    RowMaker row = RowMaker.of(EVENT)
        .set("event_id", e.eventId())
        .set("event_date", EventValidator.eventDay(e.eventTime()))
        .set("event_time", e.eventTime())
        .set("schema_version", e.schemaVersion())
        .set("agent_id", e.agentId())
        .set("agent_version", e.agentVersion())
        .set("model", model(e.model()))
        .set("credential", RowMaker.of(CREDENTIAL).set("id", e.credential().id()).set("kind", e.credential().kind()).build())
        .set("on_behalf_of", e.onBehalfOf())
        .set("trace", RowMaker.of(TRACE).set("trace_id", e.trace().traceId()).set("span_id", e.trace().spanId())
            .set("parent_span_id", e.trace().parentSpanId()).set("session_id", e.trace().sessionId()).build())
        .set("delegation", e.delegation() == null ? null : RowMaker.of(DELEGATION)
            .set("parent_agent_id", e.delegation().parentAgentId()).set("depth", e.delegation().depth())
            .set("granted_permissions", permissions(e.delegation().grantedPermissions())).build())
        .set("action", RowMaker.of(ACTION).set("type", e.action().type()).set("tool", e.action().tool())
            .set("target_system", e.action().targetSystem()).set("target_resource", e.action().targetResource()).build())
        .set("amount", e.amount() == null ? null
            : RowMaker.of(AMOUNT).set("value", e.amount().value()).set("currency", e.amount().currency()).build())
        .set("records_affected", e.recordsAffected())
        .set("data_sensitivity", e.dataSensitivity())
        .set("reversible", e.reversible())
        .set("regulatory_scope", RowMaker.array(e.regulatoryScope()))
        .set("confidence", e.confidence())
        .set("input_context", e.inputContext() == null ? null : RowMaker.of(INPUT_CONTEXT)
            .set("digest", e.inputContext().digest()).set("summary", e.inputContext().summary()).build())
        .set("policy", RowMaker.of(POLICY).set("checked", e.policy().checked()).set("decision", e.policy().decision())
            .set("rule_id", e.policy().ruleId()).set("policy_version", e.policy().policyVersion())
            .set("tier", e.policy().tier()).build())
        .set("oversight", e.oversight() == null ? null : RowMaker.of(OVERSIGHT)
            .set("mode", e.oversight().mode()).set("escalated_to", e.oversight().escalatedTo())
            .set("requested_at", e.oversight().requestedAt()).set("responded_at", e.oversight().respondedAt())
            .set("decision", e.oversight().decision()).set("sla_seconds", e.oversight().slaSeconds()).build())
        .set("outcome", RowMaker.of(OUTCOME).set("status", e.outcome().status()).set("error_code", e.outcome().errorCode())
            .set("executed_at", e.outcome().executedAt()).build())
        .set("usage", e.usage() == null ? null : RowMaker.of(USAGE).set("input_tokens", e.usage().inputTokens())
            .set("output_tokens", e.usage().outputTokens()).set("latency_ms", e.usage().latencyMs()).build())
        .set("retention", e.retention() == null ? null : RowMaker.of(RETENTION)
            .set("class", e.retention().retentionClass()).set("retain_until", e.retention().retainUntil()).build())
        .set("extras", e.extras().isEmpty() ? null : RowMaker.map(e.extras()))
        .set("source_format", lineage.sourceFormat())
        .set("source_file", lineage.sourceFile())
        .set("source_line", lineage.sourceLine())
        .set("landing_date", lineage.landingDate())
        .set("ingest_run_id", lineage.runId())
        .set("ingested_at", lineage.ingestedAt());
    Row withoutHash = row.build();
    return row.set("event_hash", EventDigest.hash(withoutHash)).build();
  }

  private static Row model(Model m) {
    return m == null ? null
        : RowMaker.of(MODEL).set("provider", m.provider()).set("name", m.name()).set("version", m.version()).build();
  }

  private static Object[] permissions(List<Permission> permissions) {
    if (permissions == null) {
      return null;
    }
    return permissions.stream().map(p -> RowMaker.of(PERMISSION).set("action_type", p.actionType())
        .set("target_system", p.targetSystem()).build()).toArray();
  }
}

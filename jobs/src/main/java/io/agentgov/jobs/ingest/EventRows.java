package io.agentgov.jobs.ingest;

import static io.agentgov.jobs.ingest.Catalyst.days;
import static io.agentgov.jobs.ingest.Catalyst.micros;
import static io.agentgov.jobs.ingest.Catalyst.str;

import io.agentgov.contract.Records.Model;
import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.event.AuditEvent;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/** Turns a validated {@link AuditEvent} into a row of the {@code events} table (Spark internal form). */
public final class EventRows {
  /** The events table as a Spark struct, derived from its one definition. */
  public static final StructType EVENT = SparkSchemaUtil.convert(Tables.EVENTS.schema());
  private static final RowMaker.Layout ROW = RowMaker.Layout.of(EVENT);
  private static final RowMaker.Layout MODEL = RowMaker.Layout.of(RowMaker.struct(EVENT, "model"));
  private static final RowMaker.Layout CREDENTIAL = RowMaker.Layout.of(RowMaker.struct(EVENT, "credential"));
  private static final RowMaker.Layout TRACE = RowMaker.Layout.of(RowMaker.struct(EVENT, "trace"));
  private static final RowMaker.Layout DELEGATION = RowMaker.Layout.of(RowMaker.struct(EVENT, "delegation"));
  private static final RowMaker.Layout PERMISSION = RowMaker.Layout.of(RowMaker.struct(DELEGATION.type, "granted_permissions"));
  private static final RowMaker.Layout ACTION = RowMaker.Layout.of(RowMaker.struct(EVENT, "action"));
  private static final RowMaker.Layout AMOUNT = RowMaker.Layout.of(RowMaker.struct(EVENT, "amount"));
  private static final RowMaker.Layout INPUT_CONTEXT = RowMaker.Layout.of(RowMaker.struct(EVENT, "input_context"));
  private static final RowMaker.Layout POLICY = RowMaker.Layout.of(RowMaker.struct(EVENT, "policy"));
  private static final RowMaker.Layout OVERSIGHT = RowMaker.Layout.of(RowMaker.struct(EVENT, "oversight"));
  private static final RowMaker.Layout OUTCOME = RowMaker.Layout.of(RowMaker.struct(EVENT, "outcome"));
  private static final RowMaker.Layout USAGE = RowMaker.Layout.of(RowMaker.struct(EVENT, "usage"));
  private static final RowMaker.Layout RETENTION = RowMaker.Layout.of(RowMaker.struct(EVENT, "retention"));

  private EventRows() {}

  /** Where a record came from: the lineage columns of its row. */
  public record Lineage(String sourceFormat, String sourceFile, long sourceLine, LocalDate landingDate, String runId,
                        Instant ingestedAt) implements java.io.Serializable {}

  /** The event as an internal row of the events table, with its {@code event_hash}. */
  public static InternalRow toRow(AuditEvent e, Lineage lineage) {
    RowMaker row = RowMaker.of(ROW)
        .set("event_id", str(e.eventId()))
        .set("event_date", days(EventValidator.eventDay(e.eventTime())))
        .set("event_time", micros(e.eventTime()))
        .set("schema_version", str(e.schemaVersion()))
        .set("agent_id", str(e.agentId()))
        .set("agent_version", str(e.agentVersion()))
        .set("model", model(e.model()))
        .set("credential", RowMaker.of(CREDENTIAL).set("id", str(e.credential().id()))
            .set("kind", str(e.credential().kind())).buildInternal())
        .set("on_behalf_of", str(e.onBehalfOf()))
        .set("trace", RowMaker.of(TRACE).set("trace_id", str(e.trace().traceId())).set("span_id", str(e.trace().spanId()))
            .set("parent_span_id", str(e.trace().parentSpanId())).set("session_id", str(e.trace().sessionId()))
            .buildInternal())
        .set("delegation", e.delegation() == null ? null : RowMaker.of(DELEGATION)
            .set("parent_agent_id", str(e.delegation().parentAgentId())).set("depth", e.delegation().depth())
            .set("granted_permissions", Catalyst.array(e.delegation().grantedPermissions(), EventRows::permission))
            .buildInternal())
        .set("action", RowMaker.of(ACTION).set("type", str(e.action().type())).set("tool", str(e.action().tool()))
            .set("target_system", str(e.action().targetSystem())).set("target_resource", str(e.action().targetResource()))
            .buildInternal())
        .set("amount", e.amount() == null ? null : RowMaker.of(AMOUNT)
            .set("value", Catalyst.decimal(e.amount().value(), 38, EventValidator.AMOUNT_SCALE))
            .set("currency", str(e.amount().currency())).buildInternal())
        .set("records_affected", e.recordsAffected())
        .set("data_sensitivity", str(e.dataSensitivity()))
        .set("reversible", e.reversible())
        .set("regulatory_scope", Catalyst.array(e.regulatoryScope(), Catalyst::str))
        .set("confidence", e.confidence())
        .set("input_context", e.inputContext() == null ? null : RowMaker.of(INPUT_CONTEXT)
            .set("digest", str(e.inputContext().digest())).set("summary", str(e.inputContext().summary())).buildInternal())
        .set("policy", RowMaker.of(POLICY).set("checked", e.policy().checked()).set("decision", str(e.policy().decision()))
            .set("rule_id", str(e.policy().ruleId())).set("policy_version", str(e.policy().policyVersion()))
            .set("tier", e.policy().tier()).buildInternal())
        .set("oversight", e.oversight() == null ? null : RowMaker.of(OVERSIGHT)
            .set("mode", str(e.oversight().mode())).set("escalated_to", str(e.oversight().escalatedTo()))
            .set("requested_at", micros(e.oversight().requestedAt())).set("responded_at", micros(e.oversight().respondedAt()))
            .set("decision", str(e.oversight().decision())).set("sla_seconds", e.oversight().slaSeconds()).buildInternal())
        .set("outcome", RowMaker.of(OUTCOME).set("status", str(e.outcome().status()))
            .set("error_code", str(e.outcome().errorCode())).set("executed_at", micros(e.outcome().executedAt()))
            .buildInternal())
        .set("usage", e.usage() == null ? null : RowMaker.of(USAGE).set("input_tokens", e.usage().inputTokens())
            .set("output_tokens", e.usage().outputTokens()).set("latency_ms", e.usage().latencyMs()).buildInternal())
        .set("retention", e.retention() == null ? null : RowMaker.of(RETENTION)
            .set("class", str(e.retention().retentionClass())).set("retain_until", days(e.retention().retainUntil()))
            .buildInternal())
        .set("extras", Catalyst.stringMap(e.extras()))
        .set("source_format", str(lineage.sourceFormat()))
        .set("source_file", str(lineage.sourceFile()))
        .set("source_line", lineage.sourceLine())
        .set("landing_date", days(lineage.landingDate()))
        .set("ingest_run_id", str(lineage.runId()))
        .set("ingested_at", micros(lineage.ingestedAt()));
    InternalRow withoutHash = row.buildInternal();
    return row.set("event_hash", str(EventDigest.hash(withoutHash, EVENT))).buildInternal();
  }

  private static InternalRow model(Model m) {
    return m == null ? null : RowMaker.of(MODEL).set("provider", str(m.provider())).set("name", str(m.name()))
        .set("version", str(m.version())).buildInternal();
  }

  private static Object permission(Permission p) {
    return RowMaker.of(PERMISSION).set("action_type", str(p.actionType())).set("target_system", str(p.targetSystem()))
        .buildInternal();
  }
}

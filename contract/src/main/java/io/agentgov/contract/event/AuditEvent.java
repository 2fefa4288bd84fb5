package io.agentgov.contract.event;

import io.agentgov.contract.Records.Model;
import io.agentgov.contract.Records.Permission;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One audit event of input contract v1 §1, validated and normalised: times in UTC at microsecond
 * precision, ids in lower-case hex, enum values in their wire spelling, unknown fields in
 * {@link #extras} (dotted path to canonical JSON text). Optional parts are null when absent.
 */
public record AuditEvent(
    String schemaVersion,
    String eventId,
    Instant eventTime,
    String agentId,
    String agentVersion,
    Model model,
    Credential credential,
    String onBehalfOf,
    Trace trace,
    Delegation delegation,
    Action action,
    Amount amount,
    Long recordsAffected,
    String dataSensitivity,
    boolean reversible,
    List<String> regulatoryScope,
    Double confidence,
    InputContext inputContext,
    Policy policy,
    Oversight oversight,
    Outcome outcome,
    Usage usage,
    Retention retention,
    Map<String, String> extras) {

  public record Credential(String id, String kind) {}

  public record Trace(String traceId, String spanId, String parentSpanId, String sessionId) {}

  public record Delegation(String parentAgentId, Integer depth, List<Permission> grantedPermissions) {}

  public record Action(String type, String tool, String targetSystem, String targetResource) {}

  public record Amount(BigDecimal value, String currency) {}

  public record InputContext(String digest, String summary) {}

  public record Policy(boolean checked, String decision, String ruleId, String policyVersion, Integer tier) {}

  public record Oversight(String mode, String escalatedTo, Instant requestedAt, Instant respondedAt, String decision,
                          Long slaSeconds) {}

  public record Outcome(String status, String errorCode, Instant executedAt) {}

  public record Usage(Long inputTokens, Long outputTokens, Long latencyMs) {}

  public record Retention(String retentionClass, LocalDate retainUntil) {}
}

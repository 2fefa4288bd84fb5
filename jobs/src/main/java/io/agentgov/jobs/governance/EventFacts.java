package io.agentgov.jobs.governance;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The fields of one audit event the governance rules read (input contract v1, section 1), flat.
 * Permissions are {@link RegistryEntry#permission} keys; {@code delegatedPermissions} is null when
 * the event carries no {@code delegation.granted_permissions}; {@code model} is
 * {@code provider/name@version} or null.
 */
public record EventFacts(String eventId, String agentId, Instant eventTime, LocalDate eventDate, String credentialId,
    String credentialKind, String onBehalfOf, String traceId, String spanId, String parentSpanId,
    String delegationParent, Integer delegationDepth, List<String> delegatedPermissions, String actionType,
    String targetSystem, BigDecimal amount, Long recordsAffected, String dataSensitivity, boolean reversible,
    boolean regulatoryScopeNonEmpty, boolean checked, String decision, Integer gatewayTier, String oversightMode,
    String escalatedTo, Instant requestedAt, Instant respondedAt, String oversightDecision, Long slaSeconds,
    String outcomeStatus, Instant executedAt, String model) implements Serializable {

  public String permission() {
    return RegistryEntry.permission(actionType, targetSystem);
  }

  /** Delegated to: it names a delegating agent or sits below the top of a delegation chain. */
  public boolean delegated() {
    return delegationParent != null || (delegationDepth != null && delegationDepth > 0);
  }

  /** The action took effect: it has an execution time, or its outcome says it (partly) succeeded. */
  public boolean executed() {
    return executedAt != null || "success".equals(outcomeStatus) || "partial".equals(outcomeStatus);
  }
}

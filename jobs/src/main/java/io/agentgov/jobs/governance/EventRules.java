package io.agentgov.jobs.governance;

import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicyInput;
import io.agentgov.contract.policy.RequiredTier;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The governance rules of one event, judged against the registry entry of the event's day and the
 * policy in force at its time (input contract v1, "Escalation policy" and "Precise rules"). Pure:
 * the detect job applies it to every event of the night on the executors.
 *
 * <p>Registry-level rules (scope, tier, oversight, SLA, delegation, model) apply to registered
 * agents only: an agent the registry does not list is a shadow agent, and that is its finding.
 */
public final class EventRules {
  private static final Set<String> APPROVED = Set.of("approved", "modified");
  private static final Set<String> PERSONAL_DATA = Set.of("pii", "special_category");
  private static final Set<String> MONEY_MOVES = Set.of("payment", "refund");

  private EventRules() {}

  /**
   * @param entry the agent's registry version on the event's day; null when not listed
   * @param policy the escalation policy in force at the event's time
   * @param nightEnd the end of the night being judged: an escalation still unanswered then is
   *     unanswered only once its SLA has run out by then
   */
  public static EventVerdict judge(EventFacts e, RegistryEntry entry, EscalationPolicy policy, Instant nightEnd) {
    boolean registered = entry != null;
    boolean outsideScope = registered && !entry.declaredScope().contains(e.permission());
    RequiredTier required = policy.requiredTier(new PolicyInput(e.actionType(), e.amount(), e.recordsAffected(),
        e.dataSensitivity(), e.reversible(), e.regulatoryScopeNonEmpty(), outsideScope));
    boolean highImpact = !e.reversible() || PERSONAL_DATA.contains(e.dataSensitivity())
        || MONEY_MOVES.contains(e.actionType());
    if (!registered) {
      return new EventVerdict(e, false, null, null, false, required.tier(), String.join(",", required.decidingRuleIds()),
          false, null, null, null, null, null, null, null, highImpact);
    }
    boolean tierViolation = e.checked() && e.gatewayTier() != null && e.gatewayTier() < required.tier();
    // Oversight is judged against the tier the gateway applied when it checked (a tier set too low is
    // a tier violation, counted once there), against the required tier when it did not check at all.
    int tier = e.checked() && e.gatewayTier() != null ? e.gatewayTier() : required.tier();
    long sla = e.slaSeconds() != null ? e.slaSeconds() : policy.approvalSlaSeconds();
    Long response = e.requestedAt() == null ? null
        : Duration.between(e.requestedAt(), e.respondedAt() != null ? e.respondedAt() : nightEnd).toSeconds();
    return new EventVerdict(e, true, entry.businessUnit(), lifecycleProblem(e, entry), outsideScope, required.tier(),
        String.join(",", required.decidingRuleIds()), tierViolation, oversightProblem(e, tier),
        slaProblem(e, tier, sla, response), response, e.requestedAt() == null ? null : sla, cascadeProblem(e, entry),
        modelMismatch(e, entry) ? e.model() : null, entry.model(), highImpact);
  }

  /** Acting when the registry says it may not: decommissioned or suspended, or with a dead credential. */
  static String lifecycleProblem(EventFacts e, RegistryEntry entry) {
    if (RegistryEntry.DECOMMISSIONED.equals(entry.status())
        || (entry.decommissionedAt() != null && !entry.decommissionedAt().isAfter(e.eventTime()))) {
      return "decommissioned";
    }
    if (RegistryEntry.SUSPENDED.equals(entry.status())) {
      return "suspended";
    }
    RegistryEntry.Credential c = entry.credential(e.credentialId());
    if (c != null && c.revokedAt() != null && !c.revokedAt().isAfter(e.eventTime())) {
      return "credential_revoked";
    }
    if (c != null && c.expiresAt() != null && !c.expiresAt().isAfter(e.eventTime())) {
      return "credential_expired";
    }
    return null;
  }

  /**
   * The oversight the tier requires (contract: 2 notify; 3 approved before execution; 4 halted
   * unless approved), checked on executed actions only: a blocked or failed action did no harm.
   * An unchecked action needing approval is {@code not_checked}: no gateway asked anyone.
   */
  static String oversightProblem(EventFacts e, int tier) {
    if (!e.executed()) {
      return null;
    }
    if (tier >= 3) {
      Instant effect = e.executedAt() != null ? e.executedAt() : e.eventTime();
      boolean approvedBefore = e.oversightDecision() != null && APPROVED.contains(e.oversightDecision())
          && e.respondedAt() != null && !e.respondedAt().isAfter(effect);
      if (approvedBefore) {
        return null;
      }
      if (!e.checked()) {
        return "not_checked";
      }
      return tier >= 4 ? "executed_despite_halt" : "executed_before_approval";
    }
    if (tier == 2 && e.checked() && e.escalatedTo() == null && e.requestedAt() == null) {
      return "not_notified";
    }
    return null;
  }

  /**
   * An escalation needing a decision (tier 3 or 4) answered after its SLA, timed out, or never
   * answered while the action waited. An action executed with its escalation unanswered did not
   * wait: that is an oversight violation, and counting it here too would blame the approver for a
   * request the agent bypassed.
   */
  static String slaProblem(EventFacts e, int tier, long slaSeconds, Long responseSeconds) {
    if (tier < 3 || e.requestedAt() == null) {
      return null;
    }
    if ("timed_out".equals(e.oversightDecision())) {
      return "timed_out";
    }
    if (responseSeconds != null && responseSeconds > slaSeconds) {
      if (e.respondedAt() != null) {
        return "answered_late";
      }
      return e.executed() ? null : "unanswered";
    }
    return null;
  }

  /**
   * A sub-agent acting beyond what it holds: a permission outside its own grants (the delegating
   * agent lent it its own), or outside what the delegation granted it.
   */
  static String cascadeProblem(EventFacts e, RegistryEntry entry) {
    if (!e.delegated()) {
      return null;
    }
    if (!entry.grantedPermissions().contains(e.permission())) {
      return "beyond_own_grants";
    }
    if (e.delegatedPermissions() != null && !e.delegatedPermissions().contains(e.permission())) {
      return "beyond_delegated";
    }
    return null;
  }

  /** The event names a model and it is not the registry's (provider compared only when both name one). */
  static boolean modelMismatch(EventFacts e, RegistryEntry entry) {
    if (e.model() == null || entry.model() == null) {
      return false;
    }
    return !ModelName.sameModel(e.model(), entry.model());
  }
}

package io.agentgov.jobs.governance;

import java.io.Serializable;

/**
 * What the governance rules ({@link EventRules}) make of one event; a null problem means none.
 *
 * @param lifecycleProblem {@code decommissioned}, {@code suspended}, {@code credential_revoked} or
 *     {@code credential_expired}: the agent or its credential was not allowed to act at the event time
 * @param requiredTier the tier the policy in force requires (the highest matching rule, at least 1)
 * @param decidingRules the rules that gave the required tier, comma-separated ("" at tier 1)
 * @param oversightProblem {@code executed_before_approval}, {@code executed_despite_halt},
 *     {@code not_checked} or {@code not_notified}
 * @param slaProblem {@code answered_late}, {@code timed_out} or {@code unanswered}
 * @param responseSeconds seconds from request to answer (to the night's end while unanswered)
 * @param cascadeProblem {@code beyond_own_grants} or {@code beyond_delegated}
 * @param observedModel the event's model when it differs from the registry's, else null
 * @param highImpact irreversible, personal or special-category data, or money moved (payment, refund)
 */
public record EventVerdict(EventFacts facts, boolean registered, String businessUnit, String lifecycleProblem,
    boolean outsideScope, int requiredTier, String decidingRules, boolean tierViolation, String oversightProblem,
    String slaProblem, Long responseSeconds, Long slaSeconds, String cascadeProblem, String observedModel,
    String registryModel, boolean highImpact) implements Serializable {}

/**
 * Escalation policies (input contract v1, "Escalation policy"): {@link io.agentgov.contract.policy.EscalationPolicy}
 * parses and checks one versioned document and computes the tier an action requires;
 * {@link io.agentgov.contract.policy.PolicySet} holds every version and picks the one in force for an
 * event. The policy that ships with agentgov is the resource {@code io/agentgov/contract/default-policy.yaml}.
 */
package io.agentgov.contract.policy;

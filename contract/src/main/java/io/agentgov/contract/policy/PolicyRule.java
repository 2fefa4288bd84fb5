package io.agentgov.contract.policy;

import java.util.Objects;

/** One escalation rule: an action matching {@code when} requires at least {@code tier} (1-4). */
public record PolicyRule(String id, int tier, RuleCondition when) {
  public PolicyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(when, "when");
    if (tier < 1 || tier > 4) {
      throw new IllegalArgumentException("Cannot create rule " + id + ": tier " + tier + " is not in 1..4");
    }
  }

  public boolean matches(PolicyInput input) {
    return when.matches(input);
  }
}

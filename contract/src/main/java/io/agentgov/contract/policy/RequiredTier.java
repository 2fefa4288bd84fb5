package io.agentgov.contract.policy;

import java.util.List;

/**
 * The tier an action requires under one policy and the oversight that tier demands.
 *
 * @param tier the highest tier among the matching rules, 1 when none matches
 * @param oversightMode the {@code Vocabulary.OversightMode} wire value the policy maps {@code tier} to
 * @param decidingRuleIds the matching rules at {@code tier}, in document order; empty when none matched
 * @param matchedRuleIds every matching rule, highest tier first, document order within a tier (so
 *     it starts with {@code decidingRuleIds})
 */
public record RequiredTier(int tier, String oversightMode, List<String> decidingRuleIds, List<String> matchedRuleIds) {
  public RequiredTier {
    decidingRuleIds = List.copyOf(decidingRuleIds);
    matchedRuleIds = List.copyOf(matchedRuleIds);
  }
}

package io.agentgov.contract.policy;

import io.agentgov.contract.Vocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gaps and overlaps between the tiers of one policy (docs/contract.md, "Gaps and overlaps between
 * tiers"). A policy whose document is well formed can still contradict itself; these checks find,
 * in this order:
 * <ol>
 *   <li><b>oversight out of order</b>: a tier whose oversight mode is weaker than the tier below
 *       it (modes from weakest to strongest: none, on_the_loop, in_the_loop, halt_escalate, the
 *       order of {@link Vocabulary.OversightMode}), so raising an action's tier would lower the
 *       oversight it gets;</li>
 *   <li><b>a rule that matches no action</b>: {@code action_type_not} removes every type its
 *       {@code action_type} names (or every type there is);</li>
 *   <li><b>overlap</b>: a rule B such that another rule A of an equal or higher tier matches every
 *       action B matches. The required tier is the highest matching one, so B never decides a tier:
 *       either it repeats A, or it contradicts A by stating a lower tier for actions A already
 *       escalates. Of two rules with the same condition and tier, the later one is reported;</li>
 *   <li><b>gap</b>: on a threshold ladder (rules that name {@code amount_above}, or
 *       {@code records_above}, and are otherwise the same condition), two neighbouring thresholds
 *       whose tiers differ by more than one: no value on that ladder requires the tier between them,
 *       e.g. payments go from notify-only straight to halt. Where a ladder starts is free (a refund
 *       rule may start at tier 3), because below its first threshold other rules decide.</li>
 * </ol>
 * Each check reports the first problem with the path of the offending key, the rule ids and tiers
 * involved, and what to change.
 */
final class TierCoverage {
  private static final List<String> THRESHOLDS = List.of("amount_above", "records_above");

  /** A problem with the path of the key to fix and the index of the rule it belongs to (-1: none). */
  record Problem(String path, int rule, String message) {}

  private TierCoverage() {}

  /** The first gap or overlap, or null when the tiers are coherent. */
  static Problem find(List<PolicyRule> rules, Map<Integer, String> oversight) {
    Problem problem = oversightOrder(oversight);
    if (problem == null) {
      problem = emptyRule(rules);
    }
    if (problem == null) {
      problem = overlap(rules);
    }
    if (problem == null) {
      problem = gap(rules, oversight);
    }
    return problem;
  }

  private static Problem oversightOrder(Map<Integer, String> oversight) {
    for (int tier = 2; tier <= 4; tier++) {
      String lower = oversight.get(tier - 1);
      String mode = oversight.get(tier);
      if (strength(mode) < strength(lower)) {
        return new Problem("oversight." + tier, -1, "tier " + tier + " requires " + mode + ", less oversight than tier "
            + (tier - 1) + " (" + lower + "); a higher tier must require at least the oversight of the tier below"
            + " (none < on_the_loop < in_the_loop < halt_escalate)");
      }
    }
    return null;
  }

  private static int strength(String mode) {
    return Vocabulary.fromWire(Vocabulary.OversightMode.class, mode).ordinal();
  }

  private static Problem emptyRule(List<PolicyRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).when().actionTypes().isEmpty()) {
        return new Problem("rules[" + i + "].when.action_type_not", i,
            "matches no action: action_type_not leaves no action type to match");
      }
    }
    return null;
  }

  private static Problem overlap(List<PolicyRule> rules) {
    for (int b = 0; b < rules.size(); b++) {
      PolicyRule covered = rules.get(b);
      for (int a = 0; a < rules.size(); a++) {
        PolicyRule covering = rules.get(a);
        if (a == b || covering.tier() < covered.tier() || !covered.when().implies(covering.when())) {
          continue;
        }
        boolean twin = covering.tier() == covered.tier() && covering.when().implies(covered.when());
        if (twin && a > b) {
          continue; // the same rule twice: the later copy is the one reported
        }
        String other = covering.id() + " (rules[" + a + "], tier " + covering.tier() + ")";
        return new Problem("rules[" + b + "]", b, twin
            ? "tier " + covered.tier() + " repeats rule " + other + ": both match the same actions; remove one"
            : "tier " + covered.tier() + " overlaps rule " + other + ": every action this rule matches also matches "
                + covering.id() + ", which requires " + (covering.tier() == covered.tier() ? "the same" : "a higher")
                + " tier, so this rule never changes a required tier; remove it, or narrow " + covering.id());
      }
    }
    return null;
  }

  private static Problem gap(List<PolicyRule> rules, Map<Integer, String> oversight) {
    for (String key : THRESHOLDS) {
      Map<RuleCondition, List<Integer>> ladders = new LinkedHashMap<>();
      for (int i = 0; i < rules.size(); i++) {
        if (threshold(rules.get(i), key) != null) {
          ladders.computeIfAbsent(rules.get(i).when().withoutThreshold(key), c -> new ArrayList<>()).add(i);
        }
      }
      for (List<Integer> ladder : ladders.values()) {
        List<Integer> rungs = new ArrayList<>(ladder);
        rungs.sort(Comparator.comparing(i -> threshold(rules.get(i), key)));
        // The overlap check has passed, so tiers rise strictly with the threshold along a ladder.
        for (int k = 1; k < rungs.size(); k++) {
          PolicyRule low = rules.get(rungs.get(k - 1));
          PolicyRule high = rules.get(rungs.get(k));
          if (high.tier() - low.tier() > 1) {
            int missing = low.tier() + 1;
            return new Problem("rules[" + rungs.get(k) + "].tier", rungs.get(k), "tiers " + low.tier() + " and "
                + high.tier() + " leave a gap on the " + key + " ladder: rule " + low.id() + " (rules[" + rungs.get(k - 1)
                + "]) requires tier " + low.tier() + " above " + threshold(low, key).toPlainString() + " and this rule tier "
                + high.tier() + " above " + threshold(high, key).toPlainString() + ", so no value requires tier " + missing + " ("
                + oversight.get(missing) + "); add a tier-" + missing + " rule with a threshold between them, or change a tier");
          }
        }
      }
    }
    return null;
  }

  private static BigDecimal threshold(PolicyRule rule, String key) {
    RuleCondition when = rule.when();
    if (key.equals("amount_above")) {
      return when.amountAbove();
    }
    return when.recordsAbove() == null ? null : BigDecimal.valueOf(when.recordsAbove());
  }
}

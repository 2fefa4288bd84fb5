package io.agentgov.contract.policy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.Vocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code when} of an escalation rule. Every key is optional (null = not part of the condition);
 * the condition matches an action when every key present matches, so an empty condition matches
 * every action. Key semantics, from input contract v1 ("Escalation policy"):
 * <ul>
 *   <li>{@code action_type}: the action type is in the list;</li>
 *   <li>{@code action_type_not}: the action type is not in the list;</li>
 *   <li>{@code amount_above}: the amount, at face value in any currency, is strictly above; an
 *       action without an amount does not match;</li>
 *   <li>{@code records_above}: {@code records_affected} is strictly above; unknown does not match;</li>
 *   <li>{@code data_sensitivity}: the sensitivity is in the list;</li>
 *   <li>{@code reversible}: equals the action's {@code reversible};</li>
 *   <li>{@code regulatory_scope_any}: true matches a non-empty scope, false an empty one;</li>
 *   <li>{@code outside_declared_scope}: equals whether the action is outside the declared scope.</li>
 * </ul>
 */
public record RuleCondition(List<String> actionType, List<String> actionTypeNot, BigDecimal amountAbove, Long recordsAbove,
    List<String> dataSensitivity, Boolean reversible, Boolean regulatoryScopeAny, Boolean outsideDeclaredScope) {

  /** The keys a {@code when} may name, in the order the contract lists them. */
  public static final List<String> KEYS = List.of("action_type", "action_type_not", "amount_above", "records_above",
      "data_sensitivity", "reversible", "regulatory_scope_any", "outside_declared_scope");

  public RuleCondition {
    actionType = actionType == null ? null : List.copyOf(actionType);
    actionTypeNot = actionTypeNot == null ? null : List.copyOf(actionTypeNot);
    dataSensitivity = dataSensitivity == null ? null : List.copyOf(dataSensitivity);
  }

  public boolean matches(PolicyInput input) {
    return (actionType == null || actionType.contains(input.actionType()))
        && (actionTypeNot == null || !actionTypeNot.contains(input.actionType()))
        && (amountAbove == null || (input.amount() != null && input.amount().compareTo(amountAbove) > 0))
        && (recordsAbove == null || (input.recordsAffected() != null && input.recordsAffected() > recordsAbove))
        && (dataSensitivity == null || dataSensitivity.contains(input.dataSensitivity()))
        && (reversible == null || reversible == input.reversible())
        && (regulatoryScopeAny == null || regulatoryScopeAny == input.regulatoryScopeNonEmpty())
        && (outsideDeclaredScope == null || outsideDeclaredScope == input.outsideDeclaredScope());
  }

  /**
   * Whether every action this condition matches also matches {@code other}. Sound but not complete:
   * true is always right, and the cases it cannot see (e.g. {@code other} listing every data
   * sensitivity) only make a policy check miss an overlap, never report a false one.
   */
  public boolean implies(RuleCondition other) {
    Set<String> types = actionTypes();
    return (other.actionType == null || other.actionType.containsAll(types))
        && (other.actionTypeNot == null || Collections.disjoint(other.actionTypeNot, types))
        && (other.amountAbove == null || (amountAbove != null && amountAbove.compareTo(other.amountAbove) >= 0))
        && (other.recordsAbove == null || (recordsAbove != null && recordsAbove >= other.recordsAbove))
        && (other.dataSensitivity == null || (dataSensitivity != null && other.dataSensitivity.containsAll(dataSensitivity)))
        && (other.reversible == null || other.reversible.equals(reversible))
        && (other.regulatoryScopeAny == null || other.regulatoryScopeAny.equals(regulatoryScopeAny))
        && (other.outsideDeclaredScope == null || other.outsideDeclaredScope.equals(outsideDeclaredScope));
  }

  /** The action types this condition can match: {@code action_type} (or every type) minus {@code action_type_not}. */
  public Set<String> actionTypes() {
    Set<String> types = new LinkedHashSet<>(actionType != null ? actionType : Vocabulary.allowed(Vocabulary.ActionType.class));
    if (actionTypeNot != null) {
      types.removeAll(actionTypeNot);
    }
    return types;
  }

  /**
   * This condition without one threshold ({@code amount_above} or {@code records_above}), its lists
   * sorted and without repeats: rules that name that threshold and whose conditions are otherwise the
   * same have equal results here, and stand on one threshold ladder.
   */
  RuleCondition withoutThreshold(String key) {
    return new RuleCondition(sorted(actionType), sorted(actionTypeNot), key.equals("amount_above") ? null : amountAbove,
        key.equals("records_above") ? null : recordsAbove, sorted(dataSensitivity), reversible, regulatoryScopeAny,
        outsideDeclaredScope);
  }

  private static List<String> sorted(List<String> values) {
    if (values == null) {
      return null;
    }
    List<String> copy = new ArrayList<>(new LinkedHashSet<>(values));
    Collections.sort(copy);
    return copy;
  }

  /** The condition as a JSON object with the policy file's keys; absent keys are left out. */
  ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    if (actionType != null) {
      actionType.forEach(o.putArray("action_type")::add);
    }
    if (actionTypeNot != null) {
      actionTypeNot.forEach(o.putArray("action_type_not")::add);
    }
    if (amountAbove != null) {
      o.set("amount_above", DecimalNode.valueOf(amountAbove));
    }
    if (recordsAbove != null) {
      o.put("records_above", recordsAbove);
    }
    if (dataSensitivity != null) {
      dataSensitivity.forEach(o.putArray("data_sensitivity")::add);
    }
    if (reversible != null) {
      o.put("reversible", reversible);
    }
    if (regulatoryScopeAny != null) {
      o.put("regulatory_scope_any", regulatoryScopeAny);
    }
    if (outsideDeclaredScope != null) {
      o.put("outside_declared_scope", outsideDeclaredScope);
    }
    return o;
  }
}

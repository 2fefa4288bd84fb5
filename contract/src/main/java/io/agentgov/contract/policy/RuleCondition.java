package io.agentgov.contract.policy;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

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

package io.agentgov.contract.policy;

import io.agentgov.contract.Vocabulary;
import java.math.BigDecimal;

/**
 * What the escalation rules look at in one action (input contract v1, "Escalation policy"): the
 * audit event's {@code action.type}, {@code amount.value}, {@code records_affected},
 * {@code data_sensitivity}, {@code reversible}, whether {@code regulatory_scope} is non-empty, and
 * whether the action lies outside the agent's declared scope as the registry stated it at the
 * event's time (the caller decides that, including what "outside" means for an agent the registry
 * does not know).
 *
 * @param actionType an {@link Vocabulary.ActionType} wire value, e.g. {@code refund}
 * @param amount the amount at face value, any currency; null when the event has none
 * @param recordsAffected null when the event does not say
 * @param dataSensitivity a {@link Vocabulary.DataSensitivity} wire value, e.g. {@code pii}
 */
public record PolicyInput(String actionType, BigDecimal amount, Long recordsAffected, String dataSensitivity,
    boolean reversible, boolean regulatoryScopeNonEmpty, boolean outsideDeclaredScope) {

  /** Rejects values outside the contract: inputs come from validated events, so this is a caller bug. */
  public PolicyInput {
    if (actionType == null || Vocabulary.fromWire(Vocabulary.ActionType.class, actionType) == null) {
      throw new IllegalArgumentException("Cannot evaluate policy: action type \"" + actionType + "\" is not one of "
          + Vocabulary.allowed(Vocabulary.ActionType.class));
    }
    if (dataSensitivity == null || Vocabulary.fromWire(Vocabulary.DataSensitivity.class, dataSensitivity) == null) {
      throw new IllegalArgumentException("Cannot evaluate policy: data sensitivity \"" + dataSensitivity + "\" is not one of "
          + Vocabulary.allowed(Vocabulary.DataSensitivity.class));
    }
  }
}

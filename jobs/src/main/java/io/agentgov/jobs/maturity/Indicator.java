package io.agentgov.jobs.maturity;

import java.util.Locale;

/**
 * A measured maturity indicator of a business unit for a month, with the level each stage requires
 * (null: the stage does not ask for it). docs/maturity.md gives the rubric and the reasons.
 */
public enum Indicator {
  /** Agents seen acting that the registry lists, over all agents seen acting (shadow agents attributed to the unit). */
  INVENTORY_COVERAGE("registered share of the agents seen acting", 0.90, 0.99, 0.99),
  /** Actions under the agent's own credential: not a person's credential, not one shared with another agent. */
  OWN_IDENTITY("actions under the agent's own credential", 0.80, 0.95, 0.99),
  /** Actions under short-lived credentials of a kind the policy prefers (ephemeral or agent tokens). */
  SHORT_LIVED_CREDENTIALS("actions under short-lived credentials the policy prefers", null, 0.95, 0.99),
  /** Active agents with an active accountable business process owner. */
  NAMED_OWNERS("active agents with an active accountable owner", 0.90, 0.99, 1.00),
  /** Actions the gateway checked against the escalation policy. */
  POLICY_CHECKED("actions checked by the policy gateway", 0.90, 0.99, 0.99),
  /**
   * Actions of registered agents that are not evidence of a tier or oversight violation: the policy
   * is enforced, not only defined (the violating events are the findings' evidence added in the month).
   */
  POLICY_CONFORMANCE("actions without a tier or oversight violation", null, 0.98, 0.99),
  /** Event records that carried the full minimum data set (input contract section 1), i.e. not quarantined. */
  LOG_COMPLETENESS("event records with the full minimum data set (M1)", 0.99, 0.995, 0.995),
  /** Acting registered agents with a ready behavioural baseline on the month's last night. */
  BASELINE_COVERAGE("acting agents with a ready behavioural baseline", null, 0.80, 0.90),
  /** Active agents reviewed within review_max_age_days (90) at the month's end. */
  REVIEW_CADENCE("active agents reviewed within 90 days", 0.70, 0.95, 0.99),
  /** Active agents that passed a governance review before production. */
  GOVERNANCE_REVIEW("active agents that passed governance review before production", null, 0.95, 0.99),
  /** Active agents deployed through a pipeline with a governance gate. */
  PIPELINE_DEPLOYMENT("active agents deployed through a governed pipeline", null, 0.95, 0.99),
  /** Active agents without permissions granted but unused (least privilege) at the month's end. */
  LEAST_PRIVILEGE("active agents without unused granted permissions", null, null, 0.99),
  /** Acting registered agents whose decisions are reviewed on a probability sample (census, random, stratified). */
  SAMPLED_REVIEWS("acting agents with probability-sampled human reviews", null, 0.50, 0.90);

  private final String description;
  private final Double[] levels; // index 0: stage 2 Defined, 1: stage 3 Managed, 2: stage 4 Embedded

  Indicator(String description, Double defined, Double managed, Double embedded) {
    this.description = description;
    this.levels = new Double[] {defined, managed, embedded};
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  /** The level stage {@code stage} (2..4) requires, or null when it does not ask for this indicator. */
  public Double level(int stage) {
    if (stage < 2 || stage > 4) {
      throw new IllegalArgumentException("Stages with requirements are 2 to 4, not " + stage);
    }
    return levels[stage - 2];
  }
}

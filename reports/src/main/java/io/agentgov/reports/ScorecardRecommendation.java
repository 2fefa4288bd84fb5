package io.agentgov.reports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A threshold change the recalibration job recommended ({@code threshold_recommendations}, verdict
 * raise or lower) that the policy in force does not carry yet.
 *
 * @param unit the agent's business unit
 * @param agentId the agent whose decisions were reviewed
 * @param poolId the pool, e.g. {@code agent/refund/2}
 * @param actionType the action type; null when the pool spans action types
 * @param tier the tier; null when the pool spans tiers
 * @param verdict raise or lower
 * @param currentThreshold the policy's threshold when recommended
 * @param recommendedThreshold the recommended threshold (1.0: stop auto-approving)
 * @param asOfDate the recalibration it comes from
 * @param explanation what to do and why, in one sentence
 */
public record ScorecardRecommendation(String unit, String agentId, String poolId, String actionType, Integer tier,
    String verdict, double currentThreshold, double recommendedThreshold, LocalDate asOfDate, String explanation) {

  public ScorecardRecommendation {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(poolId, "poolId");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(asOfDate, "asOfDate");
    Objects.requireNonNull(explanation, "explanation");
    RecalibrationFormat.requireUnit("the current threshold of " + poolId, currentThreshold);
    RecalibrationFormat.requireUnit("the recommended threshold of " + poolId, recommendedThreshold);
  }

  public String getUnit() {
    return unit;
  }

  public String getAgentId() {
    return agentId;
  }

  /** The decision class: {@code refund, tier 3}; {@code all tiers} / {@code all actions} where pooled. */
  public String getScope() {
    return (actionType == null ? "all actions" : actionType) + ", " + (tier == null ? "all tiers" : "tier " + tier);
  }

  public String getVerdict() {
    return recommendedThreshold >= 1.0 && "raise".equals(verdict) ? "stop auto-approving" : verdict;
  }

  public String getChange() {
    return RecalibrationFormat.threshold(currentThreshold) + " → "
        + RecalibrationFormat.threshold(recommendedThreshold);
  }

  public String getAsOf() {
    return asOfDate.toString();
  }

  public String getExplanation() {
    return explanation;
  }
}

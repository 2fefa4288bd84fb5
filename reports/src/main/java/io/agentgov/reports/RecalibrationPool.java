package io.agentgov.reports;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One pool of the recalibration review: its {@code threshold_recommendations} row joined with its
 * {@code calibration_reports} row. A pool is one agent's decision class (action type × tier), or
 * several of its classes pooled when one alone has too few reviews. Every number is read from the
 * tables; the record checks that they agree with each other and the template only lays them out.
 *
 * @param poolId e.g. {@code ag-fin-payment-runner-e3a6/payment/2}; {@code *} where pooled
 * @param agentId the agent
 * @param actionType the action type, null when the pool spans action types
 * @param tier the risk tier (0: decisions the gateway did not check), null when the pool spans tiers
 * @param poolLevel {@value #CLASS}, {@value #ACTION_TYPE} (pooled across tiers) or {@value #AGENT}
 *     (pooled across action types and tiers)
 * @param reviews random and census reviews in the window (the sample every statistic uses)
 * @param bad the wrong decisions among them
 * @param targetedReviews reviews picked on purpose (failures, low confidence, large amounts): counted apart
 * @param targetedBad the wrong decisions among them
 * @param sampleDesigns the sample designs of {@code reviews}, e.g. {@code random}, {@code stratified}
 * @param estimator {@code unweighted}, or {@code hajek} when inclusion probabilities differ
 * @param currentThreshold the policy's auto-approval threshold now
 * @param recommendedThreshold the loosest certified threshold; 1.0: stop auto-approving; null when
 *     reviews are lacking ({@value #INSUFFICIENT_REVIEWS})
 * @param verdict {@value #RAISE}, {@value #LOWER}, {@value #KEEP} or {@value #INSUFFICIENT_REVIEWS}
 * @param n reviewed decisions at or above the recommended threshold (else the current one)
 * @param k the wrong ones among them
 * @param upperBound upper bound on the wrong auto-approval rate there; null without reviews there
 * @param reviewsNeeded further clean reviews needed to certify a threshold (0 unless reviews are lacking)
 * @param decisionsPerDay the pool's decisions per day in the window
 * @param escalationsPerDayCurrent decisions per day below the current threshold (escalated to a person)
 * @param escalationsPerDayRecommended the same below the recommended threshold; null without one
 * @param candidates the threshold curve, strictest (highest) threshold first
 * @param explanation the recommendation in one plain sentence
 * @param calibration the pool's reliability ({@link ReliabilitySummary#none()} without a random or census review)
 */
public record RecalibrationPool(String poolId, String agentId, String actionType, Integer tier, String poolLevel,
    long reviews, long bad, long targetedReviews, long targetedBad, List<String> sampleDesigns, String estimator,
    double currentThreshold, Double recommendedThreshold, String verdict, long n, long k, Double upperBound,
    long reviewsNeeded, double decisionsPerDay, double escalationsPerDayCurrent, Double escalationsPerDayRecommended,
    List<ThresholdPoint> candidates, String explanation, ReliabilitySummary calibration) {

  public static final String RAISE = "raise";
  public static final String LOWER = "lower";
  public static final String KEEP = "keep";
  public static final String INSUFFICIENT_REVIEWS = "insufficient_reviews";
  public static final Set<String> VERDICTS = Set.of(RAISE, LOWER, KEEP, INSUFFICIENT_REVIEWS);

  public static final String CLASS = "class";
  public static final String ACTION_TYPE = "action_type";
  public static final String AGENT = "agent";

  public RecalibrationPool {
    Objects.requireNonNull(poolId, "poolId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(poolLevel, "poolLevel");
    Objects.requireNonNull(sampleDesigns, "sampleDesigns");
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(calibration, "calibration");
    sampleDesigns = List.copyOf(sampleDesigns);
    candidates = List.copyOf(candidates);
    String p = "Pool " + poolId + ": ";
    if (poolId.isBlank() || agentId.isBlank()) {
      throw new IllegalArgumentException("A pool needs a pool id and an agent id, got '" + poolId + "' and '" + agentId + "'");
    }
    if (explanation.isBlank()) {
      throw new IllegalArgumentException(p + "the explanation sentence is empty");
    }
    boolean levelMatches = switch (poolLevel) {
      case CLASS -> actionType != null && tier != null;
      case ACTION_TYPE -> actionType != null && tier == null;
      case AGENT -> actionType == null && tier == null;
      default -> throw new IllegalArgumentException(p + "unknown pool level '" + poolLevel + "' (expected "
          + CLASS + ", " + ACTION_TYPE + " or " + AGENT + ")");
    };
    if (!levelMatches) {
      throw new IllegalArgumentException(p + "pool level " + poolLevel + " does not match action type " + actionType
          + " and tier " + tier + " (class: both set; action_type: tier null; agent: both null)");
    }
    if (tier != null && tier < 0) {
      throw new IllegalArgumentException(p + "tier " + tier + " is negative");
    }
    if (reviews < 0 || bad < 0 || bad > reviews || targetedReviews < 0 || targetedBad < 0
        || targetedBad > targetedReviews || n < 0 || k < 0 || k > n || reviewsNeeded < 0) {
      throw new IllegalArgumentException(p + "review counts must be 0 <= wrong <= reviewed (reviews " + reviews
          + ", wrong " + bad + "; targeted " + targetedReviews + ", wrong " + targetedBad + "; at the threshold "
          + n + ", wrong " + k + "; reviews needed " + reviewsNeeded + ")");
    }
    RecalibrationFormat.requireUnit("pool " + poolId + " current threshold", currentThreshold);
    RecalibrationFormat.requireUnit("pool " + poolId + " recommended threshold", recommendedThreshold);
    RecalibrationFormat.requireUnit("pool " + poolId + " upper bound", upperBound);
    RecalibrationFormat.requireRate("pool " + poolId + " decisions per day", decisionsPerDay);
    RecalibrationFormat.requireRate("pool " + poolId + " escalations per day now", escalationsPerDayCurrent);
    if (escalationsPerDayRecommended != null) {
      RecalibrationFormat.requireRate("pool " + poolId + " escalations per day recommended", escalationsPerDayRecommended);
    }
    if (!VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException(p + "unknown verdict '" + verdict + "' (expected one of " + RAISE + ", "
          + LOWER + ", " + KEEP + ", " + INSUFFICIENT_REVIEWS + ")");
    }
    if (verdict.equals(INSUFFICIENT_REVIEWS) != (recommendedThreshold == null)) {
      throw new IllegalArgumentException(p + "verdict " + verdict + " with recommended threshold " + recommendedThreshold
          + ": a recommended threshold is missing exactly when reviews are insufficient");
    }
    // A raise to 1.0 (stop auto-approving) is valid whatever the current threshold, even 1.0 itself.
    if (verdict.equals(RAISE) && !(recommendedThreshold > currentThreshold || recommendedThreshold >= 1.0)
        || verdict.equals(LOWER) && !(recommendedThreshold < currentThreshold)) {
      throw new IllegalArgumentException(p + "verdict " + verdict + " but the recommended threshold "
          + recommendedThreshold + " is not " + (verdict.equals(RAISE) ? "above" : "below") + " the current "
          + currentThreshold);
    }
    if (recommendedThreshold == null && escalationsPerDayRecommended != null) {
      throw new IllegalArgumentException(p + "escalations per day at a recommended threshold without a recommended threshold");
    }
    for (int i = 1; i < candidates.size(); i++) {
      if (!(candidates.get(i).threshold() < candidates.get(i - 1).threshold())) {
        throw new IllegalArgumentException(p + "threshold candidates must be strictest first (strictly decreasing): "
            + candidates.get(i).threshold() + " follows " + candidates.get(i - 1).threshold());
      }
    }
  }

  /** Raise to 1.0: no threshold keeps wrong auto-approvals at or below α, so every decision goes to a person. */
  public boolean stopsAutoApproving() {
    return recommendedThreshold != null && recommendedThreshold >= 1.0;
  }

  /** The verdict as a reader says it: {@code stop auto-approving} for a raise to 1.0, {@code insufficient reviews}. */
  public String verdictLabel() {
    return stopsAutoApproving() ? "stop auto-approving" : verdict.replace('_', ' ');
  }

  /** Escalations per day if the recommendation is applied; the current ones when there is none. */
  public double escalationsPerDayIfApplied() {
    return escalationsPerDayRecommended != null ? escalationsPerDayRecommended : escalationsPerDayCurrent;
  }

  /**
   * The decision class in words: {@code payment · tier 2}, {@code payment · all tiers},
   * {@code all actions and tiers}; tier 0 is {@code unchecked}.
   */
  public String scope() {
    return switch (poolLevel) {
      case CLASS -> actionType + " · " + (tier == 0 ? "unchecked (tier 0)" : "tier " + tier);
      case ACTION_TYPE -> actionType + " · all tiers";
      default -> "all actions and tiers";
    };
  }
}

package io.agentgov.reports;

import static io.agentgov.reports.RecalibrationFormat.count;
import static io.agentgov.reports.RecalibrationFormat.level;
import static io.agentgov.reports.RecalibrationFormat.pct;
import static io.agentgov.reports.RecalibrationFormat.perDay;
import static io.agentgov.reports.RecalibrationFormat.score;
import static io.agentgov.reports.RecalibrationFormat.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pool as the recalibration template reads it: one row of the summary table and one pool page.
 * Every text is written out here ({@link RecalibrationFormat}), so the template only places it;
 * built by {@link RecalibrationReview#pages()}, not by callers.
 *
 * @param pool the pool
 * @param alpha the policy's α (the limit on wrong auto-approvals)
 * @param delta the policy's δ (1 − δ is the confidence)
 */
public record RecalibrationPage(RecalibrationPool pool, double alpha, double delta) {

  static final String RAISE_COLOR = "#B85C00";
  static final String LOWER_COLOR = "#1E7B34";
  static final String KEEP_COLOR = "#2F4858";
  static final String INSUFFICIENT_COLOR = "#6B4C9A";
  static final String STOP_COLOR = "#B3261E";

  public RecalibrationPage {
    Objects.requireNonNull(pool, "pool");
  }

  public String getPoolId() {
    return pool.poolId();
  }

  public String getAgentId() {
    return pool.agentId();
  }

  public String getScope() {
    return pool.scope();
  }

  /** The pool's id and why it is a pool, e.g. {@code pool a/payment/* · pooled across tiers}. */
  public String getPoolDescription() {
    String why = switch (pool.poolLevel()) {
      case RecalibrationPool.CLASS -> "one decision class";
      case RecalibrationPool.ACTION_TYPE -> "pooled across tiers: too few reviews in each tier alone";
      default -> "pooled across action types and tiers: too few reviews in each alone";
    };
    return "Pool " + pool.poolId() + " · " + why;
  }

  public String getVerdictLabel() {
    return pool.verdictLabel();
  }

  /** The verdict's colour, as {@code #RRGGBB}. */
  public String getVerdictColor() {
    if (pool.stopsAutoApproving()) {
      return STOP_COLOR;
    }
    return switch (pool.verdict()) {
      case RecalibrationPool.RAISE -> RAISE_COLOR;
      case RecalibrationPool.LOWER -> LOWER_COLOR;
      case RecalibrationPool.KEEP -> KEEP_COLOR;
      default -> INSUFFICIENT_COLOR;
    };
  }

  public String getExplanation() {
    return pool.explanation();
  }

  /** {@code 0.800 → 0.930}; {@code 0.800 (kept)} while reviews are lacking. */
  public String getThresholdChange() {
    String now = threshold(pool.currentThreshold());
    return pool.recommendedThreshold() == null ? now + " (kept)" : now + " → " + threshold(pool.recommendedThreshold());
  }

  public Long getReviews() {
    return pool.reviews();
  }

  public Long getWrong() {
    return pool.bad();
  }

  /** Escalations per day, now → if applied, with the change: {@code 12.0 → 35.5 (+23.5)}. */
  public String getWorkloadChange() {
    String now = perDay(pool.escalationsPerDayCurrent());
    if (pool.escalationsPerDayRecommended() == null) {
      return now + " (unchanged)";
    }
    double after = pool.escalationsPerDayRecommended();
    return now + " → " + perDay(after) + " (" + RecalibrationFormat.change(after - pool.escalationsPerDayCurrent()) + ")";
  }

  public Long getReviewsNeeded() {
    return pool.reviewsNeeded();
  }

  /** What the threshold recommendation rests on, in words. */
  public List<RecalibrationFact> getThresholdFacts() {
    List<RecalibrationFact> f = new ArrayList<>();
    String now = threshold(pool.currentThreshold());
    String change;
    if (pool.recommendedThreshold() == null) {
      change = now + " → none yet: keep " + now + " and review more";
    } else if (pool.stopsAutoApproving()) {
      change = now + " → 1.000: escalate every decision";
    } else {
      change = now + " → " + threshold(pool.recommendedThreshold());
    }
    f.add(new RecalibrationFact("Threshold now → recommended", change));
    String weighting = switch (pool.estimator()) {
      case "hajek" -> "; weighted by audit rate (Hájek), so the bound is approximate";
      case "unweighted" -> "; each counts once";
      default -> "; estimator " + pool.estimator();
    };
    f.add(new RecalibrationFact("Reviews used" + (pool.sampleDesigns().isEmpty() ? ""
        : " (" + String.join(", ", pool.sampleDesigns()) + ")"),
        pool.reviews() == 0 ? "none" : count(pool.reviews()) + ", of which " + count(pool.bad()) + " wrong ("
            + pct((double) pool.bad() / pool.reviews()) + ")" + weighting));
    boolean atRecommended = pool.recommendedThreshold() != null && !pool.stopsAutoApproving();
    f.add(new RecalibrationFact("At the " + (atRecommended ? "recommended" : "current") + " threshold",
        pool.n() == 0 ? "no reviewed decision" : count(pool.n()) + " reviewed, " + count(pool.k()) + " wrong ("
            + pct((double) pool.k() / pool.n()) + ")"));
    f.add(new RecalibrationFact("Wrong auto-approvals there",
        pool.upperBound() == null ? "unknown: no review there"
            : "at most " + pct(pool.upperBound()) + " with " + level(1 - delta) + " confidence (limit " + level(alpha) + ")"));
    if (RecalibrationPool.INSUFFICIENT_REVIEWS.equals(pool.verdict())) {
      f.add(new RecalibrationFact("More reviews needed",
          "about " + count(pool.reviewsNeeded()) + " more random reviews of confident decisions, all correct"));
    }
    f.add(new RecalibrationFact("Targeted reviews (not counted)", pool.targetedReviews() == 0 ? "none"
        : count(pool.targetedReviews()) + ", of which " + count(pool.targetedBad()) + " wrong"));
    f.add(new RecalibrationFact("Escalations to people per day",
        perDay(pool.escalationsPerDayCurrent()) + " now"
            + (pool.escalationsPerDayRecommended() == null ? ", unchanged"
                : " → " + perDay(pool.escalationsPerDayRecommended()) + " ("
                    + RecalibrationFormat.change(pool.escalationsPerDayRecommended() - pool.escalationsPerDayCurrent()) + ")")
            + " of " + perDay(pool.decisionsPerDay()) + " decisions"));
    return f;
  }

  /** How well the stated confidence matches reviewers' findings, in words. */
  public List<RecalibrationFact> getCalibrationFacts() {
    ReliabilitySummary c = pool.calibration();
    List<RecalibrationFact> f = new ArrayList<>();
    if (!c.present()) {
      f.add(new RecalibrationFact("No random or census review in the window", "nothing to measure"));
      return f;
    }
    f.add(new RecalibrationFact("Stated confidence, on average", pct(c.meanConfidence())));
    f.add(new RecalibrationFact("Right, as reviewers found", pct(c.accuracy())));
    if (c.eceEqualWidth() != null) {
      f.add(new RecalibrationFact("Average gap (ECE)", pct(c.eceEqualWidth())));
    }
    if (c.eceEqualMass() != null) {
      f.add(new RecalibrationFact("  the same over equal-size bins", pct(c.eceEqualMass())));
    }
    if (c.mce() != null) {
      f.add(new RecalibrationFact("Largest gap in one bin (MCE)", pct(c.mce())));
    }
    if (c.brier() != null) {
      f.add(new RecalibrationFact("Brier score (0 is perfect)", score(c.brier())));
    }
    if (c.brierReliability() != null) {
      f.add(new RecalibrationFact("  of which miscalibration", score(c.brierReliability())));
    }
    if (c.brierResolution() != null) {
      f.add(new RecalibrationFact("  resolution (higher is better)", score(c.brierResolution())));
    }
    if (c.brierUncertainty() != null) {
      f.add(new RecalibrationFact("  uncertainty (base rate)", score(c.brierUncertainty())));
    }
    return f;
  }

  // ---- the reliability diagram

  public List<ReliabilityPoint> getReliabilityCurve() {
    return pool.calibration().curve();
  }

  public Boolean getHasReliability() {
    return !pool.calibration().curve().isEmpty();
  }

  /**
   * Where both axes of the reliability diagram start: the lowest value drawn, rounded down to a
   * tenth (at most 0.5), so the diagonal runs corner to corner and no point is cut off.
   */
  public Double getReliabilityAxisMin() {
    double m = 0.5;
    for (ReliabilityPoint p : pool.calibration().curve()) {
      m = Math.min(m, Math.min(Math.min(p.lower(), p.meanConfidence()), Math.min(p.observedAccuracy(), p.accuracyLower())));
    }
    return Math.floor(m * 10 + 1e-9) / 10;
  }

  public String getReliabilityCaption() {
    return "Each dot is a group of decisions with similar stated confidence (x) and the share of them reviewers found"
        + " right (y); the vertical bar is the range the true share lies in with 95% confidence. On the grey"
        + " diagonal, confidence matches reality; dots below it mean the agent is overconfident there, dots above it"
        + " underconfident. Groups with few reviews have long bars: read them with care.";
  }

  // ---- the threshold curve

  public List<ThresholdPoint> getCandidates() {
    return pool.candidates();
  }

  public Boolean getHasCandidates() {
    return !pool.candidates().isEmpty();
  }

  public Double getAlpha() {
    return alpha;
  }

  public Double getCurrentThreshold() {
    return pool.currentThreshold();
  }

  /** The recommended threshold (1.0 when auto-approval should stop), null while reviews are lacking. */
  public Double getRecommendedThreshold() {
    return pool.recommendedThreshold();
  }

  public String getBoundSeries() {
    return "wrong auto-approvals, upper bound (" + level(1 - delta) + " confidence)";
  }

  public String getCertifiedSeries() {
    return "certified: bound at most " + level(alpha);
  }

  public String getAlphaSeries() {
    return "limit α = " + level(alpha);
  }

  public String getCurrentSeries() {
    return "current threshold " + threshold(pool.currentThreshold());
  }

  public String getRecommendedSeries() {
    if (pool.recommendedThreshold() == null) {
      return "no recommended threshold yet";
    }
    return "recommended threshold " + threshold(pool.recommendedThreshold())
        + (pool.stopsAutoApproving() ? ": stop auto-approving" : "");
  }

  /**
   * The top of the threshold curve's y axis: the highest bound, but at least 3 α so the limit line
   * sits well inside the chart, and at most the larger of 5 α and 1.5 times the lowest bound, so a
   * curve far above α still shows its low point and the bounds of thresholds with few reviews (up to
   * 100%) do not squash the part near α; rounded up to a whole percent (to 5% above 20%).
   */
  public Double getThresholdAxisMax() {
    double lowest = 1;
    double highest = 0;
    for (ThresholdPoint c : pool.candidates()) {
      lowest = Math.min(lowest, c.upperBound());
      highest = Math.max(highest, c.upperBound());
    }
    double top = Math.min(Math.max(highest, 3 * alpha), Math.max(5 * alpha, 1.5 * lowest));
    double step = top > 0.2 ? 0.05 : 0.01;
    return Math.min(1.0, Math.ceil(top / step - 1e-9) * step);
  }

  public String getThresholdCaption() {
    return "For each threshold the reviews could test (x), the most the rate of wrong auto-approvals can be with "
        + level(1 - delta) + " confidence (y). Green bars: thresholds certified safe, tested from the strictest (right)"
        + " down until the first failure. The recommendation is the lowest certified threshold; where the curve stays"
        + " above the red line, more reviews or a stricter threshold are needed.";
  }
}

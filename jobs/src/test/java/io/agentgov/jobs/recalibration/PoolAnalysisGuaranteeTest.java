package io.agentgov.jobs.recalibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The guarantee of the job's selection as it runs, start rule included ({@link PoolAnalysis}):
 * over 1,000 simulated review sets of an overconfident agent, the true rate of wrongly
 * auto-approved decisions at the recommended threshold exceeds α in at most δ of the trials, plus
 * a binomial margin for 1,000 trials (the 99.9% quantile of Bin(1000, 0.05) is 73).
 *
 * <p>Model (the one of {@code LearnThenTestSimulationTest} in {@code calibration}): the logit z of
 * confidence is N(3.5, 2²), and the agent's logits are twice what they should be: a decision is
 * right with probability σ(z / 2), so a stated 0.9 is right 75% of the time. The true risk at t is
 * {@code E[1 − σ(z/2) | z ≥ logit(t)]}, integrated numerically here (Simpson on z, 20,000 steps);
 * it crosses α = 0.1 near t = 0.945. δ = 0.05.
 */
class PoolAnalysisGuaranteeTest {
  static final double ALPHA = 0.1;
  static final double DELTA = 0.05;
  static final int TRIALS = 1000;
  static final int REVIEWS = 2000;
  static final int MARGIN = 73;

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** True risk at threshold t: E[wrong | c ≥ t] under the model. */
  static double trueRisk(double t) {
    double lo = Math.log(t / (1 - t));
    double hi = 3.5 + 2 * 12;
    int steps = 20_000;
    double h = (hi - lo) / steps;
    double mass = 0;
    double wrong = 0;
    for (int i = 0; i <= steps; i++) {
      double z = lo + i * h;
      double w = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2);
      double density = Math.exp(-0.5 * Math.pow((z - 3.5) / 2, 2));
      mass += w * density;
      wrong += w * density * (1 - sigmoid(z / 2));
    }
    return wrong / mass;
  }

  @Test
  void recommendedThresholdsBreakTheLimitInAtMostDeltaOfTrials() {
    SplittableRandom root = new SplittableRandom(20261126);
    int violations = 0;
    int certified = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      SplittableRandom random = root.split();
      List<Review> reviews = new ArrayList<>(REVIEWS);
      for (int i = 0; i < REVIEWS; i++) {
        double c = sigmoid(3.5 + 2 * random.nextGaussian());
        double z = Math.log(c / (1 - c));
        reviews.add(new Review(c, random.nextDouble() >= sigmoid(z / 2), "random", 0.1, "random"));
      }
      PoolResult.Recommendation m = PoolAnalysis.analyse(new PoolKey("sim", "payment", 2), reviews, ALPHA, DELTA, 0.8)
          .recommendation();
      Double t = m.recommendedThreshold();
      if (t != null && t < 1.0) {
        certified++;
        if (trueRisk(t) > ALPHA) {
          violations++;
        }
      }
    }
    System.out.printf("PoolAnalysis guarantee: %d of %d trials certified a threshold; true risk above alpha=%.2f in"
        + " %d trials (%.3f; limit delta=%.2f + margin: %d)%n", certified, TRIALS, ALPHA, violations,
        violations / (double) TRIALS, DELTA, MARGIN);
    assertTrue(certified > TRIALS / 2, "the model is certifiable most of the time: " + certified);
    assertTrue(violations <= MARGIN, violations + " violations");
  }
}

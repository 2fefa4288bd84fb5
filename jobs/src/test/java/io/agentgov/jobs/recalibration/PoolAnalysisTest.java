package io.agentgov.jobs.recalibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pools, verdicts and explanations on review sets built here, without Spark. */
class PoolAnalysisTest {
  static final PoolKey POOL = new PoolKey("agent-1", "payment", 2);
  static final double ALPHA = 0.02;
  static final double DELTA = 0.05;

  /** n random reviews; a decision of confidence c is wrong with probability wrong(c). */
  static List<Review> reviews(int n, long seed, java.util.function.DoubleUnaryOperator wrong) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Review> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double c = 0.5 + 0.5 * random.nextDouble();
      out.add(new Review(c, random.nextDouble() < wrong.applyAsDouble(c), "random", 0.05, "random"));
    }
    return out;
  }

  @Test
  void aWellCalibratedHighConfidenceAgentGetsAThresholdWithItsBound() {
    // wrong 0.2% of the time above 0.9, 10% below: the certified threshold sits near 0.9
    PoolResult r = PoolAnalysis.analyse(POOL, reviews(6000, 1, c -> c >= 0.9 ? 0.002 : 0.10), ALPHA, DELTA, 0.80);
    PoolResult.Recommendation m = r.recommendation();
    assertEquals(PoolAnalysis.RAISE, m.verdict(), m.toString());
    assertTrue(m.recommendedThreshold() >= 0.85 && m.recommendedThreshold() <= 0.91, m.toString());
    assertTrue(m.upperBound() <= ALPHA, m.toString());
    assertEquals(BinomialBounds.upper((int) m.k(), (int) m.n(), DELTA), m.upperBound(), 1e-12);
    assertEquals(0, m.reviewsNeeded());
    // the sequence starts where 3 × 149 reviews are reached and runs down the fixed grid to 0.5
    assertTrue(m.candidates().get(0).n() >= 3 * 149, m.candidates().get(0).toString());
    assertEquals(0.5, m.candidates().get(m.candidates().size() - 1).threshold(), 0.0);
    // fixed sequence: the rejected candidates are exactly a prefix, ending at the recommendation
    int last = -1;
    for (int i = 0; i < m.candidates().size(); i++) {
      if (m.candidates().get(i).rejected()) {
        assertEquals(last + 1, i);
        last = i;
      }
    }
    assertEquals(m.recommendedThreshold(), m.candidates().get(last).threshold(), 0.0);
    assertTrue(Rows.explain(r, new double[] {100, 20, 35}).startsWith("Raise the threshold from 0.8 to 0."),
        Rows.explain(r, new double[] {100, 20, 35}));
  }

  @Test
  void theThresholdIsLoweredOrKeptWhenTheAgentEarnsIt() {
    PoolResult lower = PoolAnalysis.analyse(POOL, reviews(6000, 2, c -> c >= 0.7 ? 0.001 : 0.2), ALPHA, DELTA, 0.90);
    assertEquals(PoolAnalysis.LOWER, lower.recommendation().verdict(), lower.recommendation().toString());
    double t = lower.recommendation().recommendedThreshold();
    PoolResult keep = PoolAnalysis.analyse(POOL, reviews(6000, 2, c -> c >= 0.7 ? 0.001 : 0.2), ALPHA, DELTA, t);
    assertEquals(PoolAnalysis.KEEP, keep.recommendation().verdict());
    assertTrue(Rows.explain(keep, new double[] {10, 1, 1}).startsWith("Keep "), Rows.explain(keep, new double[] {10, 1, 1}));
  }

  @Test
  void fewReviewsSayHowManyMoreAreNeeded() {
    List<Review> clean = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      clean.add(new Review(0.999, false, "random", 0.1, "random"));
    }
    PoolResult r = PoolAnalysis.analyse(POOL, clean, ALPHA, DELTA, 0.8);
    assertEquals(PoolAnalysis.INSUFFICIENT_REVIEWS, r.recommendation().verdict());
    assertNull(r.recommendation().recommendedThreshold());
    assertEquals(149 - 40, r.recommendation().reviewsNeeded(), "statistics.md V3: 149 clean reviews certify 2%");
    assertTrue(Rows.explain(r, new double[3]).contains("about 109 more clean reviews of decisions at confidence 0.995"),
        Rows.explain(r, new double[3]));
    PoolResult none = PoolAnalysis.analyse(POOL, List.of(), ALPHA, DELTA, 0.8);
    assertEquals(PoolAnalysis.INSUFFICIENT_REVIEWS, none.recommendation().verdict());
    assertEquals(149, none.recommendation().reviewsNeeded());
    assertNull(none.calibration().eceEqualWidth(), "no review, no calibration figure");
  }

  @Test
  void anUnsafeCurrentThresholdStopsAutoApprovalUntilReviewsCanCertifyAStricterOne() {
    // 10% wrong below 0.97, none above, and few reviews up there: 0.8 is shown unsafe, 0.97 not yet certified
    List<Review> all = new ArrayList<>(reviews(1500, 6, c -> c >= 0.97 ? 0.0 : 0.10));
    all.removeIf(r -> r.confidence() >= 0.97 && r.confidence() < 0.99);
    PoolResult r = PoolAnalysis.analyse(POOL, all, ALPHA, DELTA, 0.8);
    PoolResult.Recommendation m = r.recommendation();
    assertEquals(PoolAnalysis.RAISE, m.verdict(), m.toString());
    assertEquals(1.0, m.recommendedThreshold(), 0.0);
    assertTrue(m.reviewsNeeded() > 0 && m.reviewsNeededAt() >= 0.97, m.toString());
    assertTrue(BinomialBounds.lower((int) m.k(), (int) m.n(), DELTA) > ALPHA, "the current threshold is shown unsafe");
    assertTrue(Rows.explain(r, new double[] {10, 2, 10}).startsWith("Stop auto-approving (escalate every decision) for now"),
        Rows.explain(r, new double[] {10, 2, 10}));
  }

  @Test
  void anAgentWrongEverywhereShouldStopAutoApproving() {
    PoolResult r = PoolAnalysis.analyse(POOL, reviews(3000, 3, c -> 0.3), ALPHA, DELTA, 0.8);
    assertEquals(PoolAnalysis.RAISE, r.recommendation().verdict());
    assertEquals(1.0, r.recommendation().recommendedThreshold(), 0.0);
    assertTrue(Rows.explain(r, new double[] {50, 10, 50}).startsWith("Stop auto-approving"));
  }

  @Test
  void targetedReviewsAreCountedApartAndNeverInABound() {
    List<Review> all = new ArrayList<>(reviews(500, 4, c -> 0.0));
    for (int i = 0; i < 100; i++) {
      all.add(new Review(0.99, true, "targeted", null, "targeted"));
    }
    PoolResult r = PoolAnalysis.analyse(POOL, all, ALPHA, DELTA, 0.8);
    assertEquals(500, r.reviews());
    assertEquals(0, r.bad());
    assertEquals(100, r.targetedReviews());
    assertEquals(100, r.targetedBad());
    assertEquals(List.of("random"), r.designs());
    assertTrue(r.recommendation().recommendedThreshold() != null && r.recommendation().recommendedThreshold() < 1.0);
  }

  @Test
  void mixedInclusionProbabilitiesAreWeightedAndStratified() {
    List<Review> all = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 4000; i++) {
      double c = 0.5 + 0.5 * random.nextDouble();
      boolean low = c < 0.8;
      all.add(new Review(c, random.nextDouble() < (low ? 0.1 : 0.001), "stratified", low ? 0.2 : 0.05,
          low ? "low" : "high"));
    }
    PoolResult r = PoolAnalysis.analyse(POOL, all, ALPHA, DELTA, 0.8);
    assertEquals("hajek", r.estimator());
    assertTrue(r.recommendation().recommendedThreshold() != null, r.recommendation().toString());
    assertTrue(r.recommendation().upperBound() <= ALPHA);
  }

  @Test
  void sparseClassesArePooledWithinTheAgentOnly() {
    Map<PoolKey, Long> n = new TreeMap<>(Pooling::compare);
    n.put(new PoolKey("a", "payment", 1), 200L);  // alone
    n.put(new PoolKey("a", "refund", 1), 100L);   // refunds pooled across tiers: 100 + 60
    n.put(new PoolKey("a", "refund", 2), 60L);
    n.put(new PoolKey("a", "read", 1), 20L);      // left over: the agent's pool
    n.put(new PoolKey("a", "export", 3), 5L);
    n.put(new PoolKey("b", "read", 1), 10L);      // another agent never joins a's pools
    Map<PoolKey, PoolKey> p = Pooling.assign(n, 149);
    assertEquals("a/payment/1", p.get(new PoolKey("a", "payment", 1)).id());
    assertEquals("a/refund/*", p.get(new PoolKey("a", "refund", 2)).id());
    assertEquals("a/*/*", p.get(new PoolKey("a", "read", 1)).id());
    assertEquals("a/*/*", p.get(new PoolKey("a", "export", 3)).id());
    assertEquals("b/*/*", p.get(new PoolKey("b", "read", 1)).id());
    assertEquals(PoolKey.ACTION_TYPE, p.get(new PoolKey("a", "refund", 1)).level());
  }
}

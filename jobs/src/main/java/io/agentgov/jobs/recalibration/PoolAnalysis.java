package io.agentgov.jobs.recalibration;

import io.agentgov.calibration.BinomialBounds;
import io.agentgov.calibration.reliability.Reliability;
import io.agentgov.calibration.threshold.CumulativeCounts;
import io.agentgov.calibration.threshold.LearnThenTest;
import io.agentgov.calibration.threshold.ReviewedDecision;
import io.agentgov.calibration.threshold.StratifiedRiskBound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The statistics of one pool, in plain Java (the Spark job only groups reviews by pool). Every
 * formula is in {@code calibration/}: reliability from {@link Reliability}, the threshold from
 * {@link LearnThenTest} over a grid fixed in advance (so its guarantee is exact: with probability
 * at least {@code 1 − δ} the rate of wrongly auto-approved decisions at the chosen threshold is at
 * most α), stratified audits checked with {@link StratifiedRiskBound}.
 *
 * <h2>Which reviews count</h2>
 * Targeted reviews (failures, low confidence, large amounts picked on purpose) are not a sample
 * of the decisions: they are counted apart and never enter a statistic. Census and random reviews
 * with one inclusion probability are a simple random sample of the pool's decisions. When the
 * pool mixes inclusion probabilities (a stratified audit), reliability is weighted by
 * {@code 1 / inclusion probability} (the Hájek estimator), and each candidate threshold must also
 * pass the stratified bound: per-stratum Clopper–Pearson upper bounds with a Bonferroni split of
 * δ, weighted by the strata's estimated sizes (Horvitz–Thompson, {@code Σ 1/π}). Requiring both
 * tests keeps each candidate's test at level δ, so the fixed sequence stays valid; the stratum
 * sizes are estimated, so under stratification the guarantee is approximate.
 */
public final class PoolAnalysis {
  /** Candidate thresholds 0.995, 0.990, … 0.500, strictest first: fixed before seeing any review. */
  static final double[] GRID = grid();
  /** A recommendation this close to the current threshold (half a grid step) is "keep". */
  static final double KEEP_TOLERANCE = 0.0025;
  static final int CURVE_BINS = 10;
  /** Reviews at the first candidate, in multiples of n_min: room for a couple of errors there. */
  static final int START_REVIEWS = 3;

  public static final String RAISE = "raise";
  public static final String LOWER = "lower";
  public static final String KEEP = "keep";
  public static final String INSUFFICIENT_REVIEWS = "insufficient_reviews";

  private PoolAnalysis() {}

  private static double[] grid() {
    double[] g = new double[100];
    for (int i = 0; i < g.length; i++) {
      g[i] = (995 - 5 * i) / 1000.0;
    }
    return g;
  }

  public static PoolResult analyse(PoolKey pool, List<Review> reviews, double alpha, double delta,
      double currentThreshold) {
    List<Review> sample = new ArrayList<>();
    long targeted = 0;
    long targetedBad = 0;
    for (Review r : reviews) {
      if (r.targeted()) {
        targeted++;
        targetedBad += r.bad() ? 1 : 0;
      } else {
        sample.add(r);
      }
    }
    TreeSet<String> designs = new TreeSet<>();
    TreeSet<Double> probabilities = new TreeSet<>();
    long bad = 0;
    for (Review r : sample) {
      designs.add(r.design());
      probabilities.add(r.inclusionProbability());
      bad += r.bad() ? 1 : 0;
    }
    boolean weighted = probabilities.size() > 1;
    return new PoolResult(pool, sample.size(), bad, targeted, targetedBad, List.copyOf(designs),
        weighted ? "hajek" : "unweighted", calibration(sample, weighted),
        recommend(sample, weighted, alpha, delta, currentThreshold));
  }

  private static PoolResult.Calibration calibration(List<Review> sample, boolean weighted) {
    if (sample.isEmpty()) {
      return new PoolResult.Calibration(null, null, null, null, null, null, null, null, null, List.of());
    }
    double[] scores = new double[sample.size()];
    int[] correct = new int[sample.size()];
    double[] weights = new double[sample.size()];
    for (int i = 0; i < scores.length; i++) {
      Review r = sample.get(i);
      scores[i] = r.confidence();
      correct[i] = r.bad() ? 0 : 1;
      weights[i] = weighted ? 1.0 / r.inclusionProbability() : 1.0;
    }
    Reliability.Report width = Reliability.equalWidth(scores, correct, weights, CURVE_BINS, Reliability.DEFAULT_DELTA);
    Reliability.Report mass = Reliability.equalMass(scores, correct, weights, CURVE_BINS, Reliability.DEFAULT_DELTA);
    List<PoolResult.CurveBin> curve = new ArrayList<>();
    for (Reliability.Bin b : width.curve()) {
      curve.add(new PoolResult.CurveBin(b.index(), b.lower(), b.upper(), b.count(), b.meanScore(), b.observedRate(),
          b.rateLower(), b.rateUpper()));
    }
    return new PoolResult.Calibration(width.meanScore(), width.observedRate(), width.ece(), mass.ece(), width.mce(),
        width.brierScore(), width.decomposition().reliability(), width.decomposition().resolution(),
        width.decomposition().uncertainty(), curve);
  }

  private static PoolResult.Recommendation recommend(List<Review> sample, boolean weighted, double alpha, double delta,
      double current) {
    List<ReviewedDecision> decisions = new ArrayList<>();
    for (Review r : sample) {
      decisions.add(new ReviewedDecision(r.confidence(), r.bad(), r.inclusionProbability(), r.stratum()));
    }
    // The sequence starts at the strictest grid point that START_REVIEWS · n_min reviews reach
    // (else n_min, else the loosest point): a point with fewer than n_min could never be
    // certified, and one with barely n_min fails on a single error, ending the sequence at once.
    // The start depends on the reviewed confidences only, never on the verdicts, so every test
    // in the sequence stays valid.
    long minimum = BinomialBounds.minimumCleanSampleSize(alpha, delta);
    CumulativeCounts counts = CumulativeCounts.atGrid(decisions, GRID);
    int first = firstReaching(counts, START_REVIEWS * minimum);
    if (first < 0) {
      first = Math.max(0, firstReaching(counts, minimum));
    }
    LearnThenTest.Result ltt = LearnThenTest.select(decisions, Arrays.copyOfRange(GRID, first, GRID.length), alpha, delta);
    List<PoolResult.Candidate> candidates = new ArrayList<>();
    LearnThenTest.Candidate chosen = null;
    boolean sequenceOn = true;
    for (LearnThenTest.Candidate c : ltt.candidates()) {
      double bound = c.riskUpperBound();
      boolean rejected = sequenceOn && c.rejected();
      if (rejected && weighted) {
        bound = StratifiedRiskBound.atThreshold(decisions, c.threshold(), estimatedStrata(decisions, c.threshold()), delta)
            .upperBound();
        rejected = bound <= alpha;
      }
      sequenceOn = rejected;
      if (rejected) {
        chosen = c;
      }
      candidates.add(new PoolResult.Candidate(c.threshold(), c.reviewed(), c.bad(), c.pValue(), bound, rejected));
    }
    if (chosen != null) {
      double t = chosen.threshold();
      String verdict = Math.abs(t - current) <= KEEP_TOLERANCE ? KEEP : t > current ? RAISE : LOWER;
      return new PoolResult.Recommendation(alpha, delta, current, t, verdict, chosen.reviewed(), chosen.bad(),
          candidates.get(ltt.candidates().indexOf(chosen)).upperBound(), 0, null, candidates);
    }
    // Nothing certified. When at every grid point with reviews, including the stricter ones the
    // sequence did not start from, the rate is above α with confidence 1 − δ (its lower bound), no
    // number of reviews will help: escalate everything. (A point no review reached is no
    // evidence either way.) Otherwise say how many more clean reviews would certify the most
    // promising grid point, and where.
    int[] atCurrent = counts(sample, current);
    Double bound = atCurrent[0] == 0 ? null : BinomialBounds.upper(atCurrent[1], atCurrent[0], delta);
    boolean hopeless = !sample.isEmpty();
    long needed = Long.MAX_VALUE;
    double neededAt = GRID[GRID.length - 1];
    for (int i = 0; i < counts.size(); i++) {
      int n = counts.reviewedAt(i);
      if (n == 0) {
        continue;
      }
      int k = counts.badAt(i);
      hopeless &= BinomialBounds.lower(k, n, delta) > alpha;
      long more = BinomialBounds.additionalReviewsNeeded(k, n, alpha, delta);
      if (more > 0 && more < needed) {
        needed = more;
        neededAt = counts.thresholdAt(i);
      }
    }
    if (needed == Long.MAX_VALUE) {
      needed = minimum;
    }
    if (hopeless) {
      return new PoolResult.Recommendation(alpha, delta, current, 1.0, RAISE, atCurrent[0], atCurrent[1], bound, 0, null,
          candidates);
    }
    // The current threshold shown unsafe (its rate above α even at the lower bound), and nothing
    // certified yet: stop auto-approving until the reviews that could certify a stricter one exist.
    if (atCurrent[0] > 0 && BinomialBounds.lower(atCurrent[1], atCurrent[0], delta) > alpha) {
      return new PoolResult.Recommendation(alpha, delta, current, 1.0, RAISE, atCurrent[0], atCurrent[1], bound, needed,
          neededAt, candidates);
    }
    return new PoolResult.Recommendation(alpha, delta, current, null, INSUFFICIENT_REVIEWS, atCurrent[0], atCurrent[1],
        bound, needed, neededAt, candidates);
  }

  /** The strictest grid index with at least {@code reviews} reviews at or above it, or -1; the loosest when none is. */
  private static int firstReaching(CumulativeCounts counts, long reviews) {
    for (int i = 0; i < counts.size(); i++) {
      if (counts.reviewedAt(i) >= reviews) {
        return i;
      }
    }
    return reviews == 0 ? 0 : -1;
  }

  /** Reviews at or above a threshold: {n, k}. */
  private static int[] counts(List<Review> sample, double threshold) {
    int n = 0;
    int k = 0;
    for (Review r : sample) {
      if (r.confidence() >= threshold) {
        n++;
        k += r.bad() ? 1 : 0;
      }
    }
    return new int[] {n, k};
  }

  /**
   * Horvitz–Thompson estimate of each stratum's decisions at or above the threshold, {@code Σ 1/π}
   * (never below its reviews there); 0 for a stratum with no review up there.
   */
  private static Map<String, Long> estimatedStrata(List<ReviewedDecision> decisions, double threshold) {
    Map<String, Double> sizes = new TreeMap<>();
    Map<String, Long> reviewed = new TreeMap<>();
    for (ReviewedDecision d : decisions) {
      sizes.putIfAbsent(d.stratum(), 0.0);
      reviewed.putIfAbsent(d.stratum(), 0L);
      if (d.confidence() >= threshold) {
        sizes.merge(d.stratum(), 1.0 / d.inclusionProbability(), Double::sum);
        reviewed.merge(d.stratum(), 1L, Long::sum);
      }
    }
    Map<String, Long> out = new TreeMap<>();
    sizes.forEach((s, n) -> out.put(s, Math.max(reviewed.get(s), Math.round(n))));
    return out;
  }
}

package io.agentgov.calibration.threshold;

import io.agentgov.calibration.BinomialBounds;
import java.util.Collection;

/**
 * Whether the reviews at one threshold are enough to certify its risk, and if not, how many more
 * would be: the sample-size message a recalibration report owes its reader ({@code statistics.md},
 * "Sample-size facts").
 *
 * <p>This extends {@link BinomialBounds#additionalReviewsNeeded} to a threshold with no reviews
 * yet, and reads the counts at a threshold off the reviewed decisions. Certifying one threshold
 * fixed in advance is a single exact binomial test, valid at level δ on its own; a threshold
 * chosen by looking at the same reviews needs {@link LearnThenTest} instead.
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class ReviewAdequacy {

    private ReviewAdequacy() {
    }

    /**
     * The review situation at one threshold.
     *
     * @param threshold the threshold {@code t}
     * @param reviewed {@code n_t}, the reviewed decisions with {@code confidence ≥ t}
     * @param bad {@code k_t}, the bad ones among them
     * @param pValue {@code P(Bin(n_t, α) ≤ k_t)}, or 1 when {@code n_t = 0}
     * @param riskUpperBound the one-sided {@code 1 − δ} Clopper–Pearson upper bound on
     *     {@code risk(t)}, or 1 when {@code n_t = 0}
     * @param certified whether {@code pValue ≤ δ}, i.e. {@code risk(t) ≤ α} is certified at
     *     confidence {@code 1 − δ}
     * @param additionalReviewsNeeded 0 when certified; otherwise the further reviews, all upheld,
     *     that would certify {@code t} (at least 1), or {@link BinomialBounds#BEYOND_CAP}
     */
    public record Adequacy(double threshold, int reviewed, int bad, double pValue, double riskUpperBound,
            boolean certified, int additionalReviewsNeeded) {
    }

    /**
     * How many more reviews, all upheld, would certify a rate of at most α from {@code bad}
     * overturns in {@code reviewed} reviews: {@link BinomialBounds#additionalReviewsNeeded}, and for
     * {@code reviewed = 0} the whole {@link BinomialBounds#minimumCleanSampleSize} (Clopper and
     * Pearson, 1934, through those methods).
     *
     * @param bad overturns so far, {@code 0 ≤ bad ≤ reviewed}
     * @param reviewed reviews so far, {@code ≥ 0}
     * @param alpha the rate to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the further clean reviews needed (0 if already certified), or
     *     {@link BinomialBounds#BEYOND_CAP}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static int additionalReviewsNeeded(int bad, int reviewed, double alpha, double delta) {
        String action = "Cannot compute additional reviews needed";
        checkCounts(action, bad, reviewed);
        checkOpenUnit(action, "alpha", alpha);
        checkOpenUnit(action, "delta", delta);
        if (reviewed == 0) {
            return BinomialBounds.minimumCleanSampleSize(alpha, delta);
        }
        return BinomialBounds.additionalReviewsNeeded(bad, reviewed, alpha, delta);
    }

    /**
     * The counts, test and bound at one threshold, read off the reviewed decisions in one pass.
     *
     * <p>The test is the Learn-then-Test p-value {@link BinomialBounds#binomialTailAtMost} for
     * {@code H0: risk(t) > α} (Angelopoulos et al., 2021); the bound is
     * {@link BinomialBounds#upper}. They agree: {@code P(Bin(n, α) ≤ k) ≤ δ} exactly when the
     * Clopper–Pearson upper bound is at most α, because the Clopper–Pearson bound is the rate at
     * which that tail equals δ and the tail decreases in the rate.
     *
     * @param decisions the reviewed decisions, not null, no null element; may be empty
     * @param threshold the threshold {@code t}, in {@code [0, 1]}
     * @param alpha the risk to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the situation at {@code t}
     * @throws IllegalArgumentException if an argument or element is null or out of range
     */
    public static Adequacy atThreshold(Collection<ReviewedDecision> decisions, double threshold, double alpha,
            double delta) {
        String action = "Cannot assess the reviews at a threshold";
        checkOpenUnit(action, "alpha", alpha);
        checkOpenUnit(action, "delta", delta);
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException(action + ": threshold = " + threshold + " is not in [0, 1]");
        }
        if (decisions == null) {
            throw new IllegalArgumentException(action + ": decisions are null");
        }
        int reviewed = 0;
        int bad = 0;
        int i = 0;
        for (ReviewedDecision d : decisions) {
            if (d == null) {
                throw new IllegalArgumentException(action + ": decision at index " + i + " is null");
            }
            if (d.confidence() >= threshold) {
                reviewed++;
                bad += d.bad() ? 1 : 0;
            }
            i++;
        }
        double pValue = pValue(bad, reviewed, alpha);
        boolean certified = pValue <= delta;
        return new Adequacy(threshold, reviewed, bad, pValue, riskUpperBound(bad, reviewed, delta), certified,
                certified ? 0 : reviewsNeededAfterFailure(bad, reviewed, alpha, delta));
    }

    /** The LTT p-value {@code P(Bin(n, α) ≤ k)}; 1 for {@code n = 0}, where there is no evidence. */
    static double pValue(int bad, int reviewed, double alpha) {
        return reviewed == 0 ? 1.0 : BinomialBounds.binomialTailAtMost(bad, reviewed, alpha);
    }

    /** The Clopper–Pearson upper bound; 1 for {@code n = 0}. */
    static double riskUpperBound(int bad, int reviewed, double delta) {
        return reviewed == 0 ? 1.0 : BinomialBounds.upper(bad, reviewed, delta);
    }

    /**
     * Reviews needed where the test at level δ has just failed. Where the p-value and the
     * Clopper–Pearson bound sit within rounding of their limits, the test can fail while the bound
     * already certifies; one more clean review then settles it, so a 0 becomes 1.
     */
    static int reviewsNeededAfterFailure(int bad, int reviewed, double alpha, double delta) {
        int needed = additionalReviewsNeeded(bad, reviewed, alpha, delta);
        return needed == 0 ? 1 : needed;
    }

    private static void checkCounts(String action, int bad, int reviewed) {
        if (reviewed < 0) {
            throw new IllegalArgumentException(action + ": reviewed = " + reviewed + " is negative");
        }
        if (bad < 0) {
            throw new IllegalArgumentException(action + ": bad = " + bad + " is negative");
        }
        if (bad > reviewed) {
            throw new IllegalArgumentException(action + ": bad = " + bad + " exceeds reviewed = " + reviewed);
        }
    }

    static void checkOpenUnit(String action, String name, double value) {
        // Written so that NaN fails too.
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(action + ": " + name + " = " + value + " is not in (0, 1)");
        }
    }
}

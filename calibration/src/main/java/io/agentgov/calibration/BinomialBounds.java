package io.agentgov.calibration;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Exact (Clopper–Pearson) one-sided confidence bounds on a binomial proportion, the sample sizes
 * they imply, and the exact binomial tail used as the Learn-then-Test p-value.
 *
 * <p>In this project the proportion is an overturn rate: of {@code n} reviewed auto-approvable
 * decisions, reviewers overturned {@code k}. The bounds answer "with confidence {@code 1 − δ},
 * the true rate is at most (at least) this".
 *
 * <h2>Method</h2>
 * The Clopper–Pearson bounds invert the exact binomial test (C. J. Clopper and E. S. Pearson,
 * "The use of confidence or fiducial limits illustrated in the case of the binomial",
 * <i>Biometrika</i> 26(4), 404–413, 1934). Through the identity
 * {@code P(Bin(n, p) ≤ k) = 1 − I_p(k + 1, n − k)}, where {@code I} is the regularised incomplete
 * beta function, they are Beta quantiles (L. D. Brown, T. T. Cai and A. DasGupta, "Interval
 * estimation for a binomial proportion", <i>Statistical Science</i> 16(2), 101–133, 2001, §4.1):
 * <pre>
 *   upper(k, n, δ) = 1                                   if k = n
 *                  = Beta(k + 1, n − k) quantile at 1 − δ  otherwise
 *   lower(k, n, δ) = 0                                   if k = 0
 *                  = Beta(k, n − k + 1) quantile at δ      otherwise
 * </pre>
 * so {@code lower(k, n, δ) = 1 − upper(n − k, n, δ)}. Each one-sided bound has coverage at least
 * {@code 1 − δ} on its own; a two-sided interval from both at level δ has coverage at least
 * {@code 1 − 2δ}.
 *
 * <h2>Why not Commons Math's {@code ClopperPearsonInterval}</h2>
 * In Commons Math 3.6.1 it is two-sided only and fails at {@code k = 0} and {@code k = n}
 * (MATH-1401), exactly the cases a clean audit produces. The Beta quantiles are therefore taken
 * from {@link BetaDistribution} directly, built with an inverse-CDF absolute accuracy of
 * {@value #INVERSE_ACCURACY}: the default (1e-9) is an absolute tolerance, which for a bound
 * near 0.005 would leave only about six correct significant digits. The endpoint cases use closed
 * forms (see {@link #upper} and {@link #lower}).
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class BinomialBounds {

    /**
     * Absolute accuracy of the Beta inverse CDF (the Brent solver's tolerance in
     * {@code AbstractRealDistribution.inverseCumulativeProbability}).
     */
    static final double INVERSE_ACCURACY = 1e-14;

    /** The most additional reviews {@link #additionalReviewsNeeded} will search before giving up. */
    public static final int ADDITIONAL_REVIEWS_CAP = 1_000_000;

    /** Returned by {@link #additionalReviewsNeeded} when more than {@link #ADDITIONAL_REVIEWS_CAP} reviews would be needed. */
    public static final int BEYOND_CAP = -1;

    /*
     * Commons Math distributions create a Well19937c generator for sampling unless given one; its
     * Javadoc advises passing null when no sampling is needed, to avoid that initialisation cost.
     */
    private static final RandomGenerator NO_SAMPLING = null;

    private BinomialBounds() {
    }

    /**
     * One-sided {@code (1 − δ)} Clopper–Pearson upper bound on a binomial proportion.
     *
     * <p>{@code 1} when {@code k = n}; otherwise the {@code 1 − δ} quantile of
     * {@code Beta(k + 1, n − k)} (Clopper and Pearson, 1934; Brown, Cai and DasGupta, 2001). For
     * {@code k = 0} the Beta is {@code Beta(1, n)}, whose CDF is {@code 1 − (1 − x)^n}, giving the
     * closed form {@code 1 − δ^(1/n)}, evaluated as {@code −expm1(ln δ / n)} to keep its digits
     * when it is small. This is the exact form of the "rule of three" (J. A. Hanley and
     * A. Lippman-Hand, "If nothing goes wrong, is everything all right? Interpreting zero
     * numerators", <i>JAMA</i> 249(13), 1743–1745, 1983): {@code 1 − δ^(1/n) ≈ −ln δ / n}, and
     * {@code −ln 0.05 ≈ 3}.
     *
     * <p>The quantile is taken at {@code 1 − δ} in double precision, so a δ below about 1e-16
     * rounds to a bound of 1: conservative, never too small.
     *
     * @param k number of events (e.g. overturned decisions), {@code 0 ≤ k ≤ n}
     * @param n number of trials (reviewed decisions), {@code n ≥ 1}
     * @param delta error probability δ, in {@code (0, 1)}; the bound holds with confidence {@code 1 − δ}
     * @return the upper bound, in {@code (0, 1]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double upper(int k, int n, double delta) {
        String action = "Cannot compute an upper bound";
        checkCounts(action, k, n);
        checkOpenUnit(action, "delta", delta);
        if (k == n) {
            return 1.0;
        }
        if (k == 0) {
            return -Math.expm1(Math.log(delta) / n);
        }
        return beta(k + 1.0, (double) n - k).inverseCumulativeProbability(1.0 - delta);
    }

    /**
     * One-sided {@code (1 − δ)} Clopper–Pearson lower bound on a binomial proportion.
     *
     * <p>{@code 0} when {@code k = 0}; otherwise the δ quantile of {@code Beta(k, n − k + 1)}
     * (Clopper and Pearson, 1934; Brown, Cai and DasGupta, 2001). For {@code k = n} the Beta is
     * {@code Beta(n, 1)}, whose CDF is {@code x^n}, giving the closed form {@code δ^(1/n)}. Equals
     * {@code 1 − upper(n − k, n, δ)}.
     *
     * @param k number of events, {@code 0 ≤ k ≤ n}
     * @param n number of trials, {@code n ≥ 1}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the lower bound, in {@code [0, 1)}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double lower(int k, int n, double delta) {
        String action = "Cannot compute a lower bound";
        checkCounts(action, k, n);
        checkOpenUnit(action, "delta", delta);
        if (k == 0) {
            return 0.0;
        }
        if (k == n) {
            return Math.exp(Math.log(delta) / n);
        }
        return beta(k, (double) n - k + 1.0).inverseCumulativeProbability(delta);
    }

    /**
     * The smallest number of reviews which, if none is overturned, certifies a rate of at most α:
     * the smallest {@code n} with {@code upper(0, n, δ) ≤ α}.
     *
     * <p>From the closed form, {@code 1 − δ^(1/n) ≤ α ⇔ n ≥ ln δ / ln(1 − α)}, so the answer is
     * {@code ⌈ln δ / ln(1 − α)⌉}; the neighbours are then checked against {@link #upper} itself so
     * that the result agrees with that method even where rounding puts the quotient on an integer.
     * With fewer reviews than this, no threshold can be certified at all, whatever the reviewers
     * find. Example: α = 0.02, δ = 0.05 gives 149.
     *
     * @param alpha the rate to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the minimum clean sample size, at least 1
     * @throws IllegalArgumentException if an argument is out of range, or the answer exceeds
     *     {@link Integer#MAX_VALUE}
     */
    public static int minimumCleanSampleSize(double alpha, double delta) {
        String action = "Cannot compute a minimum clean sample size";
        checkOpenUnit(action, "alpha", alpha);
        checkOpenUnit(action, "delta", delta);
        double estimate = Math.ceil(Math.log(delta) / Math.log1p(-alpha));
        // One spare below MAX_VALUE so the upward neighbour check cannot overflow.
        if (!(estimate < Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(action + ": alpha = " + alpha + " and delta = " + delta
                    + " need more than " + (Integer.MAX_VALUE - 1) + " reviews");
        }
        int n = Math.max(1, (int) estimate);
        while (n > 1 && upper(0, n - 1, delta) <= alpha) {
            n--;
        }
        while (upper(0, n, delta) > alpha) {
            n++;
        }
        return n;
    }

    /**
     * How many more reviews, all upheld, would let {@code k} overturns in {@code n} reviews certify
     * a rate of at most α: the smallest {@code m ≥ 0} with {@code upper(k, n + m, δ) ≤ α}.
     *
     * <p>The upper bound strictly decreases as clean reviews are added ({@code P(Bin(n, p) ≤ k)}
     * decreases in {@code n} for fixed {@code k} and {@code p}), so {@code m} is found by bisection
     * on {@code [0, ADDITIONAL_REVIEWS_CAP]}. A search that would need more than
     * {@value #ADDITIONAL_REVIEWS_CAP} reviews (or would push {@code n + m} past
     * {@link Integer#MAX_VALUE}) returns {@value #BEYOND_CAP}: in practice the observed rate is too
     * close to α, or above it, for more reviews to help. For {@code k = 0} the answer is
     * {@code max(0, minimumCleanSampleSize(α, δ) − n)}.
     *
     * @param k overturns so far, {@code 0 ≤ k ≤ n}
     * @param n reviews so far, {@code n ≥ 1}
     * @param alpha the rate to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the number of further clean reviews needed, or {@value #BEYOND_CAP}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static int additionalReviewsNeeded(int k, int n, double alpha, double delta) {
        String action = "Cannot compute additional reviews needed";
        checkCounts(action, k, n);
        checkOpenUnit(action, "alpha", alpha);
        checkOpenUnit(action, "delta", delta);
        if (upper(k, n, delta) <= alpha) {
            return 0;
        }
        int cap = (int) Math.min(ADDITIONAL_REVIEWS_CAP, (long) Integer.MAX_VALUE - n);
        if (cap < 1 || upper(k, n + cap, delta) > alpha) {
            return BEYOND_CAP;
        }
        // Invariant: m = failing does not certify, m = passing does.
        int failing = 0;
        int passing = cap;
        while (passing - failing > 1) {
            int mid = failing + (passing - failing) / 2;
            if (upper(k, n + mid, delta) <= alpha) {
                passing = mid;
            } else {
                failing = mid;
            }
        }
        return passing;
    }

    /**
     * Exact lower binomial tail {@code P(Bin(n, p) ≤ k)}, from Commons Math
     * {@link BinomialDistribution#cumulativeProbability(int)}.
     *
     * <p>This is the Learn-then-Test p-value (A. N. Angelopoulos, S. Bates, E. J. Candès,
     * M. I. Jordan and L. Lei, "Learn then Test: Calibrating Predictive Algorithms to Achieve Risk
     * Control", arXiv:2110.01052, 2021) for {@code H0: risk(t) > α} with {@code p = α},
     * {@code n = n_t} reviewed auto-approvable decisions at threshold {@code t} and {@code k = k_t}
     * of them overturned. It is valid because {@code P(Bin(n, p) ≤ k)} decreases in {@code p}, so
     * under any rate above α it is at most its value at α. See {@code statistics.md}, V6.
     *
     * @param k largest count included, {@code 0 ≤ k ≤ n}
     * @param n number of trials, {@code n ≥ 1}
     * @param p success probability, in {@code [0, 1]}
     * @return {@code P(Bin(n, p) ≤ k)}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double binomialTailAtMost(int k, int n, double p) {
        String action = "Cannot compute a binomial tail";
        checkCounts(action, k, n);
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(action + ": p = " + p + " is not in [0, 1]");
        }
        return new BinomialDistribution(NO_SAMPLING, n, p).cumulativeProbability(k);
    }

    private static BetaDistribution beta(double a, double b) {
        return new BetaDistribution(NO_SAMPLING, a, b, INVERSE_ACCURACY);
    }

    private static void checkCounts(String action, int k, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(action + ": n = " + n + " is less than 1");
        }
        if (k < 0) {
            throw new IllegalArgumentException(action + ": k = " + k + " is negative");
        }
        if (k > n) {
            throw new IllegalArgumentException(action + ": k = " + k + " exceeds n = " + n);
        }
    }

    private static void checkOpenUnit(String action, String name, double value) {
        // Written so that NaN fails too.
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(action + ": " + name + " = " + value + " is not in (0, 1)");
        }
    }
}

package io.agentgov.calibration.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Two-sample comparisons of numeric samples: the Kolmogorov–Smirnov test and the Wasserstein-1
 * (earth mover's) distance, both functionals of the two empirical CDFs {@code F_x} and {@code F_y}.
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class TwoSampleKs {

    /**
     * Below this product of the sample sizes Commons Math 3.6.1 computes the exact p-value; at or
     * above it, the asymptotic Kolmogorov distribution (its {@code LARGE_SAMPLE_PRODUCT}).
     */
    public static final long EXACT_SAMPLE_PRODUCT_LIMIT = 10_000L;

    private TwoSampleKs() {
    }

    /**
     * The outcome of a two-sample KS test.
     *
     * @param d the statistic {@code D = sup_t |F_x(t) − F_y(t)|} of the data as given
     * @param pValue {@code P(D ≥ d)} under the null hypothesis of one continuous distribution
     */
    public record Result(double d, double pValue) {
    }

    /**
     * Two-sample Kolmogorov–Smirnov test (N. V. Smirnov, "On the estimation of the discrepancy
     * between empirical curves of distribution for two independent samples", <i>Bull. Math. Univ.
     * Moscou</i> 2(2), 3–14, 1939).
     *
     * <p>{@code D} is computed here from the empirical CDFs of the data as given, evaluated after
     * each distinct value, so tied values move both CDFs at once. The p-value is Commons Math
     * {@link KolmogorovSmirnovTest#kolmogorovSmirnovTest(double[], double[], boolean)} with
     * {@code strict = false}, i.e. {@code P(D ≥ d)} rather than {@code P(D > d)}: exact (by
     * enumeration of the {@code C(m + n, n)} equally likely splits) when
     * {@code m·n < }{@value #EXACT_SAMPLE_PRODUCT_LIMIT}, asymptotic otherwise.
     *
     * <h2>Ties</h2>
     * The exact distribution assumes no ties. When the pooled sample has ties and
     * {@code m·n < }{@value #EXACT_SAMPLE_PRODUCT_LIMIT}, Commons Math 3.6.1 breaks them on copies of
     * the data by adding uniform jitter smaller than half the smallest gap between distinct values
     * (from a generator with the fixed seed 100, so the result is reproducible) and takes the p-value
     * of the jittered samples' statistic. The p-value is then that of one tie-breaking, not of
     * {@code d}; with many ties, treat it as approximate and prefer the chi-square test on binned
     * counts ({@link ContingencyTest}).
     *
     * @param x first sample, at least 2 values, finite
     * @param y second sample, at least 2 values, finite
     * @return the statistic and its p-value
     * @throws IllegalArgumentException if a sample is null, has fewer than 2 values or has a
     *     non-finite value
     */
    public static Result test(double[] x, double[] y) {
        String action = "Cannot run a two-sample KS test";
        Checks.finiteSample(action, "x", x);
        Checks.finiteSample(action, "y", y);
        // Commons Math needs two points per sample.
        if (x.length < 2 || y.length < 2) {
            throw new IllegalArgumentException(action + ": samples of sizes " + x.length + " and " + y.length
                    + " are too small, each needs at least 2 values");
        }
        double d = statistic(x, y);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(x, y, false);
        return new Result(d, p);
    }

    /**
     * Wasserstein-1 (earth mover's) distance between the empirical distributions of two samples,
     * <pre>
     *   W1 = ∫ |F_x(t) − F_y(t)| dt
     * </pre>
     * (S. S. Vallender, "Calculation of the Wasserstein distance between probability distributions
     * on the line", <i>Theory Probab. Appl.</i> 18(4), 784–786, 1974). Both CDFs are step functions,
     * so the integral is a finite sum over the gaps between consecutive pooled distinct values. It
     * is in the units of the data; it is 0 exactly when the two empirical distributions coincide
     * and equals {@code |a|} when {@code y} is {@code x} shifted by {@code a}.
     *
     * @param x first sample, non-empty, finite
     * @param y second sample, non-empty, finite
     * @return the distance, {@code ≥ 0}
     * @throws IllegalArgumentException if a sample is null, empty or has a non-finite value
     */
    public static double wasserstein1(double[] x, double[] y) {
        String action = "Cannot compute the Wasserstein-1 distance";
        Checks.finiteSample(action, "x", x);
        Checks.finiteSample(action, "y", y);
        double[] xs = sorted(x);
        double[] ys = sorted(y);
        int i = 0;
        int j = 0;
        double sum = 0.0;
        double previous = Math.min(xs[0], ys[0]);
        while (i < xs.length || j < ys.length) {
            double t = next(xs, i, ys, j);
            // On [previous, t) both CDFs are constant at i / m and j / n.
            sum += Math.abs((double) i / xs.length - (double) j / ys.length) * (t - previous);
            while (i < xs.length && xs[i] == t) {
                i++;
            }
            while (j < ys.length && ys[j] == t) {
                j++;
            }
            previous = t;
        }
        return sum;
    }

    /**
     * The two-sample KS test on two histograms of the same ordered binning (mergeable daily
     * features store numeric distributions this way). {@code D = max_i |F_r(i) − F_c(i)|} over the
     * bin edges, where {@code F(i)} is the share of counts in bins {@code 0..i}. The p-value is the
     * asymptotic Kolmogorov distribution at {@code D·√(nm/(n+m))} (Commons Math
     * {@link KolmogorovSmirnovTest#approximateP(double, int, int)}; Smirnov 1948).
     *
     * <p>Binning only hides differences inside a bin, so the binned {@code D} is at most the
     * {@code D} of the raw samples and the p-value is conservative (W. J. Conover, "A
     * Kolmogorov goodness-of-fit test for discontinuous distributions", <i>JASA</i> 67(339),
     * 591–596, 1972). When every bin holds a single distinct value, binned and raw {@code D} agree.
     *
     * @param reference counts per bin, in bin order
     * @param current counts per bin, same bins
     * @return the statistic and its asymptotic p-value
     * @throws IllegalArgumentException as {@link ContingencyTest#chiSquare} for bad count vectors
     */
    public static Result testBinned(long[] reference, long[] current) {
        String action = "Cannot run a binned two-sample KS test";
        Checks.countVectors(action, reference, current);
        long n = sum(reference);
        long m = sum(current);
        double d = 0.0;
        long r = 0;
        long c = 0;
        for (int i = 0; i < reference.length; i++) {
            r += reference[i];
            c += current[i];
            d = Math.max(d, Math.abs((double) r / n - (double) c / m));
        }
        // approximateP takes int sizes; beyond 2^31 observations the asymptotic form is exact enough
        double p = new KolmogorovSmirnovTest().approximateP(d, (int) Math.min(n, Integer.MAX_VALUE),
                (int) Math.min(m, Integer.MAX_VALUE));
        return new Result(d, Math.max(0.0, Math.min(1.0, p)));
    }

    /**
     * Wasserstein-1 distance between two histograms whose bins are represented by increasing
     * positions {@code x_0 < x_1 < … < x_{k−1}} (for example bin midpoints on a log scale):
     * <pre>
     *   W1 = Σ_{i=0}^{k−2} |F_r(i) − F_c(i)| · (x_{i+1} − x_i)
     * </pre>
     * the integral of {@link #wasserstein1} for two step CDFs that jump only at the positions, so
     * it equals the raw-sample distance when each bin holds one distinct value at its position.
     *
     * @param reference counts per bin, in bin order
     * @param current counts per bin, same bins
     * @param positions strictly increasing, finite bin positions, one per bin
     * @return the distance in the units of the positions
     * @throws IllegalArgumentException for bad count vectors, or positions of another length, not
     *     finite or not strictly increasing
     */
    public static double wasserstein1Binned(long[] reference, long[] current, double[] positions) {
        String action = "Cannot compute a binned Wasserstein-1 distance";
        Checks.countVectors(action, reference, current);
        Checks.finiteSample(action, "positions", positions);
        if (positions.length != reference.length) {
            throw new IllegalArgumentException(action + ": " + positions.length + " positions for "
                    + reference.length + " bins");
        }
        long n = sum(reference);
        long m = sum(current);
        double w = 0.0;
        long r = 0;
        long c = 0;
        for (int i = 0; i + 1 < reference.length; i++) {
            if (!(positions[i + 1] > positions[i])) {
                throw new IllegalArgumentException(action + ": positions[" + (i + 1) + "] = " + positions[i + 1]
                        + " is not above positions[" + i + "] = " + positions[i]);
            }
            r += reference[i];
            c += current[i];
            w += Math.abs((double) r / n - (double) c / m) * (positions[i + 1] - positions[i]);
        }
        return w;
    }

    /**
     * The spread a binned Wasserstein-1 distance is divided by, so that one threshold serves every
     * quantity: the reference's population standard deviation on the bin positions, as Evidently
     * normalises ({@code evidently/legacy/calculations/stattests/wasserstein_distance_norm.py}:
     * W1 / std(reference)), floored at half the narrowest gap between positions (Evidently floors at
     * 0.001) so that a reference held in one bin does not divide by zero or by a tiny number.
     *
     * @param reference counts per bin, in bin order, with a positive total
     * @param positions strictly increasing, finite bin positions, one per bin (at least two)
     */
    public static double referenceSpread(long[] reference, double[] positions) {
        String action = "Cannot compute the reference spread";
        Checks.finiteSample(action, "positions", positions);
        long m = sum(reference);
        if (positions.length != reference.length || positions.length < 2 || m <= 0) {
            throw new IllegalArgumentException(action + ": " + positions.length + " positions for " + reference.length
                    + " bins (at least 2) and " + m + " reference observations (at least 1)");
        }
        double mean = 0;
        for (int i = 0; i < positions.length; i++) {
            mean += positions[i] * reference[i] / m;
        }
        double variance = 0;
        double minGap = Double.MAX_VALUE;
        for (int i = 0; i < positions.length; i++) {
            variance += reference[i] * (positions[i] - mean) * (positions[i] - mean) / m;
            if (i > 0) {
                minGap = Math.min(minGap, positions[i] - positions[i - 1]);
            }
        }
        return Math.max(Math.sqrt(variance), 0.5 * minGap);
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** {@code sup |F_x − F_y|}, evaluated after each pooled distinct value so that ties step together. */
    private static double statistic(double[] x, double[] y) {
        double[] xs = sorted(x);
        double[] ys = sorted(y);
        int i = 0;
        int j = 0;
        double d = 0.0;
        while (i < xs.length || j < ys.length) {
            double t = next(xs, i, ys, j);
            while (i < xs.length && xs[i] == t) {
                i++;
            }
            while (j < ys.length && ys[j] == t) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / xs.length - (double) j / ys.length));
        }
        return d;
    }

    private static double next(double[] xs, int i, double[] ys, int j) {
        if (i == xs.length) {
            return ys[j];
        }
        if (j == ys.length) {
            return xs[i];
        }
        return Math.min(xs[i], ys[j]);
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}

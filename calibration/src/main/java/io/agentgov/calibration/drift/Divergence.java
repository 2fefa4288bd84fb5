package io.agentgov.calibration.drift;

/**
 * Distances between two histograms of the same binning: the Population Stability Index and the
 * Jensen–Shannon distance. Both take raw counts and normalise each vector to proportions
 * {@code p_i = r_i / Σ r} (reference) and {@code q_i = c_i / Σ c} (current).
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class Divergence {

    /**
     * Floor put in place of a zero proportion by {@link #psi(long[], long[])}, so that an empty bin
     * gives a large but finite term instead of an infinite one. Only proportions that are exactly
     * zero are replaced; the others are not changed and nothing is renormalised.
     */
    public static final double PSI_EMPTY_BIN_FLOOR = 1e-4;

    private Divergence() {
    }

    /**
     * Population Stability Index with empty bins floored at {@value #PSI_EMPTY_BIN_FLOOR}.
     *
     * @see #psi(long[], long[], double)
     */
    public static double psi(long[] reference, long[] current) {
        return psi(reference, current, PSI_EMPTY_BIN_FLOOR);
    }

    /**
     * Population Stability Index
     * <pre>
     *   PSI = Σ_i (q_i − p_i) · ln(q_i / p_i)
     * </pre>
     * the symmetrised Kullback–Leibler divergence {@code KL(p‖q) + KL(q‖p)} (B. Yurdakul,
     * "Statistical properties of population stability index", PhD dissertation, Western Michigan
     * University, 2018; N. Siddiqi, <i>Credit Risk Scorecards</i>, Wiley, 2006). A zero
     * proportion (in either vector) is replaced by {@code floor} before the sum; a bin empty in both
     * therefore contributes 0. Common alert levels are 0.1 (warn) and 0.25 (act).
     *
     * @param reference counts per bin of the reference (baseline) period
     * @param current counts per bin of the current period, same bins
     * @param floor the value in place of a zero proportion, in {@code (0, 1)}
     * @return the PSI, {@code ≥ 0}
     * @throws IllegalArgumentException if a vector is null or empty, the lengths differ, a count is
     *     negative, a vector sums to zero, or {@code floor} is not in {@code (0, 1)}
     */
    public static double psi(long[] reference, long[] current, double floor) {
        String action = "Cannot compute PSI";
        Checks.countVectors(action, reference, current);
        if (!(floor > 0.0 && floor < 1.0)) {
            throw new IllegalArgumentException(action + ": floor = " + floor + " is not in (0, 1)");
        }
        double[] p = proportions(reference);
        double[] q = proportions(current);
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] == 0.0 ? floor : p[i];
            double b = q[i] == 0.0 ? floor : q[i];
            sum += (b - a) * Math.log(b / a);
        }
        return sum;
    }

    /**
     * Jensen–Shannon distance with natural logarithms, as {@code scipy.spatial.distance.jensenshannon}
     * with its default base:
     * <pre>
     *   m = (p + q) / 2,   JSD = ½ KL(p‖m) + ½ KL(q‖m),   distance = √JSD
     * </pre>
     * (J. Lin, "Divergence measures based on the Shannon entropy", <i>IEEE Trans. Inf. Theory</i>
     * 37(1), 145–151, 1991; the square root is a metric: D. M. Endres and J. E. Schindelin, "A new
     * metric for probability distributions", <i>IEEE Trans. Inf. Theory</i> 49(7), 1858–1860, 2003).
     * Terms with {@code p_i = 0} (or {@code q_i = 0}) are 0 by the convention {@code 0 ln 0 = 0}, so
     * no floor is needed: {@code m_i > 0} wherever a term is non-zero. The value lies in
     * {@code [0, √ln 2]}, the upper end reached by disjoint supports.
     *
     * @param reference counts per bin of the reference period
     * @param current counts per bin of the current period, same bins
     * @return the Jensen–Shannon distance
     * @throws IllegalArgumentException if a vector is null or empty, the lengths differ, a count is
     *     negative, or a vector sums to zero
     */
    public static double jensenShannonDistance(long[] reference, long[] current) {
        Checks.countVectors("Cannot compute the Jensen–Shannon distance", reference, current);
        double[] p = proportions(reference);
        double[] q = proportions(current);
        double divergence = 0.0;
        for (int i = 0; i < p.length; i++) {
            double m = 0.5 * (p[i] + q[i]);
            if (p[i] > 0.0) {
                divergence += 0.5 * p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0.0) {
                divergence += 0.5 * q[i] * Math.log(q[i] / m);
            }
        }
        // Rounding can leave a tiny negative value for identical histograms.
        return Math.sqrt(Math.max(0.0, divergence));
    }

    private static double[] proportions(long[] counts) {
        double total = 0.0;
        for (long c : counts) {
            total += c;
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = counts[i] / total;
        }
        return p;
    }
    /**
     * The expected PSI of two samples of sizes {@code n} and {@code m} drawn from one distribution
     * over {@code bins} bins: under that null hypothesis {@code PSI ≈ (1/n + 1/m) · χ²_{bins−1}}, so
     * <pre>
     *   E[PSI] ≈ (bins − 1) · (1/n + 1/m)
     * </pre>
     * (B. Yurdakul, <i>Statistical properties of population stability index</i>, PhD dissertation,
     * Western Michigan University, 2018; PSI is the symmetrised Kullback–Leibler divergence, whose
     * plug-in estimate has this first-order bias). A PSI of 0.25 means little on a day of 40
     * events over 10 categories, whose null mean is already about 0.23: subtract this before
     * judging materiality.
     *
     * @param bins number of bins, at least 1
     * @param n reference sample size, at least 1
     * @param m current sample size, at least 1
     * @return the approximate null mean of the PSI
     * @throws IllegalArgumentException if an argument is below 1
     */
    public static double psiNullMean(int bins, long n, long m) {
        if (bins < 1 || n < 1 || m < 1) {
            throw new IllegalArgumentException("Cannot compute the PSI null mean: bins " + bins + ", sizes " + n
                    + " and " + m + " must all be at least 1");
        }
        return (bins - 1) * (1.0 / n + 1.0 / m);
    }
}

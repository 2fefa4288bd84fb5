package io.agentgov.calibration.drift;

import java.util.Arrays;

/**
 * Robust z-score against a reference sample:
 * <pre>
 *   z(x) = (x − median) / (1.4826 · MAD),   MAD = median_i |r_i − median|
 * </pre>
 * The factor {@value #CONSISTENCY} ≈ {@code 1 / Φ⁻¹(3/4)} makes {@code 1.4826 · MAD} a consistent
 * estimate of the standard deviation for normal data (F. R. Hampel, "The influence curve and its
 * role in robust estimation", <i>JASA</i> 69(346), 383–393, 1974; P. J. Rousseeuw and C. Croux,
 * "Alternatives to the median absolute deviation", <i>JASA</i> 88(424), 1273–1283, 1993), so
 * {@code z} reads like an ordinary z-score but one outlier cannot mask itself by inflating the
 * scale. It is the "modified z-score" of B. Iglewicz and D. C. Hoaglin, <i>How to Detect and Handle
 * Outliers</i>, ASQC, 1993, whose 0.6745 is {@code 1 / 1.4826}.
 *
 * <p>The median of an even number of values is the mean of the two middle ones (for both the
 * median and the MAD).
 *
 * <h2>MAD = 0</h2>
 * When more than half of the reference is one value the MAD is 0 and the ratio is undefined. Then
 * {@link #score} returns {@code 0} for {@code x} equal to the median and {@code ±∞} (the sign of
 * {@code x − median}) otherwise: any departure from a constant baseline is infinitely surprising on
 * this scale. {@link #isDegenerate()} tells callers to report such a case as "baseline constant"
 * rather than as a number.
 *
 * <p>Instances are immutable; build one per reference with {@link #of(double[])}.
 */
public final class RobustZ {

    /** Normal-consistency factor for the MAD, {@code 1 / Φ⁻¹(0.75)} to four decimals. */
    public static final double CONSISTENCY = 1.4826;

    private final double median;
    private final double mad;

    private RobustZ(double median, double mad) {
        this.median = median;
        this.mad = mad;
    }

    /**
     * Fits median and MAD to a reference sample.
     *
     * @param reference the reference values, non-empty, finite
     * @return the fitted scorer
     * @throws IllegalArgumentException if the reference is null, empty or has a non-finite value
     */
    public static RobustZ of(double[] reference) {
        Checks.finiteSample("Cannot fit a robust z-score", "reference", reference);
        double median = median(reference.clone());
        double[] deviations = new double[reference.length];
        for (int i = 0; i < reference.length; i++) {
            deviations[i] = Math.abs(reference[i] - median);
        }
        return new RobustZ(median, median(deviations));
    }

    /** @return the median of the reference */
    public double median() {
        return median;
    }

    /** @return the (unscaled) median absolute deviation of the reference */
    public double mad() {
        return mad;
    }

    /** @return the robust standard deviation {@code 1.4826 · MAD} */
    public double scale() {
        return CONSISTENCY * mad;
    }

    /** @return whether the MAD is 0, so that {@link #score} can only be 0 or {@code ±∞} */
    public boolean isDegenerate() {
        return mad == 0.0;
    }

    /**
     * The robust z-score of {@code x}; see the class comment for the MAD = 0 case.
     *
     * @param x the value to score, finite
     * @return {@code (x − median) / (1.4826 · MAD)}
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    public double score(double x) {
        Checks.finite("Cannot compute a robust z-score", "x", x);
        double deviation = x - median;
        if (isDegenerate()) {
            return deviation == 0.0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
        }
        return deviation / scale();
    }

    /**
     * Two-sided p-value of a z-score read on the standard normal scale,
     * {@code P(|Z| ≥ |z|) = erfc(|z| / √2)}; 0 for an infinite z. For a robust z this is an
     * approximation that assumes a roughly normal reference (the MAD scale is consistent for the
     * normal, see the class comment); it lets counts enter Benjamini–Hochberg beside exact tests.
     *
     * @param z a z-score, possibly infinite
     * @return the two-sided tail probability
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static double twoSidedPValue(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("Cannot compute a p-value: z is NaN");
        }
        if (Double.isInfinite(z)) {
            return 0.0;
        }
        return org.apache.commons.math3.special.Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** Median of the values, sorting the array in place. */
    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        int middle = n / 2;
        return n % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
    }
}

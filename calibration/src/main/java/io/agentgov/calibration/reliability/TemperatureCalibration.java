package io.agentgov.calibration.reliability;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Temperature scaling: the score's log-odds divided by one temperature {@code T > 0},
 * <pre>
 *   z = logit(clip(s)) = ln(s' / (1 − s')),   s' = min(max(s, ε), 1 − ε)
 *   P(y = 1 | s) = 1 / (1 + exp(−z / T))
 * </pre>
 * with {@code T} fitted by maximum likelihood (C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On
 * calibration of modern neural networks", <i>ICML</i>, 2017, §4.2; this is their method for two
 * classes, the softmax of the logits {@code (0, z)}). Labels are 1 when the decision was right, 0
 * when it was wrong. {@code T > 1} softens over-confident scores towards ½, {@code T < 1} sharpens
 * them; the ranking of scores, and the point {@code s = ½}, never change.
 *
 * <h2>Clipping</h2>
 * Scores are clipped to {@code [ε, 1 − ε]} with {@code ε =} {@value #EPSILON} before the logit, in
 * fitting and in {@link #apply(double)}, so that scores of exactly 0 or 1 give finite logits of
 * {@code ∓ln((1 − ε)/ε) ≈ ∓13.8}. A calibrated probability is therefore never exactly 0 or 1
 * unless {@code T} is small enough for the result to round there.
 *
 * <h2>Fit</h2>
 * With {@code β = 1/T}, the weighted negative log-likelihood
 * {@code Σ w_i [ln(1 + e^{βz_i}) − y_i β z_i]} is convex in {@code β}, and its derivative
 * <pre>
 *   g(β) = Σ_i w_i z_i (σ(β z_i) − y_i),   σ(u) = 1 / (1 + e^{−u})
 * </pre>
 * is strictly increasing unless every {@code z_i} is 0. The maximum-likelihood {@code β} is the
 * root of {@code g} (evaluated with {@code σ(u) − 1} as {@code −σ(−u)}, free of cancellation),
 * found with Commons Math's {@link BrentSolver} on
 * {@code [1/MAX_TEMPERATURE, 1/MIN_TEMPERATURE]} to full double precision. Three cases fall outside:
 * <ul>
 *   <li>{@code g(1/MAX_TEMPERATURE) ≥ 0}: the likelihood would want {@code T} above
 *       {@value #MAX_TEMPERATURE}, including the case where the score is uninformative or ranks
 *       the outcomes backwards ({@code β ≤ 0}, which temperature scaling cannot represent).
 *       {@code T = MAX_TEMPERATURE} and {@link #atBound()} is true.
 *   <li>{@code g(1/MIN_TEMPERATURE) ≤ 0}: the likelihood would want {@code T} below
 *       {@value #MIN_TEMPERATURE}, as when the scores separate the labels perfectly (for example,
 *       all labels 1 and all scores above ½). {@code T = MIN_TEMPERATURE} and {@link #atBound()}
 *       is true.
 *   <li>every clipped score is ½ ({@code z_i = 0}): the likelihood does not depend on {@code T};
 *       {@code T = 1}, the identity.
 * </ul>
 * Weights {@code w_i} are 1 by default, {@code 1 / π_i} for a stratified audit sample.
 *
 * <p>Instances are immutable.
 */
public final class TemperatureCalibration implements ScoreCalibrator {

    /** Scores are clipped to {@code [EPSILON, 1 − EPSILON]} before the logit. */
    public static final double EPSILON = 1e-6;

    /** Smallest temperature the fit returns. */
    public static final double MIN_TEMPERATURE = 0.01;

    /** Largest temperature the fit returns. */
    public static final double MAX_TEMPERATURE = 100.0;

    private static final int MAX_EVALUATIONS = 1_000;

    private final double temperature;
    private final boolean atBound;

    private TemperatureCalibration(double temperature, boolean atBound) {
        this.temperature = temperature;
        this.atBound = atBound;
    }

    /**
     * Fits with unit weights.
     *
     * @see #fit(double[], int[], double[])
     */
    public static TemperatureCalibration fit(double[] scores, int[] labels) {
        return fit(Inputs.unweighted("Cannot fit a temperature calibration", scores, labels));
    }

    /**
     * Fits the temperature by weighted maximum likelihood (see the class comment).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1 (1 = the decision was right)
     * @param weights weights {@code w_i}, each finite and positive
     * @return the fitted calibration
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ or a value
     *     is out of range
     */
    public static TemperatureCalibration fit(double[] scores, int[] labels, double[] weights) {
        return fit(Inputs.weighted("Cannot fit a temperature calibration", scores, labels, weights));
    }

    private static TemperatureCalibration fit(Inputs.Sample sample) {
        int n = sample.size();
        double[] z = new double[n];
        boolean allZero = true;
        for (int i = 0; i < n; i++) {
            z[i] = logit(sample.scores[i]);
            allZero &= z[i] == 0.0;
        }
        if (allZero) {
            return new TemperatureCalibration(1.0, false);
        }
        double[] w = sample.weights;
        int[] y = sample.labels;
        // σ(βz) − 1 is written as −σ(−βz): no cancellation when σ(βz) is close to 1.
        UnivariateFunction derivative = beta -> {
            double g = 0.0;
            for (int i = 0; i < n; i++) {
                g += y[i] == 1 ? -w[i] * z[i] * sigmoid(-beta * z[i]) : w[i] * z[i] * sigmoid(beta * z[i]);
            }
            return g;
        };
        // g is strictly increasing, so g ≥ 0 at the low end puts the root at or below it, and
        // g ≤ 0 at the high end at or above it (g can underflow to exactly 0 there).
        double lowBeta = 1.0 / MAX_TEMPERATURE;
        double highBeta = 1.0 / MIN_TEMPERATURE;
        if (derivative.value(lowBeta) >= 0.0) {
            return new TemperatureCalibration(MAX_TEMPERATURE, true);
        }
        if (derivative.value(highBeta) <= 0.0) {
            return new TemperatureCalibration(MIN_TEMPERATURE, true);
        }
        double beta = new BrentSolver(1e-15, 1e-15).solve(MAX_EVALUATIONS, derivative, lowBeta, highBeta);
        return new TemperatureCalibration(1.0 / beta, false);
    }

    /**
     * Calibrated probability {@code σ(logit(clip(s)) / T)}.
     *
     * @param score a score, in {@code [0, 1]}
     * @return the calibrated probability, in {@code [0, 1]}
     * @throws IllegalArgumentException if the score is NaN or outside {@code [0, 1]}
     */
    @Override
    public double apply(double score) {
        Inputs.score("Cannot apply a temperature calibration", score);
        return sigmoid(logit(score) / temperature);
    }

    /** @return the fitted temperature {@code T}, in {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]} */
    public double temperature() {
        return temperature;
    }

    /**
     * @return whether the likelihood's optimum lay outside {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]}
     *     and the temperature was set to the nearer end (see the class comment)
     */
    public boolean atBound() {
        return atBound;
    }

    @Override
    public String toString() {
        return "TemperatureCalibration[temperature=" + temperature + ", atBound=" + atBound + "]";
    }

    /**
     * {@code ln(s' / (1 − s'))} of the clipped score {@code s'}. Written as one logarithm of a
     * quotient so that {@code s' = ½} gives exactly 0 (the quotient is exactly 1); {@code 1 − s'} is
     * exact for {@code s' ≥ ½}.
     */
    static double logit(double score) {
        double clipped = Math.min(Math.max(score, EPSILON), 1.0 - EPSILON);
        return Math.log(clipped / (1.0 - clipped));
    }

    private static double sigmoid(double u) {
        if (u >= 0) {
            return 1.0 / (1.0 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1.0 + e);
    }
}

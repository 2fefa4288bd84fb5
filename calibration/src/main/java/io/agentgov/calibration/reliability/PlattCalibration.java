package io.agentgov.calibration.reliability;

/**
 * Platt scaling: a logistic curve in the score,
 * <pre>
 *   P(y = 1 | s) = 1 / (1 + exp(A·s + B))
 * </pre>
 * fitted by maximum likelihood with Platt's smoothed targets (J. C. Platt, "Probabilistic outputs
 * for support vector machines and comparisons to regularized likelihood methods", in A. J. Smola
 * et al. (eds.), <i>Advances in Large Margin Classifiers</i>, MIT Press, 1999, 61–74). Labels are
 * 1 when the decision was right, 0 when it was wrong; a score that rises with correctness gives
 * {@code A < 0}.
 *
 * <h2>Targets</h2>
 * Instead of fitting 0/1 labels, which lets the curve become a step when the classes are
 * separable, Platt fits the targets
 * <pre>
 *   t_i = (N₊ + 1) / (N₊ + 2)  if y_i = 1,      t_i = 1 / (N₋ + 2)  if y_i = 0
 * </pre>
 * where {@code N₊} and {@code N₋} are the numbers of positive and negative labels (a Bayesian prior
 * of one extra observation each way), and minimises the cross-entropy
 * <pre>
 *   F(A, B) = Σ_i w_i [ −t_i log p_i − (1 − t_i) log(1 − p_i) ],   p_i = 1 / (1 + exp(A s_i + B))
 * </pre>
 * With weights {@code w_i} (1 / inclusion probability for a stratified audit sample),
 * {@code N₊ = Σ_{y_i=1} w_i} and {@code N₋ = Σ_{y_i=0} w_i}, the estimated population counts; with
 * unit weights they are the counts. The targets keep {@code A} and {@code B} finite even when all
 * labels are equal: then the fit is the constant {@code t}.
 *
 * <h2>Algorithm</h2>
 * The Newton method with backtracking line search of H.-T. Lin, C.-J. Lin and R. C. Weng, "A note on
 * Platt's probabilistic outputs for support vector machines", <i>Machine Learning</i> 68(3),
 * 267–276, 2007 (the pseudo-code of the paper, as in LIBSVM's {@code sigmoid_train}):
 * <ul>
 *   <li>start at {@code A = 0}, {@code B = log((N₋ + 1) / (N₊ + 1))};
 *   <li>evaluate {@code F} and {@code p_i} in the overflow-free forms of the paper: for
 *       {@code z = A s + B ≥ 0}, {@code t z + log(1 + e^{−z})}, else {@code (t − 1) z + log(1 + e^z)};
 *   <li>Hessian {@code H + σI} with {@code σ =} {@value #HESSIAN_RIDGE} so that it stays positive
 *       definite (all scores equal makes {@code H} singular);
 *   <li>stop when both gradient components are at most {@value #GRADIENT_TOLERANCE}{@code · Σ w_i}
 *       in absolute value (see below);
 *   <li>otherwise take the Newton direction and halve the step from 1 until the sufficient-decrease
 *       condition {@code F(new) < F + 10⁻⁴ · step · ∇F·d} holds, giving up below
 *       {@value #MIN_STEP}; at most {@value #MAX_ITERATIONS} iterations.
 * </ul>
 * Two changes from the paper. {@code log(1 + x)} is evaluated with {@link Math#log1p}. And the
 * stopping rule: the paper (and LIBSVM) stop when both gradient components are below
 * {@value #LIBSVM_GRADIENT_TOLERANCE} in absolute value, which suits SVM decision values of a few
 * units and thousands of points, but with scores in {@code [0, 1]} and a small audit sample the
 * Hessian is of order 1 and that leaves {@code A} wrong in the fifth digit (about 2e-5 on the V5
 * sample of {@code statistics.md}). Here the tolerance is relative to the total weight, so that the
 * parameter error {@code ≈ H⁻¹ g} no longer depends on the sample size or the scale of the weights;
 * Newton's quadratic convergence reaches it one or two iterations after the paper's criterion. If
 * the line search can no longer decrease {@code F} in double precision before that (possible only
 * very close to the optimum), the fit stops there and counts as converged when the paper's own
 * criterion, scaled by the mean weight {@code Σ w_i / n} (1 for unit weights), is met.
 * {@link #converged()} reports this; if the fit does not converge, the last accepted parameters are
 * kept, as LIBSVM does.
 *
 * <p>Instances are immutable.
 */
public final class PlattCalibration implements ScoreCalibrator {

    /** Maximum number of Newton iterations. */
    public static final int MAX_ITERATIONS = 100;

    /** Smallest step of the backtracking line search. */
    public static final double MIN_STEP = 1e-10;

    /** σ added to the diagonal of the Hessian. */
    public static final double HESSIAN_RIDGE = 1e-12;

    /** Stopping tolerance on each gradient component, relative to the total weight. */
    public static final double GRADIENT_TOLERANCE = 1e-10;

    /**
     * Lin et al.'s absolute stopping tolerance, per unit of mean weight; used only to judge a fit
     * whose line search stalls (see the class comment).
     */
    public static final double LIBSVM_GRADIENT_TOLERANCE = 1e-5;

    private static final double SUFFICIENT_DECREASE = 1e-4;

    private final double a;
    private final double b;
    private final int iterations;
    private final boolean converged;

    private PlattCalibration(double a, double b, int iterations, boolean converged) {
        this.a = a;
        this.b = b;
        this.iterations = iterations;
        this.converged = converged;
    }

    /**
     * Fits with unit weights.
     *
     * @see #fit(double[], int[], double[])
     */
    public static PlattCalibration fit(double[] scores, int[] labels) {
        return fit(Inputs.unweighted("Cannot fit a Platt calibration", scores, labels));
    }

    /**
     * Fits {@code A} and {@code B} by weighted maximum likelihood on Platt's targets (see the class
     * comment).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1 (1 = the decision was right)
     * @param weights weights {@code w_i}, each finite and positive
     * @return the fitted calibration
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ or a value
     *     is out of range
     */
    public static PlattCalibration fit(double[] scores, int[] labels, double[] weights) {
        return fit(Inputs.weighted("Cannot fit a Platt calibration", scores, labels, weights));
    }

    private static PlattCalibration fit(Inputs.Sample sample) {
        int n = sample.size();
        double[] s = sample.scores;
        double[] w = sample.weights;
        double prior1 = 0.0;
        double prior0 = 0.0;
        for (int i = 0; i < n; i++) {
            if (sample.labels[i] == 1) {
                prior1 += w[i];
            } else {
                prior0 += w[i];
            }
        }
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1.0 / (prior0 + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = sample.labels[i] == 1 ? hiTarget : loTarget;
        }
        double tolerance = GRADIENT_TOLERANCE * sample.totalWeight;
        double libsvmTolerance = LIBSVM_GRADIENT_TOLERANCE * sample.totalWeight / n;

        double a = 0.0;
        double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        double fval = objective(s, w, t, a, b);
        int iteration = 0;
        boolean converged = false;
        while (iteration < MAX_ITERATIONS) {
            double h11 = HESSIAN_RIDGE;
            double h22 = HESSIAN_RIDGE;
            double h21 = 0.0;
            double g1 = 0.0;
            double g2 = 0.0;
            for (int i = 0; i < n; i++) {
                double fApB = s[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    double e = Math.exp(-fApB);
                    p = e / (1.0 + e);
                    q = 1.0 / (1.0 + e);
                } else {
                    double e = Math.exp(fApB);
                    p = 1.0 / (1.0 + e);
                    q = e / (1.0 + e);
                }
                double d2 = w[i] * p * q;
                h11 += s[i] * s[i] * d2;
                h22 += d2;
                h21 += s[i] * d2;
                double d1 = w[i] * (t[i] - p);
                g1 += s[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < tolerance && Math.abs(g2) < tolerance) {
                converged = true;
                break;
            }
            iteration++;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1.0;
            boolean accepted = false;
            while (step >= MIN_STEP) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newF = objective(s, w, t, newA, newB);
                if (newF < fval + SUFFICIENT_DECREASE * step * gd) {
                    a = newA;
                    b = newB;
                    fval = newF;
                    accepted = true;
                    break;
                }
                step /= 2.0;
            }
            if (!accepted) {
                // Line search failed: keep the last accepted parameters.
                converged = Math.abs(g1) < libsvmTolerance && Math.abs(g2) < libsvmTolerance;
                break;
            }
        }
        return new PlattCalibration(a, b, iteration, converged);
    }

    /** The weighted cross-entropy {@code F(A, B)} in the overflow-free form of Lin et al. */
    private static double objective(double[] s, double[] w, double[] t, double a, double b) {
        double f = 0.0;
        for (int i = 0; i < s.length; i++) {
            double fApB = s[i] * a + b;
            if (fApB >= 0) {
                f += w[i] * (t[i] * fApB + Math.log1p(Math.exp(-fApB)));
            } else {
                f += w[i] * ((t[i] - 1.0) * fApB + Math.log1p(Math.exp(fApB)));
            }
        }
        return f;
    }

    /**
     * Calibrated probability {@code 1 / (1 + exp(A·s + B))}, evaluated without overflow.
     *
     * @param score a score, in {@code [0, 1]}
     * @return the calibrated probability, in {@code [0, 1]}
     * @throws IllegalArgumentException if the score is NaN or outside {@code [0, 1]}
     */
    @Override
    public double apply(double score) {
        Inputs.score("Cannot apply a Platt calibration", score);
        double fApB = a * score + b;
        if (fApB >= 0) {
            double e = Math.exp(-fApB);
            return e / (1.0 + e);
        }
        return 1.0 / (1.0 + Math.exp(fApB));
    }

    /** @return the slope {@code A} */
    public double a() {
        return a;
    }

    /** @return the intercept {@code B} */
    public double b() {
        return b;
    }

    /** @return the number of Newton steps taken */
    public int iterations() {
        return iterations;
    }

    /** @return whether the gradient fell below the tolerance (see the class comment) */
    public boolean converged() {
        return converged;
    }

    @Override
    public String toString() {
        return "PlattCalibration[a=" + a + ", b=" + b + ", iterations=" + iterations + ", converged="
                + converged + "]";
    }
}

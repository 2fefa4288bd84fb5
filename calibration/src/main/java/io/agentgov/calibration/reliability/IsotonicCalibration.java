package io.agentgov.calibration.reliability;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Isotonic calibration: the non-decreasing step function of the score that is closest, in weighted
 * least squares, to the labels, fitted by the pool-adjacent-violators algorithm (PAV).
 *
 * <h2>Method</h2>
 * Given scores {@code s_i ∈ [0, 1]}, labels {@code y_i ∈ {0, 1}} (1 = the decision was right) and
 * weights {@code w_i > 0} (default 1; {@code 1 / π_i} for a stratified audit sample), the fit
 * minimises {@code Σ w_i (f(s_i) − y_i)²} over non-decreasing {@code f} (M. Ayer, H. D. Brunk,
 * G. M. Ewing, W. T. Reid and E. Silverman, "An empirical distribution function for sampling with
 * incomplete information", <i>Annals of Mathematical Statistics</i> 26(4), 641–647, 1955;
 * R. E. Barlow, D. J. Bartholomew, J. M. Bremner and H. D. Brunk, <i>Statistical Inference under
 * Order Restrictions</i>, Wiley, 1972, ch. 1). Its use to turn classifier scores into probabilities
 * is due to B. Zadrozny and C. Elkan, "Transforming classifier scores into accurate multiclass
 * probability estimates", <i>KDD</i>, 2002, 694–699.
 * <ol>
 *   <li><b>Ties first.</b> Observations with equal scores are pooled into one point whose weight is
 *       their total weight and whose value is their weighted mean label, since a function of the
 *       score must give them one value (the "secondary" approach to ties of Barlow et al.). So the
 *       fit does not depend on the input order of tied observations.
 *   <li><b>PAV.</b> The pooled points are visited in increasing score order, each starting a block;
 *       while a block's weighted mean is not above the previous block's, the two are merged into
 *       one block whose mean is their weighted mean. The block means, strictly increasing, are the
 *       fitted values.
 * </ol>
 * The fitted value at a score is the weighted rate of its block: {@link #fittedValues()} lists it
 * per distinct fitted score, in {@code [0, 1]} and non-decreasing. Example (V4 of
 * {@code statistics.md}): unit weights, labels {@code 0,1,0,0,1,0,1,1,0,1} in score order give
 * {@code 0, 1/3, 1/3, 1/3, 1/2, 1/2, 2/3, 2/3, 2/3, 1}.
 *
 * <h2>New scores</h2>
 * {@link #apply(double)} is a right-continuous step function, constant between fitted points: a
 * score gets the fitted value of the largest fitted score at or below it. Between two blocks this
 * is the lower block's value, the conservative choice when a calibrated probability of being right
 * gates automation (it never claims more than the data at or below the score support). Outside the
 * fitted range the end values are used: below the smallest fitted score the smallest fitted value,
 * above the largest the largest. The isotonic assumption only says the true rate is at most the
 * first value below the range, so use {@link #lowestFittedScore()} to flag scores the fit has not
 * seen.
 *
 * <p>Instances are immutable.
 */
public final class IsotonicCalibration implements ScoreCalibrator {

    private final double[] scores;
    private final double[] values;
    private final double[] weights;
    private final int blocks;

    private IsotonicCalibration(double[] scores, double[] values, double[] weights, int blocks) {
        this.scores = scores;
        this.values = values;
        this.weights = weights;
        this.blocks = blocks;
    }

    /**
     * Fits with unit weights.
     *
     * @see #fit(double[], int[], double[])
     */
    public static IsotonicCalibration fit(double[] scores, int[] labels) {
        return fit(Inputs.unweighted("Cannot fit an isotonic calibration", scores, labels));
    }

    /**
     * Fits the weighted isotonic regression of the labels on the scores (see the class comment).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1 (1 = the decision was right)
     * @param weights weights {@code w_i}, each finite and positive
     * @return the fitted calibration
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ or a value
     *     is out of range
     */
    public static IsotonicCalibration fit(double[] scores, int[] labels, double[] weights) {
        return fit(Inputs.weighted("Cannot fit an isotonic calibration", scores, labels, weights));
    }

    private static IsotonicCalibration fit(Inputs.Sample sample) {
        int n = sample.size();
        double[] s = sample.scores;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> s[i]));

        // Pool ties: one point per distinct score, with total weight and weighted label sum.
        double[] x = new double[n];
        double[] pointWeight = new double[n];
        double[] pointLabelSum = new double[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (m == 0 || s[i] != x[m - 1]) {
                x[m] = s[i];
                m++;
            }
            pointWeight[m - 1] += sample.weights[i];
            pointLabelSum[m - 1] += sample.weights[i] * sample.labels[i];
        }

        // PAV on the pooled points. Block j covers points [first[j], first[j + 1]).
        int[] first = new int[m + 1];
        double[] blockWeight = new double[m];
        double[] blockLabelSum = new double[m];
        int top = 0;
        for (int p = 0; p < m; p++) {
            first[top] = p;
            blockWeight[top] = pointWeight[p];
            blockLabelSum[top] = pointLabelSum[p];
            top++;
            // Merge while the previous block's mean is at least this one's, compared as
            // sumY_prev · W_cur ≥ sumY_cur · W_prev to avoid dividing. Merging equal means changes
            // no fitted value and leaves the block means strictly increasing.
            while (top > 1 && blockLabelSum[top - 2] * blockWeight[top - 1]
                    >= blockLabelSum[top - 1] * blockWeight[top - 2]) {
                blockWeight[top - 2] += blockWeight[top - 1];
                blockLabelSum[top - 2] += blockLabelSum[top - 1];
                top--;
            }
        }
        first[top] = m;

        double[] fitted = new double[m];
        for (int j = 0; j < top; j++) {
            // Label sums and weights add the same terms in the same order, so a block of all-1
            // labels gives exactly 1.
            double value = blockLabelSum[j] / blockWeight[j];
            for (int p = first[j]; p < first[j + 1]; p++) {
                fitted[p] = value;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(x, m), fitted, Arrays.copyOf(pointWeight, m), top);
    }

    /**
     * Calibrated probability of a score: the fitted value of the largest fitted score at or below
     * it, or the first fitted value below the fitted range (see the class comment).
     *
     * @param score a score, in {@code [0, 1]}
     * @return the calibrated probability, in {@code [0, 1]}
     * @throws IllegalArgumentException if the score is NaN or outside {@code [0, 1]}
     */
    @Override
    public double apply(double score) {
        Inputs.score("Cannot apply an isotonic calibration", score);
        int at = Arrays.binarySearch(scores, score + 0.0);
        if (at >= 0) {
            return values[at];
        }
        int below = -at - 2; // insertion point − 1: the largest fitted score below the score
        return values[Math.max(0, below)];
    }

    /** @return a copy of the distinct fitted scores, increasing */
    public double[] fittedScores() {
        return scores.clone();
    }

    /** @return a copy of the fitted value at each of {@link #fittedScores()}, non-decreasing */
    public double[] fittedValues() {
        return values.clone();
    }

    /** @return a copy of the total weight of the observations at each of {@link #fittedScores()} */
    public double[] fittedWeights() {
        return weights.clone();
    }

    /** @return the number of PAV blocks, i.e. of distinct steps of the fitted function */
    public int blockCount() {
        return blocks;
    }

    /** @return the smallest fitted score; scores below it get the first fitted value */
    public double lowestFittedScore() {
        return scores[0];
    }

    /** @return the largest fitted score; scores above it get the last fitted value */
    public double highestFittedScore() {
        return scores[scores.length - 1];
    }
}

package io.agentgov.calibration.reliability;

import java.util.Arrays;

/**
 * Argument checks shared by the reliability statistics and the calibrators. Messages read
 * {@code "Cannot <action>: <reason naming the value>"}.
 *
 * <p>A sample is three parallel arrays: scores {@code s_i ∈ [0, 1]}, labels {@code y_i ∈ {0, 1}}
 * and weights {@code w_i > 0}. The checked copies returned here are private to the caller, so
 * later changes to the caller's arrays cannot affect a fitted model or report.
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * A validated copy of a sample, with its total weight. Scores are copied with {@code −0.0}
     * turned into {@code 0.0}, so that ties are the same under {@code ==} and under
     * {@link Double#compare}.
     */
    static final class Sample {
        final double[] scores;
        final int[] labels;
        final double[] weights;
        final double totalWeight;

        private Sample(double[] scores, int[] labels, double[] weights, double totalWeight) {
            this.scores = scores;
            this.labels = labels;
            this.weights = weights;
            this.totalWeight = totalWeight;
        }

        int size() {
            return scores.length;
        }
    }

    /** Checks scores and labels, and gives every observation weight 1. */
    static Sample unweighted(String action, double[] scores, int[] labels) {
        checkScoresAndLabels(action, scores, labels);
        double[] weights = new double[scores.length];
        Arrays.fill(weights, 1.0);
        return new Sample(copyScores(scores), labels.clone(), weights, scores.length);
    }

    /** Checks scores, labels and weights (all non-null, of one length, each value in range). */
    static Sample weighted(String action, double[] scores, int[] labels, double[] weights) {
        checkScoresAndLabels(action, scores, labels);
        if (weights == null) {
            throw new IllegalArgumentException(action + ": weights are null");
        }
        if (weights.length != scores.length) {
            throw new IllegalArgumentException(action + ": there are " + scores.length + " scores but "
                    + weights.length + " weights");
        }
        double total = 0.0;
        for (int i = 0; i < weights.length; i++) {
            // Written so that NaN fails too.
            if (!(weights[i] > 0.0 && weights[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(action + ": weights[" + i + "] = " + weights[i]
                        + " is not a finite positive number");
            }
            total += weights[i];
        }
        if (!Double.isFinite(total)) {
            throw new IllegalArgumentException(action + ": weights sum to " + total);
        }
        return new Sample(copyScores(scores), labels.clone(), weights.clone(), total);
    }

    /** Checks one score to be calibrated: in {@code [0, 1]}, not NaN. */
    static void score(String action, double score) {
        // Written so that NaN fails too.
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException(action + ": score = " + score + " is not in [0, 1]");
        }
    }

    static void openUnit(String action, String name, double value) {
        // Written so that NaN fails too.
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(action + ": " + name + " = " + value + " is not in (0, 1)");
        }
    }

    private static void checkScoresAndLabels(String action, double[] scores, int[] labels) {
        if (scores == null) {
            throw new IllegalArgumentException(action + ": scores are null");
        }
        if (labels == null) {
            throw new IllegalArgumentException(action + ": labels are null");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException(action + ": scores are empty");
        }
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(action + ": there are " + scores.length + " scores but "
                    + labels.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            // Written so that NaN fails too.
            if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
                throw new IllegalArgumentException(action + ": scores[" + i + "] = " + scores[i]
                        + " is not in [0, 1]");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(action + ": labels[" + i + "] = " + labels[i]
                        + " is not 0 or 1");
            }
        }
    }

    private static double[] copyScores(double[] scores) {
        double[] copy = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            copy[i] = scores[i] + 0.0; // −0.0 + 0.0 = 0.0
        }
        return copy;
    }
}

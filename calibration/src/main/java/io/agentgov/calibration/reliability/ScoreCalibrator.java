package io.agentgov.calibration.reliability;

/**
 * A fitted, immutable map from a raw score in {@code [0, 1]} to a calibrated probability that the
 * label is 1 (the decision was right). Implemented by {@link IsotonicCalibration},
 * {@link PlattCalibration} and {@link TemperatureCalibration}, so that a report can fit several and
 * compare their reliability on held-out data with {@link Reliability}.
 */
public interface ScoreCalibrator {

    /**
     * Calibrates one score.
     *
     * @param score a raw score, in {@code [0, 1]}
     * @return the calibrated probability, in {@code [0, 1]}
     * @throws IllegalArgumentException if the score is NaN or outside {@code [0, 1]}
     */
    double apply(double score);

    /**
     * Calibrates each score of an array; an empty array gives an empty array.
     *
     * @param scores raw scores, each in {@code [0, 1]}
     * @return a new array of calibrated probabilities, in input order
     * @throws IllegalArgumentException if the array is null or a score is NaN or outside {@code [0, 1]}
     */
    default double[] apply(double[] scores) {
        if (scores == null) {
            throw new IllegalArgumentException("Cannot apply a calibration: scores are null");
        }
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = apply(scores[i]);
        }
        return out;
    }
}

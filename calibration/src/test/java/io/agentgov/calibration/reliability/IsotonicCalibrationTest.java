package io.agentgov.calibration.reliability;

import static io.agentgov.calibration.reliability.ReliabilityTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link IsotonicCalibration}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>V4</b>: {@code shared/docs/statistics.md}, computed there independently of the project.
 *   <li><b>scipy</b>: {@code scipy.optimize.isotonic_regression(y, weights=w, increasing=True)}
 *       (scipy 1.17) on the tie-pooled points (total weight and weighted mean label per distinct
 *       score, pooled in Python), no project code involved.
 *   <li><b>hand</b>: PAV stepped through in the comments.
 * </ul>
 */
class IsotonicCalibrationTest {

    private static final double[] V4_SCORES = {.1, .2, .3, .4, .5, .6, .7, .8, .9, 1.0};
    private static final int[] V4_LABELS = {0, 1, 0, 0, 1, 0, 1, 1, 0, 1};
    private static final double[] V4_FIT = {0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 2.0 / 3, 2.0 / 3, 2.0 / 3, 1};

    @Test
    void v4MatchesStatisticsMd() {
        IsotonicCalibration iso = IsotonicCalibration.fit(V4_SCORES, V4_LABELS);
        assertArrayEquals(V4_FIT, iso.fittedValues(), 1e-15);
        assertArrayEquals(V4_SCORES, iso.fittedScores(), 0.0);
        for (int i = 0; i < V4_SCORES.length; i++) {
            assertEquals(V4_FIT[i], iso.apply(V4_SCORES[i]), 1e-15, "at " + V4_SCORES[i]);
        }
        // hand: blocks {0} {1,0,0} {1,0} {1,1,0} {1}.
        assertEquals(5, iso.blockCount());
    }

    @Test
    void v4DoesNotDependOnInputOrder() {
        double[] s = {.7, .1, 1.0, .4, .9, .2, .6, .3, .8, .5};
        int[] y = {1, 0, 1, 0, 0, 1, 0, 0, 1, 1};
        assertArrayEquals(V4_FIT, IsotonicCalibration.fit(s, y).fittedValues(), 1e-15);
    }

    @Test
    void weightsAndTiesMatchScipy() {
        // scipy (pooled points .1 .2 .3 .4 .6 .8 .9, weights 1 3 1 5 2 1 1):
        // 0.3 0.3 0.3 0.3 0.6666666666666666 0.6666666666666666 1.0.
        // hand: pooled means 1, 1/3, 0, 1/5, 1, 0, 1; PAV merges the first four (sum 3 of weight 10)
        // and .6 with .8 (sum 2 of weight 3).
        double[] s = {0.1, 0.2, 0.2, 0.3, 0.4, 0.4, 0.4, 0.6, 0.8, 0.9};
        int[] y = {1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
        double[] w = {1, 2, 1, 1, 3, 1, 1, 2, 1, 1};
        IsotonicCalibration iso = IsotonicCalibration.fit(s, y, w);
        assertArrayEquals(new double[] {.1, .2, .3, .4, .6, .8, .9}, iso.fittedScores(), 0.0);
        assertArrayEquals(new double[] {.3, .3, .3, .3, 2.0 / 3, 2.0 / 3, 1}, iso.fittedValues(), 1e-15);
        assertArrayEquals(new double[] {1, 3, 1, 5, 2, 1, 1}, iso.fittedWeights(), 0.0);
        assertEquals(3, iso.blockCount());
    }

    @Test
    void applyIsAStepFunctionTakingTheLowerStepBetweenBlocks() {
        double[] s = {0.1, 0.2, 0.2, 0.3, 0.4, 0.4, 0.4, 0.6, 0.8, 0.9};
        int[] y = {1, 0, 1, 0, 0, 1, 0, 1, 0, 1};
        double[] w = {1, 2, 1, 1, 3, 1, 1, 2, 1, 1};
        IsotonicCalibration iso = IsotonicCalibration.fit(s, y, w);
        assertEquals(0.3, iso.apply(0.0), 1e-15);        // below the range: first value
        assertEquals(0.3, iso.apply(0.05), 1e-15);
        assertEquals(0.3, iso.apply(0.35), 1e-15);       // inside a block
        assertEquals(0.3, iso.apply(0.5), 1e-15);        // between blocks .4 and .6: the lower one
        assertEquals(0.3, iso.apply(0.5999999999), 1e-15);
        assertEquals(2.0 / 3, iso.apply(0.6), 1e-15);    // at a fitted score: its own value
        assertEquals(2.0 / 3, iso.apply(0.85), 1e-15);
        assertEquals(1.0, iso.apply(0.9), 0.0);
        assertEquals(1.0, iso.apply(1.0), 0.0);          // above the range: last value
        assertEquals(0.1, iso.lowestFittedScore(), 0.0);
        assertEquals(0.9, iso.highestFittedScore(), 0.0);
        assertArrayEquals(new double[] {0.3, 0.3, 2.0 / 3, 1.0}, iso.apply(new double[] {0.0, 0.5, 0.7, 1.0}), 1e-15);
        assertArrayEquals(new double[0], iso.apply(new double[0]), 0.0);
    }

    @Test
    void fitKeepsWeightedMeanAndIsMonotone() {
        // The isotonic fit preserves the weighted label sum (each block's value is its mean) and is
        // non-decreasing; checked on random data with many ties.
        Random random = new Random(20240601);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            double[] s = new double[n];
            int[] y = new int[n];
            double[] w = new double[n];
            double labelSum = 0;
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(12) / 11.0;
                y[i] = random.nextDouble() < s[i] ? 1 : 0;
                w[i] = 0.5 + random.nextInt(4);
                labelSum += w[i] * y[i];
            }
            IsotonicCalibration iso = IsotonicCalibration.fit(s, y, w);
            double[] v = iso.fittedValues();
            double[] pw = iso.fittedWeights();
            double fittedSum = 0;
            for (int j = 0; j < v.length; j++) {
                assertTrue(j == 0 || v[j] >= v[j - 1], "not monotone in trial " + trial);
                assertTrue(v[j] >= 0 && v[j] <= 1);
                fittedSum += pw[j] * v[j];
            }
            assertEquals(labelSum, fittedSum, 1e-9, "trial " + trial);
            for (int i = 0; i < n; i++) {
                assertEquals(v[java.util.Arrays.binarySearch(iso.fittedScores(), s[i])], iso.apply(s[i]), 0.0);
            }
        }
    }

    @Test
    void allLabelsOneAndAllLabelsZero() {
        double[] s = {.2, .5, .9};
        IsotonicCalibration ones = IsotonicCalibration.fit(s, new int[] {1, 1, 1});
        assertArrayEquals(new double[] {1, 1, 1}, ones.fittedValues(), 0.0);
        assertEquals(1, ones.blockCount());
        IsotonicCalibration zeros = IsotonicCalibration.fit(s, new int[] {0, 0, 0}, new double[] {2, 1, 5});
        assertArrayEquals(new double[] {0, 0, 0}, zeros.fittedValues(), 0.0);
        assertEquals(0.0, zeros.apply(0.7), 0.0);
    }

    @Test
    void allScoresTiedGiveTheWeightedRate() {
        // hand: one pooled point, value (1·1 + 3·0 + 2·1) / 6 = 1/2.
        IsotonicCalibration iso = IsotonicCalibration.fit(new double[] {.4, .4, .4}, new int[] {1, 0, 1},
                new double[] {1, 3, 2});
        assertArrayEquals(new double[] {.4}, iso.fittedScores(), 0.0);
        assertArrayEquals(new double[] {.5}, iso.fittedValues(), 1e-15);
        assertEquals(.5, iso.apply(0.0), 1e-15);
        assertEquals(.5, iso.apply(1.0), 1e-15);
    }

    @Test
    void singlePoint() {
        IsotonicCalibration iso = IsotonicCalibration.fit(new double[] {.8}, new int[] {0});
        assertEquals(0.0, iso.apply(.3), 0.0);
        assertEquals(1, iso.blockCount());
    }

    @Test
    void fittedArraysAreCopiesAndInputsAreCopied() {
        double[] s = V4_SCORES.clone();
        IsotonicCalibration iso = IsotonicCalibration.fit(s, V4_LABELS);
        s[0] = 0.95;
        iso.fittedValues()[0] = 42;
        iso.fittedScores()[0] = 42;
        assertEquals(0.0, iso.apply(0.1), 0.0);
        assertEquals(0.1, iso.fittedScores()[0], 0.0);
    }

    @Test
    void rejectsBadArguments() {
        String fit = "Cannot fit an isotonic calibration: ";
        assertRejected(fit + "scores are empty", () -> IsotonicCalibration.fit(new double[0], new int[0]));
        assertRejected(fit + "there are 2 scores but 1 weights",
                () -> IsotonicCalibration.fit(new double[] {.1, .2}, new int[] {0, 1}, new double[] {1}));
        assertRejected(fit + "scores[0] = 1.1 is not in [0, 1]", () -> IsotonicCalibration.fit(new double[] {1.1}, new int[] {1}));
        assertRejected(fit + "scores[0] = NaN is not in [0, 1]",
                () -> IsotonicCalibration.fit(new double[] {Double.NaN}, new int[] {1}));
        assertRejected(fit + "labels[0] = 3 is not 0 or 1", () -> IsotonicCalibration.fit(new double[] {.5}, new int[] {3}));
        IsotonicCalibration iso = IsotonicCalibration.fit(V4_SCORES, V4_LABELS);
        assertRejected("Cannot apply an isotonic calibration: score = NaN is not in [0, 1]", () -> iso.apply(Double.NaN));
        assertRejected("Cannot apply an isotonic calibration: score = -0.5 is not in [0, 1]", () -> iso.apply(-0.5));
        assertRejected("Cannot apply a calibration: scores are null", () -> iso.apply((double[]) null));
    }
}

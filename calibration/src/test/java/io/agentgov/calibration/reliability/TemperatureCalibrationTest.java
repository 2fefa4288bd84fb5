package io.agentgov.calibration.reliability;

import static io.agentgov.calibration.reliability.ReliabilityTest.V5_LABELS;
import static io.agentgov.calibration.reliability.ReliabilityTest.V5_SCORES;
import static io.agentgov.calibration.reliability.ReliabilityTest.V5_WEIGHTS;
import static io.agentgov.calibration.reliability.ReliabilityTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link TemperatureCalibration}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>scipy</b>: scipy 1.17 and numpy, no project code. With
 *       {@code z = log(s') − log1p(−s')}, {@code s' = clip(s, 1e-6, 1 − 1e-6)}, the negative
 *       log-likelihood {@code NLL(T) = sum(w · (logaddexp(0, z/T) − y·z/T))} was minimised with
 *       {@code scipy.optimize.minimize_scalar(NLL, bounds=(0.01, 100), method="bounded")} and the
 *       optimum refined as the root of {@code dNLL/dβ = sum(w·z·(expit(β z) − y))}, {@code β = 1/T},
 *       by {@code scipy.optimize.brentq(xtol=1e-15)}; the two agree to 1e-8 and the root is the
 *       value asserted, to 1e-12.
 *   <li><b>closed form</b>: with one score value the optimum reproduces the observed rate, so
 *       {@code T = logit(s) / logit(rate)}.
 * </ul>
 */
class TemperatureCalibrationTest {

    @Test
    void v5SampleMatchesScipy() {
        // scipy: T = 1.1178616252770528 (minimize_scalar: 1.1178616390920801).
        TemperatureCalibration t = TemperatureCalibration.fit(V5_SCORES, V5_LABELS);
        assertEquals(1.1178616252770528, t.temperature(), 1e-12);
        assertFalse(t.atBound());
    }

    @Test
    void weightedV5SampleMatchesScipy() {
        // scipy with w = 1 2 1 3 1 1 2 1 1 4 1 1 2 1 1: T = 0.8057346357724753.
        TemperatureCalibration t = TemperatureCalibration.fit(V5_SCORES, V5_LABELS, V5_WEIGHTS);
        assertEquals(0.8057346357724753, t.temperature(), 1e-12);
        assertFalse(t.atBound());
    }

    @Test
    void scoresOfZeroAndOneAreClipped() {
        // scipy: s = 0 .3 .6 1 .8 .2 .9 .4, y = 0 1 1 1 0 0 1 0, clipped at 1e-6: T = 2.05516637453467.
        double[] s = {0.0, 0.3, 0.6, 1.0, 0.8, 0.2, 0.9, 0.4};
        int[] y = {0, 1, 1, 1, 0, 0, 1, 0};
        TemperatureCalibration t = TemperatureCalibration.fit(s, y);
        assertEquals(2.05516637453467, t.temperature(), 1e-12);
        assertEquals(t.apply(TemperatureCalibration.EPSILON), t.apply(0.0), 0.0);
        assertEquals(t.apply(1 - TemperatureCalibration.EPSILON), t.apply(1.0), 0.0);
        assertTrue(t.apply(0.0) > 0 && t.apply(1.0) < 1);
    }

    @Test
    void oneScoreValueReproducesTheObservedRate() {
        // closed form: scores all .7, labels 1 1 0 1 (rate 3/4): T = logit(.7) / logit(.75).
        TemperatureCalibration t = TemperatureCalibration.fit(new double[] {.7, .7, .7, .7}, new int[] {1, 1, 0, 1});
        assertEquals(Math.log(.7 / .3) / Math.log(3), t.temperature(), 1e-12);
        assertEquals(0.75, t.apply(0.7), 1e-12);
        assertFalse(t.atBound());
    }

    @Test
    void allScoresOneHalfLeaveTheTemperatureAtOne() {
        // Every logit is 0, so the likelihood does not depend on T: the identity is returned.
        TemperatureCalibration t = TemperatureCalibration.fit(new double[] {.5, .5, .5}, new int[] {1, 0, 0});
        assertEquals(1.0, t.temperature(), 0.0);
        assertFalse(t.atBound());
        assertEquals(0.3, t.apply(0.3), 1e-15);
        assertEquals(0.5, t.apply(0.5), 0.0);
    }

    @Test
    void separatedLabelsHitTheMinimumTemperature() {
        // All labels 1 with all scores above ½ (and all 0 below ½): the likelihood keeps rising as
        // T falls, so T stops at MIN_TEMPERATURE.
        TemperatureCalibration ones = TemperatureCalibration.fit(new double[] {.6, .8, .9}, new int[] {1, 1, 1});
        assertEquals(TemperatureCalibration.MIN_TEMPERATURE, ones.temperature(), 0.0);
        assertTrue(ones.atBound());
        TemperatureCalibration zeros = TemperatureCalibration.fit(new double[] {.1, .3}, new int[] {0, 0});
        assertEquals(TemperatureCalibration.MIN_TEMPERATURE, zeros.temperature(), 0.0);
        assertTrue(zeros.atBound());
        TemperatureCalibration single = TemperatureCalibration.fit(new double[] {.8}, new int[] {1});
        assertEquals(TemperatureCalibration.MIN_TEMPERATURE, single.temperature(), 0.0);
    }

    @Test
    void backwardScoresHitTheMaximumTemperature() {
        // Scores that rank the outcomes backwards want β < 0, which T > 0 cannot give: T stops at
        // MAX_TEMPERATURE, flattening every score towards ½. Same for all labels 1 with scores
        // below ½, and for a single wrong point.
        TemperatureCalibration backwards = TemperatureCalibration.fit(new double[] {.2, .3, .7, .8},
                new int[] {1, 1, 0, 0});
        assertEquals(TemperatureCalibration.MAX_TEMPERATURE, backwards.temperature(), 0.0);
        assertTrue(backwards.atBound());
        assertEquals(TemperatureCalibration.MAX_TEMPERATURE,
                TemperatureCalibration.fit(new double[] {.2, .4}, new int[] {1, 1}).temperature(), 0.0);
        assertEquals(TemperatureCalibration.MAX_TEMPERATURE,
                TemperatureCalibration.fit(new double[] {.8}, new int[] {0}).temperature(), 0.0);
    }

    @Test
    void integerWeightsActLikeRepeatedObservations() {
        double[] s = {.1, .3, .5, .7, .9};
        int[] y = {0, 1, 0, 1, 1};
        TemperatureCalibration weighted = TemperatureCalibration.fit(s, y, new double[] {2, 1, 1, 3, 1});
        TemperatureCalibration repeated = TemperatureCalibration.fit(new double[] {.1, .1, .3, .5, .7, .7, .7, .9},
                new int[] {0, 0, 1, 0, 1, 1, 1, 1});
        assertEquals(repeated.temperature(), weighted.temperature(), 1e-12);
    }

    @Test
    void calibratedScoresKeepTheirOrderAndOneHalf() {
        TemperatureCalibration t = TemperatureCalibration.fit(V5_SCORES, V5_LABELS, V5_WEIGHTS);
        assertEquals(0.5, t.apply(0.5), 0.0);
        double previous = -1;
        for (int k = 0; k <= 100; k++) {
            double p = t.apply(k / 100.0);
            assertTrue(p > previous, "not increasing at " + k);
            previous = p;
        }
    }

    @Test
    void rejectsBadArguments() {
        String fit = "Cannot fit a temperature calibration: ";
        assertRejected(fit + "scores are empty", () -> TemperatureCalibration.fit(new double[0], new int[0]));
        assertRejected(fit + "scores are null", () -> TemperatureCalibration.fit(null, new int[0]));
        assertRejected(fit + "there are 1 scores but 2 labels",
                () -> TemperatureCalibration.fit(new double[] {.5}, new int[] {0, 1}));
        assertRejected(fit + "there are 2 scores but 1 weights",
                () -> TemperatureCalibration.fit(new double[] {.1, .2}, new int[] {0, 1}, new double[] {1}));
        assertRejected(fit + "scores[0] = Infinity is not in [0, 1]",
                () -> TemperatureCalibration.fit(new double[] {Double.POSITIVE_INFINITY}, new int[] {0}));
        assertRejected(fit + "scores[0] = NaN is not in [0, 1]",
                () -> TemperatureCalibration.fit(new double[] {Double.NaN}, new int[] {0}));
        TemperatureCalibration t = TemperatureCalibration.fit(V5_SCORES, V5_LABELS);
        assertRejected("Cannot apply a temperature calibration: score = 1.0000001 is not in [0, 1]",
                () -> t.apply(1.0000001));
    }
}

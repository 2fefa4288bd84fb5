package io.agentgov.calibration.reliability;

import static io.agentgov.calibration.reliability.ReliabilityTest.V5_LABELS;
import static io.agentgov.calibration.reliability.ReliabilityTest.V5_SCORES;
import static io.agentgov.calibration.reliability.ReliabilityTest.V5_WEIGHTS;
import static io.agentgov.calibration.reliability.ReliabilityTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link PlattCalibration}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>scipy</b>: scipy 1.17, no project code. The same objective written in numpy,
 *       <pre>
 *       t = where(y == 1, (N1 + 1)/(N1 + 2), 1/(N0 + 2))      # N1, N0: weighted label counts
 *       F(A, B) = sum(w · (t·z + logaddexp(0, −z))),  z = A·s + B
 *       </pre>
 *       minimised with {@code scipy.optimize.minimize(F, [0, 0], method="BFGS")}, then polished by
 *       solving the gradient equations {@code Σ w s (t − q) = 0}, {@code Σ w (t − q) = 0}
 *       ({@code q = 1/(1 + e^z)}) with {@code scipy.optimize.root(method="hybr", tol=1e-15)}
 *       (residual below 1e-15). The Java fit stops when the gradient is below 1e-10 times the
 *       total weight, a parameter error of order 1e-10 here; asserted to 1e-9.
 *   <li><b>closed form</b>: with all labels equal, or all scores equal, the optimum makes every
 *       {@code p_i} equal to the (weighted mean) target, as worked in the comments.
 * </ul>
 */
class PlattCalibrationTest {

    @Test
    void v5SampleMatchesScipy() {
        // scipy: A = -3.3543537353953132, B = 1.606210502978586.
        PlattCalibration platt = PlattCalibration.fit(V5_SCORES, V5_LABELS);
        assertEquals(-3.3543537353953132, platt.a(), 1e-9);
        assertEquals(1.606210502978586, platt.b(), 1e-9);
        assertTrue(platt.converged());
        assertTrue(platt.iterations() > 0 && platt.iterations() < PlattCalibration.MAX_ITERATIONS);
        double z = -3.3543537353953132 * 0.7 + 1.606210502978586;
        assertEquals(1 / (1 + Math.exp(z)), platt.apply(0.7), 1e-9);
    }

    @Test
    void weightedV5SampleMatchesScipy() {
        // scipy with w = 1 2 1 3 1 1 2 1 1 4 1 1 2 1 1 (N1 = 13, N0 = 10):
        // A = -4.846501854466175, B = 2.3394719947296836.
        PlattCalibration platt = PlattCalibration.fit(V5_SCORES, V5_LABELS, V5_WEIGHTS);
        assertEquals(-4.846501854466175, platt.a(), 1e-9);
        assertEquals(2.3394719947296836, platt.b(), 1e-9);
        assertTrue(platt.converged());
    }

    @Test
    void integerWeightsActLikeRepeatedObservations() {
        // Weight 2 on a point is the same objective and the same targets as the point twice.
        double[] s = {.1, .3, .5, .7, .9};
        int[] y = {0, 1, 0, 1, 1};
        PlattCalibration weighted = PlattCalibration.fit(s, y, new double[] {2, 1, 1, 3, 1});
        PlattCalibration repeated = PlattCalibration.fit(new double[] {.1, .1, .3, .5, .7, .7, .7, .9},
                new int[] {0, 0, 1, 0, 1, 1, 1, 1});
        assertEquals(repeated.a(), weighted.a(), 1e-9);
        assertEquals(repeated.b(), weighted.b(), 1e-9);
    }

    @Test
    void allLabelsOneGiveTheHighTarget() {
        // closed form: n = 4 positives, target (4 + 1)/(4 + 2) = 5/6 everywhere; the start
        // A = 0, B = ln(1/5) already gives p = 1/(1 + 1/5) = 5/6, so no step is taken.
        PlattCalibration platt = PlattCalibration.fit(new double[] {.2, .6, .7, .95}, new int[] {1, 1, 1, 1});
        assertEquals(0.0, platt.a(), 0.0);
        assertEquals(Math.log(0.2), platt.b(), 1e-15);
        assertEquals(0, platt.iterations());
        assertTrue(platt.converged());
        assertEquals(5.0 / 6, platt.apply(0.0), 1e-15);
        assertEquals(5.0 / 6, platt.apply(1.0), 1e-15);
    }

    @Test
    void allLabelsZeroGiveTheLowTarget() {
        // closed form: n = 3 negatives, target 1/(3 + 2) = 1/5.
        PlattCalibration platt = PlattCalibration.fit(new double[] {.2, .6, .7}, new int[] {0, 0, 0});
        assertEquals(0.2, platt.apply(0.5), 1e-15);
        assertEquals(0, platt.iterations());
    }

    @Test
    void allScoresTiedGiveTheMeanTarget() {
        // closed form: scores all .4, labels 1 0 1 1: targets 4/5 (three) and 1/3 (one); with one
        // score value the optimum makes p(.4) the mean target (3·4/5 + 1/3)/4 = 41/60. The Hessian
        // is singular here; the σ ridge keeps the Newton step finite.
        PlattCalibration platt = PlattCalibration.fit(new double[] {.4, .4, .4, .4}, new int[] {1, 0, 1, 1});
        assertTrue(platt.converged());
        assertEquals(41.0 / 60, platt.apply(0.4), 1e-9);
        assertTrue(Double.isFinite(platt.a()) && Double.isFinite(platt.b()));
    }

    @Test
    void singlePoint() {
        // closed form: one positive: target (1 + 1)/(1 + 2) = 2/3.
        PlattCalibration platt = PlattCalibration.fit(new double[] {.9}, new int[] {1});
        assertEquals(2.0 / 3, platt.apply(.9), 1e-15);
    }

    @Test
    void separableDataStayFinite() {
        // Without Platt's targets the likelihood of perfectly separated labels has no maximum.
        double[] s = {.05, .1, .2, .3, .7, .8, .9, .95};
        int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        PlattCalibration platt = PlattCalibration.fit(s, y);
        assertTrue(platt.converged());
        assertTrue(platt.a() < 0 && Double.isFinite(platt.a()));
        double p0 = platt.apply(0.0);
        double p1 = platt.apply(1.0);
        assertTrue(p0 > 0 && p0 < 0.5 && p1 > 0.5 && p1 < 1, p0 + " " + p1);
    }

    @Test
    void applyIsStableForExtremeParameters() {
        // A steep fit: apply must not return NaN where exp would overflow.
        double[] s = new double[200];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            s[i] = i / 199.0;
            y[i] = s[i] > 0.5 ? 1 : 0;
        }
        PlattCalibration platt = PlattCalibration.fit(s, y, filled(200, 1e6));
        for (double score : new double[] {0, 0.25, 0.5, 0.75, 1}) {
            double p = platt.apply(score);
            assertTrue(p >= 0 && p <= 1, score + " -> " + p);
        }
        assertTrue(platt.apply(0.0) < platt.apply(1.0));
    }

    @Test
    void rejectsBadArguments() {
        String fit = "Cannot fit a Platt calibration: ";
        assertRejected(fit + "scores are empty", () -> PlattCalibration.fit(new double[0], new int[0]));
        assertRejected(fit + "there are 2 scores but 3 weights",
                () -> PlattCalibration.fit(new double[] {.1, .2}, new int[] {0, 1}, new double[] {1, 1, 1}));
        assertRejected(fit + "scores[1] = -0.2 is not in [0, 1]",
                () -> PlattCalibration.fit(new double[] {.1, -.2}, new int[] {0, 1}));
        assertRejected(fit + "scores[0] = NaN is not in [0, 1]",
                () -> PlattCalibration.fit(new double[] {Double.NaN}, new int[] {0}));
        assertRejected(fit + "weights[0] = 0.0 is not a finite positive number",
                () -> PlattCalibration.fit(new double[] {.5}, new int[] {0}, new double[] {0}));
        PlattCalibration platt = PlattCalibration.fit(V5_SCORES, V5_LABELS);
        assertRejected("Cannot apply a Platt calibration: score = 2.0 is not in [0, 1]", () -> platt.apply(2.0));
        assertRejected("Cannot apply a Platt calibration: score = NaN is not in [0, 1]", () -> platt.apply(Double.NaN));
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}

package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link TwoSampleKs}.
 *
 * <p>Reference values: <b>V10</b> from {@code shared/docs/statistics.md} (exact enumeration: 18 of
 * the 126 splits have {@code D ≥ 0.75}). <b>hand</b>: empirical CDFs tabulated by hand in the
 * comments. <b>python</b>: exact rational arithmetic ({@code fractions.Fraction}) summing
 * {@code |F_x − F_y| · gap} over the pooled distinct values, no project code.
 */
class TwoSampleKsTest {

    private static final double[] X = {1, 2, 3, 7};
    private static final double[] Y = {4, 5, 6, 8, 9};

    @Test
    void v10ExactKsMatchesStatisticsMd() {
        TwoSampleKs.Result r = TwoSampleKs.test(X, Y);
        assertEquals(0.75, r.d(), 1e-15);
        assertEquals(1.0 / 7, r.pValue(), 1e-12);
    }

    @Test
    void ksIsSymmetric() {
        TwoSampleKs.Result r = TwoSampleKs.test(Y, X);
        assertEquals(0.75, r.d(), 1e-15);
        assertEquals(1.0 / 7, r.pValue(), 1e-12);
    }

    @Test
    void ksStatisticStepsBothCdfsAtATie() {
        // hand: x = 1 2 2 3, y = 2 2 4 5. After 1: 1/4 vs 0; after 2: 3/4 vs 2/4; after 3: 1 vs 2/4;
        // after 4: 1 vs 3/4. D = 1/2 (a jitter-free statistic; one that stepped x before y at 2
        // would read 3/4).
        TwoSampleKs.Result r = TwoSampleKs.test(new double[] {1, 2, 2, 3}, new double[] {2, 2, 4, 5});
        assertEquals(0.5, r.d(), 1e-15);
        assertTrue(r.pValue() > 0 && r.pValue() <= 1, "p = " + r.pValue());
    }

    @Test
    void identicalSamplesGiveZeroAndPValueOne() {
        TwoSampleKs.Result r = TwoSampleKs.test(X, X.clone());
        assertEquals(0.0, r.d(), 1e-15);
        assertEquals(1.0, r.pValue(), 1e-12);
    }

    @Test
    void smallestSamples() {
        // hand: x = {0, 1}, y = {2, 3}: D = 1; of the C(4, 2) = 6 splits only the two fully
        // separated ones have D = 1, so p = 2/6.
        TwoSampleKs.Result r = TwoSampleKs.test(new double[] {0, 1}, new double[] {2, 3});
        assertEquals(1.0, r.d(), 1e-15);
        assertEquals(1.0 / 3, r.pValue(), 1e-12);
    }

    @Test
    void wassersteinOnV10Samples() {
        // python (exact fractions): 63/20.
        assertEquals(63.0 / 20, TwoSampleKs.wasserstein1(X, Y), 1e-13);
        assertEquals(63.0 / 20, TwoSampleKs.wasserstein1(Y, X), 1e-13);
    }

    @Test
    void wassersteinWithTies() {
        // hand: x = 0 0 1, y = 1 2. On [0, 1): |2/3 − 0| · 1; on [1, 2): |1 − 1/2| · 1. W1 = 7/6.
        assertEquals(7.0 / 6, TwoSampleKs.wasserstein1(new double[] {0, 0, 1}, new double[] {1, 2}), 1e-14);
    }

    @Test
    void wassersteinOfAShiftIsTheShift() {
        // hand: y = x + 5 moves every unit of mass by 5.
        assertEquals(5.0, TwoSampleKs.wasserstein1(new double[] {0, 1, 3}, new double[] {8, 5, 6}), 1e-14);
        assertEquals(0.0, TwoSampleKs.wasserstein1(new double[] {2, 1}, new double[] {1, 2, 2, 1}), 0.0);
        assertEquals(4.0, TwoSampleKs.wasserstein1(new double[] {3}, new double[] {-1}), 0.0);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot run a two-sample KS test: samples of sizes 1 and 5 are too small, each needs at least 2 values",
                () -> TwoSampleKs.test(new double[] {0}, Y));
        assertRejected("Cannot run a two-sample KS test: x are empty", () -> TwoSampleKs.test(new double[0], Y));
        assertRejected("Cannot run a two-sample KS test: y[1] = NaN is not finite",
                () -> TwoSampleKs.test(X, new double[] {1, Double.NaN}));
        assertRejected("Cannot compute the Wasserstein-1 distance: y are null", () -> TwoSampleKs.wasserstein1(X, null));
        assertRejected("Cannot compute the Wasserstein-1 distance: x[0] = Infinity is not finite",
                () -> TwoSampleKs.wasserstein1(new double[] {Double.POSITIVE_INFINITY}, Y));
    }
}

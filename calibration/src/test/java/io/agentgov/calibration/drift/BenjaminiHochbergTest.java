package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link BenjaminiHochberg}.
 *
 * <p>Reference values: <b>V12</b> from {@code shared/docs/statistics.md}. <b>python</b>: adjusted
 * p-values in exact fractions, {@code min(1, m p_(i) / i)} followed by a running minimum from the
 * largest rank (the definition of R's {@code p.adjust(method = "BH")}), no project code.
 */
class BenjaminiHochbergTest {

    private static final double[] V12 = {.001, .008, .039, .041, .042, .06, .074, .205, .212, .216};

    @Test
    void v12MatchesStatisticsMd() {
        BenjaminiHochberg.Result r = BenjaminiHochberg.apply(V12, 0.05);
        assertEquals(2, r.rejections());
        assertArrayEquals(new int[] {0, 1}, r.rejectedIndices());
    }

    @Test
    void v12AdjustedPValues() {
        // python: 1/100 1/25 21/250 21/250 21/250 1/10 37/350 27/125 27/125 27/125.
        double[] expected = {0.01, 0.04, 0.084, 0.084, 0.084, 0.1, 37.0 / 350, 0.216, 0.216, 0.216};
        assertArrayEquals(expected, BenjaminiHochberg.apply(V12, 0.05).adjusted(), 1e-15);
    }

    @Test
    void unsortedInputKeepsItsIndices() {
        // V12 reversed: the rejected hypotheses are now the last two.
        double[] reversed = new double[V12.length];
        for (int i = 0; i < V12.length; i++) {
            reversed[i] = V12[V12.length - 1 - i];
        }
        BenjaminiHochberg.Result r = BenjaminiHochberg.apply(reversed, 0.05);
        assertArrayEquals(new int[] {8, 9}, r.rejectedIndices());
        assertEquals(0.01, r.adjusted()[9], 1e-15);
        assertEquals(0.216, r.adjusted()[0], 1e-15);
    }

    @Test
    void stepUpRejectsBelowTheLargestPassingRank() {
        // hand, m = 3, q = 0.3: thresholds 0.1 0.2 0.3; p_(1) = 0.15 fails its own, but p_(3) = 0.3
        // passes, so all three are rejected (a step-down would reject none).
        BenjaminiHochberg.Result r = BenjaminiHochberg.apply(new double[] {0.3, 0.15, 0.25}, 0.3);
        assertEquals(3, r.rejections());
        assertArrayEquals(new double[] {0.3, 0.3, 0.3}, r.adjusted(), 1e-15);
    }

    @Test
    void tiesAndEdgeValues() {
        // hand, m = 4, q = 0.05: ties at 0.01 take ranks 1 and 2 (thresholds 0.0125, 0.025), both
        // pass; p = 1 and p = 0.5 do not. Adjusted: 4·0.01/2 = 0.02 for both, 0.5·4/3, 1.
        BenjaminiHochberg.Result r = BenjaminiHochberg.apply(new double[] {0.01, 1.0, 0.01, 0.5}, 0.05);
        assertEquals(2, r.rejections());
        assertArrayEquals(new boolean[] {true, false, true, false}, r.rejected());
        assertArrayEquals(new double[] {0.02, 1.0, 0.02, 2.0 / 3}, r.adjusted(), 1e-15);
        // A single test is compared with q itself; p = 0 is always rejected.
        assertEquals(1, BenjaminiHochberg.apply(new double[] {0.05}, 0.05).rejections());
        assertEquals(0, BenjaminiHochberg.apply(new double[] {0.0500001}, 0.05).rejections());
        assertEquals(1, BenjaminiHochberg.apply(new double[] {0.0, 1.0}, 0.01).rejections());
    }

    @Test
    void resultArraysAreCopies() {
        BenjaminiHochberg.Result r = BenjaminiHochberg.apply(V12, 0.05);
        r.rejected()[9] = true;
        r.adjusted()[0] = 7;
        assertEquals(2, r.rejectedIndices().length);
        assertEquals(0.01, r.adjusted()[0], 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot apply Benjamini–Hochberg: p-values are empty", () -> BenjaminiHochberg.apply(new double[0], 0.05));
        assertRejected("Cannot apply Benjamini–Hochberg: p-values are null", () -> BenjaminiHochberg.apply(null, 0.05));
        assertRejected("Cannot apply Benjamini–Hochberg: p-value at index 1 = 1.5 is not in [0, 1]",
                () -> BenjaminiHochberg.apply(new double[] {0.1, 1.5}, 0.05));
        assertRejected("Cannot apply Benjamini–Hochberg: p-value at index 0 = NaN is not in [0, 1]",
                () -> BenjaminiHochberg.apply(new double[] {Double.NaN}, 0.05));
        assertRejected("Cannot apply Benjamini–Hochberg: q = 0.0 is not in (0, 1]",
                () -> BenjaminiHochberg.apply(new double[] {0.1}, 0.0));
    }
}

package io.agentgov.calibration.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link Divergence}.
 *
 * <p>Reference values: <b>V7, V8</b> from {@code shared/docs/statistics.md} (computed there
 * independently of the project). <b>python</b>: computed for this test in plain Python 3 double
 * precision with {@code math.log}/{@code math.sqrt} straight from the formulas in the Javadoc, no
 * project code; each also reproduces V7 and V8. Tolerances are half a unit in the last stated digit.
 */
class DivergenceTest {

    private static final long[] REFERENCE = {100, 200, 300, 250, 150};
    private static final long[] CURRENT = {80, 150, 280, 290, 200};

    @Test
    void v7PsiMatchesStatisticsMd() {
        assertEquals(0.0405477359, Divergence.psi(REFERENCE, CURRENT), 5e-11);
    }

    @Test
    void v8JensenShannonDistanceMatchesStatisticsMd() {
        assertEquals(0.0710932382, Divergence.jensenShannonDistance(REFERENCE, CURRENT), 5e-11);
    }

    @Test
    void psiFloorsEmptyBins() {
        // python: proportions with 0 replaced by 1e-4 (others unchanged), Σ (q − p) ln(q / p).
        long[] reference = {10, 0, 30, 60};
        long[] current = {20, 10, 30, 0};
        assertEquals(6.83761930224829, Divergence.psi(reference, current), 1e-12);
        assertEquals(Divergence.PSI_EMPTY_BIN_FLOOR, 1e-4);
    }

    @Test
    void psiWithAnExplicitFloor() {
        // closed form: p = (1, 0), q = (0, 1) become (1, f) and (f, 1) (no renormalisation), so
        // PSI = (f − 1) ln f + (1 − f) ln(1 / f) = 2 (1 − f) ln(1 / f).
        double f = 0.01;
        assertEquals(2 * (1 - f) * Math.log(1 / f), Divergence.psi(new long[] {5, 0}, new long[] {0, 7}, f), 1e-13);
    }

    @Test
    void jensenShannonNeedsNoFloor() {
        // python: same vectors as psiFloorsEmptyBins, 0 ln 0 = 0.
        assertEquals(0.5581018316094587, Divergence.jensenShannonDistance(new long[] {10, 0, 30, 60}, new long[] {20, 10, 30, 0}), 1e-12);
        // closed form: disjoint supports give the maximum √ln 2.
        assertEquals(Math.sqrt(Math.log(2)), Divergence.jensenShannonDistance(new long[] {3, 0}, new long[] {0, 9}), 1e-15);
    }

    @Test
    void identicalProportionsGiveZero() {
        // Scaled counts have the same proportions; a bin empty in both contributes nothing.
        long[] a = {1, 2, 0, 3};
        long[] b = {10, 20, 0, 30};
        assertEquals(0.0, Divergence.psi(a, b), 1e-15);
        assertEquals(0.0, Divergence.jensenShannonDistance(a, b), 1e-7);
    }

    @Test
    void bothAreSymmetric() {
        assertEquals(Divergence.psi(REFERENCE, CURRENT), Divergence.psi(CURRENT, REFERENCE), 1e-15);
        assertEquals(Divergence.jensenShannonDistance(REFERENCE, CURRENT),
                Divergence.jensenShannonDistance(CURRENT, REFERENCE), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot compute PSI: reference counts are empty", () -> Divergence.psi(new long[0], new long[0]));
        assertRejected("Cannot compute PSI: current counts are null", () -> Divergence.psi(new long[] {1}, null));
        assertRejected("Cannot compute PSI: reference has 2 bins but current has 3",
                () -> Divergence.psi(new long[] {1, 2}, new long[] {1, 2, 3}));
        assertRejected("Cannot compute PSI: current count at bin 1 = -2 is negative",
                () -> Divergence.psi(new long[] {1, 2}, new long[] {1, -2}));
        assertRejected("Cannot compute PSI: reference counts are all zero",
                () -> Divergence.psi(new long[] {0, 0}, new long[] {1, 2}));
        assertRejected("Cannot compute PSI: floor = 0.0 is not in (0, 1)",
                () -> Divergence.psi(new long[] {1, 2}, new long[] {1, 2}, 0.0));
        assertRejected("Cannot compute the Jensen–Shannon distance: current counts are all zero",
                () -> Divergence.jensenShannonDistance(new long[] {1, 2}, new long[] {0, 0}));
    }

    static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

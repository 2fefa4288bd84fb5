package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ContingencyTest}.
 *
 * <p>Reference values: <b>V9</b> from {@code shared/docs/statistics.md}. <b>python</b>: computed for
 * this test in plain Python 3 from the textbook {@code Σ (O − E)² / E} with
 * {@code E = row total · column total / N} (not the Commons Math form), p-value from the closed-form
 * χ² survival function for odd df 3, {@code erfc(√(x/2)) + √(2x/π) e^(−x/2)}; the same script
 * reproduces V9 with the df-4 closed form {@code e^(−x/2)(1 + x/2)}.
 */
class ContingencyTestTest {

    @Test
    void v9MatchesStatisticsMd() {
        ContingencyTest.Result r = ContingencyTest.chiSquare(
                new long[] {100, 200, 300, 250, 150}, new long[] {80, 150, 280, 290, 200});
        assertEquals(20.1605546, r.statistic(), 5e-8);
        assertEquals(4, r.degreesOfFreedom());
        assertEquals(4.6423920e-4, r.pValue(), 5e-12);
        assertEquals(5, r.binsUsed());
    }

    @Test
    void unequalTotalsAndABinEmptyInBothAreHandled() {
        // python: bin 2 is empty in both and dropped, leaving 4 bins, df 3; totals 100 and 80.
        ContingencyTest.Result r = ContingencyTest.chiSquare(new long[] {12, 0, 30, 18, 40}, new long[] {30, 0, 25, 10, 15});
        assertEquals(19.840909090909086, r.statistic(), 1e-10);
        assertEquals(3, r.degreesOfFreedom());
        assertEquals(4, r.binsUsed());
        assertEquals(0.00018312797932385297, r.pValue(), 1e-12);
    }

    @Test
    void identicalProportionsGiveZeroAndPValueOne() {
        ContingencyTest.Result r = ContingencyTest.chiSquare(new long[] {1, 2, 3}, new long[] {2, 4, 6});
        assertEquals(0.0, r.statistic(), 1e-12);
        assertEquals(1.0, r.pValue(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot run a chi-square test: only 1 bin is non-empty, at least 2 are needed",
                () -> ContingencyTest.chiSquare(new long[] {5, 0, 0}, new long[] {7, 0, 0}));
        assertRejected("Cannot run a chi-square test: reference count at bin 0 = -1 is negative",
                () -> ContingencyTest.chiSquare(new long[] {-1, 3}, new long[] {7, 0}));
        assertRejected("Cannot run a chi-square test: reference has 1 bins but current has 2",
                () -> ContingencyTest.chiSquare(new long[] {1}, new long[] {7, 0}));
        assertRejected("Cannot run a chi-square test: reference counts are empty",
                () -> ContingencyTest.chiSquare(new long[0], new long[] {7, 0}));
    }
}

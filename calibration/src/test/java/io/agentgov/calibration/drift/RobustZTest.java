package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link RobustZ}.
 *
 * <p>Reference values: <b>V11</b> from {@code shared/docs/statistics.md}. <b>hand</b>: medians and
 * MADs by sorting by hand, shown in the comments; z as {@code deviation / (1.4826 · MAD)}.
 */
class RobustZTest {

    @Test
    void v11MatchesStatisticsMd() {
        RobustZ z = RobustZ.of(new double[] {10, 12, 11, 13, 12, 11, 10, 12, 30});
        assertEquals(12.0, z.median(), 0.0);
        assertEquals(1.0, z.mad(), 0.0);
        assertEquals(12.1408337, z.score(30), 5e-8);
        assertFalse(z.isDegenerate());
    }

    @Test
    void evenSizeUsesTheMeanOfTheMiddleTwo() {
        // hand: 1 2 4 10 → median 3; deviations 2 1 1 7 → sorted 1 1 2 7 → MAD 1.5.
        RobustZ z = RobustZ.of(new double[] {10, 1, 4, 2});
        assertEquals(3.0, z.median(), 0.0);
        assertEquals(1.5, z.mad(), 0.0);
        assertEquals(1.4826 * 1.5, z.scale(), 1e-15);
        assertEquals(-2.0 / (1.4826 * 1.5), z.score(1), 1e-15);
    }

    @Test
    void singleValueAndZeroMadAreDegenerate() {
        // hand: 5 5 5 9 → median 5, deviations 0 0 0 4 → MAD 0.
        RobustZ z = RobustZ.of(new double[] {5, 5, 9, 5});
        assertTrue(z.isDegenerate());
        assertEquals(0.0, z.score(5), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, z.score(5.5));
        assertEquals(Double.NEGATIVE_INFINITY, z.score(0));
        RobustZ single = RobustZ.of(new double[] {7});
        assertTrue(single.isDegenerate());
        assertEquals(7.0, single.median(), 0.0);
        assertEquals(0.0, single.score(7), 0.0);
    }

    @Test
    void referenceArrayIsNotModified() {
        double[] reference = {3, 1, 2};
        RobustZ.of(reference);
        assertEquals(3.0, reference[0], 0.0);
        assertEquals(1.0, reference[1], 0.0);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot fit a robust z-score: reference are empty", () -> RobustZ.of(new double[0]));
        assertRejected("Cannot fit a robust z-score: reference[1] = NaN is not finite",
                () -> RobustZ.of(new double[] {1, Double.NaN}));
        assertRejected("Cannot compute a robust z-score: x = NaN is not finite",
                () -> RobustZ.of(new double[] {1, 2}).score(Double.NaN));
    }
}

package io.agentgov.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests of {@link ReviewAdequacy}.
 *
 * <p>Reference values: <b>V3</b> from {@code shared/docs/statistics.md}; <b>mpmath</b> computed for
 * this test with Python mpmath at 40 digits from the exact binomial sum
 * {@code Σ_{i ≤ k} C(n,i) p^i (1−p)^(n−i)}, with bounds by bisection (160 halvings) on it and reviews
 * needed as the smallest {@code N} with {@code P(Bin(N, α) ≤ k) ≤ δ}, minus {@code n} (no Beta
 * function, no Commons Math).
 */
class ReviewAdequacyTest {

    private static final double ALPHA = 0.02;
    private static final double DELTA = 0.05;

    @ParameterizedTest(name = "k = {0}, n = {1} -> {2}")
    @CsvSource({
        // V3: 149 clean reviews from nothing; hence 49 after 100 clean ones.
        "0, 0,   149",
        "0, 100, 49",
        // mpmath: the smallest N with P(Bin(N, 0.02) ≤ 3) ≤ 0.05 is 386.
        "3, 300, 86",
        "3, 303, 83",
        "3, 386, 0",
    })
    void additionalReviewsNeeded(int bad, int reviewed, int expected) {
        assertEquals(expected, ReviewAdequacy.additionalReviewsNeeded(bad, reviewed, ALPHA, DELTA));
    }

    @Test
    void additionalReviewsBeyondTheCap() {
        assertEquals(BinomialBounds.BEYOND_CAP, ReviewAdequacy.additionalReviewsNeeded(50, 100, 1e-5, DELTA));
    }

    /** 300 clean reviews at 0.95, 3 bad ones at 0.96, 500 at 0.5 of which 100 bad. */
    private static List<ReviewedDecision> sample() {
        List<ReviewedDecision> d = new ArrayList<>(Collections.nCopies(300, ReviewedDecision.of(0.95, false)));
        d.addAll(Collections.nCopies(3, ReviewedDecision.of(0.96, true)));
        d.addAll(Collections.nCopies(400, ReviewedDecision.of(0.5, false)));
        d.addAll(Collections.nCopies(100, ReviewedDecision.of(0.5, true)));
        return d;
    }

    @Test
    void atThresholdNotYetCertified() {
        // mpmath: P(Bin(303, 0.02) ≤ 3) = 0.143264364130111, upper(3, 303, 0.05) = 0.0253895127860596;
        // 386 − 303 = 83 more clean reviews would certify.
        ReviewAdequacy.Adequacy a = ReviewAdequacy.atThreshold(sample(), 0.9, ALPHA, DELTA);
        assertEquals(0.9, a.threshold());
        assertEquals(303, a.reviewed());
        assertEquals(3, a.bad());
        assertEquals(0.143264364130111, a.pValue(), 1e-13);
        assertEquals(0.0253895127860596, a.riskUpperBound(), 1e-12);
        assertFalse(a.certified());
        assertEquals(83, a.additionalReviewsNeeded());
    }

    @Test
    void atThresholdCertified() {
        // mpmath: P(Bin(303, 0.05) ≤ 3) = 0.00014465123746862 ≤ δ.
        ReviewAdequacy.Adequacy a = ReviewAdequacy.atThreshold(sample(), 0.9, 0.05, DELTA);
        assertEquals(0.00014465123746862, a.pValue(), 1e-16);
        assertTrue(a.certified());
        assertTrue(a.riskUpperBound() <= 0.05);
        assertEquals(0, a.additionalReviewsNeeded());
    }

    @Test
    void atThresholdWithNoReviewsAboveIt() {
        ReviewAdequacy.Adequacy a = ReviewAdequacy.atThreshold(sample(), 0.99, ALPHA, DELTA);
        assertEquals(0, a.reviewed());
        assertEquals(1.0, a.pValue());
        assertEquals(1.0, a.riskUpperBound());
        assertFalse(a.certified());
        assertEquals(149, a.additionalReviewsNeeded());
        assertEquals(149, ReviewAdequacy.atThreshold(List.of(), 0.5, ALPHA, DELTA).additionalReviewsNeeded());
    }

    @Test
    void atThresholdCountsTheThresholdItself() {
        assertEquals(803, ReviewAdequacy.atThreshold(sample(), 0.5, ALPHA, DELTA).reviewed());
        assertEquals(303, ReviewAdequacy.atThreshold(sample(), 0.95, ALPHA, DELTA).reviewed());
    }

    @Test
    void rejectsBadArguments() {
        String needed = "Cannot compute additional reviews needed: ";
        assertRejected(needed + "reviewed = -1 is negative",
                () -> ReviewAdequacy.additionalReviewsNeeded(0, -1, ALPHA, DELTA));
        assertRejected(needed + "bad = -1 is negative",
                () -> ReviewAdequacy.additionalReviewsNeeded(-1, 5, ALPHA, DELTA));
        assertRejected(needed + "bad = 1 exceeds reviewed = 0",
                () -> ReviewAdequacy.additionalReviewsNeeded(1, 0, ALPHA, DELTA));
        assertRejected(needed + "alpha = 0.0 is not in (0, 1)",
                () -> ReviewAdequacy.additionalReviewsNeeded(0, 0, 0.0, DELTA));
        assertRejected(needed + "delta = 1.0 is not in (0, 1)",
                () -> ReviewAdequacy.additionalReviewsNeeded(0, 0, ALPHA, 1.0));
        String at = "Cannot assess the reviews at a threshold: ";
        assertRejected(at + "threshold = 1.5 is not in [0, 1]",
                () -> ReviewAdequacy.atThreshold(List.of(), 1.5, ALPHA, DELTA));
        assertRejected(at + "decisions are null", () -> ReviewAdequacy.atThreshold(null, 0.5, ALPHA, DELTA));
        assertRejected(at + "alpha = NaN is not in (0, 1)",
                () -> ReviewAdequacy.atThreshold(List.of(), 0.5, Double.NaN, DELTA));
    }

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

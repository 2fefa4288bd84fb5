package io.agentgov.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link CumulativeCounts} and {@link ReviewedDecision}. Expected tables are counted by
 * hand from the small inputs written out in each test.
 */
class CumulativeCountsTest {

    /** Confidences 0.9 ×3 (one bad), 0.8 ×2 (both bad), 0.7 ×1 (good), 0.0 ×1 (bad), shuffled. */
    private static List<ReviewedDecision> smallSample() {
        List<ReviewedDecision> d = new ArrayList<>(List.of(
                ReviewedDecision.of(0.9, false), ReviewedDecision.of(0.9, true), ReviewedDecision.of(0.9, false),
                ReviewedDecision.of(0.8, true), ReviewedDecision.of(0.8, true),
                ReviewedDecision.of(0.7, false), ReviewedDecision.of(-0.0, true)));
        Collections.shuffle(d, new Random(11));
        return d;
    }

    @Test
    void observedConfidencesGroupTies() {
        CumulativeCounts c = CumulativeCounts.atObservedConfidences(smallSample(), 1);
        assertArrayEquals(new double[] {0.9, 0.8, 0.7, 0.0}, c.thresholds());
        assertArrayEquals(new int[] {3, 5, 6, 7}, c.reviewed());
        assertArrayEquals(new int[] {1, 3, 3, 4}, c.bad());
        assertEquals(4, c.size());
        assertEquals(0.8, c.thresholdAt(1));
        assertEquals(5, c.reviewedAt(1));
        assertEquals(3, c.badAt(1));
    }

    @Test
    void observedConfidencesStartWhereTheMinimumIsReached() {
        // 4 reviews are first reached at 0.8 (5 decisions: the tie at 0.8 enters whole).
        CumulativeCounts c = CumulativeCounts.atObservedConfidences(smallSample(), 4);
        assertArrayEquals(new double[] {0.8, 0.7, 0.0}, c.thresholds());
        assertArrayEquals(new int[] {5, 6, 7}, c.reviewed());
        assertArrayEquals(new int[] {3, 3, 4}, c.bad());
    }

    @Test
    void observedConfidencesWithFewerDecisionsThanTheMinimumKeepOnlyTheLowest() {
        CumulativeCounts c = CumulativeCounts.atObservedConfidences(smallSample(), 100);
        assertArrayEquals(new double[] {0.0}, c.thresholds());
        assertArrayEquals(new int[] {7}, c.reviewed());
        assertArrayEquals(new int[] {4}, c.bad());
    }

    @Test
    void noDecisionsGiveAnEmptyTableOrZeroCounts() {
        assertEquals(0, CumulativeCounts.atObservedConfidences(List.of(), 5).size());
        CumulativeCounts grid = CumulativeCounts.atGrid(List.of(), new double[] {0.5, 0.9});
        assertArrayEquals(new double[] {0.9, 0.5}, grid.thresholds());
        assertArrayEquals(new int[] {0, 0}, grid.reviewed());
        assertArrayEquals(new int[] {0, 0}, grid.bad());
    }

    @Test
    void gridCountsIncludeTheThresholdItselfAndSortStrictestFirst() {
        // ≥ 1.0: none; ≥ 0.9: 3 (1 bad); ≥ 0.85: the same 3; ≥ 0.8: 5 (3 bad); ≥ 0.0: all 7 (4 bad).
        CumulativeCounts c = CumulativeCounts.atGrid(smallSample(), new double[] {0.8, 1.0, 0.0, 0.85, 0.9});
        assertArrayEquals(new double[] {1.0, 0.9, 0.85, 0.8, 0.0}, c.thresholds());
        assertArrayEquals(new int[] {0, 3, 3, 5, 7}, c.reviewed());
        assertArrayEquals(new int[] {0, 1, 1, 3, 4}, c.bad());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] t = {0.9, 0.8};
        int[] n = {1, 2};
        int[] k = {0, 1};
        CumulativeCounts c = new CumulativeCounts(t, n, k);
        t[0] = 0.1;
        n[0] = 9;
        c.thresholds()[1] = 0.0;
        c.bad()[1] = 0;
        assertArrayEquals(new double[] {0.9, 0.8}, c.thresholds());
        assertArrayEquals(new int[] {1, 2}, c.reviewed());
        assertArrayEquals(new int[] {0, 1}, c.bad());
    }

    @Test
    void equalityIsByContent() {
        CumulativeCounts a = new CumulativeCounts(new double[] {0.9}, new int[] {2}, new int[] {1});
        CumulativeCounts b = new CumulativeCounts(new double[] {0.9}, new int[] {2}, new int[] {1});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new CumulativeCounts(new double[] {0.9}, new int[] {2}, new int[] {2}));
        assertEquals("CumulativeCounts[thresholds=[0.9], reviewed=[2], bad=[1]]", a.toString());
    }

    @Test
    void observedAndGridTablesAgreeOnTheObservedConfidences() {
        Random random = new Random(2);
        List<ReviewedDecision> d = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            d.add(ReviewedDecision.of(random.nextInt(300) / 299.0, random.nextDouble() < 0.1));
        }
        CumulativeCounts observed = CumulativeCounts.atObservedConfidences(d, 1);
        assertEquals(observed, CumulativeCounts.atGrid(d, observed.thresholds()));
        assertEquals(300, observed.size());
    }

    // ---------------------------------------------------------------- validation

    @Test
    void constructorRejectsInconsistentTables() {
        String action = "Cannot create cumulative counts: ";
        assertRejected(action + "thresholds is null", () -> new CumulativeCounts(null, new int[0], new int[0]));
        assertRejected(action + "thresholds, reviewed and bad have 2, 1 and 2 entries",
                () -> new CumulativeCounts(new double[] {0.9, 0.8}, new int[] {1}, new int[] {0, 0}));
        assertRejected(action + "threshold[0] = 1.5 is not in [0, 1]",
                () -> new CumulativeCounts(new double[] {1.5}, new int[] {1}, new int[] {0}));
        assertRejected(action + "threshold[1] = 0.9 is not below threshold[0] = 0.9",
                () -> new CumulativeCounts(new double[] {0.9, 0.9}, new int[] {1, 2}, new int[] {0, 0}));
        assertRejected(action + "bad[0] = 2 exceeds reviewed[0] = 1",
                () -> new CumulativeCounts(new double[] {0.9}, new int[] {1}, new int[] {2}));
        assertRejected(action + "bad[0] = -1 is negative",
                () -> new CumulativeCounts(new double[] {0.9}, new int[] {1}, new int[] {-1}));
        assertRejected(action + "reviewed[1] = 1 is below reviewed[0] = 2",
                () -> new CumulativeCounts(new double[] {0.9, 0.8}, new int[] {2, 1}, new int[] {0, 0}));
        assertRejected(action + "bad[1] = 0 is below bad[0] = 1",
                () -> new CumulativeCounts(new double[] {0.9, 0.8}, new int[] {2, 3}, new int[] {1, 0}));
        assertRejected(action + "bad grows by 3 from threshold[0] to threshold[1] but reviewed only by 2",
                () -> new CumulativeCounts(new double[] {0.9, 0.8}, new int[] {2, 4}, new int[] {0, 3}));
    }

    @Test
    void factoriesRejectBadInput() {
        assertRejected("Cannot count decisions at observed confidences: minimum reviewed = 0 is less than 1",
                () -> CumulativeCounts.atObservedConfidences(List.of(), 0));
        assertRejected("Cannot count decisions at observed confidences: decisions are null",
                () -> CumulativeCounts.atObservedConfidences(null, 1));
        List<ReviewedDecision> withNull = Arrays.asList(ReviewedDecision.of(0.5, false), null);
        assertRejected("Cannot count decisions at observed confidences: decision at index 1 is null",
                () -> CumulativeCounts.atObservedConfidences(withNull, 1));
        String grid = "Cannot count decisions at a threshold grid: ";
        assertRejected(grid + "grid is empty", () -> CumulativeCounts.atGrid(List.of(), new double[0]));
        assertRejected(grid + "grid[1] = NaN is not in [0, 1]",
                () -> CumulativeCounts.atGrid(List.of(), new double[] {0.5, Double.NaN}));
        assertRejected(grid + "grid value 0.5 is repeated",
                () -> CumulativeCounts.atGrid(List.of(), new double[] {0.5, 0.7, 0.5}));
        assertRejected(grid + "grid value 0.0 is repeated",
                () -> CumulativeCounts.atGrid(List.of(), new double[] {0.0, -0.0}));
        assertRejected(grid + "decision at index 1 is null", () -> CumulativeCounts.atGrid(withNull, new double[] {0.5}));
    }

    @Test
    void reviewedDecisionChecksItsFields() {
        String action = "Cannot create a reviewed decision: ";
        assertRejected(action + "confidence = 1.01 is not in [0, 1]", () -> ReviewedDecision.of(1.01, false));
        assertRejected(action + "confidence = NaN is not in [0, 1]", () -> ReviewedDecision.of(Double.NaN, false));
        assertRejected(action + "inclusion probability = 0.0 is not in (0, 1]",
                () -> new ReviewedDecision(0.5, false, 0.0, "a"));
        assertRejected(action + "inclusion probability = 1.5 is not in (0, 1]",
                () -> new ReviewedDecision(0.5, false, 1.5, "a"));
        assertRejected(action + "stratum = null is blank", () -> new ReviewedDecision(0.5, false, 0.5, null));
        assertRejected(action + "stratum = \" \" is blank", () -> new ReviewedDecision(0.5, false, 0.5, " "));
        ReviewedDecision d = ReviewedDecision.of(-0.0, true);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(d.confidence()));
        assertEquals(1.0, d.inclusionProbability());
        assertEquals(ReviewedDecision.SINGLE_STRATUM, d.stratum());
    }

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

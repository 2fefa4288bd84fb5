package io.agentgov.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests of {@link LearnThenTest}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>V3, V6</b>: {@code shared/docs/statistics.md}, computed there independently of the
 *       project (exact enumeration or bisection on the exact binomial CDF in double precision).
 *   <li><b>mpmath</b>: computed for this test with Python mpmath at 40 significant digits, with no
 *       Beta function and no Commons Math involved: p-values as the exact sum
 *       {@code Σ_{i ≤ k} C(n,i) α^i (1−α)^(n−i)}; Clopper–Pearson bounds by bisection (160 halvings)
 *       on that sum; reviews needed as the smallest {@code N} with {@code P(Bin(N, α) ≤ k) ≤ δ}, found
 *       by stepping {@code N} up one at a time, minus {@code n}. The p-values agree with V6 where they
 *       overlap.
 *   <li><b>closed form</b>: {@code P(Bin(n, α) ≤ 0) = (1 − α)^n} and {@code P(Bin(n, α) ≤ n) = 1}.
 * </ul>
 */
class LearnThenTestTest {

    private static final double ALPHA = 0.05;
    private static final double DELTA = 0.05;

    /** V6 (statistics.md): (t, n_t, k_t). */
    private static final CumulativeCounts V6 = new CumulativeCounts(
            new double[] {0.99, 0.97, 0.95, 0.93, 0.91, 0.89},
            new int[] {200, 400, 600, 800, 1000, 1200},
            new int[] {2, 8, 17, 28, 42, 61});

    // ---------------------------------------------------------------- V6

    @Test
    void v6ChoosesPoint93() {
        // V6 (statistics.md): the first four thresholds are rejected, 0.91 fails, t̂ = 0.93.
        LearnThenTest.Result result = LearnThenTest.select(V6, ALPHA, DELTA);
        assertTrue(result.certifiable());
        assertEquals(0.93, result.chosenThreshold());
        assertEquals(4, result.rejections());
        assertEquals(0, result.additionalReviewsNeeded());
        assertEquals(0.93, result.chosen().orElseThrow().threshold());
        assertEquals(ALPHA, result.alpha());
        assertEquals(DELTA, result.delta());
    }

    @ParameterizedTest(name = "candidate {0}: p = {1}")
    @CsvSource({
        // V6 (statistics.md) to its stated digits; the last row (not in V6, which stops before it) from mpmath.
        // index, p, tolerance, tested, rejected
        "0, 0.00233629, 5e-9, true,  true",
        "1, 0.00171627, 5e-9, true,  true",
        "2, 0.00620544, 5e-9, true,  true",
        "3, 0.0263974,  5e-8, true,  true",
        "4, 0.137133,   5e-7, true,  false",
        "5, 0.586176369832821, 1e-12, false, false",
    })
    void v6PValuesAndTestFlags(int index, double p, double tolerance, boolean tested, boolean rejected) {
        LearnThenTest.Candidate c = LearnThenTest.select(V6, ALPHA, DELTA).candidates().get(index);
        assertEquals(p, c.pValue(), tolerance);
        assertEquals(tested, c.tested());
        assertEquals(rejected, c.rejected());
        assertEquals(V6.thresholdAt(index), c.threshold());
        assertEquals(V6.reviewedAt(index), c.reviewed());
        assertEquals(V6.badAt(index), c.bad());
        assertEquals(DELTA, c.delta());
    }

    @ParameterizedTest(name = "candidate {0}: upper = {1}")
    @CsvSource({
        // mpmath: one-sided 95% Clopper–Pearson upper bounds of the V6 rows; tolerance 1e-12.
        "0, 0.0311425994140837",
        "1, 0.0357966176136403",
        "2, 0.0421971525237474",
        "3, 0.04767331905443",
        "4, 0.0539872054114185",
        "5, 0.0625291410713148",
    })
    void v6RiskUpperBounds(int index, double upper) {
        LearnThenTest.Candidate c = LearnThenTest.select(V6, ALPHA, DELTA).candidates().get(index);
        assertEquals(upper, c.riskUpperBound(), 1e-12);
        // The test and the bound agree: rejected exactly when the bound is at most α.
        assertEquals(c.pValue() <= DELTA, c.riskUpperBound() <= ALPHA);
    }

    @Test
    void v6FromRawDecisionsOnTheSameGrid() {
        // The V6 table rebuilt from 1,200 raw decisions: each band (t_i, t_{i-1}] gets its
        // reviews and overturns at a confidence inside it, in shuffled order.
        List<ReviewedDecision> decisions = new ArrayList<>();
        double[] bandConfidence = {0.995, 0.98, 0.96, 0.94, 0.92, 0.90};
        for (int i = 0; i < 6; i++) {
            int reviews = V6.reviewedAt(i) - (i == 0 ? 0 : V6.reviewedAt(i - 1));
            int bad = V6.badAt(i) - (i == 0 ? 0 : V6.badAt(i - 1));
            for (int j = 0; j < reviews; j++) {
                decisions.add(ReviewedDecision.of(bandConfidence[i], j < bad));
            }
        }
        Collections.shuffle(decisions, new Random(1));
        double[] grid = {0.89, 0.91, 0.93, 0.95, 0.97, 0.99}; // any order; tested strictest first
        LearnThenTest.Result result = LearnThenTest.select(decisions, grid, ALPHA, DELTA);
        assertEquals(V6, CumulativeCounts.atGrid(decisions, grid));
        assertEquals(0.93, result.chosenThreshold());
        assertEquals(0.00233629, result.candidates().get(0).pValue(), 5e-9);
    }

    // ---------------------------------------------------------------- fixed-sequence semantics

    @Test
    void candidatesAfterTheFirstFailureAreNotRejectedEvenWithSmallPValues() {
        // mpmath: p = 3.50526662488e-5 (0 of 200), 0.568112035927 (15 of 300), 0.000280679895105
        // (20 of 800). The third would pass on its own, but the sequence stopped at the second.
        CumulativeCounts table = new CumulativeCounts(
                new double[] {0.99, 0.95, 0.9},
                new int[] {200, 300, 800},
                new int[] {0, 15, 20});
        LearnThenTest.Result result = LearnThenTest.select(table, ALPHA, DELTA);
        List<LearnThenTest.Candidate> c = result.candidates();
        assertEquals(3.50526662488e-5, c.get(0).pValue(), 1e-16);
        assertTrue(c.get(0).rejected());
        assertTrue(c.get(1).tested());
        assertFalse(c.get(1).rejected());
        assertEquals(0.568112035927, c.get(1).pValue(), 1e-12);
        assertFalse(c.get(2).tested());
        assertFalse(c.get(2).rejected());
        assertEquals(0.000280679895105, c.get(2).pValue(), 1e-15);
        assertEquals(1, result.rejections());
        assertEquals(0.99, result.chosenThreshold());
    }

    @Test
    void noCandidateCertifiedWhenTheFirstFails() {
        // 20 of 200 at α = 0.05 fails; the reviews needed at 0.99 follow from (k, n) = (20, 200).
        CumulativeCounts table = new CumulativeCounts(new double[] {0.99, 0.9}, new int[] {200, 2000},
                new int[] {20, 20});
        LearnThenTest.Result result = LearnThenTest.select(table, ALPHA, DELTA);
        assertFalse(result.certifiable());
        assertNull(result.chosenThreshold());
        assertTrue(result.chosen().isEmpty());
        assertEquals(0, result.rejections());
        assertFalse(result.candidates().get(1).tested());
        assertEquals(BinomialBounds.additionalReviewsNeeded(20, 200, ALPHA, DELTA), result.additionalReviewsNeeded());
        assertTrue(result.additionalReviewsNeeded() > 0);
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void noReviewsIsInsufficientWithoutAnException() {
        // mpmath (BinomialBoundsTest): ceil(ln 0.05 / ln 0.95) = 59 clean reviews are needed.
        LearnThenTest.Result result = LearnThenTest.select(List.of(), ALPHA, DELTA);
        assertFalse(result.certifiable());
        assertNull(result.chosenThreshold());
        assertTrue(result.candidates().isEmpty());
        assertEquals(59, result.additionalReviewsNeeded());
    }

    @Test
    void noReviewsAtAGridIsInsufficientToo() {
        // V3 (statistics.md): 149 at α = 0.02, δ = 0.05.
        LearnThenTest.Result result = LearnThenTest.select(List.of(), new double[] {0.9, 0.8}, 0.02, DELTA);
        assertFalse(result.certifiable());
        assertEquals(2, result.candidates().size());
        assertEquals(1.0, result.candidates().get(0).pValue());
        assertEquals(1.0, result.candidates().get(0).riskUpperBound());
        assertTrue(Double.isNaN(result.candidates().get(0).observedRisk()));
        assertEquals(149, result.additionalReviewsNeeded());
    }

    @Test
    void gridWithNoDecisionAboveItsStrictestPointStopsThere() {
        // 500 clean reviews at 0.9 would certify 0.9, but the grid's strictest point 0.99 has none:
        // p = 1 there, the sequence stops, and the reviews needed are the whole V3 sample (149).
        List<ReviewedDecision> decisions = repeat(0.9, false, 500);
        LearnThenTest.Result result = LearnThenTest.select(decisions, new double[] {0.99, 0.9}, 0.02, DELTA);
        LearnThenTest.Candidate strictest = result.candidates().get(0);
        assertEquals(0, strictest.reviewed());
        assertEquals(1.0, strictest.pValue());
        assertTrue(strictest.tested());
        assertFalse(strictest.rejected());
        assertFalse(result.candidates().get(1).tested());
        assertTrue(result.candidates().get(1).pValue() <= DELTA);
        assertFalse(result.certifiable());
        assertEquals(149, result.additionalReviewsNeeded());
    }

    @Test
    void allCorrectCertifiesTheLowestConfidence() {
        // 300 clean reviews at confidences 0.001 … 0.300. At α = 0.02, δ = 0.05 the default grid
        // starts where 149 (V3) reviews are reached, i.e. at 0.152, giving 300 − 148 = 152
        // candidates; each has k = 0 and n ≥ 149, so closed form p = 0.98^n ≤ 0.05 throughout.
        List<ReviewedDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            decisions.add(ReviewedDecision.of(i / 1000.0, false));
        }
        LearnThenTest.Result result = LearnThenTest.select(decisions, 0.02, DELTA);
        assertEquals(152, result.candidates().size());
        assertEquals(0.152, result.candidates().get(0).threshold());
        assertEquals(149, result.candidates().get(0).reviewed());
        assertEquals(Math.pow(0.98, 149), result.candidates().get(0).pValue(), 1e-15);
        assertEquals(152, result.rejections());
        assertEquals(0.001, result.chosenThreshold());
        assertEquals(Math.pow(0.98, 300), result.chosen().orElseThrow().pValue(), 1e-15);
    }

    @Test
    void allBadCertifiesNothing() {
        // 200 bad reviews at distinct confidences; α = δ = 0.05, so the default grid starts at
        // n = 59 with k = 59 (closed form p = 1). mpmath: the smallest N with
        // P(Bin(N, 0.05) ≤ 59) ≤ 0.05 is 1459, so 1400 more clean reviews are needed.
        List<ReviewedDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            decisions.add(ReviewedDecision.of(i / 200.0, true));
        }
        LearnThenTest.Result result = LearnThenTest.select(decisions, ALPHA, DELTA);
        LearnThenTest.Candidate first = result.candidates().get(0);
        assertEquals(59, first.reviewed());
        assertEquals(59, first.bad());
        assertEquals(1.0, first.pValue());
        assertEquals(1.0, first.riskUpperBound());
        assertFalse(result.certifiable());
        assertEquals(1400, result.additionalReviewsNeeded());
    }

    @Test
    void kZeroAndKEqualNUseTheClosedForms() {
        CumulativeCounts table = new CumulativeCounts(new double[] {0.9, 0.8}, new int[] {100, 130},
                new int[] {0, 30});
        List<LearnThenTest.Candidate> c = LearnThenTest.select(table, ALPHA, DELTA).candidates();
        assertEquals(Math.pow(0.95, 100), c.get(0).pValue(), 1e-15);
        assertEquals(1 - Math.pow(DELTA, 1.0 / 100), c.get(0).riskUpperBound(), 1e-15);
        assertEquals(0.0, c.get(0).observedRisk());
        // k = n: a table row with only bad reviews.
        CumulativeCounts allBad = new CumulativeCounts(new double[] {0.9}, new int[] {7}, new int[] {7});
        LearnThenTest.Candidate only = LearnThenTest.select(allBad, ALPHA, DELTA).candidates().get(0);
        assertEquals(1.0, only.pValue());
        assertEquals(1.0, only.riskUpperBound());
        assertEquals(1.0, only.observedRisk());
    }

    @Test
    void tiedConfidencesEnterTogether() {
        // 100 clean reviews at exactly 0.95 and 100 at 0.9 (20 bad). With α = 0.05, n_min = 59,
        // so no threshold between the ties exists: the first candidate is 0.95 with all 100.
        List<ReviewedDecision> decisions = new ArrayList<>(repeat(0.95, false, 100));
        decisions.addAll(repeat(0.9, false, 80));
        decisions.addAll(repeat(0.9, true, 20));
        Collections.shuffle(decisions, new Random(3));
        LearnThenTest.Result result = LearnThenTest.select(decisions, ALPHA, DELTA);
        assertEquals(2, result.candidates().size());
        assertEquals(100, result.candidates().get(0).reviewed());
        assertEquals(0, result.candidates().get(0).bad());
        assertEquals(200, result.candidates().get(1).reviewed());
        assertEquals(20, result.candidates().get(1).bad());
        assertEquals(0.95, result.chosenThreshold());
    }

    @Test
    void fewerReviewsThanTheMinimumLeaveOnlyTheLowestConfidence() {
        // 100 clean reviews, α = 0.02, δ = 0.05: below V3's 149, so the default grid is the lowest
        // confidence with all 100, which fails; 49 more clean ones are needed (as in BinomialBoundsTest).
        List<ReviewedDecision> decisions = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            decisions.add(ReviewedDecision.of(0.5 + i / 1000.0, false));
        }
        LearnThenTest.Result result = LearnThenTest.select(decisions, 0.02, DELTA);
        assertEquals(1, result.candidates().size());
        assertEquals(0.501, result.candidates().get(0).threshold());
        assertEquals(100, result.candidates().get(0).reviewed());
        assertFalse(result.certifiable());
        assertEquals(49, result.additionalReviewsNeeded());
    }

    @Test
    void emptyTableNeedsTheMinimumCleanSample() {
        CumulativeCounts empty = new CumulativeCounts(new double[0], new int[0], new int[0]);
        LearnThenTest.Result result = LearnThenTest.select(empty, 0.02, DELTA);
        assertFalse(result.certifiable());
        assertEquals(149, result.additionalReviewsNeeded());
    }

    @Test
    void resultIsImmutable() {
        LearnThenTest.Result result = LearnThenTest.select(V6, ALPHA, DELTA);
        assertThrows(UnsupportedOperationException.class, () -> result.candidates().clear());
    }

    // ---------------------------------------------------------------- a million decisions

    /**
     * A million reviews with confidence {@code c ~ U(0, 1)}, bad with probability
     * {@code 0.2 (1 − c)}, so {@code risk(t) = E[0.2 (1 − C) | C ≥ t] = 0.1 (1 − t)} and the loosest
     * threshold with risk at most α = 0.05 is exactly 0.5. Checks the table against brute-force
     * counts at sampled thresholds, the fixed-sequence structure, shuffle invariance, and that the
     * choice lands just above 0.5 with true risk at most α. No timing is asserted.
     */
    @Test
    void aMillionDecisions() {
        SplittableRandom random = new SplittableRandom(20240611L);
        int size = 1_000_000;
        double[] confidence = new double[size];
        boolean[] bad = new boolean[size];
        List<ReviewedDecision> decisions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            // Every tenth confidence is rounded to 3 decimals, so that there are ties too.
            double c = random.nextDouble();
            confidence[i] = i % 10 == 0 ? Math.round(c * 1000) / 1000.0 : c;
            bad[i] = random.nextDouble() < 0.2 * (1 - confidence[i]);
            decisions.add(ReviewedDecision.of(confidence[i], bad[i]));
        }
        LearnThenTest.Result result = LearnThenTest.select(decisions, ALPHA, DELTA);
        List<LearnThenTest.Candidate> candidates = result.candidates();

        // The grid is the distinct confidences from the one reached by 59 reviews down.
        long distinct = Arrays.stream(confidence).distinct().count();
        assertEquals(59, candidates.get(0).reviewed());
        assertTrue(candidates.size() > distinct - 59 && candidates.size() <= distinct,
                candidates.size() + " candidates, " + distinct + " distinct confidences");
        assertEquals(size, candidates.get(candidates.size() - 1).reviewed());

        // Brute-force n_t and k_t at 40 sampled candidates.
        for (int s = 0; s < 40; s++) {
            LearnThenTest.Candidate c = candidates.get(random.nextInt(candidates.size()));
            int n = 0;
            int k = 0;
            for (int i = 0; i < size; i++) {
                if (confidence[i] >= c.threshold()) {
                    n++;
                    k += bad[i] ? 1 : 0;
                }
            }
            assertEquals(n, c.reviewed(), "n at " + c.threshold());
            assertEquals(k, c.bad(), "k at " + c.threshold());
            assertEquals(BinomialBounds.binomialTailAtMost(k, n, ALPHA), c.pValue());
        }

        // Fixed sequence: a prefix of p ≤ δ, then the first p > δ, then nothing rejected.
        int r = result.rejections();
        for (int i = 0; i < r; i++) {
            assertTrue(candidates.get(i).pValue() <= DELTA && candidates.get(i).rejected());
        }
        assertTrue(candidates.get(r).pValue() > DELTA && candidates.get(r).tested());
        assertTrue(candidates.subList(r, candidates.size()).stream().noneMatch(LearnThenTest.Candidate::rejected));

        // The choice sits just above the true crossing 0.5, where risk(t̂) = 0.1 (1 − t̂) ≤ α.
        double chosen = result.chosenThreshold();
        assertTrue(chosen >= 0.5 && chosen < 0.53, "t̂ = " + chosen);

        Collections.shuffle(decisions, new Random(5));
        assertEquals(candidates, LearnThenTest.select(decisions, ALPHA, DELTA).candidates());
    }

    // ---------------------------------------------------------------- argument validation

    @ParameterizedTest(name = "alpha = {0}, delta = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "0.0  | 0.05 | alpha = 0.0 is not in (0, 1)",
        "1.0  | 0.05 | alpha = 1.0 is not in (0, 1)",
        "NaN  | 0.05 | alpha = NaN is not in (0, 1)",
        "0.05 | 0.0  | delta = 0.0 is not in (0, 1)",
        "0.05 | 1.0  | delta = 1.0 is not in (0, 1)",
    })
    void selectRejectsBadLevels(double alpha, double delta, String reason) {
        String expected = "Cannot select a threshold: " + reason;
        assertRejected(expected, () -> LearnThenTest.select(V6, alpha, delta));
        assertRejected(expected, () -> LearnThenTest.select(List.of(), alpha, delta));
        assertRejected(expected, () -> LearnThenTest.select(List.of(), new double[] {0.9}, alpha, delta));
    }

    @Test
    void selectRejectsNullInputs() {
        assertRejected("Cannot select a threshold: table is null",
                () -> LearnThenTest.select((CumulativeCounts) null, ALPHA, DELTA));
        assertRejected("Cannot count decisions at observed confidences: decisions are null",
                () -> LearnThenTest.select((List<ReviewedDecision>) null, ALPHA, DELTA));
        assertRejected("Cannot count decisions at a threshold grid: grid is null",
                () -> LearnThenTest.select(List.of(), null, ALPHA, DELTA));
    }

    private static List<ReviewedDecision> repeat(double confidence, boolean bad, int times) {
        return Collections.nCopies(times, ReviewedDecision.of(confidence, bad));
    }

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

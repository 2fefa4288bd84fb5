package io.agentgov.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link StratifiedRiskBound}.
 *
 * <p>Reference values: <b>V2</b> from {@code shared/docs/statistics.md}; <b>mpmath</b> computed for
 * this test with Python mpmath at 40 digits by bisection (160 halvings) on the exact binomial sum
 * {@code Σ_{i ≤ k} C(n,i) p^i (1−p)^(n−i)} (no Beta function, no Commons Math); <b>closed form</b>:
 * {@code upper(0, n, δ) = 1 − δ^(1/n)} and Hájek estimates as exact fractions worked out in the
 * comments.
 */
class StratifiedRiskBoundTest {

    private static final double DELTA = 0.05;

    /**
     * Stratum "routine": 9,000 auto-approved, 300 reviewed (π = 1/30), none bad; stratum
     * "high-value": 1,000 auto-approved, 200 reviewed (π = 1/5), 3 bad. All at confidence 0.95.
     */
    private static List<ReviewedDecision> twoStrata() {
        List<ReviewedDecision> d = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            d.add(new ReviewedDecision(0.95, false, 300.0 / 9000, "routine"));
        }
        for (int i = 0; i < 200; i++) {
            d.add(new ReviewedDecision(0.95, i < 3, 0.2, "high-value"));
        }
        return d;
    }

    private static final Map<String, Long> POPULATION = Map.of("routine", 9000L, "high-value", 1000L);

    @Test
    void twoStrataReferenceValues() {
        // δ/H = 0.025. closed form: U_routine = 1 − 0.025^(1/300) = 0.0122209746942936;
        // mpmath: U_high-value = upper(3, 200, 0.025) = 0.0432082819177126;
        // U = 0.9 · 0.0122209746942936 + 0.1 · 0.0432082819177126 = 0.0153197054166355.
        StratifiedRiskBound.Result r = StratifiedRiskBound.atThreshold(twoStrata(), 0.9, POPULATION, DELTA);
        assertEquals(0.025, r.deltaPerStratum(), 1e-18);
        assertEquals(0.9, r.threshold());
        assertEquals(DELTA, r.delta());
        StratifiedRiskBound.Stratum high = r.strata().get(0); // sorted by name
        StratifiedRiskBound.Stratum routine = r.strata().get(1);
        assertEquals("high-value", high.name());
        assertEquals(1000, high.autoApproved());
        assertEquals(0.1, high.weight(), 1e-15);
        assertEquals(200, high.reviewed());
        assertEquals(3, high.bad());
        assertEquals(0.0432082819177126, high.upperBound(), 1e-12);
        assertEquals("routine", routine.name());
        assertEquals(0.9, routine.weight(), 1e-15);
        assertEquals(0.0122209746942936, routine.upperBound(), 1e-15);
        assertEquals(0.0153197054166355, r.upperBound(), 1e-12);
        assertTrue(r.certifies(0.02));
        assertFalse(r.certifies(0.015));
    }

    @Test
    void hajekWeightsByInverseInclusionProbability() {
        // Σ bad/π = 3 · 5 = 15; Σ 1/π = 300 · 30 + 200 · 5 = 10,000; so 0.0015, which is also the
        // stratified estimate 0.9 · 0/300 + 0.1 · 3/200. The unweighted share would be 3/500 = 0.006.
        assertEquals(0.0015, StratifiedRiskBound.hajekRate(twoStrata(), 0.0).getAsDouble(), 1e-15);
        assertEquals(0.0015, StratifiedRiskBound.atThreshold(twoStrata(), 0.9, POPULATION, DELTA)
                .hajekRate().getAsDouble(), 1e-15);
    }

    @Test
    void hajekWithEqualProbabilitiesIsTheRawShare() {
        List<ReviewedDecision> d = List.of(ReviewedDecision.of(0.9, true), ReviewedDecision.of(0.8, false),
                ReviewedDecision.of(0.7, false), ReviewedDecision.of(0.6, true));
        assertEquals(0.5, StratifiedRiskBound.hajekRate(d, 0.0).getAsDouble());
        assertEquals(1.0 / 3, StratifiedRiskBound.hajekRate(d, 0.7).getAsDouble(), 1e-16);
        assertEquals(OptionalDouble.empty(), StratifiedRiskBound.hajekRate(d, 0.95));
        assertEquals(OptionalDouble.empty(), StratifiedRiskBound.hajekRate(List.of(), 0.0));
    }

    @Test
    void oneStratumIsTheClopperPearsonBound() {
        // V2 (statistics.md): upper(3, 1000, 0.05) = 0.00773524472.
        List<ReviewedDecision> d = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            d.add(ReviewedDecision.of(0.9, i < 3));
        }
        StratifiedRiskBound.Result r = StratifiedRiskBound.atThreshold(d, 0.5, Map.of("all", 50_000L), DELTA);
        assertEquals(DELTA, r.deltaPerStratum());
        assertEquals(0.00773524472, r.upperBound(), 5e-12);
    }

    @Test
    void decisionsBelowTheThresholdAreIgnored() {
        // At 0.96 no decision of twoStrata() is auto-approved: both strata fall back to U_h = 1.
        StratifiedRiskBound.Result r = StratifiedRiskBound.atThreshold(twoStrata(), 0.96,
                Map.of("routine", 50L, "high-value", 10L), DELTA);
        assertEquals(1.0, r.upperBound());
        assertEquals(0, r.strata().get(0).reviewed());
        assertEquals(1.0, r.strata().get(0).upperBound());
        assertTrue(r.hajekRate().isEmpty());
    }

    @Test
    void strataWithoutReviewsCountInTheSplitButEmptyStrataDoNot() {
        // "new" has 1,000 auto-approved but no reviews: it takes a third of δ and contributes its
        // whole weight 1000/11000. "retired" has none auto-approved: weight 0, no share of δ.
        StratifiedRiskBound.Result r = StratifiedRiskBound.atThreshold(twoStrata(), 0.9,
                Map.of("routine", 9000L, "high-value", 1000L, "new", 1000L, "retired", 0L), DELTA);
        assertEquals(DELTA / 3, r.deltaPerStratum(), 1e-18);
        double expected = 9000.0 / 11000 * BinomialBounds.upper(0, 300, DELTA / 3)
                + 1000.0 / 11000 * BinomialBounds.upper(3, 200, DELTA / 3)
                + 1000.0 / 11000;
        assertEquals(expected, r.upperBound(), 1e-15);
        assertEquals(List.of("high-value", "new", "retired", "routine"),
                r.strata().stream().map(StratifiedRiskBound.Stratum::name).toList());
        assertEquals(1.0, r.strata().get(1).upperBound());
        assertEquals(0.0, r.strata().get(2).weight());
    }

    /**
     * Coverage on a design where over-sampling a clean stratum misleads the pooled bound. Stratum A:
     * 9,000 decisions with bad rate 0.05, 100 reviewed; stratum B: 1,000 with rate 0, 400 reviewed.
     * The population rate is 0.9 · 0.05 = 0.045; reviews are drawn with replacement (binomial), 2,000
     * trials from a fixed seed. The stratified bound must miss in at most the 99.9% quantile of
     * Bin(2000, δ) trials; the pooled Clopper–Pearson bound over all 500 reviews, whose raw rate is
     * about 5/500 = 0.01, misses almost always.
     */
    @Test
    void stratifiedBoundCoversWherePoolingDoesNot() {
        SplittableRandom random = new SplittableRandom(77);
        int trials = 2000;
        int stratifiedMisses = 0;
        int pooledMisses = 0;
        for (int t = 0; t < trials; t++) {
            List<ReviewedDecision> d = new ArrayList<>();
            int bad = 0;
            for (int i = 0; i < 100; i++) {
                boolean isBad = random.nextDouble() < 0.05;
                bad += isBad ? 1 : 0;
                d.add(new ReviewedDecision(0.9, isBad, 100.0 / 9000, "A"));
            }
            for (int i = 0; i < 400; i++) {
                d.add(new ReviewedDecision(0.9, false, 0.4, "B"));
            }
            if (StratifiedRiskBound.atThreshold(d, 0.0, Map.of("A", 9000L, "B", 1000L), DELTA).upperBound() < 0.045) {
                stratifiedMisses++;
            }
            if (BinomialBounds.upper(bad, 500, DELTA) < 0.045) {
                pooledMisses++;
            }
        }
        int limit = new BinomialDistribution(null, trials, DELTA).inverseCumulativeProbability(0.999);
        assertTrue(stratifiedMisses <= limit, stratifiedMisses + " misses, limit " + limit);
        assertTrue(pooledMisses > trials / 2, pooledMisses + " pooled misses");
    }

    @Test
    void rejectsBadArguments() {
        String action = "Cannot bound a stratified risk: ";
        assertRejected(action + "stratum \"other\" of a reviewed decision has no auto-approved count",
                () -> StratifiedRiskBound.atThreshold(List.of(new ReviewedDecision(0.5, false, 0.5, "other")), 0.0,
                        POPULATION, DELTA));
        assertRejected(action + "stratum \"high-value\" has 200 reviewed decisions at threshold 0.9 but only 100 auto-approved",
                () -> StratifiedRiskBound.atThreshold(twoStrata(), 0.9, Map.of("routine", 9000L, "high-value", 100L), DELTA));
        assertRejected(action + "auto-approved counts sum to 0, so the risk is undefined",
                () -> StratifiedRiskBound.atThreshold(List.of(), 0.9, Map.of("a", 0L), DELTA));
        assertRejected(action + "auto-approved count of stratum \"a\" = -1 is not a non-negative number",
                () -> StratifiedRiskBound.atThreshold(List.of(), 0.9, Map.of("a", -1L), DELTA));
        assertRejected(action + "auto-approved counts are null",
                () -> StratifiedRiskBound.atThreshold(List.of(), 0.9, null, DELTA));
        assertRejected(action + "threshold = -0.1 is not in [0, 1]",
                () -> StratifiedRiskBound.atThreshold(List.of(), -0.1, POPULATION, DELTA));
        assertRejected(action + "delta = 0.0 is not in (0, 1)",
                () -> StratifiedRiskBound.atThreshold(List.of(), 0.5, POPULATION, 0.0));
        assertRejected(action + "decisions are null",
                () -> StratifiedRiskBound.atThreshold(null, 0.5, POPULATION, DELTA));
        assertRejected(action + "decision at index 0 is null",
                () -> StratifiedRiskBound.atThreshold(Arrays.asList((ReviewedDecision) null), 0.5, POPULATION, DELTA));
        assertRejected("Cannot estimate a Hájek rate: threshold = 2.0 is not in [0, 1]",
                () -> StratifiedRiskBound.hajekRate(List.of(), 2.0));
    }

    @Test
    void resultIsImmutable() {
        StratifiedRiskBound.Result r = StratifiedRiskBound.atThreshold(twoStrata(), 0.9, POPULATION, DELTA);
        assertThrows(UnsupportedOperationException.class, () -> r.strata().clear());
    }

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

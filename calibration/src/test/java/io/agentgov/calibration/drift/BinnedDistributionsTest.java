package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Tests of the histogram forms used by the nightly drift job: {@link TwoSampleKs#testBinned},
 * {@link TwoSampleKs#wasserstein1Binned}, {@link ContingencyTest#poolSparse} and
 * {@link RobustZ#twoSidedPValue}.
 *
 * <p>Reference values: <b>scipy</b> 1.16 on the raw samples the histograms stand for
 * ({@code scipy.stats.ks_2samp(...).statistic}, {@code scipy.stats.kstwobign.sf(D·√(nm/(n+m)))}
 * for the limiting-distribution p-value, {@code scipy.stats.wasserstein_distance},
 * {@code 2·scipy.stats.norm.sf(z)}); no project code involved.
 */
class BinnedDistributionsTest {

    private static final long[] REF = {100, 200, 300, 250, 150};
    private static final long[] CUR = {80, 150, 280, 290, 200};

    @Test
    void binnedKsOfV7CountsMatchesScipyOnTheRawSamples() {
        // scipy: ks_2samp(repeat(0..4, REF), repeat(0..4, CUR)).statistic = 0.09;
        // kstwobign.sf(0.09 · √500) = 0.0006070782761407577
        TwoSampleKs.Result r = TwoSampleKs.testBinned(REF, CUR);
        assertEquals(0.09, r.d(), 1e-12);
        assertEquals(0.0006070782761407577, r.pValue(), 1e-9);
    }

    @Test
    void binnedKsWithOneValuePerBinEqualsV10Statistic() {
        // x = 1 2 3 7 and y = 4 5 6 8 9 as counts over the values 1..9: D = 0.75 (V10);
        // kstwobign.sf(0.75 · √(20/9)) = 0.1640791977266521 (the exact p, 1/7, needs the raw test)
        long[] x = {1, 1, 1, 0, 0, 0, 1, 0, 0};
        long[] y = {0, 0, 0, 1, 1, 1, 0, 1, 1};
        TwoSampleKs.Result r = TwoSampleKs.testBinned(x, y);
        assertEquals(0.75, r.d(), 1e-15);
        assertEquals(0.1640791977266521, r.pValue(), 1e-9);
    }

    @Test
    void binnedKsOfEqualHistogramsIsZeroWithPOne() {
        TwoSampleKs.Result r = TwoSampleKs.testBinned(REF, REF);
        assertEquals(0.0, r.d(), 0.0);
        assertEquals(1.0, r.pValue(), 1e-12);
    }

    @Test
    void binnedWassersteinMatchesScipy() {
        // scipy: wasserstein_distance(repeat([0,1,2,3,4], REF), repeat([0,1,2,3,4], CUR)) = 0.23
        assertEquals(0.23, TwoSampleKs.wasserstein1Binned(REF, CUR, new double[] {0, 1, 2, 3, 4}), 1e-12);
        // and the raw-sample form agrees: x = 1 2 3 7, y = 4 5 6 8 9 gives 3.15
        long[] x = {1, 1, 1, 0, 0, 0, 1, 0, 0};
        long[] y = {0, 0, 0, 1, 1, 1, 0, 1, 1};
        double[] positions = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(3.15, TwoSampleKs.wasserstein1Binned(x, y, positions), 1e-12);
        assertEquals(TwoSampleKs.wasserstein1(new double[] {1, 2, 3, 7}, new double[] {4, 5, 6, 8, 9}),
                TwoSampleKs.wasserstein1Binned(x, y, positions), 1e-12);
    }

    @Test
    void binnedWassersteinRejectsPositionsOutOfOrder() {
        assertRejected("Cannot compute a binned Wasserstein-1 distance: positions[2] = 1.0 is not above positions[1] = 1.0",
                () -> TwoSampleKs.wasserstein1Binned(REF, CUR, new double[] {0, 1, 1, 3, 4}));
        assertRejected("Cannot compute a binned Wasserstein-1 distance: 2 positions for 5 bins",
                () -> TwoSampleKs.wasserstein1Binned(REF, CUR, new double[] {0, 1}));
    }

    @Test
    void poolingKeepsBinsWithEnoughExpectedCountsAndPoolsTheRestLast() {
        // R = 1000, C = 200: smaller row share 1/6. Bin 0: 1050/6 = 175 keeps; bin 1: 25/6 = 4.2
        // pools; bin 2: 15/6 = 2.5 pools; bin 3: 110/6 = 18.3 keeps; the pooled bin, 40/6 = 6.7, stays.
        ContingencyTest.Pooled p = ContingencyTest.poolSparse(new long[] {900, 20, 10, 70}, new long[] {150, 5, 5, 40}, 5.0);
        assertEquals(3, p.bins());
        assertArrayEquals(new long[] {900, 70, 30}, p.reference());
        assertArrayEquals(new long[] {150, 40, 10}, p.current());
        assertArrayEquals(new int[] {0, 2, 2, 1}, p.binToPooled());
    }

    @Test
    void poolingWithoutSparseBinsChangesNothing() {
        ContingencyTest.Pooled p = ContingencyTest.poolSparse(REF, CUR, 5.0);
        assertArrayEquals(REF, p.reference());
        assertArrayEquals(CUR, p.current());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, p.binToPooled());
    }

    @Test
    void aStillSparsePooledBinJoinsTheSmallestKeptBin() {
        // R = 1000, C = 40: share 40/1040 = 0.0385. Bin 0: 998 · 0.0385 = 38 keeps; bin 1: 40 · 0.0385
        // = 1.5 pools; bin 2: 2 · 0.0385 pools; the pooled bin, 42 · 0.0385 = 1.6 < 5, joins bin 0,
        // the only kept bin: one bin is left.
        ContingencyTest.Pooled p = ContingencyTest.poolSparse(new long[] {960, 40, 0}, new long[] {38, 0, 2}, 5.0);
        assertEquals(1, p.bins());
        assertArrayEquals(new long[] {1000}, p.reference());
        assertArrayEquals(new long[] {40}, p.current());
        // Two kept bins (725 · 0.0385 = 28, 273 · 0.0385 = 10.5): the sparse remainder joins the smaller.
        ContingencyTest.Pooled q = ContingencyTest.poolSparse(new long[] {700, 260, 40, 0}, new long[] {25, 13, 0, 2}, 5.0);
        assertArrayEquals(new long[] {700, 300}, q.reference());
        assertArrayEquals(new long[] {25, 15}, q.current());
        assertArrayEquals(new int[] {0, 1, 1, 1}, q.binToPooled());
    }

    @Test
    void psiNullMeanMatchesSimulation() {
        // Independent check of the formula: the mean PSI of 4,000 pairs of multinomial samples
        // (n = 2,000 and m = 200 over five equal bins) from one distribution, with a fixed seed.
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        double total = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            long[] r = new long[5];
            long[] c = new long[5];
            for (int i = 0; i < 2000; i++) {
                r[random.nextInt(5)]++;
            }
            for (int i = 0; i < 200; i++) {
                c[random.nextInt(5)]++;
            }
            total += Divergence.psi(r, c);
        }
        double expected = Divergence.psiNullMean(5, 2000, 200); // 4 · (1/2000 + 1/200) = 0.022
        assertEquals(0.022, expected, 1e-15);
        assertEquals(expected, total / trials, 0.1 * expected);
        assertRejected("Cannot compute the PSI null mean: bins 0, sizes 1 and 1 must all be at least 1",
                () -> Divergence.psiNullMean(0, 1, 1));
    }

    @Test
    void twoSidedNormalPValueMatchesScipy() {
        // scipy: 2 · norm.sf(3.5) = 0.00046525815807105003; 2 · norm.sf(12.1408337) (V11's z) = 6.416886360157816e-34
        assertEquals(0.00046525815807105003, RobustZ.twoSidedPValue(3.5), 1e-15);
        assertEquals(0.00046525815807105003, RobustZ.twoSidedPValue(-3.5), 1e-15);
        assertEquals(6.416886360157816e-34, RobustZ.twoSidedPValue(12.1408337), 1e-40);
        assertEquals(1.0, RobustZ.twoSidedPValue(0.0), 0.0);
        assertEquals(0.0, RobustZ.twoSidedPValue(Double.NEGATIVE_INFINITY), 0.0);
        assertRejected("Cannot compute a p-value: z is NaN", () -> RobustZ.twoSidedPValue(Double.NaN));
    }

    @Test
    void referenceSpreadIsThePopulationSdOfTheReferenceFlooredAtHalfTheNarrowestGap() {
        // Python: statistics.pstdev([0.15]*3 + [0.85] + [1.15]*6) = 0.44732538492690077
        assertEquals(0.44732538492690077, TwoSampleKs.referenceSpread(new long[] {3, 0, 1, 6},
                new double[] {0.15, 0.5, 0.85, 1.15}), 1e-12);
        // a reference in one bin has no spread: the floor is half the narrowest gap, 0.35 / 2
        assertEquals(0.175, TwoSampleKs.referenceSpread(new long[] {0, 5, 0}, new double[] {0.0, 1.0, 1.35}), 1e-15);
        assertRejected("Cannot compute the reference spread: 2 positions for 3 bins (at least 2) and 5 reference"
                + " observations (at least 1)", () -> TwoSampleKs.referenceSpread(new long[] {0, 5, 0}, new double[] {0, 1}));
    }
}

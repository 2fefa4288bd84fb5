package io.agentgov.calibration.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests of {@link Reliability}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>V5</b>: {@code shared/docs/statistics.md} (ECE 0.131333333, MCE 0.326666667, Brier
 *       0.171566667 with 5 equal-width bins), computed there independently of the project.
 *   <li><b>exact</b>: Python with {@code fractions.Fraction}, no project code: scores parsed from
 *       their decimal strings, bins assigned as {@code max(0, ceil(s·B) − 1)} (equal width) or by
 *       the midpoint rule {@code floor(B·(C_g + w_g/2)/W)} per tie group (equal mass), then
 *       <pre>
 *       ECE = Σ W_b/W |s̄_b − ō_b|, MCE = max |s̄_b − ō_b|, Brier = Σ w (s − y)² / W,
 *       REL = Σ W_b/W (s̄_b − ō_b)², RES = Σ W_b/W (ō_b − ō)², UNC = ō(1 − ō),
 *       WBV = Σ w (s − s̄_b)² / W, WBC = 2 Σ w (y − ō_b)(s − s̄_b) / W
 *       </pre>
 *       in exact rational arithmetic (the script also asserts {@code Brier == REL − RES + UNC + WBV −
 *       WBC} exactly), printed as the nearest double. Asserted to 1e-15 absolute.
 *   <li><b>scipy</b>: per-bin Clopper–Pearson ends from scipy 1.17
 *       {@code scipy.stats.beta.ppf(δ/2, k, n−k+1)} and {@code beta.ppf(1−δ/2, k+1, n−k)} (0 and 1
 *       at {@code k = 0} and {@code k = n}); asserted to 1e-12.
 *   <li><b>hand</b>: worked in the comments.
 * </ul>
 */
class ReliabilityTest {

    /** V5 of statistics.md. */
    static final double[] V5_SCORES = {.05, .15, .25, .35, .45, .55, .65, .75, .85, .95, .92, .88, .62, .33, .12};
    static final int[] V5_LABELS = {0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0};
    /** Audit weights (1 / inclusion probability) used with the V5 sample. */
    static final double[] V5_WEIGHTS = {1, 2, 1, 3, 1, 1, 2, 1, 1, 4, 1, 1, 2, 1, 1};

    private static final double EXACT = 1e-15;
    private static final double CP = 1e-12;

    // ---------------------------------------------------------------- V5 and its decomposition

    @Test
    void v5EqualWidthMatchesStatisticsMd() {
        Reliability.Report r = Reliability.equalWidth(V5_SCORES, V5_LABELS, 5);
        assertEquals(0.131333333, r.ece(), 5e-10);
        assertEquals(0.326666667, r.mce(), 5e-10);
        assertEquals(0.171566667, r.brierScore(), 5e-10);
        // exact: 197/1500, 49/150 and 2573.5/15000.
        assertEquals(0.13133333333333333, r.ece(), EXACT);
        assertEquals(0.32666666666666666, r.mce(), EXACT);
        assertEquals(0.17156666666666667, r.brierScore(), EXACT);
        assertEquals(0.17156666666666667, Reliability.brierScore(V5_SCORES, V5_LABELS), EXACT);
        assertEquals(Reliability.Binning.EQUAL_WIDTH, r.binning());
        assertEquals(5, r.requestedBins());
        assertEquals(15, r.sampleSize());
        assertEquals(15.0, r.totalWeight(), 0.0);
        assertEquals(Reliability.DEFAULT_DELTA, r.delta(), 0.0);
        assertEquals(8.0 / 15, r.observedRate(), EXACT); // hand: 8 labels of 15 are 1
        assertEquals(7.87 / 15, r.meanScore(), EXACT);  // hand: the scores sum to 7.87
    }

    @Test
    void v5CurveHasCountsMeansAndClopperPearsonIntervals() {
        // hand: bins [0,.2] {.05,.15,.12}, (.2,.4] {.25,.35,.33}, (.4,.6] {.45,.55},
        // (.6,.8] {.65,.75,.62}, (.8,1] {.85,.95,.92,.88}. Intervals: scipy, δ = 0.05.
        List<Reliability.Bin> curve = Reliability.equalWidth(V5_SCORES, V5_LABELS, 5).curve();
        assertEquals(5, curve.size());
        assertBin(curve.get(0), 0, 0.0, 0.2, 3, 0, 3, 0.32 / 3, 0.0, 0.0, 0.7075982261787133);
        assertBin(curve.get(1), 1, 0.2, 0.4, 3, 1, 3, 0.31, 1.0 / 3, 0.008403758659612636, 0.9057006759497539);
        assertBin(curve.get(2), 2, 0.4, 0.6, 2, 1, 2, 0.5, 0.5, 0.01257911709342505, 0.9874208829065749);
        assertBin(curve.get(3), 3, 0.6, 0.8, 3, 3, 3, 2.02 / 3, 1.0, 0.2924017738212866, 1.0);
        assertBin(curve.get(4), 4, 0.8, 1.0, 4, 3, 4, 0.9, 0.75, 0.19412044968324338, 0.9936905367902902);
        // MCE is the largest |gap|, in bin 3 (over-confident bins have a positive gap).
        assertEquals(2.02 / 3 - 1.0, curve.get(3).gap(), EXACT);
        assertEquals(0.75, curve.get(4).unweightedRate(), 0.0);
    }

    @Test
    void v5DecompositionAddsUpWithTheWithinBinTerms() {
        Reliability.BrierDecomposition d = Reliability.equalWidth(V5_SCORES, V5_LABELS, 5).decomposition();
        // exact
        assertEquals(0.029726666666666665, d.reliability(), EXACT);
        assertEquals(0.12111111111111111, d.resolution(), EXACT);
        assertEquals(0.24888888888888888, d.uncertainty(), EXACT);
        assertEquals(0.0020622222222222222, d.withinBinVariance(), EXACT);
        assertEquals(-0.012, d.withinBinCovariance(), EXACT);
        // The classical three miss the Brier score by WBV − WBC = 0.0140622…; the five add up.
        double brier = 0.17156666666666667;
        assertEquals(brier - (d.reliability() - d.resolution() + d.uncertainty()), d.remainder(), EXACT);
        assertEquals(0.014062222222222222, d.remainder(), EXACT);
        assertEquals(brier, d.brierScore(), EXACT);
        assertEquals(d.resolution() - d.remainder(), d.generalizedResolution(), EXACT);
    }

    @Test
    void v5WithTenEqualWidthBins() {
        Reliability.Report r = Reliability.equalWidth(V5_SCORES, V5_LABELS, 10);
        // exact
        assertEquals(0.31266666666666665, r.ece(), EXACT);
        assertEquals(0.75, r.mce(), EXACT);
        assertEquals(0.1361, r.decomposition().reliability(), EXACT);
        assertEquals(0.21555555555555556, r.decomposition().resolution(), EXACT);
        assertEquals(0.00013333333333333334, r.decomposition().withinBinVariance(), EXACT);
        assertEquals(-0.002, r.decomposition().withinBinCovariance(), EXACT);
        assertEquals(r.brierScore(), r.decomposition().brierScore(), EXACT);
        // hand: every tenth holds a score ([0,.1] {.05}, (.1,.2] {.15,.12}, …, (.9,1] {.95,.92}),
        // so all 10 bins are non-empty.
        assertEquals(10, r.curve().size());
    }

    @Test
    void v5EqualMassBinsOfThree() {
        Reliability.Report r = Reliability.equalMass(V5_SCORES, V5_LABELS, 5);
        // exact
        assertEquals(0.15133333333333332, r.ece(), EXACT);
        assertEquals(0.25, r.mce(), EXACT);
        assertEquals(0.17156666666666667, r.brierScore(), EXACT);
        assertEquals(0.030593333333333333, r.decomposition().reliability(), EXACT);
        assertEquals(0.11555555555555555, r.decomposition().resolution(), EXACT);
        assertEquals(0.24888888888888888, r.decomposition().uncertainty(), EXACT);
        assertEquals(0.0031955555555555556, r.decomposition().withinBinVariance(), EXACT);
        assertEquals(-0.0044444444444444444, r.decomposition().withinBinCovariance(), EXACT);
        // hand: sorted scores .05 .12 .15 | .25 .33 .35 | .45 .55 .62 | .65 .75 .85 | .88 .92 .95;
        // edges: first bin from its smallest score, then the previous bin's largest score.
        List<Reliability.Bin> c = r.curve();
        assertEquals(Reliability.Binning.EQUAL_MASS, r.binning());
        assertEquals(5, c.size());
        assertBin(c.get(0), 0, 0.05, 0.15, 3, 0, 3, 0.32 / 3, 0.0, 0.0, 0.7075982261787133);
        assertBin(c.get(1), 1, 0.15, 0.35, 3, 1, 3, 0.31, 1.0 / 3, 0.008403758659612636, 0.9057006759497539);
        assertBin(c.get(2), 2, 0.35, 0.62, 3, 2, 3, 0.54, 2.0 / 3, 0.09429932405024609, 0.9915962413403874);
        assertBin(c.get(3), 3, 0.62, 0.85, 3, 3, 3, 0.75, 1.0, 0.2924017738212866, 1.0);
        assertBin(c.get(4), 4, 0.85, 0.95, 3, 2, 3, 2.75 / 3, 2.0 / 3, 0.09429932405024609, 0.9915962413403874);
    }

    // ---------------------------------------------------------------- weights

    @Test
    void weightedEqualWidthUsesHajekMeansAndUnweightedIntervals() {
        Reliability.Report r = Reliability.equalWidth(V5_SCORES, V5_LABELS, V5_WEIGHTS, 5, 0.05);
        // exact
        assertEquals(0.14173913043478262, r.ece(), EXACT);
        assertEquals(0.342, r.mce(), EXACT);
        assertEquals(0.13545217391304348, r.brierScore(), EXACT);
        assertEquals(0.13545217391304348, Reliability.brierScore(V5_SCORES, V5_LABELS, V5_WEIGHTS), EXACT);
        assertEquals(0.03253711180124223, r.decomposition().reliability(), EXACT);
        assertEquals(0.15195787199567917, r.decomposition().resolution(), EXACT);
        assertEquals(0.24574669187145556, r.decomposition().uncertainty(), EXACT);
        assertEquals(0.0017722049689440993, r.decomposition().withinBinVariance(), EXACT);
        assertEquals(-0.0073540372670807454, r.decomposition().withinBinCovariance(), EXACT);
        assertEquals(r.brierScore(), r.decomposition().brierScore(), EXACT);
        assertEquals(23.0, r.totalWeight(), 0.0);
        assertEquals(15, r.sampleSize());
        // hand: weights per bin 1+2+1, 1+3+1, 1+1, 2+1+2, 1+4+1+1; the intervals are those of the
        // unweighted counts, identical to the unweighted report's (scipy).
        List<Reliability.Bin> c = r.curve();
        assertBin(c.get(0), 0, 0.0, 0.2, 3, 0, 4, 0.1175, 0.0, 0.0, 0.7075982261787133);
        assertBin(c.get(1), 1, 0.2, 0.4, 3, 1, 5, 0.326, 0.2, 0.008403758659612636, 0.9057006759497539);
        assertBin(c.get(2), 2, 0.4, 0.6, 2, 1, 2, 0.5, 0.5, 0.01257911709342505, 0.9874208829065749);
        assertBin(c.get(3), 3, 0.6, 0.8, 3, 3, 5, 0.658, 1.0, 0.2924017738212866, 1.0);
        assertBin(c.get(4), 4, 0.8, 1.0, 4, 3, 7, 0.9214285714285714, 0.8571428571428571,
                0.19412044968324338, 0.9936905367902902);
        // The weighted rate of bin 1 (0.2) differs from the unweighted 1/3 the interval is about.
        assertEquals(1.0 / 3, c.get(1).unweightedRate(), EXACT);
    }

    @Test
    void weightedEqualMassBalancesWeightNotCount() {
        // exact: with W = 23 and 4 bins, the midpoint rule puts the sorted scores
        // .05 .12 .15 .25 .33 | .35 .45 .55 | .62 .65 .75 .85 | .88 .92 .95 in bins of weight 6, 5, 6, 6
        // (counts 5, 3, 4, 3).
        Reliability.Report r = Reliability.equalMass(V5_SCORES, V5_LABELS, V5_WEIGHTS, 4, 0.05);
        assertEquals(0.15478260869565216, r.ece(), EXACT);
        assertEquals(0.31, r.mce(), EXACT);
        assertEquals(0.037283333333333335, r.decomposition().reliability(), EXACT);
        assertEquals(0.13850031505986138, r.decomposition().resolution(), EXACT);
        assertEquals(0.005560144927536232, r.decomposition().withinBinVariance(), EXACT);
        assertEquals(0.014637681159420289, r.decomposition().withinBinCovariance(), EXACT);
        List<Reliability.Bin> c = r.curve();
        assertEquals(4, c.size());
        assertArrayEquals(new int[] {5, 3, 4, 3}, c.stream().mapToInt(Reliability.Bin::count).toArray());
        assertArrayEquals(new double[] {6, 5, 6, 6}, c.stream().mapToDouble(Reliability.Bin::weight).toArray(), 0.0);
        assertBin(c.get(0), 0, 0.05, 0.33, 5, 1, 6, 0.175, 1.0 / 6, 0.0050507633794680575, 0.7164179361180895);
        assertBin(c.get(2), 2, 0.55, 0.85, 4, 4, 6, 0.69, 1.0, 0.3976353643835253, 1.0);
    }

    @Test
    void integerWeightsActLikeRepeatedObservations() {
        // A weight of 2 is the same observation twice, for every statistic but the counts.
        double[] s = {0.1, 0.4, 0.4, 0.7, 0.9};
        int[] y = {0, 1, 0, 1, 1};
        double[] w = {2, 1, 3, 1, 2};
        double[] sRepeated = {0.1, 0.1, 0.4, 0.4, 0.4, 0.4, 0.7, 0.9, 0.9};
        int[] yRepeated = {0, 0, 1, 0, 0, 0, 1, 1, 1};
        for (int bins : new int[] {1, 2, 3, 5}) {
            Reliability.Report weighted = Reliability.equalMass(s, y, w, bins, 0.05);
            Reliability.Report repeated = Reliability.equalMass(sRepeated, yRepeated, bins);
            assertEquals(repeated.ece(), weighted.ece(), 1e-15, "bins = " + bins);
            assertEquals(repeated.brierScore(), weighted.brierScore(), 1e-15);
            assertEquals(repeated.decomposition().resolution(), weighted.decomposition().resolution(), 1e-15);
            assertEquals(repeated.curve().size(), weighted.curve().size());
            weighted = Reliability.equalWidth(s, y, w, bins, 0.05);
            repeated = Reliability.equalWidth(sRepeated, yRepeated, bins);
            assertEquals(repeated.ece(), weighted.ece(), 1e-15, "bins = " + bins);
            assertEquals(repeated.mce(), weighted.mce(), 1e-15);
            assertEquals(repeated.decomposition().remainder(), weighted.decomposition().remainder(), 1e-15);
        }
    }

    // ---------------------------------------------------------------- bins

    @ParameterizedTest(name = "score {0} of {1} bins -> {2}")
    @CsvSource({
        "0.0, 5, 0",    // first bin closed
        "0.2, 5, 0",    // an edge belongs to the bin below
        "0.2000000000000001, 5, 1",
        "0.4, 5, 1",
        "1.0, 5, 4",
        "0.7, 10, 6",   // 0.7 · 10 rounds to 7.000000000000001; the edge check corrects ⌈sB⌉ − 1
        "0.30000000000000004, 10, 3", // 0.1 + 0.2 lies above the double 0.3
        "0.3, 10, 2",
        "0.5, 1, 0",
        "1.0, 1, 0",
        "0.999, 1000, 998",
    })
    void equalWidthBinEdgesAreUpperInclusive(double score, int bins, int expected) {
        assertEquals(expected, Reliability.equalWidthBin(score, bins));
    }

    @Test
    void equalWidthEdgesAgreeWithDirectComparisonEverywhere() {
        // For many scores and bin counts, the bin must be the j with j/B < s ≤ (j+1)/B (bin 0: s ≤ 1/B).
        for (int bins = 1; bins <= 40; bins++) {
            for (int k = 0; k <= 1000; k++) {
                double s = k / 1000.0;
                int j = Reliability.equalWidthBin(s, bins);
                assertTrue(s <= (double) (j + 1) / bins || j == bins - 1, s + " above bin " + j + " of " + bins);
                assertTrue(j == 0 || s > (double) j / bins, s + " below bin " + j + " of " + bins);
            }
        }
    }

    @Test
    void equalMassKeepsTieGroupsWhole() {
        // exact: scores .1 ×4, .2, .3 ×2, .5, .7 ×3, .9. Group weight midpoints 2, 4.5, 6, 7.5, 9.5,
        // 11.5 of W = 12. With 3 bins: ⌊3m/12⌋ = 0, 1, 1, 1, 2, 2 -> bins of 4, 4, 4.
        double[] s = {.1, .1, .1, .1, .2, .3, .3, .5, .7, .7, .7, .9};
        int[] y = {0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1};
        Reliability.Report three = Reliability.equalMass(s, y, 3);
        assertArrayEquals(new int[] {4, 4, 4}, three.curve().stream().mapToInt(Reliability.Bin::count).toArray());
        assertEquals(0.10833333333333334, three.ece(), EXACT);
        assertEquals(0.175, three.mce(), EXACT);
        assertEquals(0.19916666666666666, three.brierScore(), EXACT);
        assertEquals(0.017708333333333333, three.decomposition().reliability(), EXACT);
        assertEquals(0.041666666666666664, three.decomposition().resolution(), EXACT);
        assertEquals(0.25, three.decomposition().uncertainty(), EXACT);
        assertEquals(0.006458333333333333, three.decomposition().withinBinVariance(), EXACT);
        assertEquals(0.03333333333333333, three.decomposition().withinBinCovariance(), EXACT);
        // hand: 4 bins: ⌊4m/12⌋ = 0, 1, 2, 2, 3, 3 -> counts 4, 1, 3, 4; the four .1s stay together
        // although a quarter of the weight is 3.
        Reliability.Report four = Reliability.equalMass(s, y, 4);
        assertArrayEquals(new int[] {4, 1, 3, 4}, four.curve().stream().mapToInt(Reliability.Bin::count).toArray());
        assertBinEdges(four.curve().get(0), 0.1, 0.1);
        assertBinEdges(four.curve().get(1), 0.1, 0.2);
        assertBinEdges(four.curve().get(2), 0.2, 0.5);
        assertBinEdges(four.curve().get(3), 0.5, 0.9);
    }

    @Test
    void equalMassLeavesABinEmptyBehindAHeavyTieGroup() {
        // hand: .5 ×8 and .9 ×2 in 4 bins: midpoints 4 and 9 of 10 -> bins ⌊1.6⌋ = 1 and ⌊3.6⌋ = 3.
        double[] s = {.5, .5, .5, .5, .5, .5, .5, .5, .9, .9};
        int[] y = {1, 0, 1, 1, 0, 1, 1, 0, 1, 1};
        List<Reliability.Bin> c = Reliability.equalMass(s, y, 4).curve();
        assertEquals(2, c.size());
        assertEquals(1, c.get(0).index());
        assertEquals(3, c.get(1).index());
        assertEquals(8, c.get(0).count());
    }

    @Test
    void equalMassWithMoreBinsThanObservations() {
        // hand: 3 distinct scores in 10 bins: midpoints 0.5, 1.5, 2.5 of 3 -> bins 1, 5, 8.
        Reliability.Report r = Reliability.equalMass(new double[] {.2, .6, .9}, new int[] {0, 1, 1}, 10);
        assertArrayEquals(new int[] {1, 5, 8}, r.curve().stream().mapToInt(Reliability.Bin::index).toArray());
        // Each bin holds one observation, so ECE is the mean |s − y| = (.2 + .4 + .1) / 3.
        assertEquals(0.7 / 3, r.ece(), EXACT);
        assertEquals(0.0, r.decomposition().remainder(), EXACT);
    }

    @Test
    void emptyEqualWidthBinsAreLeftOut() {
        // hand: scores .05 and .95 in 10 bins occupy bins 0 and 9 only.
        Reliability.Report r = Reliability.equalWidth(new double[] {.05, .95}, new int[] {0, 1}, 10);
        assertArrayEquals(new int[] {0, 9}, r.curve().stream().mapToInt(Reliability.Bin::index).toArray());
        assertEquals(0.05, r.ece(), EXACT);
        assertEquals(0.05, r.mce(), EXACT);
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void allLabelsOne() {
        // hand: ō = 1, so UNC = RES = 0 and every upper interval end is 1. Brier = mean (1 − s)² =
        // (.16 + .09 + .01) / 3.
        double[] s = {.6, .7, .9};
        int[] y = {1, 1, 1};
        Reliability.Report r = Reliability.equalWidth(s, y, 5);
        assertEquals(1.0, r.observedRate(), 0.0);
        assertEquals(0.0, r.decomposition().uncertainty(), 0.0);
        assertEquals(0.0, r.decomposition().resolution(), 0.0);
        assertEquals(0.26 / 3, r.brierScore(), EXACT);
        assertEquals(r.brierScore(), r.decomposition().brierScore(), EXACT);
        for (Reliability.Bin b : r.curve()) {
            assertEquals(1.0, b.rateUpper(), 0.0);
            assertEquals(1.0, b.observedRate(), 0.0);
        }
        // hand: ECE = mean (1 − s) = 0.8/3 since every gap is negative; MCE = 0.4 at .6 (bin (.4,.6]).
        assertEquals(0.8 / 3, r.ece(), EXACT);
        assertEquals(0.4, r.mce(), EXACT);
    }

    @Test
    void allLabelsZero() {
        double[] s = {.1, .3, .8};
        int[] y = {0, 0, 0};
        Reliability.Report r = Reliability.equalMass(s, y, 2);
        assertEquals(0.0, r.observedRate(), 0.0);
        assertEquals(0.0, r.decomposition().uncertainty(), 0.0);
        // hand: Brier = (.01 + .09 + .64) / 3; the lower interval ends are all 0.
        assertEquals(0.74 / 3, r.brierScore(), EXACT);
        assertEquals(r.brierScore(), r.decomposition().brierScore(), EXACT);
        r.curve().forEach(b -> assertEquals(0.0, b.rateLower(), 0.0));
    }

    @Test
    void allScoresTiedFormOneBinWithNoRemainder() {
        // hand: four scores .3 with labels 1 0 0 1: one bin, gap .3 − .5; REL = .04, RES = 0,
        // UNC = .25, WBV = WBC = 0, so Brier = .29 = REL − RES + UNC exactly as Murphy (1973).
        double[] s = {.3, .3, .3, .3};
        int[] y = {1, 0, 0, 1};
        for (Reliability.Report r : new Reliability.Report[] {
            Reliability.equalWidth(s, y, 5), Reliability.equalMass(s, y, 5)}) {
            assertEquals(1, r.curve().size());
            assertEquals(0.2, r.ece(), EXACT);
            assertEquals(0.2, r.mce(), EXACT);
            assertEquals(0.29, r.brierScore(), EXACT);
            assertEquals(0.04, r.decomposition().reliability(), EXACT);
            assertEquals(0.0, r.decomposition().resolution(), 0.0);
            assertEquals(0.25, r.decomposition().uncertainty(), 0.0);
            assertEquals(0.0, r.decomposition().withinBinVariance(), 0.0);
            assertEquals(0.0, r.decomposition().withinBinCovariance(), 0.0);
        }
        // equal width: bin (.2, .4] is index 1; equal mass: the single group's midpoint ½ -> ⌊5/2⌋ = 2.
        assertEquals(1, Reliability.equalWidth(s, y, 5).curve().get(0).index());
        assertEquals(2, Reliability.equalMass(s, y, 5).curve().get(0).index());
    }

    @Test
    void singleObservation() {
        // hand: s = .8, y = 1: gap −.2, Brier .04 = REL; closed form: the two-sided 95% interval for
        // 1 of 1 is [0.025^(1/1), 1] = [0.025, 1].
        for (Reliability.Report r : new Reliability.Report[] {
            Reliability.equalWidth(new double[] {.8}, new int[] {1}, 5),
            Reliability.equalMass(new double[] {.8}, new int[] {1}, 5)}) {
            assertEquals(0.2, r.ece(), EXACT);
            assertEquals(0.2, r.mce(), EXACT);
            assertEquals(0.04000000000000001, r.brierScore(), EXACT);
            assertEquals(r.brierScore(), r.decomposition().reliability(), EXACT);
            Reliability.Bin b = r.curve().get(0);
            assertEquals(1, b.count());
            assertEquals(0.025, b.rateLower(), 1e-15);
            assertEquals(1.0, b.rateUpper(), 0.0);
        }
    }

    @Test
    void deltaSetsTheIntervalLevel() {
        // closed form: k = 0 of n = 3 at δ = 0.2 has upper end 1 − 0.1^(1/3).
        Reliability.Bin b = Reliability.equalWidth(new double[] {.1, .1, .1}, new int[] {0, 0, 0},
                new double[] {1, 1, 1}, 5, 0.2).curve().get(0);
        assertEquals(1 - Math.pow(0.1, 1.0 / 3), b.rateUpper(), 1e-15);
    }

    @Test
    void negativeZeroScoreIsZero() {
        Reliability.Report r = Reliability.equalMass(new double[] {-0.0, 0.0}, new int[] {0, 1}, 2);
        assertEquals(1, r.curve().size()); // one tie group
    }

    @Test
    void curveIsUnmodifiableAndInputsAreCopied() {
        double[] s = V5_SCORES.clone();
        Reliability.Report r = Reliability.equalWidth(s, V5_LABELS, 5);
        assertThrows(UnsupportedOperationException.class, () -> r.curve().clear());
        s[0] = 0.99;
        assertEquals(0.32 / 3, r.curve().get(0).meanScore(), EXACT);
    }

    // ---------------------------------------------------------------- argument validation

    @Test
    void rejectsBadSamples() {
        String report = "Cannot compute a reliability report: ";
        double[] s = {.1, .2};
        int[] y = {0, 1};
        assertRejected(report + "scores are empty", () -> Reliability.equalWidth(new double[0], new int[0], 5));
        assertRejected(report + "scores are empty", () -> Reliability.equalMass(new double[0], new int[0], 5));
        assertRejected(report + "scores are null", () -> Reliability.equalWidth(null, y, 5));
        assertRejected(report + "labels are null", () -> Reliability.equalWidth(s, null, 5));
        assertRejected(report + "there are 2 scores but 3 labels", () -> Reliability.equalWidth(s, new int[] {0, 1, 1}, 5));
        assertRejected(report + "there are 2 scores but 1 weights",
                () -> Reliability.equalWidth(s, y, new double[] {1}, 5, 0.05));
        assertRejected(report + "there are 2 scores but 3 weights",
                () -> Reliability.equalMass(s, y, new double[] {1, 1, 1}, 5, 0.05));
        assertRejected(report + "weights are null", () -> Reliability.equalMass(s, y, null, 5, 0.05));
        assertRejected(report + "scores[1] = 1.5 is not in [0, 1]", () -> Reliability.equalWidth(new double[] {.1, 1.5}, y, 5));
        assertRejected(report + "scores[0] = -0.1 is not in [0, 1]", () -> Reliability.equalMass(new double[] {-.1, .5}, y, 5));
        assertRejected(report + "scores[1] = NaN is not in [0, 1]", () -> Reliability.equalWidth(new double[] {.1, Double.NaN}, y, 5));
        assertRejected(report + "labels[1] = 2 is not 0 or 1", () -> Reliability.equalWidth(s, new int[] {0, 2}, 5));
        assertRejected(report + "labels[0] = -1 is not 0 or 1", () -> Reliability.equalMass(s, new int[] {-1, 0}, 5));
        assertRejected(report + "weights[1] = 0.0 is not a finite positive number",
                () -> Reliability.equalWidth(s, y, new double[] {1, 0}, 5, 0.05));
        assertRejected(report + "weights[0] = -2.0 is not a finite positive number",
                () -> Reliability.equalWidth(s, y, new double[] {-2, 1}, 5, 0.05));
        assertRejected(report + "weights[0] = NaN is not a finite positive number",
                () -> Reliability.equalMass(s, y, new double[] {Double.NaN, 1}, 5, 0.05));
        assertRejected(report + "weights[1] = Infinity is not a finite positive number",
                () -> Reliability.equalMass(s, y, new double[] {1, Double.POSITIVE_INFINITY}, 5, 0.05));
        assertRejected(report + "weights sum to Infinity",
                () -> Reliability.equalMass(s, y, new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, 5, 0.05));
    }

    @Test
    void rejectsBadBinsAndDelta() {
        String report = "Cannot compute a reliability report: ";
        double[] s = {.1, .2};
        int[] y = {0, 1};
        double[] w = {1, 1};
        assertRejected(report + "bins = 0 is less than 1", () -> Reliability.equalWidth(s, y, 0));
        assertRejected(report + "bins = -3 is less than 1", () -> Reliability.equalMass(s, y, -3));
        assertRejected(report + "delta = 0.0 is not in (0, 1)", () -> Reliability.equalWidth(s, y, w, 5, 0.0));
        assertRejected(report + "delta = 1.0 is not in (0, 1)", () -> Reliability.equalMass(s, y, w, 5, 1.0));
        assertRejected(report + "delta = NaN is not in (0, 1)", () -> Reliability.equalMass(s, y, w, 5, Double.NaN));
    }

    @Test
    void brierScoreRejectsBadSamples() {
        assertRejected("Cannot compute a Brier score: scores are empty",
                () -> Reliability.brierScore(new double[0], new int[0]));
        assertRejected("Cannot compute a Brier score: there are 1 scores but 2 weights",
                () -> Reliability.brierScore(new double[] {.5}, new int[] {1}, new double[] {1, 1}));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertBin(Reliability.Bin b, int index, double lower, double upper, int count, int positives,
            double weight, double meanScore, double rate, double rateLower, double rateUpper) {
        assertEquals(index, b.index(), "index");
        assertBinEdges(b, lower, upper);
        assertEquals(count, b.count(), "count");
        assertEquals(positives, b.positives(), "positives");
        assertEquals(weight, b.weight(), EXACT, "weight");
        assertEquals(meanScore, b.meanScore(), EXACT, "meanScore");
        assertEquals(rate, b.observedRate(), EXACT, "observedRate");
        assertEquals(rateLower, b.rateLower(), CP, "rateLower");
        assertEquals(rateUpper, b.rateUpper(), CP, "rateUpper");
    }

    private static void assertBinEdges(Reliability.Bin b, double lower, double upper) {
        assertEquals(lower, b.lower(), EXACT, "lower");
        assertEquals(upper, b.upper(), EXACT, "upper");
    }

    static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

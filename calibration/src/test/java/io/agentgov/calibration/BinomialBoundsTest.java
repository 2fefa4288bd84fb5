package io.agentgov.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@link BinomialBounds}.
 *
 * <p>Where reference values come from:
 * <ul>
 *   <li><b>V1, V2, V3, V6</b>: {@code shared/docs/statistics.md}, computed there independently of
 *       the project (exact enumeration or bisection on the exact binomial CDF in double precision).
 *   <li><b>mpmath</b>: computed for this test with Python mpmath at 40 significant digits, by
 *       bisection (160 halvings) on the exact binomial CDF {@code Σ C(n,i) p^i (1−p)^(n−i)}, with no
 *       Beta function and no Commons Math involved; minimum clean sizes as
 *       {@code ceil(ln δ / ln(1 − α))} in the same precision. Each agrees with V1/V2/V6 where they
 *       overlap.
 *   <li><b>closed form</b>: the Beta CDFs with an exponent of 1 have closed forms
 *       ({@code Beta(1, n)}: {@code 1 − (1 − x)^n}; {@code Beta(n, 1)}: {@code x^n}), so bounds
 *       with {@code k ∈ {0, 1, n − 1, n}} have exact formulas computed here with {@link Math#pow}.
 * </ul>
 * Tolerances are half a unit in the last stated digit unless a comment says otherwise.
 */
class BinomialBoundsTest {

    private static final double DELTA = 0.05;
    private static final double ALPHA = 0.02;

    // ---------------------------------------------------------------- reference values

    @Test
    void v1UpperWithZeroEventsMatchesStatisticsMd() {
        // V1 (statistics.md): one-sided 95% CP upper, k = 0, n = 300 = 1 − 0.05^(1/300).
        assertEquals(0.00993608194, BinomialBounds.upper(0, 300, DELTA), 5e-12);
    }

    @Test
    void v2UpperWithThreeEventsMatchesStatisticsMd() {
        // V2 (statistics.md): one-sided 95% CP upper, k = 3, n = 1000. Goes through the Beta
        // quantile, so this is the check that the inverse accuracy is fine enough near 0.
        assertEquals(0.00773524472, BinomialBounds.upper(3, 1000, DELTA), 5e-12);
    }

    @Test
    void v3MinimumCleanSampleSizeMatchesStatisticsMd() {
        // V3 (statistics.md): smallest n with zero errors whose 95% upper bound is ≤ 0.02.
        assertEquals(149, BinomialBounds.minimumCleanSampleSize(ALPHA, DELTA));
    }

    @ParameterizedTest(name = "V6 P(Bin({1}, 0.05) <= {0}) = {2}")
    @CsvSource({
        // V6 (statistics.md): Learn-then-Test p-values at α = 0.05, (k_t, n_t, p, tolerance).
        "2,  200,  0.00233629, 5e-9",
        "8,  400,  0.00171627, 5e-9",
        "17, 600,  0.00620544, 5e-9",
        "28, 800,  0.0263974,  5e-8",
        "42, 1000, 0.137133,   5e-7",
    })
    void v6LearnThenTestPValuesMatchStatisticsMd(int k, int n, double expected, double tolerance) {
        assertEquals(expected, BinomialBounds.binomialTailAtMost(k, n, 0.05), tolerance);
    }

    @Test
    void v6FixedSequenceStopsAtTheFifthThreshold() {
        // V6 (statistics.md): with δ = 0.05 the first four thresholds are rejected and the fifth
        // (t = 0.91, p = 0.137) is the first failure, so t̂ = 0.93 (the fourth).
        int[][] reviews = {{200, 2}, {400, 8}, {600, 17}, {800, 28}, {1000, 42}};
        int rejected = 0;
        while (rejected < reviews.length
                && BinomialBounds.binomialTailAtMost(reviews[rejected][1], reviews[rejected][0], 0.05) <= DELTA) {
            rejected++;
        }
        assertEquals(4, rejected);
    }

    @ParameterizedTest(name = "upper({0}, {1}, {2}) = {3}")
    @CsvSource({
        // mpmath (see class comment); tolerance 1e-12 absolute.
        "1,  1000, 0.05, 0.00473499357549978",
        "10, 50,   0.05, 0.315596061420014",
        "5,  10,   0.05, 0.777558898991871",
        "2,  7,    0.05, 0.658738563844664",
        "3,  1000, 0.01, 0.0100097919917077",
        "17, 600,  0.10, 0.0391262926959009",
    })
    void upperMatchesHighPrecisionBisection(int k, int n, double delta, double expected) {
        assertEquals(expected, BinomialBounds.upper(k, n, delta), 1e-12);
    }

    @ParameterizedTest(name = "lower({0}, {1}, {2}) = {3}")
    @CsvSource({
        // mpmath (see class comment); tolerance 1e-12 absolute.
        "3,   1000, 0.05, 0.0008181753982218",
        "10,  50,   0.05, 0.112721613414076",
        "999, 1000, 0.05, 0.9952650064245",
    })
    void lowerMatchesHighPrecisionBisection(int k, int n, double delta, double expected) {
        assertEquals(expected, BinomialBounds.lower(k, n, delta), 1e-12);
    }

    // ---------------------------------------------------------------- edge cases: k = 0, k = n, n = 1

    @ParameterizedTest(name = "n = {0}, delta = {1}")
    @CsvSource({"1, 0.05", "2, 0.05", "10, 0.01", "300, 0.05", "100000, 0.2", "2000000000, 0.05"})
    void zeroEventsUseTheClosedForms(int n, double delta) {
        // closed form: upper(0, n) = 1 − δ^(1/n); lower(0, n) = 0.
        double expected = 1 - Math.pow(delta, 1.0 / n);
        assertEquals(expected, BinomialBounds.upper(0, n, delta), 1e-15 + 1e-12 * expected);
        assertEquals(0.0, BinomialBounds.lower(0, n, delta));
    }

    @ParameterizedTest(name = "n = {0}, delta = {1}")
    @CsvSource({"1, 0.05", "2, 0.05", "10, 0.01", "300, 0.05", "100000, 0.2"})
    void allEventsUseTheClosedForms(int n, double delta) {
        // closed form: upper(n, n) = 1; lower(n, n) = δ^(1/n).
        assertEquals(1.0, BinomialBounds.upper(n, n, delta));
        assertEquals(Math.pow(delta, 1.0 / n), BinomialBounds.lower(n, n, delta), 1e-14);
    }

    @ParameterizedTest(name = "delta = {0}")
    @ValueSource(doubles = {0.001, 0.05, 0.1, 0.5, 0.9})
    void singleTrialBoundsAreDeltaAndOneMinusDelta(double delta) {
        // closed form with n = 1: upper(0, 1) = 1 − δ, lower(1, 1) = δ.
        assertEquals(1 - delta, BinomialBounds.upper(0, 1, delta), 1e-15);
        assertEquals(1.0, BinomialBounds.upper(1, 1, delta));
        assertEquals(0.0, BinomialBounds.lower(0, 1, delta));
        assertEquals(delta, BinomialBounds.lower(1, 1, delta), 1e-15);
    }

    @ParameterizedTest(name = "n = {0}, delta = {1}")
    @CsvSource({"2, 0.05", "3, 0.05", "10, 0.01", "50, 0.1", "1000, 0.05"})
    void betaPathMatchesClosedFormsNextToTheEnds(int n, double delta) {
        // closed form: upper(n − 1, n) is the 1 − δ quantile of Beta(n, 1), i.e. (1 − δ)^(1/n);
        // lower(1, n) is the δ quantile of Beta(1, n), i.e. 1 − (1 − δ)^(1/n). Both go through
        // BetaDistribution in the code, so this checks that path against exact formulas.
        assertEquals(Math.pow(1 - delta, 1.0 / n), BinomialBounds.upper(n - 1, n, delta), 1e-13);
        assertEquals(1 - Math.pow(1 - delta, 1.0 / n), BinomialBounds.lower(1, n, delta), 1e-13);
    }

    // ---------------------------------------------------------------- structural properties

    @ParameterizedTest(name = "k = {0}, n = {1}, delta = {2}")
    @CsvSource({
        "0, 1, 0.05", "1, 1, 0.05", "0, 10, 0.05", "1, 10, 0.05", "5, 10, 0.05", "9, 10, 0.05",
        "10, 10, 0.05", "3, 1000, 0.05", "500, 1000, 0.01", "997, 1000, 0.2", "17, 600, 0.1",
    })
    void lowerIsTheMirrorOfUpper(int k, int n, double delta) {
        // Beta(a, b) quantile at q = 1 − Beta(b, a) quantile at 1 − q, hence
        // lower(k, n, δ) = 1 − upper(n − k, n, δ).
        assertEquals(1 - BinomialBounds.upper(n - k, n, delta), BinomialBounds.lower(k, n, delta), 1e-12);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {0, 1, 3, 10, 40})
    void boundsDecreaseAsCleanReviewsAccumulate(int k) {
        double previousUpper = BinomialBounds.upper(k, k + 1, DELTA);
        double previousLower = BinomialBounds.lower(k, k + 1, DELTA);
        for (int n = k + 2; n <= k + 600; n++) {
            double upper = BinomialBounds.upper(k, n, DELTA);
            double lower = BinomialBounds.lower(k, n, DELTA);
            assertTrue(upper < previousUpper, "upper not decreasing at k = " + k + ", n = " + n);
            if (k > 0) {
                assertTrue(lower < previousLower, "lower not decreasing at k = " + k + ", n = " + n);
            }
            previousUpper = upper;
            previousLower = lower;
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 7, 60, 386})
    void boundsBracketTheObservedRateAndIncreaseWithK(int n) {
        double previousUpper = 0;
        double previousLower = -1;
        for (int k = 0; k <= n; k++) {
            double upper = BinomialBounds.upper(k, n, DELTA);
            double lower = BinomialBounds.lower(k, n, DELTA);
            double rate = (double) k / n;
            assertTrue(lower <= rate && rate <= upper, "k/n outside [lower, upper] at k = " + k);
            assertTrue(upper > previousUpper || upper == 1.0, "upper not increasing at k = " + k);
            assertTrue(lower > previousLower, "lower not increasing at k = " + k);
            previousUpper = upper;
            previousLower = lower;
        }
    }

    @Test
    void upperTightensAsDeltaGrows() {
        // Less confidence (larger δ) means a smaller upper bound.
        assertTrue(BinomialBounds.upper(3, 1000, 0.01) > BinomialBounds.upper(3, 1000, 0.05));
        assertTrue(BinomialBounds.upper(3, 1000, 0.05) > BinomialBounds.upper(3, 1000, 0.2));
    }

    // ---------------------------------------------------------------- sample sizes

    @ParameterizedTest(name = "alpha = {0}, delta = {1} -> {2}")
    @CsvSource({
        // mpmath: ceil(ln δ / ln(1 − α)) at 40 digits (see class comment); the first row is V3.
        "0.02,  0.05,  149",
        "0.01,  0.05,  299",
        "0.05,  0.05,  59",
        "0.001, 0.01,  4603",
        "0.1,   0.001, 66",
        "0.005, 0.05,  598",
    })
    void minimumCleanSampleSizeMatchesTheClosedForm(double alpha, double delta, int expected) {
        assertEquals(expected, BinomialBounds.minimumCleanSampleSize(alpha, delta));
    }

    @ParameterizedTest(name = "alpha = {0}, delta = {1}")
    @CsvSource({
        // In the first three rows ln δ / ln(1 − α) is exactly 1, 2 and 3, so the quotient sits on an
        // integer and rounding decides which side of it ceil lands: the neighbour check must fix it.
        // The definition (smallest n with upper(0, n, δ) ≤ α) is asserted rather than a number.
        "0.5, 0.5", "0.5, 0.25", "0.5, 0.125", "0.02, 0.05", "0.3, 0.7", "0.999, 0.001",
    })
    void minimumCleanSampleSizeIsTheSmallestCertifyingN(double alpha, double delta) {
        int n = BinomialBounds.minimumCleanSampleSize(alpha, delta);
        assertTrue(BinomialBounds.upper(0, n, delta) <= alpha, "n = " + n + " does not certify");
        if (n > 1) {
            assertTrue(BinomialBounds.upper(0, n - 1, delta) > alpha, "n − 1 = " + (n - 1) + " already certifies");
        }
    }

    @Test
    void about386ReviewsGive80PercentPowerAtATrueRateOfHalfAPercent() {
        // statistics.md: with α = 0.02 and δ = 0.05, about 386 reviews give 80% power when the true
        // overturn rate is 0.005. Power = P over k ~ Bin(n, 0.005) that upper(k, n, δ) ≤ α.
        // mpmath (see class comment), summing the exact pmf over the certifying k:
        // 300 → 0.557406068947, 385 → 0.697018471629, 386 → 0.869995891976 (386 is the first n at
        // which k = 3 certifies: upper(3, 385) = 0.020015, upper(3, 386) = 0.019964).
        double power386 = certificationPower(386, 0.005);
        double power385 = certificationPower(385, 0.005);
        double power300 = certificationPower(300, 0.005);
        assertTrue(power386 >= 0.8, "power at 386 = " + power386);
        assertTrue(power385 < 0.8, "power at 385 = " + power385);
        assertTrue(power300 < power386, "power at 300 = " + power300);
        assertEquals(0.869995891976, power386, 1e-11);
        assertEquals(0.697018471629, power385, 1e-11);
        assertEquals(0.557406068947, power300, 1e-11);
    }

    /**
     * P over k ~ Bin(n, rate) that upper(k, n, δ) ≤ α, summing the pmf built by the recurrence
     * pmf(0) = (1 − rate)^n, pmf(k + 1) = pmf(k) · (n − k) / (k + 1) · rate / (1 − rate), so it does
     * not depend on Commons Math's binomial.
     */
    private static double certificationPower(int n, double rate) {
        double pmf = Math.pow(1 - rate, n);
        double power = 0;
        for (int k = 0; k <= n; k++) {
            if (BinomialBounds.upper(k, n, DELTA) <= ALPHA) {
                power += pmf;
            }
            pmf *= (double) (n - k) / (k + 1) * rate / (1 - rate);
        }
        return power;
    }

    @Test
    void additionalReviewsFromOneHundredCleanOnes() {
        // V3 (statistics.md): 149 clean reviews are needed, so 100 need 49 more.
        assertEquals(49, BinomialBounds.additionalReviewsNeeded(0, 100, ALPHA, DELTA));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 50, 147, 148, 149, 150, 1000})
    void additionalCleanReviewsCompleteTheMinimumCleanSample(int n) {
        int expected = Math.max(0, BinomialBounds.minimumCleanSampleSize(ALPHA, DELTA) - n);
        assertEquals(expected, BinomialBounds.additionalReviewsNeeded(0, n, ALPHA, DELTA));
    }

    @Test
    void additionalReviewsWithThreeOverturnsReachTheSample386() {
        // mpmath (see class comment): upper(3, 385) = 0.020015 > 0.02 ≥ upper(3, 386) = 0.019964,
        // so 3 overturns in 300 reviews need 86 more clean ones.
        assertEquals(86, BinomialBounds.additionalReviewsNeeded(3, 300, ALPHA, DELTA));
    }

    @ParameterizedTest(name = "k = {0}, n = {1}, alpha = {2}")
    @CsvSource({"1, 10, 0.02", "5, 100, 0.02", "3, 1000, 0.01", "40, 1000, 0.05", "10, 10, 0.1", "2, 500, 0.001"})
    void additionalReviewsNeededIsTheSmallestSufficientM(int k, int n, double alpha) {
        int m = BinomialBounds.additionalReviewsNeeded(k, n, alpha, DELTA);
        assertTrue(m >= 0, "m = " + m);
        assertTrue(BinomialBounds.upper(k, n + m, DELTA) <= alpha, "m = " + m + " does not certify");
        if (m > 0) {
            assertTrue(BinomialBounds.upper(k, n + m - 1, DELTA) > alpha, "m − 1 = " + (m - 1) + " already certifies");
        }
    }

    @Test
    void additionalReviewsNeededIsZeroWhenAlreadyCertified() {
        // V2: upper(3, 1000) = 0.0077 ≤ 0.02.
        assertEquals(0, BinomialBounds.additionalReviewsNeeded(3, 1000, ALPHA, DELTA));
    }

    @Test
    void additionalReviewsBeyondTheCapAreReportedAsMinusOne() {
        // 50 overturns can only certify α = 1e-5 after roughly 50 / 1e-5 = 5 million reviews.
        assertEquals(BinomialBounds.BEYOND_CAP, BinomialBounds.additionalReviewsNeeded(50, 100, 1e-5, DELTA));
        assertEquals(-1, BinomialBounds.BEYOND_CAP);
    }

    @Test
    void additionalReviewsNearIntegerMaxValueDoNotOverflow() {
        assertEquals(BinomialBounds.BEYOND_CAP,
                BinomialBounds.additionalReviewsNeeded(1_000, Integer.MAX_VALUE - 10, 1e-12, DELTA));
    }

    // ---------------------------------------------------------------- binomial tail

    @Test
    void binomialTailEdgeCases() {
        assertEquals(1.0, BinomialBounds.binomialTailAtMost(7, 7, 0.3));
        assertEquals(1.0, BinomialBounds.binomialTailAtMost(0, 10, 0.0));
        assertEquals(0.0, BinomialBounds.binomialTailAtMost(9, 10, 1.0));
        // closed form: P(Bin(1, p) ≤ 0) = 1 − p; P(Bin(n, p) ≤ 0) = (1 − p)^n.
        assertEquals(0.7, BinomialBounds.binomialTailAtMost(0, 1, 0.3), 1e-15);
        assertEquals(Math.pow(0.95, 200), BinomialBounds.binomialTailAtMost(0, 200, 0.05), 1e-15);
    }

    @Test
    void binomialTailIsTheConfidenceLevelAtTheUpperBound() {
        // Clopper–Pearson by definition: P(Bin(n, upper(k, n, δ)) ≤ k) = δ.
        assertEquals(DELTA, BinomialBounds.binomialTailAtMost(3, 1000, BinomialBounds.upper(3, 1000, DELTA)), 1e-10);
        assertEquals(DELTA, BinomialBounds.binomialTailAtMost(17, 600, BinomialBounds.upper(17, 600, DELTA)), 1e-10);
    }

    // ---------------------------------------------------------------- argument validation

    @Test
    void messageNamesTheOffendingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinomialBounds.upper(5, 3, DELTA));
        assertEquals("Cannot compute an upper bound: k = 5 exceeds n = 3", e.getMessage());
    }

    @ParameterizedTest(name = "k = {0}, n = {1}, delta = {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "5  | 3 | 0.05 | k = 5 exceeds n = 3",
        "-1 | 3 | 0.05 | k = -1 is negative",
        "0  | 0 | 0.05 | n = 0 is less than 1",
        "0  | -4| 0.05 | n = -4 is less than 1",
        "1  | 3 | 0.0  | delta = 0.0 is not in (0, 1)",
        "1  | 3 | 1.0  | delta = 1.0 is not in (0, 1)",
        "1  | 3 | -0.1 | delta = -0.1 is not in (0, 1)",
        "1  | 3 | NaN  | delta = NaN is not in (0, 1)",
    })
    void boundsRejectBadArguments(int k, int n, double delta, String reason) {
        assertRejected("Cannot compute an upper bound: " + reason, () -> BinomialBounds.upper(k, n, delta));
        assertRejected("Cannot compute a lower bound: " + reason, () -> BinomialBounds.lower(k, n, delta));
    }

    @ParameterizedTest(name = "alpha = {0}, delta = {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "0.0   | 0.05 | alpha = 0.0 is not in (0, 1)",
        "1.0   | 0.05 | alpha = 1.0 is not in (0, 1)",
        "NaN   | 0.05 | alpha = NaN is not in (0, 1)",
        "0.02  | 0.0  | delta = 0.0 is not in (0, 1)",
        "0.02  | 1.5  | delta = 1.5 is not in (0, 1)",
    })
    void sampleSizesRejectBadArguments(double alpha, double delta, String reason) {
        assertRejected("Cannot compute a minimum clean sample size: " + reason,
                () -> BinomialBounds.minimumCleanSampleSize(alpha, delta));
        assertRejected("Cannot compute additional reviews needed: " + reason,
                () -> BinomialBounds.additionalReviewsNeeded(0, 100, alpha, delta));
    }

    @Test
    void minimumCleanSampleSizeRejectsAnAnswerBeyondIntRange() {
        assertRejected("Cannot compute a minimum clean sample size: alpha = 1.0E-12 and delta = 0.05 need more than "
                + (Integer.MAX_VALUE - 1) + " reviews", () -> BinomialBounds.minimumCleanSampleSize(1e-12, 0.05));
    }

    @Test
    void additionalReviewsNeededRejectsBadCounts() {
        assertRejected("Cannot compute additional reviews needed: k = 101 exceeds n = 100",
                () -> BinomialBounds.additionalReviewsNeeded(101, 100, ALPHA, DELTA));
        assertRejected("Cannot compute additional reviews needed: n = 0 is less than 1",
                () -> BinomialBounds.additionalReviewsNeeded(0, 0, ALPHA, DELTA));
    }

    @ParameterizedTest(name = "k = {0}, n = {1}, p = {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "5  | 3  | 0.05 | k = 5 exceeds n = 3",
        "-1 | 3  | 0.05 | k = -1 is negative",
        "0  | 0  | 0.05 | n = 0 is less than 1",
        "1  | 3  | -0.1 | p = -0.1 is not in [0, 1]",
        "1  | 3  | 1.1  | p = 1.1 is not in [0, 1]",
        "1  | 3  | NaN  | p = NaN is not in [0, 1]",
    })
    void binomialTailRejectsBadArguments(int k, int n, double p, String reason) {
        assertRejected("Cannot compute a binomial tail: " + reason, () -> BinomialBounds.binomialTailAtMost(k, n, p));
    }

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }
}

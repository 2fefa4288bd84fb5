package io.agentgov.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulation: does Learn-then-Test keep {@code P(risk(t̂) > α) ≤ δ} on an overconfident agent,
 * and does the naive choice fail to?
 *
 * <h2>Score model</h2>
 * The agent's confidence is logit-normal, {@code logit(C) ~ N(3.5, 2²)}, with mean
 * {@code E[C] = 0.905224} (mpmath, below). A decision with confidence {@code c} is right with
 * probability {@code q(c) = σ(logit(c) / 2)}: the agent's logits are twice what they should be,
 * temperature 2 in the sense of temperature scaling (C. Guo, G. Pleiss, Y. Sun and
 * K. Q. Weinberger, "On Calibration of Modern Neural Networks", ICML 2017). So a 0.9 is right 75%
 * of the time and a 0.99 only 90.9%. A trial reviews {@value #REVIEWS} decisions drawn from this
 * model.
 *
 * <p>The brief suggested a linear {@code q(c) = 0.5 + 0.5 (c − 0.5)} (a 0.99 right 75% of the
 * time). Under it {@code risk(t) = 0.75 − 0.5 E[C | C ≥ t]} lies between 0.25 (as {@code t → 1})
 * and 0.2975 (at {@code t = 0}, for {@code logit(C) ~ N(2.5, 0.8²)}, mean 0.905) for every
 * threshold: α would have to fall inside that five-point band, no threshold's risk is more than a
 * few points below it, and with a few thousand reviews the selection almost never certifies
 * anything (about 5% of trials at α = 0.28 in a trial run of this harness). The temperature model
 * keeps the overconfidence but lets the risk of strict thresholds fall towards 0.
 *
 * <h2>Levels</h2>
 * δ = 0.05 and α = 0.1. Under the model {@code risk(t)} falls from 0.1864 at {@code t = 0} to 0
 * as {@code t → 1} and crosses α at {@code t* = 0.94489}, where 62.9% of decisions are
 * auto-approved (mpmath). The crossing thus lies in the bulk of the sample, about 1,900 reviews at
 * or above it, and thresholds a few points stricter (e.g. {@code risk(0.99) = 0.056}) sit far enough
 * below α for the binomial test to reject: the selection usually finds a threshold. The naive rule
 * lands near {@code t*}, where the sample rate dips below α about half the time.
 *
 * <h2>True risk</h2>
 * For a chosen {@code t}, with {@code z_t = logit(t)} and φ the N(3.5, 2²) density,
 * <pre>
 *   risk(t) = ∫_{z_t}^{∞} (1 − σ(z/2)) φ(z) dz  /  ∫_{z_t}^{∞} φ(z) dz,
 * </pre>
 * both integrals by composite Simpson on {@code [max(z_t, μ − 12σ), μ + 12σ]} with
 * {@value #SIMPSON_PANELS} panels (the truncated tails weigh below 1e-32). The integrands are
 * smooth, and {@link #trueRiskMatchesHighPrecisionQuadrature} checks the result against mpmath's
 * adaptive quadrature at 30 digits to 1e-10.
 *
 * <h2>Check</h2>
 * {@value #TRIALS} trials, each from its own {@link SplittableRandom} split off one fixed seed. A
 * violation is a trial whose chosen threshold has true risk above α; a trial that certifies nothing
 * auto-approves nothing and is no violation. The violation share must be at most the 99.9% quantile
 * of {@code Bin(TRIALS, δ)} divided by {@code TRIALS} (73 / 1000 = 0.073): exceeding it would be a
 * one-in-a-thousand event for any procedure with violation probability δ. Three selections run on
 * the same trials:
 * <ul>
 *   <li>LTT with the default grid (observed confidences) — must pass;
 *   <li>LTT with the grid 0.999, 0.998, …, 0.500 fixed in advance — must pass;
 *   <li>naive: the loosest observed confidence whose observed bad rate is at most α — must fail.
 * </ul>
 * The rates are printed for the release note.
 */
class LearnThenTestSimulationTest {

    private static final double MU = 3.5;
    private static final double SIGMA = 2.0;
    private static final double TEMPERATURE = 2.0;
    private static final int REVIEWS = 3000;
    private static final int TRIALS = 1000;
    private static final double ALPHA = 0.1;
    private static final double DELTA = 0.05;
    private static final long SEED = 20240611L;
    private static final int SIMPSON_PANELS = 4000;

    @Test
    void learnThenTestControlsTheRiskAndTheNaiveChoiceDoesNot() {
        double[] fixedGrid = new double[500];
        for (int i = 0; i < fixedGrid.length; i++) {
            fixedGrid[i] = (999 - i) / 1000.0;
        }
        SplittableRandom seeds = new SplittableRandom(SEED);
        int lttCertified = 0;
        int lttViolations = 0;
        int gridCertified = 0;
        int gridViolations = 0;
        int naiveCertified = 0;
        int naiveViolations = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            List<ReviewedDecision> reviews = drawReviews(seeds.split());

            LearnThenTest.Result ltt = LearnThenTest.select(reviews, ALPHA, DELTA);
            if (ltt.certifiable()) {
                lttCertified++;
                lttViolations += trueRisk(ltt.chosenThreshold()) > ALPHA ? 1 : 0;
            }
            LearnThenTest.Result grid = LearnThenTest.select(reviews, fixedGrid, ALPHA, DELTA);
            if (grid.certifiable()) {
                gridCertified++;
                gridViolations += trueRisk(grid.chosenThreshold()) > ALPHA ? 1 : 0;
            }
            Double naive = naiveChoice(reviews);
            if (naive != null) {
                naiveCertified++;
                naiveViolations += trueRisk(naive) > ALPHA ? 1 : 0;
            }
        }
        int limitCount = new BinomialDistribution(null, TRIALS, DELTA).inverseCumulativeProbability(0.999);
        double limit = (double) limitCount / TRIALS;
        System.out.printf("LTT simulation (alpha = %s, delta = %s, %d trials of %d reviews, limit %.3f):%n",
                ALPHA, DELTA, TRIALS, REVIEWS, limit);
        System.out.printf("  LTT, observed-confidence grid: violation rate %.3f (%d), certified in %d trials%n",
                (double) lttViolations / TRIALS, lttViolations, lttCertified);
        System.out.printf("  LTT, fixed grid .999-.500:     violation rate %.3f (%d), certified in %d trials%n",
                (double) gridViolations / TRIALS, gridViolations, gridCertified);
        System.out.printf("  naive (observed rate <= alpha): violation rate %.3f (%d), chose in %d trials%n",
                (double) naiveViolations / TRIALS, naiveViolations, naiveCertified);

        // mpmath: P(Bin(1000, 0.05) ≤ 72) < 0.999 ≤ P(Bin(1000, 0.05) ≤ 73) = 0.99935.
        assertEquals(73, limitCount);
        assertTrue(lttViolations <= limitCount, "LTT violations " + lttViolations);
        assertTrue(gridViolations <= limitCount, "fixed-grid LTT violations " + gridViolations);
        assertTrue(naiveViolations > limitCount, "naive violations " + naiveViolations);
        assertTrue(lttCertified > TRIALS / 2, "LTT certified in only " + lttCertified + " trials");
    }

    @ParameterizedTest(name = "risk({0}) = {1}")
    @CsvSource({
        // mpmath 1.3 at 30 digits: quad() of (1 − σ(z/2)) φ(z) over [logit(t), μ + 4σ, μ + 12σ, ∞],
        // divided by 1 − ncdf(logit(t), μ, σ).
        "0.5,   0.169350975873551",
        "0.9,   0.118469818846357",
        "0.95,  0.0970938309064257",
        "0.99,  0.0558657783232081",
        "0.999, 0.02169825665727",
        // t* = 0.9448900073 (mpmath root of risk(t) = 0.1).
        "0.9448900073, 0.1",
    })
    void trueRiskMatchesHighPrecisionQuadrature(double threshold, double expected) {
        assertEquals(expected, trueRisk(threshold), 1e-10);
    }

    @Test
    void trueRiskAtZeroIsTheOverallBadRate() {
        // mpmath: ∫ (1 − σ(z/2)) φ(z) dz over the real line = 0.186429418956.
        assertEquals(0.186429418956, trueRisk(0.0), 1e-11);
    }

    /** {@value #REVIEWS} reviewed decisions from the model: {@code z ~ N(μ, σ²)}, {@code c = σ(z)}. */
    private static List<ReviewedDecision> drawReviews(SplittableRandom random) {
        List<ReviewedDecision> reviews = new ArrayList<>(REVIEWS);
        for (int i = 0; i < REVIEWS; i++) {
            double z = MU + SIGMA * random.nextGaussian();
            reviews.add(ReviewedDecision.of(logistic(z), random.nextDouble() < badProbability(z)));
        }
        return reviews;
    }

    /** The loosest observed confidence whose observed bad rate is at most α, or null. */
    private static Double naiveChoice(List<ReviewedDecision> reviews) {
        CumulativeCounts all = CumulativeCounts.atObservedConfidences(reviews, 1);
        Double chosen = null;
        for (int i = 0; i < all.size(); i++) {
            if ((double) all.badAt(i) / all.reviewedAt(i) <= ALPHA) {
                chosen = all.thresholdAt(i);
            }
        }
        return chosen;
    }

    /** The model's {@code risk(t)} by composite Simpson (see the class comment). */
    private static double trueRisk(double threshold) {
        double upper = MU + 12 * SIGMA;
        double lower = threshold <= 0 ? MU - 12 * SIGMA
                : Math.max(MU - 12 * SIGMA, Math.log(threshold / (1 - threshold)));
        assertTrue(lower < upper, "threshold " + threshold + " is above the model's support");
        double h = (upper - lower) / SIMPSON_PANELS;
        double bad = 0;
        double all = 0;
        for (int i = 0; i <= SIMPSON_PANELS; i++) {
            double z = lower + i * h;
            double weight = i == 0 || i == SIMPSON_PANELS ? 1 : i % 2 == 1 ? 4 : 2;
            double density = Math.exp(-0.5 * ((z - MU) / SIGMA) * ((z - MU) / SIGMA));
            bad += weight * badProbability(z) * density;
            all += weight * density;
        }
        // Simpson's common factor h/3 and the density's normalising constant cancel in the ratio.
        return bad / all;
    }

    /** {@code 1 − q(c)} at {@code z = logit(c)}: {@code 1 − σ(z / T)}. */
    private static double badProbability(double z) {
        return logistic(-z / TEMPERATURE);
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

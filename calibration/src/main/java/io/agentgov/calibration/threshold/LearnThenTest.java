package io.agentgov.calibration.threshold;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the loosest auto-approval threshold whose risk is certified: with probability at least
 * {@code 1 − δ}, {@code risk(t̂) ≤ α}, where {@code risk(t)} is the share of bad decisions among
 * those with {@code confidence ≥ t}.
 *
 * <h2>Method</h2>
 * Learn then Test (A. N. Angelopoulos, S. Bates, E. J. Candès, M. I. Jordan and L. Lei, "Learn
 * then Test: Calibrating Predictive Algorithms to Achieve Risk Control", arXiv:2110.01052, 2021)
 * turns threshold selection into multiple testing. Each candidate {@code t} carries the null
 * hypothesis {@code H0_t: risk(t) > α}, tested with the exact binomial p-value
 * <pre>
 *   p_t = P(Bin(n_t, α) ≤ k_t)          ({@link BinomialBounds#binomialTailAtMost})
 * </pre>
 * where {@code n_t} reviewed decisions have {@code confidence ≥ t} and {@code k_t} of them are bad.
 * The hypotheses are tested by fixed-sequence testing (P. Bauer, "Multiple testing in clinical
 * trials", <i>Statistics in Medicine</i> 10(6), 871–890, 1991), strictest (highest) threshold
 * first: reject {@code H0_t} while {@code p_t ≤ δ}, stop at the first failure. The chosen
 * threshold {@code t̂} is the loosest one rejected before that failure; there is none when the
 * first candidate fails.
 *
 * <h2>Why it holds</h2>
 * Given {@code n_t}, a simple random sample makes {@code k_t ~ Bin(n_t, risk(t))}, and
 * {@code P(Bin(n, p) ≤ k)} decreases in {@code p}, so under {@code H0_t} the p-value is
 * super-uniform: {@code P(p_t ≤ δ) ≤ δ}. Fixed-sequence testing rejects a true null only if it
 * rejects the first true null in the order, which has probability at most δ; so with probability at
 * least {@code 1 − δ} no true null is rejected, and {@code t̂}, being rejected, has
 * {@code risk(t̂) ≤ α}. The argument needs no monotonicity of {@code risk(t)} and spends no δ on
 * the number of candidates, which is why a fine grid costs nothing. The test at {@code t} agrees with
 * the Clopper–Pearson bound: {@code p_t ≤ δ} exactly when {@code upper(k_t, n_t, δ) ≤ α} (up to
 * rounding at the boundary), since that bound is the rate at which the tail equals δ.
 *
 * <p>The binomial model assumes the reviewed decisions are a simple random sample of the
 * decisions the threshold applies to; this class ignores {@link ReviewedDecision#inclusionProbability()}
 * and {@link ReviewedDecision#stratum()}. For a stratified audit use {@link StratifiedRiskBound}.
 *
 * <h2>Candidate grids</h2>
 * <ul>
 *   <li><b>A grid fixed in advance</b> ({@link #select(Collection, double[], double, double)}): the
 *       theorem applies exactly. A candidate with {@code n_t = 0} has {@code p_t = 1} and stops the
 *       sequence, as it must; put the strictest point where reviews exist.
 *   <li><b>The observed confidences</b> ({@link #select(Collection, double, double)}, the default):
 *       every distinct confidence of a reviewed decision, which are all the thresholds the reviews
 *       can tell apart, beginning at the highest confidence reached by at least
 *       {@code n_min = }{@link BinomialBounds#minimumCleanSampleSize minimumCleanSampleSize(α, δ)}
 *       reviews (see {@link CumulativeCounts#atObservedConfidences}). Candidates above it would
 *       have {@code n_t < n_min}, where {@code p_t ≥ (1 − α)^(n_t) > δ} whatever the reviewers
 *       found; kept, they would end every run at the first candidate. This grid depends on the
 *       sample's confidences (not on its verdicts), so its thresholds are order statistics rather
 *       than fixed points and the theorem does not cover it literally. Where {@code risk(t)} is
 *       continuous in {@code t}, the test at the first candidate past the true crossing behaves
 *       like the test at a fixed threshold there, and {@code LearnThenTestSimulationTest} measures a
 *       violation rate below δ on an overconfident model. What it cannot protect against is a thin
 *       band of very confident, often-wrong decisions that no review reached. When the exact
 *       guarantee matters, fix a grid in advance.
 * </ul>
 * With continuous scores the default grid is also the less powerful of the two: its first
 * candidates have only about {@code n_min} reviews each and must all be rejected, so one early
 * overturn ends the run. In the simulation a fixed grid from 0.999 down certified a threshold
 * more often. Rounded scores (an agent stating 0.95) or a later start
 * ({@link CumulativeCounts#atObservedConfidences} with a larger minimum, then
 * {@link #select(CumulativeCounts, double, double)}) help too; the later start is chosen from the
 * confidences only, so the caveat above applies to it unchanged.
 *
 * <h2>Cost</h2>
 * The p-value of every candidate is computed, also after the first failure (about a microsecond
 * each, so a million candidates take about a second); the Clopper–Pearson bound, a Beta quantile
 * at tens of microseconds, is computed on demand by {@link Candidate#riskUpperBound()}.
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class LearnThenTest {

    private LearnThenTest() {
    }

    /**
     * One candidate threshold and its test.
     *
     * @param threshold the threshold {@code t}
     * @param reviewed {@code n_t}, the reviewed decisions with {@code confidence ≥ t}
     * @param bad {@code k_t}, the bad ones among them
     * @param pValue {@code P(Bin(n_t, α) ≤ k_t)}, or 1 when {@code n_t = 0}; computed for every
     *     candidate, also those not tested
     * @param tested whether the fixed sequence reached this candidate (all candidates up to and
     *     including the first failure)
     * @param rejected whether {@code H0_t: risk(t) > α} was rejected, i.e. tested and
     *     {@code pValue ≤ δ}
     * @param delta the δ of the selection, also the level of {@link #riskUpperBound()}
     */
    public record Candidate(double threshold, int reviewed, int bad, double pValue, boolean tested,
            boolean rejected, double delta) {

        /**
         * The one-sided {@code 1 − δ} Clopper–Pearson upper bound on {@code risk(t)}
         * ({@link BinomialBounds#upper}; Clopper and Pearson, 1934), or 1 when {@code n_t = 0}.
         * Each bound holds at its own threshold with confidence {@code 1 − δ}; the bounds of
         * several candidates do not hold simultaneously at that level. Computed on each call (a
         * Beta quantile, tens of microseconds).
         *
         * @return the upper bound, in {@code (0, 1]}
         */
        public double riskUpperBound() {
            return ReviewAdequacy.riskUpperBound(bad, reviewed, delta);
        }

        /** @return the observed rate {@code k_t / n_t}, or NaN when {@code n_t = 0} */
        public double observedRisk() {
            return reviewed == 0 ? Double.NaN : (double) bad / reviewed;
        }
    }

    /**
     * The outcome of a selection.
     *
     * @param alpha the risk level α
     * @param delta the error probability δ
     * @param candidates the candidates, strictest threshold first, in the order tested
     * @param rejections how many candidates were rejected: the first {@code rejections} ones
     * @param additionalReviewsNeeded 0 when a threshold is certified; otherwise the further
     *     reviews, all upheld and all at or above the strictest candidate, that would let it be
     *     rejected ({@link ReviewAdequacy#additionalReviewsNeeded}; at least 1; the whole
     *     {@link BinomialBounds#minimumCleanSampleSize} when there is no candidate or it has no
     *     reviews), or {@link BinomialBounds#BEYOND_CAP}
     */
    public record Result(double alpha, double delta, List<Candidate> candidates, int rejections,
            int additionalReviewsNeeded) {

        /** Copies the candidate list so that the record stays immutable. */
        public Result {
            candidates = List.copyOf(candidates);
        }

        /** @return whether some threshold is certified */
        public boolean certifiable() {
            return rejections > 0;
        }

        /** @return the chosen threshold {@code t̂}, or null when none is certified */
        public Double chosenThreshold() {
            return rejections > 0 ? candidates.get(rejections - 1).threshold() : null;
        }

        /** @return the candidate of the chosen threshold, if any */
        public Optional<Candidate> chosen() {
            return rejections > 0 ? Optional.of(candidates.get(rejections - 1)) : Optional.empty();
        }
    }

    /**
     * Fixed-sequence Learn-then-Test over a table of candidates, in the table's order (strictest
     * first; see the class comment). Reproduces {@code statistics.md} V6.
     *
     * @param table the candidates with their counts, not null; may be empty (nothing certifiable)
     * @param alpha the risk to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the per-candidate tests, the chosen threshold and the reviews still needed
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static Result select(CumulativeCounts table, double alpha, double delta) {
        String action = "Cannot select a threshold";
        checkLevels(action, alpha, delta);
        if (table == null) {
            throw new IllegalArgumentException(action + ": table is null");
        }
        List<Candidate> candidates = new ArrayList<>(table.size());
        int rejections = 0;
        boolean stopped = false;
        for (int i = 0; i < table.size(); i++) {
            int n = table.reviewedAt(i);
            int k = table.badAt(i);
            double p = ReviewAdequacy.pValue(k, n, alpha);
            boolean tested = !stopped;
            boolean rejected = tested && p <= delta;
            if (rejected) {
                rejections++;
            } else {
                stopped = true;
            }
            candidates.add(new Candidate(table.thresholdAt(i), n, k, p, tested, rejected, delta));
        }
        int needed;
        if (rejections > 0) {
            needed = 0;
        } else if (table.size() == 0) {
            needed = ReviewAdequacy.additionalReviewsNeeded(0, 0, alpha, delta);
        } else {
            needed = ReviewAdequacy.reviewsNeededAfterFailure(table.badAt(0), table.reviewedAt(0), alpha, delta);
        }
        return new Result(alpha, delta, candidates, rejections, needed);
    }

    /**
     * Learn-then-Test over the observed confidences of the reviewed decisions, beginning at the
     * highest one reached by {@link BinomialBounds#minimumCleanSampleSize minimumCleanSampleSize(α, δ)}
     * reviews (see "Candidate grids" in the class comment for why, and for what this costs in
     * rigour). The table is built in one sort ({@link CumulativeCounts#atObservedConfidences}).
     *
     * <p>With no reviews the result has no candidate, is not certifiable, and needs
     * {@code minimumCleanSampleSize(α, δ)} reviews; with fewer reviews than that the only candidate
     * is the lowest confidence.
     *
     * @param decisions the reviewed decisions, a simple random sample; not null, no null element
     * @param alpha the risk to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the per-candidate tests, the chosen threshold and the reviews still needed
     * @throws IllegalArgumentException if an argument or element is null or out of range
     */
    public static Result select(Collection<ReviewedDecision> decisions, double alpha, double delta) {
        checkLevels("Cannot select a threshold", alpha, delta);
        int minimumReviewed = BinomialBounds.minimumCleanSampleSize(alpha, delta);
        return select(CumulativeCounts.atObservedConfidences(decisions, minimumReviewed), alpha, delta);
    }

    /**
     * Learn-then-Test over a grid of thresholds fixed in advance, tested strictest first whatever
     * their order in {@code grid}; the theorem's guarantee applies exactly. A grid point above
     * every reviewed confidence has no reviews, fails, and (if it is the strictest) leaves nothing
     * certifiable. The table is built in one sort ({@link CumulativeCounts#atGrid}).
     *
     * @param decisions the reviewed decisions, a simple random sample; not null, no null element
     * @param grid the candidate thresholds, non-empty, distinct, each in {@code [0, 1]}
     * @param alpha the risk to certify, in {@code (0, 1)}
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the per-candidate tests, the chosen threshold and the reviews still needed
     * @throws IllegalArgumentException if an argument or element is null or out of range
     */
    public static Result select(Collection<ReviewedDecision> decisions, double[] grid, double alpha, double delta) {
        checkLevels("Cannot select a threshold", alpha, delta);
        return select(CumulativeCounts.atGrid(decisions, grid), alpha, delta);
    }

    private static void checkLevels(String action, double alpha, double delta) {
        ReviewAdequacy.checkOpenUnit(action, "alpha", alpha);
        ReviewAdequacy.checkOpenUnit(action, "delta", delta);
    }
}

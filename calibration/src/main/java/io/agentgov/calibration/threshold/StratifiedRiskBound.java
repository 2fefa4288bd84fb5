package io.agentgov.calibration.threshold;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The risk at one threshold when the reviews come from a stratified audit sample: decisions were
 * selected for review with known inclusion probabilities that differ by stratum (say, every
 * high-value decision but one in fifty routine ones), so the reviewed decisions are not a simple
 * random sample and their raw bad rate is biased towards the over-sampled strata.
 *
 * <h2>Upper bound: stratified Clopper–Pearson with a Bonferroni split</h2>
 * Let stratum {@code h} have {@code N_h} auto-approved decisions (those with
 * {@code confidence ≥ t}, a count the caller supplies from the full decision log) of which a
 * share {@code p_h} is bad, and {@code N = Σ N_h}. The population rate is the weighted sum of the
 * stratum rates (W. G. Cochran, <i>Sampling Techniques</i>, 3rd ed., Wiley, 1977, ch. 5):
 * <pre>
 *   risk(t) = Σ_h W_h · p_h,   W_h = N_h / N.
 * </pre>
 * Within stratum {@code h}, {@code k_h} of the {@code n_h} reviewed decisions with
 * {@code confidence ≥ t} are bad. With {@code H} strata of positive {@code N_h}, each gets
 * {@code δ / H} and its one-sided exact Clopper–Pearson bound
 * {@code U_h = upper(k_h, n_h, δ / H)} ({@link BinomialBounds#upper}; Clopper and Pearson, 1934),
 * or {@code U_h = 1} when it has no reviews. The reported bound is
 * <pre>
 *   U = Σ_h W_h · U_h.
 * </pre>
 * It is valid: each {@code P(p_h > U_h) ≤ δ / H}, so by the union (Bonferroni) bound
 * (O. J. Dunn, "Multiple comparisons among means", <i>JASA</i> 56, 52–64, 1961) all {@code H}
 * bounds hold together with probability at least {@code 1 − δ}, and then
 * {@code risk(t) = Σ W_h p_h ≤ Σ W_h U_h} because the weights are non-negative. No independence
 * between strata is needed. Strata with {@code N_h = 0} carry no weight and get no share of δ; a
 * stratum with weight but no reviews keeps its share unused, since {@code H} must not depend on
 * which strata happen to have reviews above {@code t}.
 *
 * <p>Assumptions: within a stratum the reviewed decisions are a simple random sample (equal
 * inclusion probabilities), and the binomial model holds, which is exact for sampling with
 * replacement and the usual approximation without replacement while {@code n_h ≪ N_h}.
 * Inclusion probabilities that vary inside a stratum are not accounted for by the bound; split such
 * a stratum.
 *
 * <h2>Point estimate: the Hájek estimator</h2>
 * The rate is estimated by the Hájek (ratio) estimator, a Horvitz–Thompson estimator of the number
 * of bad decisions divided by the Horvitz–Thompson estimator of the number of decisions
 * (D. G. Horvitz and D. J. Thompson, "A generalization of sampling without replacement from a
 * finite universe", <i>JASA</i> 47, 663–685, 1952; J. Hájek, comment in <i>Foundations of
 * Statistical Inference</i>, V. P. Godambe and D. A. Sprott (eds.), Holt, Rinehart and Winston,
 * 1971, p. 236; C.-E. Särndal, B. Swensson and J. Wretman, <i>Model Assisted Survey Sampling</i>,
 * Springer, 1992):
 * <pre>
 *   r̂ = Σ_i bad_i / π_i  /  Σ_i 1 / π_i       over reviewed decisions with confidence ≥ t.
 * </pre>
 * With {@code π_i = n_h / N_h} in each stratum ({@code n_h} and {@code N_h} the stratum's sample
 * and population sizes), at {@code t = 0} it equals the stratified estimator
 * {@code Σ_h W_h k_h / n_h}; above 0 it estimates the strata's auto-approved sizes by
 * {@code Σ 1 / π_i} instead of taking them from the caller. It is consistent, with a bias of order
 * {@code 1 / n}; it is reported next to the bound, not used by it.
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class StratifiedRiskBound {

    private StratifiedRiskBound() {
    }

    /**
     * One stratum's share of the bound.
     *
     * @param name the stratum name
     * @param autoApproved {@code N_h}, its auto-approved decisions at the threshold
     * @param weight {@code W_h = N_h / N}
     * @param reviewed {@code n_h}, its reviewed decisions with {@code confidence ≥ t}
     * @param bad {@code k_h}, the bad ones among them
     * @param upperBound {@code U_h}: the {@code 1 − δ/H} Clopper–Pearson upper bound on its rate,
     *     or 1 when it has no reviews
     */
    public record Stratum(String name, long autoApproved, double weight, int reviewed, int bad, double upperBound) {
    }

    /**
     * The bound and estimate at one threshold.
     *
     * @param threshold the threshold {@code t}
     * @param delta the overall error probability δ
     * @param deltaPerStratum {@code δ / H}, {@code H} the number of strata with {@code N_h > 0}
     * @param strata the strata, by name
     * @param upperBound {@code U = Σ W_h U_h}, valid with probability at least {@code 1 − δ}
     * @param hajekRate the Hájek estimate of the rate, empty when no reviewed decision has
     *     {@code confidence ≥ t}
     */
    public record Result(double threshold, double delta, double deltaPerStratum, List<Stratum> strata,
            double upperBound, OptionalDouble hajekRate) {

        /** Copies the strata so that the record stays immutable. */
        public Result {
            strata = List.copyOf(strata);
        }

        /**
         * @param alpha a risk level
         * @return whether the bound certifies {@code risk(t) ≤ α}
         */
        public boolean certifies(double alpha) {
            return upperBound <= alpha;
        }
    }

    /**
     * The stratified upper bound and the Hájek estimate of {@code risk(t)} (see the class comment).
     *
     * @param decisions the reviewed decisions, not null, no null element, each with a stratum in
     *     {@code autoApproved}; those with {@code confidence < t} are ignored; may be empty
     * @param threshold the threshold {@code t}, in {@code [0, 1]}; 0 for the rate over all decisions
     * @param autoApproved {@code N_h} per stratum name: decisions in the population with
     *     {@code confidence ≥ t}; non-negative, at least as many as that stratum's reviews counted
     *     here, positive in total
     * @param delta error probability δ, in {@code (0, 1)}
     * @return the per-stratum bounds, their weighted sum and the Hájek estimate
     * @throws IllegalArgumentException if an argument or element is null or out of range, a
     *     decision's stratum is missing from {@code autoApproved}, or a stratum has more reviews
     *     than auto-approved decisions
     */
    public static Result atThreshold(Collection<ReviewedDecision> decisions, double threshold,
            Map<String, Long> autoApproved, double delta) {
        String action = "Cannot bound a stratified risk";
        ReviewAdequacy.checkOpenUnit(action, "delta", delta);
        checkThreshold(action, threshold);
        if (autoApproved == null) {
            throw new IllegalArgumentException(action + ": auto-approved counts are null");
        }
        TreeMap<String, long[]> counts = new TreeMap<>(); // name -> {N_h, n_h, k_h}
        long total = 0;
        int positiveStrata = 0;
        for (Map.Entry<String, Long> e : autoApproved.entrySet()) {
            Long size = e.getValue();
            if (e.getKey() == null || size == null || size < 0) {
                throw new IllegalArgumentException(action + ": auto-approved count of stratum "
                        + (e.getKey() == null ? "null" : "\"" + e.getKey() + "\"") + " = " + size
                        + " is not a non-negative number");
            }
            counts.put(e.getKey(), new long[] {size, 0, 0});
            total = Math.addExact(total, size);
            positiveStrata += size > 0 ? 1 : 0;
        }
        if (total == 0) {
            throw new IllegalArgumentException(action + ": auto-approved counts sum to 0, so the risk is undefined");
        }
        checkDecisions(action, decisions);
        for (ReviewedDecision d : decisions) {
            long[] c = counts.get(d.stratum());
            if (c == null) {
                throw new IllegalArgumentException(action + ": stratum \"" + d.stratum()
                        + "\" of a reviewed decision has no auto-approved count");
            }
            if (d.confidence() >= threshold) {
                c[1]++;
                c[2] += d.bad() ? 1 : 0;
            }
        }
        double deltaPerStratum = delta / positiveStrata;
        List<Stratum> strata = new ArrayList<>(counts.size());
        double upper = 0.0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long size = e.getValue()[0];
            int n = (int) e.getValue()[1];
            int k = (int) e.getValue()[2];
            if (n > size) {
                throw new IllegalArgumentException(action + ": stratum \"" + e.getKey() + "\" has " + n
                        + " reviewed decisions at threshold " + threshold + " but only " + size + " auto-approved");
            }
            double weight = (double) size / total;
            double stratumUpper = ReviewAdequacy.riskUpperBound(k, n, deltaPerStratum);
            strata.add(new Stratum(e.getKey(), size, weight, n, k, stratumUpper));
            upper += weight * stratumUpper;
        }
        // Rounding in the weighted sum can leave it a hair above 1; a rate cannot be.
        return new Result(threshold, delta, deltaPerStratum, strata, Math.min(1.0, upper),
                hajekRate(decisions, threshold));
    }

    /**
     * The Hájek estimate {@code Σ bad_i / π_i / Σ 1 / π_i} of the bad rate among decisions with
     * {@code confidence ≥ t}, over the reviewed ones (Hájek, 1971; see the class comment). With equal
     * inclusion probabilities it is the plain share of bad reviews.
     *
     * @param decisions the reviewed decisions, not null, no null element
     * @param threshold the threshold {@code t}, in {@code [0, 1]}; 0 for all decisions
     * @return the estimate, or empty when no reviewed decision has {@code confidence ≥ t}
     * @throws IllegalArgumentException if an argument or element is null or out of range
     */
    public static OptionalDouble hajekRate(Collection<ReviewedDecision> decisions, double threshold) {
        String action = "Cannot estimate a Hájek rate";
        checkThreshold(action, threshold);
        checkDecisions(action, decisions);
        double weightedBad = 0.0;
        double weightedAll = 0.0;
        for (ReviewedDecision d : decisions) {
            if (d.confidence() >= threshold) {
                double weight = 1.0 / d.inclusionProbability();
                weightedAll += weight;
                weightedBad += d.bad() ? weight : 0.0;
            }
        }
        return weightedAll > 0 ? OptionalDouble.of(weightedBad / weightedAll) : OptionalDouble.empty();
    }

    private static void checkThreshold(String action, double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException(action + ": threshold = " + threshold + " is not in [0, 1]");
        }
    }

    private static void checkDecisions(String action, Collection<ReviewedDecision> decisions) {
        if (decisions == null) {
            throw new IllegalArgumentException(action + ": decisions are null");
        }
        int i = 0;
        for (ReviewedDecision d : decisions) {
            if (d == null) {
                throw new IllegalArgumentException(action + ": decision at index " + i + " is null");
            }
            i++;
        }
    }
}

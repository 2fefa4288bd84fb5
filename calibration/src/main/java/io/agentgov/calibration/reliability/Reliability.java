package io.agentgov.calibration.reliability;

import io.agentgov.calibration.BinomialBounds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Calibration quality of probability scores against binary outcomes: expected and maximum
 * calibration error (ECE, MCE) over equal-width or equal-mass bins, the Brier score with its Murphy
 * decomposition over the same bins, and the reliability curve with a Clopper–Pearson interval per
 * bin.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>A <b>score</b> {@code s_i ∈ [0, 1]} is the stated probability that the label is 1.
 *   <li>A <b>label</b> {@code y_i} is 1 when the decision was right (the positive outcome, e.g. a
 *       reviewer upheld it) and 0 when it was wrong (e.g. overturned). A score for "this decision
 *       is right" therefore predicts an overturn rate of {@code 1 − s}.
 *   <li>A <b>weight</b> {@code w_i > 0} defaults to 1. For reviews from a stratified audit sample
 *       it is {@code 1 / π_i}, the inverse of the inclusion probability. Every mean here (per bin
 *       and overall) is then the Hájek ratio estimator {@code Σ w_i x_i / Σ w_i} (J. Hájek, comment
 *       in V. P. Godambe and D. A. Sprott (eds.), <i>Foundations of Statistical Inference</i>, Holt,
 *       Rinehart and Winston, 1971, p. 236), not a Horvitz–Thompson total divided by a known
 *       population size. With unit weights every formula reduces to its unweighted textbook form.
 * </ul>
 * Let {@code W = Σ w_i}, and for bin {@code b} let {@code W_b} be its total weight,
 * {@code s̄_b = Σ_b w_i s_i / W_b} its mean score and {@code ō_b = Σ_b w_i y_i / W_b} its observed
 * rate; {@code ō = Σ w_i y_i / W} is the overall rate.
 *
 * <h2>Bins</h2>
 * Bins are {@code (lo, hi]}, the first one closed ({@code [lo, hi]}), as in {@code statistics.md}.
 * <ul>
 *   <li><b>Equal width</b> ({@link #equalWidth}): {@code B} bins on {@code [0, 1]}, bin {@code j}
 *       (0-based) being {@code (j/B, (j+1)/B]} and bin 0 {@code [0, 1/B]}. The edges are the doubles
 *       nearest to {@code j/B}; a score equal to an edge belongs to the bin below it (so 0.2 is in
 *       bin 0 of 5, and 1 in bin {@code B − 1}).
 *   <li><b>Equal mass</b> ({@link #equalMass}): scores are sorted and the observations sharing one
 *       score value (a tie group) always stay together. With {@code C_g} the total weight of the
 *       groups below group {@code g} and {@code w_g} its own weight, group {@code g} goes to bin
 *       <pre>   ⌊ B · (C_g + w_g / 2) / W ⌋</pre>
 *       that is, to the bin whose weight quantile interval {@code [jW/B, (j+1)W/B)} contains the
 *       group's weight midpoint. Without ties and with unit weights this gives contiguous bins of
 *       {@code ⌊n/B⌋} or {@code ⌈n/B⌉} observations; a tie group heavier than {@code W/B} can leave
 *       a neighbouring bin empty, and fewer than {@code B} distinct scores give fewer than {@code B}
 *       bins. A bin's edges are then the largest score of the previous non-empty bin (exclusive)
 *       and its own largest score (inclusive); the first non-empty bin starts at its smallest
 *       score, inclusive. This is the equal-mass ("adaptive") binning of J. Nixon, M. W. Dusenberry,
 *       L. Zhang, G. Jerfel and D. Tran, "Measuring calibration in deep learning", <i>CVPR
 *       Workshops</i>, 2019, with the tie and weight rule above.
 * </ul>
 * Empty bins are left out of the curve and contribute nothing to any statistic; each
 * {@link Bin} keeps its 0-based index among the {@code B} requested, so gaps stay visible.
 *
 * <h2>Statistics</h2>
 * <pre>
 *   ECE   = Σ_b (W_b / W) · |s̄_b − ō_b|
 *   MCE   = max_b |s̄_b − ō_b|                    (non-empty bins)
 *   Brier = Σ_i w_i (s_i − y_i)² / W             (raw scores, not binned)
 * </pre>
 * ECE and MCE as in M. P. Naeini, G. F. Cooper and M. Hauskrecht, "Obtaining well calibrated
 * probabilities using Bayesian binning", <i>AAAI</i>, 2015, 2901–2907, and C. Guo, G. Pleiss,
 * Y. Sun and K. Q. Weinberger, "On calibration of modern neural networks", <i>ICML</i>, 2017,
 * §2; the Brier score from G. W. Brier, "Verification of forecasts expressed in terms of
 * probability", <i>Monthly Weather Review</i> 78(1), 1–3, 1950.
 *
 * <h2>Brier decomposition</h2>
 * Murphy's partition (A. H. Murphy, "A new vector partition of the probability score",
 * <i>Journal of Applied Meteorology</i> 12(4), 595–600, 1973) over the same bins:
 * <pre>
 *   REL = Σ_b (W_b / W) (s̄_b − ō_b)²      reliability (lower is better)
 *   RES = Σ_b (W_b / W) (ō_b − ō)²        resolution (higher is better)
 *   UNC = ō (1 − ō)                        uncertainty (of the outcomes alone)
 * </pre>
 * {@code Brier = REL − RES + UNC} holds exactly only when the scores are constant within each bin.
 * With binned scores this report adds the two within-bin components of D. B. Stephenson,
 * C. A. S. Coelho and I. T. Jolliffe, "Two extra components in the Brier score decomposition",
 * <i>Weather and Forecasting</i> 23(4), 752–757, 2008:
 * <pre>
 *   WBV = Σ_b Σ_{i∈b} w_i (s_i − s̄_b)² / W                  within-bin variance of the scores
 *   WBC = 2 Σ_b Σ_{i∈b} w_i (y_i − ō_b)(s_i − s̄_b) / W      within-bin covariance
 *   Brier = REL − RES + UNC + WBV − WBC                     (an identity, for any binning)
 * </pre>
 * so the remainder {@code Brier − (REL − RES + UNC) = WBV − WBC} is reported as well, and their
 * generalized resolution {@code GRES = RES − WBV + WBC} gives {@code Brier = REL − GRES + UNC}.
 * See {@link BrierDecomposition}.
 *
 * <h2>Reliability curve</h2>
 * Per non-empty bin: observation count {@code n_b}, positives {@code k_b} (labels equal to 1),
 * weight {@code W_b}, mean score {@code s̄_b}, observed rate {@code ō_b}, and a two-sided
 * {@code (1 − δ)} Clopper–Pearson interval from {@link BinomialBounds#lower} and
 * {@link BinomialBounds#upper}, each at {@code δ/2}. The interval is computed on the
 * <b>unweighted</b> counts {@code k_b} of {@code n_b}; with unequal weights it is an interval for
 * the bin's unweighted rate {@code k_b / n_b}, which may differ from the weighted {@code ō_b}, and
 * serves only as an indication of how few observations the bin rests on.
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class Reliability {

    /** Default δ of the per-bin intervals: two-sided 95% Clopper–Pearson. */
    public static final double DEFAULT_DELTA = 0.05;

    private Reliability() {
    }

    /** How the bins of a {@link Report} were formed. */
    public enum Binning {
        /** {@code B} bins of width {@code 1/B} on {@code [0, 1]}. */
        EQUAL_WIDTH,
        /** Up to {@code B} bins of about equal total weight, tie groups kept whole. */
        EQUAL_MASS
    }

    /**
     * One non-empty bin of the reliability curve. The bin is {@code (lower, upper]}, or
     * {@code [lower, upper]} for equal-width bin 0 and for the first non-empty equal-mass bin.
     *
     * @param index 0-based index of the bin among the requested ones
     * @param lower lower edge
     * @param upper upper edge
     * @param count number of observations {@code n_b}, at least 1
     * @param positives number of labels equal to 1, {@code k_b}
     * @param weight total weight {@code W_b}
     * @param meanScore weighted mean score {@code s̄_b}
     * @param observedRate weighted observed rate {@code ō_b}
     * @param rateLower lower end of the Clopper–Pearson interval on {@code k_b} of {@code n_b}
     * @param rateUpper upper end of the Clopper–Pearson interval on {@code k_b} of {@code n_b}
     */
    public record Bin(int index, double lower, double upper, int count, int positives, double weight,
            double meanScore, double observedRate, double rateLower, double rateUpper) {

        /**
         * @return {@code s̄_b − ō_b}: positive where the scores are over-confident, negative where
         *     they are under-confident
         */
        public double gap() {
            return meanScore - observedRate;
        }

        /** @return the unweighted rate {@code k_b / n_b}, the centre of the interval's data */
        public double unweightedRate() {
            return (double) positives / count;
        }
    }

    /**
     * The Brier score decomposition over the bins of a report (see the class comment).
     *
     * @param reliability {@code REL}
     * @param resolution {@code RES}
     * @param uncertainty {@code UNC = ō (1 − ō)}
     * @param withinBinVariance {@code WBV}
     * @param withinBinCovariance {@code WBC}
     */
    public record BrierDecomposition(double reliability, double resolution, double uncertainty,
            double withinBinVariance, double withinBinCovariance) {

        /**
         * @return {@code WBV − WBC}, which equals {@code Brier − (REL − RES + UNC)}: zero when the
         *     scores are constant within every bin
         */
        public double remainder() {
            return withinBinVariance - withinBinCovariance;
        }

        /** @return Stephenson et al.'s generalized resolution {@code RES − WBV + WBC} */
        public double generalizedResolution() {
            return resolution - withinBinVariance + withinBinCovariance;
        }

        /**
         * @return {@code REL − RES + UNC + WBV − WBC}, equal to the Brier score up to rounding
         */
        public double brierScore() {
            return reliability - resolution + uncertainty + withinBinVariance - withinBinCovariance;
        }
    }

    /**
     * A calibration report for one sample and one binning.
     *
     * @param binning how the bins were formed
     * @param requestedBins the number of bins asked for, {@code B}
     * @param delta δ of the per-bin two-sided {@code (1 − δ)} intervals
     * @param sampleSize number of observations
     * @param totalWeight {@code W}, equal to the sample size with unit weights
     * @param meanScore weighted mean score
     * @param observedRate weighted overall rate {@code ō}
     * @param curve the non-empty bins in increasing score order
     * @param ece expected calibration error
     * @param mce maximum calibration error
     * @param brierScore Brier score of the raw scores
     * @param decomposition the Brier decomposition over the same bins
     */
    public record Report(Binning binning, int requestedBins, double delta, int sampleSize, double totalWeight,
            double meanScore, double observedRate, List<Bin> curve, double ece, double mce, double brierScore,
            BrierDecomposition decomposition) {

        /** Copies the curve so that the record stays immutable. */
        public Report {
            curve = List.copyOf(curve);
        }
    }

    /**
     * Calibration report over {@code bins} equal-width bins, unit weights, 95% intervals.
     *
     * @see #equalWidth(double[], int[], double[], int, double)
     */
    public static Report equalWidth(double[] scores, int[] labels, int bins) {
        String action = "Cannot compute a reliability report";
        return report(action, Binning.EQUAL_WIDTH, Inputs.unweighted(action, scores, labels), bins, DEFAULT_DELTA);
    }

    /**
     * Calibration report over {@code bins} equal-width bins on {@code [0, 1]} (see the class
     * comment for the bins, the statistics and the decomposition).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1 (1 = the decision was right)
     * @param weights weights {@code w_i}, each finite and positive (1 / inclusion probability)
     * @param bins number of bins {@code B}, at least 1
     * @param delta δ of the per-bin two-sided {@code (1 − δ)} intervals, in {@code (0, 1)}
     * @return the report
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a value is
     *     out of range, {@code bins < 1} or δ is not in {@code (0, 1)}
     */
    public static Report equalWidth(double[] scores, int[] labels, double[] weights, int bins, double delta) {
        String action = "Cannot compute a reliability report";
        return report(action, Binning.EQUAL_WIDTH, Inputs.weighted(action, scores, labels, weights), bins, delta);
    }

    /**
     * Calibration report over up to {@code bins} equal-mass bins, unit weights, 95% intervals.
     *
     * @see #equalMass(double[], int[], double[], int, double)
     */
    public static Report equalMass(double[] scores, int[] labels, int bins) {
        String action = "Cannot compute a reliability report";
        return report(action, Binning.EQUAL_MASS, Inputs.unweighted(action, scores, labels), bins, DEFAULT_DELTA);
    }

    /**
     * Calibration report over up to {@code bins} bins of about equal total weight, tie groups kept
     * whole (see the class comment for the rule, the statistics and the decomposition).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1 (1 = the decision was right)
     * @param weights weights {@code w_i}, each finite and positive (1 / inclusion probability)
     * @param bins number of bins {@code B}, at least 1
     * @param delta δ of the per-bin two-sided {@code (1 − δ)} intervals, in {@code (0, 1)}
     * @return the report
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a value is
     *     out of range, {@code bins < 1} or δ is not in {@code (0, 1)}
     */
    public static Report equalMass(double[] scores, int[] labels, double[] weights, int bins, double delta) {
        String action = "Cannot compute a reliability report";
        return report(action, Binning.EQUAL_MASS, Inputs.weighted(action, scores, labels, weights), bins, delta);
    }

    /**
     * Brier score {@code Σ (s_i − y_i)² / n} (Brier, 1950).
     *
     * @see #brierScore(double[], int[], double[])
     */
    public static double brierScore(double[] scores, int[] labels) {
        return brier(Inputs.unweighted("Cannot compute a Brier score", scores, labels));
    }

    /**
     * Weighted Brier score {@code Σ w_i (s_i − y_i)² / Σ w_i} (Brier, 1950; Hájek weighting, see
     * the class comment).
     *
     * @param scores scores {@code s_i}, each in {@code [0, 1]}
     * @param labels labels {@code y_i}, each 0 or 1
     * @param weights weights {@code w_i}, each finite and positive
     * @return the Brier score, in {@code [0, 1]}
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ or a value
     *     is out of range
     */
    public static double brierScore(double[] scores, int[] labels, double[] weights) {
        return brier(Inputs.weighted("Cannot compute a Brier score", scores, labels, weights));
    }

    /**
     * The bin of a score among {@code bins} equal-width bins {@code (j/B, (j+1)/B]}, the first one
     * closed. The estimate {@code ⌈sB⌉ − 1} is corrected against the edges themselves, so that the
     * answer agrees with comparisons against the doubles {@code j/B} whatever the rounding of
     * {@code sB}.
     */
    static int equalWidthBin(double score, int bins) {
        int j = (int) Math.ceil(score * bins) - 1;
        j = Math.max(0, Math.min(bins - 1, j));
        while (j > 0 && score <= edge(j, bins)) {
            j--;
        }
        while (j < bins - 1 && score > edge(j + 1, bins)) {
            j++;
        }
        return j;
    }

    private static double edge(int j, int bins) {
        return (double) j / bins;
    }

    /** Bin index of each observation by the equal-mass midpoint rule of the class comment. */
    static int[] equalMassBins(double[] scores, double[] weights, double totalWeight, int bins) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        int[] bin = new int[n];
        double before = 0.0;
        int start = 0;
        while (start < n) {
            int end = start;
            double groupWeight = 0.0;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                groupWeight += weights[order[end]];
                end++;
            }
            int b = (int) Math.floor(bins * (before + groupWeight / 2) / totalWeight);
            b = Math.max(0, Math.min(bins - 1, b));
            for (int r = start; r < end; r++) {
                bin[order[r]] = b;
            }
            before += groupWeight;
            start = end;
        }
        return bin;
    }

    private static Report report(String action, Binning binning, Inputs.Sample sample, int bins, double delta) {
        if (bins < 1) {
            throw new IllegalArgumentException(action + ": bins = " + bins + " is less than 1");
        }
        Inputs.openUnit(action, "delta", delta);
        int n = sample.size();
        double[] s = sample.scores;
        int[] y = sample.labels;
        double[] w = sample.weights;
        double total = sample.totalWeight;

        int[] binOf;
        if (binning == Binning.EQUAL_WIDTH) {
            binOf = new int[n];
            for (int i = 0; i < n; i++) {
                binOf[i] = equalWidthBin(s[i], bins);
            }
        } else {
            binOf = equalMassBins(s, w, total, bins);
        }

        // First pass: per-bin sums.
        int[] count = new int[bins];
        int[] positives = new int[bins];
        double[] weight = new double[bins];
        double[] weightedScore = new double[bins];
        double[] weightedLabel = new double[bins];
        double[] minScore = new double[bins];
        double[] maxScore = new double[bins];
        Arrays.fill(minScore, Double.POSITIVE_INFINITY);
        Arrays.fill(maxScore, Double.NEGATIVE_INFINITY);
        double scoreSum = 0.0;
        double labelSum = 0.0;
        for (int i = 0; i < n; i++) {
            int b = binOf[i];
            count[b]++;
            positives[b] += y[i];
            weight[b] += w[i];
            weightedScore[b] += w[i] * s[i];
            weightedLabel[b] += w[i] * y[i];
            minScore[b] = Math.min(minScore[b], s[i]);
            maxScore[b] = Math.max(maxScore[b], s[i]);
            scoreSum += w[i] * s[i];
            labelSum += w[i] * y[i];
        }
        double meanScore = scoreSum / total;
        double rate = labelSum / total;
        double[] binScore = new double[bins];
        double[] binRate = new double[bins];
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                binScore[b] = weightedScore[b] / weight[b];
                binRate[b] = weightedLabel[b] / weight[b];
            }
        }

        // Second pass: within-bin components, about the bin means (two passes for accuracy).
        double wbv = 0.0;
        double wbc = 0.0;
        for (int i = 0; i < n; i++) {
            int b = binOf[i];
            double ds = s[i] - binScore[b];
            wbv += w[i] * ds * ds;
            wbc += w[i] * (y[i] - binRate[b]) * ds;
        }
        wbv /= total;
        wbc = 2.0 * wbc / total;

        List<Bin> curve = new ArrayList<>();
        double ece = 0.0;
        double mce = 0.0;
        double rel = 0.0;
        double res = 0.0;
        double previousMax = Double.NaN;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) {
                continue;
            }
            double share = weight[b] / total;
            double gap = binScore[b] - binRate[b];
            ece += share * Math.abs(gap);
            mce = Math.max(mce, Math.abs(gap));
            rel += share * gap * gap;
            res += share * (binRate[b] - rate) * (binRate[b] - rate);
            double lower;
            double upper;
            if (binning == Binning.EQUAL_WIDTH) {
                lower = edge(b, bins);
                upper = b == bins - 1 ? 1.0 : edge(b + 1, bins);
            } else {
                lower = Double.isNaN(previousMax) ? minScore[b] : previousMax;
                upper = maxScore[b];
                previousMax = maxScore[b];
            }
            curve.add(new Bin(b, lower, upper, count[b], positives[b], weight[b], binScore[b], binRate[b],
                    BinomialBounds.lower(positives[b], count[b], delta / 2),
                    BinomialBounds.upper(positives[b], count[b], delta / 2)));
        }
        BrierDecomposition decomposition = new BrierDecomposition(rel, res, rate * (1.0 - rate), wbv, wbc);
        return new Report(binning, bins, delta, n, total, meanScore, rate, curve, ece, mce, brier(sample),
                decomposition);
    }

    private static double brier(Inputs.Sample sample) {
        double sum = 0.0;
        for (int i = 0; i < sample.size(); i++) {
            double d = sample.scores[i] - sample.labels[i];
            sum += sample.weights[i] * d * d;
        }
        return sum / sample.totalWeight;
    }
}

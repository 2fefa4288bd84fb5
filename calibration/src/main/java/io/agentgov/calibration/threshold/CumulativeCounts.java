package io.agentgov.calibration.threshold;

import java.util.Arrays;
import java.util.Collection;

/**
 * The table {@code (t, n_t, k_t)} that Learn-then-Test works on: for each candidate threshold
 * {@code t}, strictest (highest) first, the number {@code n_t} of reviewed decisions with
 * {@code confidence ≥ t} (those the threshold would auto-approve) and the number {@code k_t} of
 * them that are bad.
 *
 * <p>Build it from reviewed decisions with {@link #atObservedConfidences} or {@link #atGrid}, or
 * directly from counts that were aggregated elsewhere (as in {@code statistics.md}, V6).
 *
 * <h2>Building it in one sort</h2>
 * Both factories encode each decision as one {@code long}: the IEEE-754 bits of its confidence,
 * shifted left by one, with the bad flag in the freed lowest bit. For non-negative doubles the bit
 * pattern, read as an integer, orders like the value (a property of the IEEE 754 binary formats:
 * exponent above significand, both biased to be non-negative), and a confidence in {@code [0, 1]}
 * has bits at most
 * {@code 0x3FF0000000000000}, so the shifted key stays positive. One primitive sort of these keys
 * ({@link Arrays#sort(long[])}, {@code O(n log n)}) orders the decisions by confidence, and a single
 * descending pass accumulates {@code n_t} and {@code k_t}: {@code O(n log n)} in all, with no
 * per-decision objects created. Decisions with equal confidence have equal key prefixes and
 * are counted together: a threshold cannot separate them, so tied decisions always enter together.
 *
 * <p>Arrays are copied in and out, so the record is immutable; the indexed accessors
 * ({@link #thresholdAt} and friends) read without copying.
 *
 * @param thresholds candidate thresholds, strictly decreasing, each in {@code [0, 1]}
 * @param reviewed {@code n_t} per threshold, non-negative and non-decreasing
 * @param bad {@code k_t} per threshold, {@code 0 ≤ k_t ≤ n_t}, non-decreasing, and growing by no
 *     more than {@code n_t} does from one threshold to the next
 */
public record CumulativeCounts(double[] thresholds, int[] reviewed, int[] bad) {

    /**
     * Checks the table and copies the arrays.
     *
     * @throws IllegalArgumentException if an array is null, the lengths differ, or the counts are
     *     not the cumulative counts of one set of decisions
     */
    public CumulativeCounts {
        String action = "Cannot create cumulative counts";
        if (thresholds == null || reviewed == null || bad == null) {
            throw new IllegalArgumentException(action + ": "
                    + (thresholds == null ? "thresholds" : reviewed == null ? "reviewed" : "bad") + " is null");
        }
        if (thresholds.length != reviewed.length || thresholds.length != bad.length) {
            throw new IllegalArgumentException(action + ": thresholds, reviewed and bad have "
                    + thresholds.length + ", " + reviewed.length + " and " + bad.length + " entries");
        }
        thresholds = thresholds.clone();
        reviewed = reviewed.clone();
        bad = bad.clone();
        for (int i = 0; i < thresholds.length; i++) {
            check(action, thresholds, reviewed, bad, i);
        }
    }

    private static void check(String action, double[] t, int[] n, int[] k, int i) {
        if (!(t[i] >= 0.0 && t[i] <= 1.0)) {
            throw new IllegalArgumentException(action + ": threshold[" + i + "] = " + t[i] + " is not in [0, 1]");
        }
        if (k[i] < 0) {
            throw new IllegalArgumentException(action + ": bad[" + i + "] = " + k[i] + " is negative");
        }
        if (k[i] > n[i]) {
            throw new IllegalArgumentException(action + ": bad[" + i + "] = " + k[i] + " exceeds reviewed["
                    + i + "] = " + n[i]);
        }
        if (i == 0) {
            return;
        }
        if (!(t[i] < t[i - 1])) {
            throw new IllegalArgumentException(action + ": threshold[" + i + "] = " + t[i]
                    + " is not below threshold[" + (i - 1) + "] = " + t[i - 1]);
        }
        if (n[i] < n[i - 1]) {
            throw new IllegalArgumentException(action + ": reviewed[" + i + "] = " + n[i] + " is below reviewed["
                    + (i - 1) + "] = " + n[i - 1]);
        }
        if (k[i] < k[i - 1]) {
            throw new IllegalArgumentException(action + ": bad[" + i + "] = " + k[i] + " is below bad["
                    + (i - 1) + "] = " + k[i - 1]);
        }
        // Long arithmetic: the differences of two ints can overflow an int.
        if ((long) k[i] - k[i - 1] > (long) n[i] - n[i - 1]) {
            throw new IllegalArgumentException(action + ": bad grows by " + ((long) k[i] - k[i - 1])
                    + " from threshold[" + (i - 1) + "] to threshold[" + i + "] but reviewed only by "
                    + ((long) n[i] - n[i - 1]));
        }
    }

    /**
     * The table at the distinct confidences of the reviewed decisions, strictest first, beginning
     * at the highest confidence {@code c} at which at least {@code min(minimumReviewed, n)}
     * decisions have {@code confidence ≥ c} ({@code n} = all reviewed decisions).
     *
     * <p>Between two consecutive distinct confidences no threshold auto-approves a different set of
     * reviewed decisions, so these are all the thresholds the data can tell apart. The leading
     * confidences, which fewer than {@code minimumReviewed} decisions reach, are left out because a
     * test on so few reviews can never pass (see {@link LearnThenTest#select(Collection, double, double)}
     * for why and for what this grid costs in rigour); with {@code minimumReviewed = 1} every distinct
     * confidence is a candidate. When there are fewer than {@code minimumReviewed} decisions in all,
     * the table holds only the lowest confidence, with all of them. One sort (see the class comment).
     *
     * @param decisions the reviewed decisions, not null, no null element; may be empty (empty table)
     * @param minimumReviewed the number of reviews the first candidate must have, at least 1
     * @return the table
     * @throws IllegalArgumentException if the collection or an element is null, or
     *     {@code minimumReviewed < 1}
     */
    public static CumulativeCounts atObservedConfidences(Collection<ReviewedDecision> decisions, int minimumReviewed) {
        String action = "Cannot count decisions at observed confidences";
        if (minimumReviewed < 1) {
            throw new IllegalArgumentException(action + ": minimum reviewed = " + minimumReviewed + " is less than 1");
        }
        long[] keys = sortedKeys(action, decisions);
        int firstCount = Math.min(minimumReviewed, keys.length);
        double[] t = new double[keys.length];
        int[] n = new int[keys.length];
        int[] k = new int[keys.length];
        int size = 0;
        int reviewed = 0;
        int bad = 0;
        int i = keys.length - 1;
        while (i >= 0) {
            long bits = keys[i] >>> 1;
            for (; i >= 0 && keys[i] >>> 1 == bits; i--) {
                reviewed++;
                bad += (int) (keys[i] & 1L);
            }
            if (reviewed >= firstCount) {
                t[size] = Double.longBitsToDouble(bits);
                n[size] = reviewed;
                k[size] = bad;
                size++;
            }
        }
        return new CumulativeCounts(Arrays.copyOf(t, size), Arrays.copyOf(n, size), Arrays.copyOf(k, size));
    }

    /**
     * The table at caller-given thresholds, sorted strictest first whatever their order in
     * {@code grid}. A threshold above every reviewed confidence gets {@code n_t = k_t = 0}. One sort
     * of the decisions and one of the grid, then a merge: {@code O(n log n + g log g)}.
     *
     * @param decisions the reviewed decisions, not null, no null element; may be empty
     * @param grid the candidate thresholds, non-empty, distinct, each in {@code [0, 1]}
     * @return the table, one row per grid point
     * @throws IllegalArgumentException if an argument or element is null, or the grid is empty,
     *     has a value outside {@code [0, 1]} or a repeated value
     */
    public static CumulativeCounts atGrid(Collection<ReviewedDecision> decisions, double[] grid) {
        String action = "Cannot count decisions at a threshold grid";
        double[] t = sortedGrid(action, grid);
        long[] keys = sortedKeys(action, decisions);
        int[] n = new int[t.length];
        int[] k = new int[t.length];
        int reviewed = 0;
        int bad = 0;
        int i = keys.length - 1;
        for (int g = 0; g < t.length; g++) {
            for (; i >= 0 && Double.longBitsToDouble(keys[i] >>> 1) >= t[g]; i--) {
                reviewed++;
                bad += (int) (keys[i] & 1L);
            }
            n[g] = reviewed;
            k[g] = bad;
        }
        return new CumulativeCounts(t, n, k);
    }

    /** The grid copied and sorted strictly decreasing, after checking it. */
    static double[] sortedGrid(String action, double[] grid) {
        if (grid == null || grid.length == 0) {
            throw new IllegalArgumentException(action + ": grid is " + (grid == null ? "null" : "empty"));
        }
        for (int i = 0; i < grid.length; i++) {
            if (!(grid[i] >= 0.0 && grid[i] <= 1.0)) {
                throw new IllegalArgumentException(action + ": grid[" + i + "] = " + grid[i] + " is not in [0, 1]");
            }
        }
        double[] sorted = grid.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] += 0.0; // −0.0 to +0.0, so that it ties with 0.0 below
        }
        Arrays.sort(sorted);
        double[] descending = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            descending[i] = sorted[sorted.length - 1 - i];
            if (i > 0 && descending[i] == descending[i - 1]) {
                throw new IllegalArgumentException(action + ": grid value " + descending[i] + " is repeated");
            }
        }
        return descending;
    }

    /**
     * The decisions as sort keys {@code bits(confidence) << 1 | bad}, ascending (see the class
     * comment). {@link ReviewedDecision} guarantees a confidence in {@code [0, 1]} without −0.0.
     */
    private static long[] sortedKeys(String action, Collection<ReviewedDecision> decisions) {
        if (decisions == null) {
            throw new IllegalArgumentException(action + ": decisions are null");
        }
        long[] keys = new long[decisions.size()];
        int i = 0;
        for (ReviewedDecision d : decisions) {
            if (d == null) {
                throw new IllegalArgumentException(action + ": decision at index " + i + " is null");
            }
            keys[i++] = Double.doubleToRawLongBits(d.confidence()) << 1 | (d.bad() ? 1L : 0L);
        }
        Arrays.sort(keys);
        return keys;
    }

    /** @return the number of candidate thresholds */
    public int size() {
        return thresholds.length;
    }

    /**
     * @param i row index, strictest threshold first
     * @return the threshold {@code t} of row {@code i}
     */
    public double thresholdAt(int i) {
        return thresholds[i];
    }

    /**
     * @param i row index, strictest threshold first
     * @return {@code n_t} of row {@code i}
     */
    public int reviewedAt(int i) {
        return reviewed[i];
    }

    /**
     * @param i row index, strictest threshold first
     * @return {@code k_t} of row {@code i}
     */
    public int badAt(int i) {
        return bad[i];
    }

    /** @return a copy of the thresholds, strictest first */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** @return a copy of {@code n_t}, strictest threshold first */
    @Override
    public int[] reviewed() {
        return reviewed.clone();
    }

    /** @return a copy of {@code k_t}, strictest threshold first */
    @Override
    public int[] bad() {
        return bad.clone();
    }

    /** Equal when the three arrays are element-wise equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CumulativeCounts c
                && Arrays.equals(thresholds, c.thresholds)
                && Arrays.equals(reviewed, c.reviewed)
                && Arrays.equals(bad, c.bad);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(thresholds) + Arrays.hashCode(reviewed)) + Arrays.hashCode(bad);
    }

    @Override
    public String toString() {
        return "CumulativeCounts[thresholds=" + Arrays.toString(thresholds) + ", reviewed="
                + Arrays.toString(reviewed) + ", bad=" + Arrays.toString(bad) + "]";
    }
}

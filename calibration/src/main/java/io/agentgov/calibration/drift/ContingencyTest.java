package io.agentgov.calibration.drift;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Pearson's chi-square test of homogeneity for two count vectors over the same bins, read as a
 * {@code 2 × k} contingency table (K. Pearson, "On the criterion that a given system of deviations
 * from the probable ...", <i>Philosophical Magazine</i> 50(302), 157–175, 1900):
 * <pre>
 *   E_ij = (row total_i) · (column total_j) / N,   X² = Σ_ij (O_ij − E_ij)² / E_ij,   df = k' − 1
 * </pre>
 * with the p-value {@code P(χ²_df ≥ X²)}. The computation is Commons Math
 * {@link ChiSquareTest#chiSquareDataSetsComparison(long[], long[])}, whose unequal-total form
 * {@code Σ_j (K·r_j − c_j / K)² / (r_j + c_j)} with {@code K = √(Σc / Σr)} is algebraically the same
 * statistic.
 *
 * <h2>Empty bins</h2>
 * A bin empty in both vectors has an expected count of zero and no information; Commons Math
 * rejects it, so such bins are dropped first and {@code k'} is the number of bins left. At least
 * two must remain. Sparse (but not empty) bins are kept: the χ² approximation is poor when
 * expected counts fall below about 5, and merging them is the caller's choice.
 */
public final class ContingencyTest {

    private ContingencyTest() {
    }

    /**
     * The outcome of a chi-square test.
     *
     * @param statistic Pearson's X²
     * @param degreesOfFreedom bins used minus one
     * @param pValue {@code P(χ²_df ≥ X²)}
     * @param binsUsed bins left after dropping those empty in both vectors
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue, int binsUsed) {
    }

    /**
     * Chi-square test of homogeneity of two count vectors (see the class comment).
     *
     * @param reference counts per bin of the reference period
     * @param current counts per bin of the current period, same bins
     * @return statistic, degrees of freedom and p-value
     * @throws IllegalArgumentException if a vector is null or empty, the lengths differ, a count is
     *     negative, a vector sums to zero, or fewer than two bins are non-empty
     */
    public static Result chiSquare(long[] reference, long[] current) {
        String action = "Cannot run a chi-square test";
        Checks.countVectors(action, reference, current);
        long[] r = new long[reference.length];
        long[] c = new long[current.length];
        int used = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] + current[i] > 0) {
                r[used] = reference[i];
                c[used] = current[i];
                used++;
            }
        }
        if (used < 2) {
            throw new IllegalArgumentException(action + ": only " + used
                    + " bin is non-empty, at least 2 are needed");
        }
        r = Arrays.copyOf(r, used);
        c = Arrays.copyOf(c, used);
        ChiSquareTest test = new ChiSquareTest();
        double statistic = test.chiSquareDataSetsComparison(r, c);
        double pValue = test.chiSquareTestDataSetsComparison(r, c);
        return new Result(statistic, used - 1, pValue, used);
    }
    /**
     * Two count vectors with their sparse bins pooled into one, so that the χ² approximation
     * holds: Cochran's rule wants every expected cell count of the {@code 2 × k} table at 5 or
     * more (W. G. Cochran, "Some methods for strengthening the common χ² tests", <i>Biometrics</i>
     * 10(4), 417–451, 1954). Bin {@code j}'s smallest expected count is
     * {@code min(R, C) · (r_j + c_j) / N}; bins below {@code minExpected} are summed into one
     * pooled bin, placed last, and when that bin is still below it, it joins the smallest kept bin. Pooling keeps a new category visible: a category absent from the
     * reference but frequent today stays its own bin when its expected count is high enough, and
     * otherwise raises the pooled bin's current share.
     *
     * @param reference counts per bin
     * @param current counts per bin, same bins
     * @param minExpected the smallest expected count a bin may keep on its own, e.g. 5
     * @return the pooled vectors and, per input bin, the index of its output bin
     */
    public static Pooled poolSparse(long[] reference, long[] current, double minExpected) {
        Checks.countVectors("Cannot pool sparse bins", reference, current);
        long rowR = 0;
        long rowC = 0;
        for (int j = 0; j < reference.length; j++) {
            rowR += reference[j];
            rowC += current[j];
        }
        double smallerRowShare = (double) Math.min(rowR, rowC) / (rowR + rowC);
        int[] group = new int[reference.length];
        int kept = 0;
        boolean anySparse = false;
        for (int j = 0; j < reference.length; j++) {
            if (smallerRowShare * (reference[j] + current[j]) >= minExpected) {
                group[j] = kept++;
            } else {
                group[j] = -1;
                anySparse = true;
            }
        }
        int bins = kept + (anySparse ? 1 : 0);
        long[] r = new long[bins];
        long[] c = new long[bins];
        for (int j = 0; j < reference.length; j++) {
            if (group[j] < 0) {
                group[j] = kept;
            }
            r[group[j]] += reference[j];
            c[group[j]] += current[j];
        }
        // A pooled bin still below the rule joins the smallest kept bin (Cochran's advice is to
        // combine until the rule holds); with one kept bin this leaves a single bin: nothing to test.
        if (anySparse && kept > 0 && smallerRowShare * (r[kept] + c[kept]) < minExpected) {
            int smallest = 0;
            for (int j = 1; j < kept; j++) {
                if (r[j] + c[j] < r[smallest] + c[smallest]) {
                    smallest = j;
                }
            }
            r[smallest] += r[kept];
            c[smallest] += c[kept];
            for (int j = 0; j < group.length; j++) {
                if (group[j] == kept) {
                    group[j] = smallest;
                }
            }
            r = Arrays.copyOf(r, kept);
            c = Arrays.copyOf(c, kept);
        }
        return new Pooled(r, c, group);
    }

    /**
     * Count vectors after {@link #poolSparse}.
     *
     * @param reference pooled reference counts
     * @param current pooled current counts
     * @param binToPooled for each input bin, its index in the pooled vectors
     */
    public record Pooled(long[] reference, long[] current, int[] binToPooled) {
        /** Copies the arrays so that the record stays immutable. */
        public Pooled {
            reference = reference.clone();
            current = current.clone();
            binToPooled = binToPooled.clone();
        }

        @Override
        public long[] reference() {
            return reference.clone();
        }

        @Override
        public long[] current() {
            return current.clone();
        }

        @Override
        public int[] binToPooled() {
            return binToPooled.clone();
        }

        /** @return the number of pooled bins */
        public int bins() {
            return reference.length;
        }
    }
}

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
}

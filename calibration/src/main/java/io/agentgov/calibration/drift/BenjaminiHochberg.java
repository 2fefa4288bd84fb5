package io.agentgov.calibration.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini–Hochberg step-up procedure, which controls the false discovery rate at level
 * {@code q} across {@code m} independent (or positively dependent) tests, such as the many
 * (agent × metric) drift tests of one night (Y. Benjamini and Y. Hochberg, "Controlling the false
 * discovery rate: a practical and powerful approach to multiple testing", <i>JRSS B</i> 57(1),
 * 289–300, 1995):
 * <pre>
 *   sort p_(1) ≤ … ≤ p_(m);   k = max { i : p_(i) ≤ i·q / m };   reject H_(1) … H_(k)
 * </pre>
 * (none if no such {@code i}). Adjusted p-values (S. P. Wright, "Adjusted p-values for
 * simultaneous inference", <i>Biometrics</i> 48(4), 1005–1013, 1992; R's
 * {@code p.adjust(method = "BH")}) are
 * <pre>
 *   p̃_(i) = min_{j ≥ i} min(1, m·p_(j) / j)
 * </pre>
 * monotone in the p-values, and {@code p̃_i ≤ q} exactly for the rejected tests (up to rounding
 * when {@code p_(i) = i·q / m}; the rejections use the first comparison).
 *
 * <p>Tied p-values keep their input order when sorted; ties never change which tests are
 * rejected, since a step-up rejects either all or none of a tied group's positions below {@code k}.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * The outcome of the procedure.
     *
     * @param rejections number of rejected hypotheses {@code k}
     * @param rejected per input index, whether its hypothesis is rejected
     * @param adjusted per input index, the BH-adjusted p-value
     */
    public record Result(int rejections, boolean[] rejected, double[] adjusted) {
        /** Copies the arrays so that the record stays immutable. */
        public Result {
            rejected = rejected.clone();
            adjusted = adjusted.clone();
        }

        /** @return a copy of the rejection flags, by input index */
        @Override
        public boolean[] rejected() {
            return rejected.clone();
        }

        /** @return a copy of the adjusted p-values, by input index */
        @Override
        public double[] adjusted() {
            return adjusted.clone();
        }

        /** @return the rejected input indices, ascending */
        public int[] rejectedIndices() {
            return IntStream.range(0, rejected.length).filter(i -> rejected[i]).toArray();
        }
    }

    /**
     * Runs the procedure (see the class comment).
     *
     * @param pValues the p-values, non-empty, each in {@code [0, 1]}
     * @param q the false discovery rate, in {@code (0, 1]}
     * @return rejections, per-index flags and adjusted p-values
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result apply(double[] pValues, double q) {
        String action = "Cannot apply Benjamini–Hochberg";
        if (pValues == null || pValues.length == 0) {
            throw new IllegalArgumentException(action + ": p-values are " + (pValues == null ? "null" : "empty"));
        }
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0)) {
                throw new IllegalArgumentException(action + ": p-value at index " + i + " = " + pValues[i]
                        + " is not in [0, 1]");
            }
        }
        if (!(q > 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException(action + ": q = " + q + " is not in (0, 1]");
        }
        int m = pValues.length;
        // Stable sort of indices by p-value.
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));

        int k = 0;
        for (int rank = m; rank >= 1; rank--) {
            if (pValues[order[rank - 1]] <= rank * q / m) {
                k = rank;
                break;
            }
        }
        boolean[] rejected = new boolean[m];
        for (int rank = 1; rank <= k; rank++) {
            rejected[order[rank - 1]] = true;
        }

        double[] adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, Math.min(1.0, m * pValues[index] / rank));
            adjusted[index] = running;
        }
        return new Result(k, rejected, adjusted);
    }
}

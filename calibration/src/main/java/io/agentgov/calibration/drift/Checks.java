package io.agentgov.calibration.drift;

/**
 * Argument checks shared by the drift statistics. Messages read
 * {@code "Cannot <action>: <reason naming the value>"}.
 */
final class Checks {

    private Checks() {
    }

    /**
     * Checks two count vectors of one binning: both non-null and non-empty, of equal length, with
     * no negative count and a positive total each.
     */
    static void countVectors(String action, long[] reference, long[] current) {
        nonEmpty(action, "reference counts", reference == null ? -1 : reference.length);
        nonEmpty(action, "current counts", current == null ? -1 : current.length);
        if (reference.length != current.length) {
            throw new IllegalArgumentException(action + ": reference has " + reference.length
                    + " bins but current has " + current.length);
        }
        total(action, "reference", reference);
        total(action, "current", current);
    }

    private static void total(String action, String name, long[] counts) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException(action + ": " + name + " count at bin " + i + " = "
                        + counts[i] + " is negative");
            }
            total = Math.addExact(total, counts[i]);
        }
        if (total == 0) {
            throw new IllegalArgumentException(action + ": " + name + " counts are all zero");
        }
    }

    /** Checks that a sample is non-null, non-empty and free of NaN and infinities. */
    static void finiteSample(String action, String name, double[] values) {
        nonEmpty(action, name, values == null ? -1 : values.length);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(action + ": " + name + "[" + i + "] = " + values[i]
                        + " is not finite");
            }
        }
    }

    static void finite(String action, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(action + ": " + name + " = " + value + " is not finite");
        }
    }

    static void nonNegative(String action, String name, double value) {
        // Written so that NaN fails too.
        if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(action + ": " + name + " = " + value
                    + " is not a finite non-negative number");
        }
    }

    private static void nonEmpty(String action, String name, int length) {
        if (length < 0) {
            throw new IllegalArgumentException(action + ": " + name + " are null");
        }
        if (length == 0) {
            throw new IllegalArgumentException(action + ": " + name + " are empty");
        }
    }
}

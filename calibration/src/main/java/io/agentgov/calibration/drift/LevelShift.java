package io.agentgov.calibration.drift;

/**
 * Sequential detectors of an upward shift in the level of a series: Page's one-sided CUSUM and the
 * Page–Hinkley test. Both return the first alarm and the whole statistic path (they do not reset
 * after an alarm). Indices are 0-based positions in the input.
 *
 * <p>To detect a downward shift, negate the series (and, for the CUSUM, the target).
 *
 * <p>All methods are static and side-effect free; the class holds no state.
 */
public final class LevelShift {

    /** Returned as the alarm index when the statistic never exceeds the threshold. */
    public static final int NO_ALARM = -1;

    private LevelShift() {
    }

    /**
     * The outcome of a detector run.
     *
     * @param alarmIndex first index at which the statistic exceeds the threshold, or {@value #NO_ALARM}
     * @param path the statistic after each observation, one entry per input value
     */
    public record Result(int alarmIndex, double[] path) {
        /** Copies the path so that the record stays immutable. */
        public Result {
            path = path.clone();
        }

        /** @return a copy of the statistic path */
        @Override
        public double[] path() {
            return path.clone();
        }

        /** @return whether an alarm was raised */
        public boolean alarmed() {
            return alarmIndex != NO_ALARM;
        }
    }

    /**
     * Upper one-sided tabular CUSUM (E. S. Page, "Continuous inspection schemes", <i>Biometrika</i>
     * 41(1/2), 100–115, 1954; D. C. Montgomery, <i>Introduction to Statistical Quality Control</i>,
     * §9.1):
     * <pre>
     *   S_0 = 0,   S_t = max(0, S_{t−1} + x_t − (target + k)),   alarm at the first t with S_t &gt; h
     * </pre>
     * {@code k} is the reference (slack) value, usually half the shift to detect in the units of
     * {@code x}; {@code h} the decision interval, commonly 4–5 standard deviations.
     *
     * @param x the series, non-empty, finite
     * @param target the in-control mean
     * @param k reference value, {@code ≥ 0}
     * @param h threshold, {@code ≥ 0}
     * @return the first alarm index (or {@value #NO_ALARM}) and the path {@code S_1 … S_n}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result cusum(double[] x, double target, double k, double h) {
        String action = "Cannot run a CUSUM";
        Checks.finiteSample(action, "x", x);
        Checks.finite(action, "target", target);
        Checks.nonNegative(action, "k", k);
        Checks.nonNegative(action, "h", h);
        double[] path = new double[x.length];
        int alarm = NO_ALARM;
        double s = 0.0;
        for (int t = 0; t < x.length; t++) {
            s = Math.max(0.0, s + x[t] - (target + k));
            path[t] = s;
            if (alarm == NO_ALARM && s > h) {
                alarm = t;
            }
        }
        return new Result(alarm, path);
    }

    /**
     * Page–Hinkley test for an increase in the mean (E. S. Page, 1954, as above; D. V. Hinkley,
     * "Inference about the change-point from cumulative sum tests", <i>Biometrika</i> 58(3),
     * 509–523, 1971; in the incremental form of J. Gama et al., "A survey on concept drift
     * adaptation", <i>ACM Computing Surveys</i> 46(4), 44, 2014):
     * <pre>
     *   x̄_t = (x_1 + … + x_t) / t
     *   m_0 = 0,   m_t = m_{t−1} + (x_t − x̄_t − δ)
     *   M_t = min(m_0, …, m_t),   PH_t = m_t − M_t,   alarm at the first t with PH_t &gt; λ
     * </pre>
     * Unlike the CUSUM it needs no target: the running mean is the baseline. {@code δ} is the
     * magnitude of change tolerated, {@code λ} the threshold.
     *
     * @param x the series, non-empty, finite
     * @param delta tolerated change δ, {@code ≥ 0}
     * @param lambda threshold λ, {@code ≥ 0}
     * @return the first alarm index (or {@value #NO_ALARM}) and the path {@code PH_1 … PH_n}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result pageHinkley(double[] x, double delta, double lambda) {
        String action = "Cannot run a Page–Hinkley test";
        Checks.finiteSample(action, "x", x);
        Checks.nonNegative(action, "delta", delta);
        Checks.nonNegative(action, "lambda", lambda);
        double[] path = new double[x.length];
        int alarm = NO_ALARM;
        double sum = 0.0;
        double m = 0.0;
        double min = 0.0;
        for (int t = 0; t < x.length; t++) {
            sum += x[t];
            double mean = sum / (t + 1);
            m += x[t] - mean - delta;
            min = Math.min(min, m);
            path[t] = m - min;
            if (alarm == NO_ALARM && path[t] > lambda) {
                alarm = t;
            }
        }
        return new Result(alarm, path);
    }
}

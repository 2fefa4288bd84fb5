package io.agentgov.calibration.threshold;

/**
 * One agent decision that a human reviewer looked at: the agent's confidence, the reviewer's
 * verdict, and how the decision came to be reviewed.
 *
 * <p>The decision would be auto-approved at threshold {@code t} when {@code confidence ≥ t}. It is
 * <em>bad</em> when the reviewer overturned it or said it should have been escalated; the risk of a
 * threshold, {@code risk(t)}, is the share of bad decisions among those it auto-approves.
 *
 * <p>Input is a record per decision rather than parallel arrays so that the four fields of one
 * decision cannot drift apart; the threshold code reads them once, into primitive arrays, and
 * sorts those (see {@link CumulativeCounts}).
 *
 * <h2>Sampling design</h2>
 * {@code inclusionProbability} is the probability {@code π_i} that the audit design selected this
 * decision for review, and {@code stratum} names the design stratum it was drawn from. Only the
 * stratified estimators ({@link StratifiedRiskBound}) use them: the Hájek rate weights each review
 * by {@code 1 / π_i}, and the stratified bound counts reviews per stratum.
 * {@link LearnThenTest} treats its input as one simple random sample and ignores both fields.
 * For such a sample, {@link #of(double, boolean)} sets {@code π = 1} and the stratum
 * {@value #SINGLE_STRATUM}; a common {@code π} is enough because the Hájek estimator depends on
 * the weights only through their ratios.
 *
 * @param confidence the agent's confidence, in {@code [0, 1]} ({@code −0.0} is stored as {@code 0.0})
 * @param bad whether the reviewer overturned the decision or said it should have escalated
 * @param inclusionProbability the probability {@code π} that this decision was selected for
 *     review, in {@code (0, 1]}
 * @param stratum the name of the audit stratum the decision was sampled from, not blank
 */
public record ReviewedDecision(double confidence, boolean bad, double inclusionProbability, String stratum) {

    /** The stratum of decisions created by {@link #of(double, boolean)}. */
    public static final String SINGLE_STRATUM = "all";

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public ReviewedDecision {
        String action = "Cannot create a reviewed decision";
        // Written so that NaN fails too.
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException(action + ": confidence = " + confidence + " is not in [0, 1]");
        }
        if (!(inclusionProbability > 0.0 && inclusionProbability <= 1.0)) {
            throw new IllegalArgumentException(action + ": inclusion probability = " + inclusionProbability
                    + " is not in (0, 1]");
        }
        if (stratum == null || stratum.isBlank()) {
            throw new IllegalArgumentException(action + ": stratum = "
                    + (stratum == null ? "null" : "\"" + stratum + "\"") + " is blank");
        }
        // −0.0 + 0.0 is +0.0, so equal confidences have equal bit patterns (CumulativeCounts sorts bits).
        confidence = confidence + 0.0;
    }

    /**
     * A decision from a simple random sample: inclusion probability 1 and stratum
     * {@value #SINGLE_STRATUM}.
     *
     * @param confidence the agent's confidence, in {@code [0, 1]}
     * @param bad whether the reviewer overturned the decision or said it should have escalated
     * @return the decision
     * @throws IllegalArgumentException if the confidence is out of range
     */
    public static ReviewedDecision of(double confidence, boolean bad) {
        return new ReviewedDecision(confidence, bad, 1.0, SINGLE_STRATUM);
    }
}

package io.agentgov.jobs.compliance;

import java.util.Locale;

/** The result of one clause (or one business unit's share of it) for the period. */
public enum Status {
  /** The value meets the clause's pass rule. */
  PASS,
  /** It does not. */
  FAIL,
  /** Nothing to measure: no rows the metric counts (no such actions, or the job that writes them did not run). */
  NO_DATA,
  /** The input contract carries nothing this clause could be measured from. */
  NOT_COVERED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Pass or fail by a rule; no data when there is no value. */
  static Status judge(Clause.PassRule rule, Double value) {
    if (value == null) {
      return NO_DATA;
    }
    return rule.holds(value) ? PASS : FAIL;
  }
}

package io.agentgov.reports;

/**
 * Whether people oversaw a business unit's riskiest actions in the month, from its events.
 *
 * @param executed executed actions the gateway put at tier 3 (approve first) or 4 (halt and escalate)
 * @param approvedBefore of those, approved (or approved with changes) before they ran
 * @param escalations tier 3/4 actions escalated to a person
 * @param withinSla of those, answered within their SLA
 */
public record ScorecardOversight(long executed, long approvedBefore, long escalations, long withinSla) {

  public static final ScorecardOversight NONE = new ScorecardOversight(0, 0, 0, 0);

  public ScorecardOversight {
    if (approvedBefore < 0 || approvedBefore > executed || withinSla < 0 || withinSla > escalations) {
      throw new IllegalArgumentException("Cannot report oversight with " + approvedBefore + " of " + executed
          + " approved before execution and " + withinSla + " of " + escalations + " escalations within SLA");
    }
  }

  /** Share of executed tier 3/4 actions approved before they ran; null when there was none. */
  public Double approvedShare() {
    return executed == 0 ? null : (double) approvedBefore / executed;
  }

  /** Share of escalations answered within their SLA; null when there was none. */
  public Double slaShare() {
    return escalations == 0 ? null : (double) withinSla / escalations;
  }

  public ScorecardOversight plus(ScorecardOversight o) {
    return new ScorecardOversight(executed + o.executed, approvedBefore + o.approvedBefore,
        escalations + o.escalations, withinSla + o.withinSla);
  }
}

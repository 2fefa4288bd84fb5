package io.agentgov.reports;

import java.util.Objects;

/**
 * One next action for a business unit, derived by {@link ScorecardUnit#nextActions()}.
 *
 * @param rank 1 for the first action
 * @param action what to do, in plain words
 * @param why why: the gap to the next stage, or the finding, recalibration or drift behind it
 * @param who who should do it (or be told)
 */
public record ScorecardAction(int rank, String action, String why, String who) {

  public ScorecardAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(who, "who");
  }

  public String getNumber() {
    return rank + ".";
  }

  public String getAction() {
    return action;
  }

  public String getWhy() {
    return why;
  }

  public String getWho() {
    return who;
  }
}

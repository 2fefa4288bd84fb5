package io.agentgov.reports;

import java.util.Objects;

/**
 * One month of a unit's stage history as the scorecard draws it: a coloured cell with the stage
 * number, grey when the month was not scored. Also the grid's header cells (stage null).
 *
 * @param label the month, e.g. {@code Mar}
 * @param stage the stage that month; null when not scored
 */
public record ScorecardStageCell(String label, Integer stage) {

  public ScorecardStageCell {
    Objects.requireNonNull(label, "label");
  }

  public String getLabel() {
    return label;
  }

  public String getText() {
    return stage == null ? "" : stage.toString();
  }

  public String getColor() {
    return stage == null ? "#ECEFF1" : Scorecard.stageColor(stage);
  }
}

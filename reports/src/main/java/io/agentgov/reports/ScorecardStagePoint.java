package io.agentgov.reports;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A business unit's maturity stage in one month (a {@code maturity_scores} row): a point of the
 * scorecard's stage history.
 *
 * @param unit the business unit
 * @param month the month scored
 * @param stage 1 Ad hoc, 2 Defined, 3 Managed, 4 Embedded
 * @param stageName the stage's name as the maturity job wrote it
 */
public record ScorecardStagePoint(String unit, YearMonth month, int stage, String stageName) {

  public ScorecardStagePoint {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(stageName, "stageName");
    Scorecard.requireStage(stage, unit + " in " + month);
  }
}

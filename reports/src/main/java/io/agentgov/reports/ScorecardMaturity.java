package io.agentgov.reports;

import java.util.List;
import java.util.Objects;

/**
 * A business unit's maturity in the scored month: one {@code maturity_scores} row.
 *
 * @param stage 1 Ad hoc, 2 Defined, 3 Managed, 4 Embedded
 * @param stageName the stage's name as the maturity job wrote it
 * @param previousStage the stage of the month before, when it was scored; else null
 * @param indicators every indicator with its evidence and levels, in the job's order
 * @param gaps what would move the unit up one stage, one line per indicator short of it
 */
public record ScorecardMaturity(int stage, String stageName, Integer previousStage, List<ScorecardIndicator> indicators,
    List<String> gaps) {

  public ScorecardMaturity {
    Objects.requireNonNull(stageName, "stageName");
    Scorecard.requireStage(stage, "the unit");
    if (previousStage != null) {
      Scorecard.requireStage(previousStage, "the unit's previous month");
    }
    indicators = List.copyOf(indicators);
    gaps = List.copyOf(gaps);
  }
}

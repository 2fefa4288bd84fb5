package io.agentgov.reports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An agent's drift alerts on one metric in the month ({@code drift_alerts}), folded into one row.
 *
 * @param unit the agent's business unit
 * @param agentId the agent
 * @param metric what was tested, e.g. {@code target_system_mix}
 * @param nights nights in the month the metric alerted
 * @param lastNight the last of them
 * @param explanation the last night's explanation
 */
public record ScorecardDriftAlert(String unit, String agentId, String metric, long nights, LocalDate lastNight,
    String explanation) {

  public ScorecardDriftAlert {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(lastNight, "lastNight");
    Objects.requireNonNull(explanation, "explanation");
    if (nights < 1) {
      throw new IllegalArgumentException("Cannot report drift of " + agentId + " on " + metric + " on " + nights
          + " nights");
    }
  }

  public String getUnit() {
    return unit;
  }

  public String getAgentId() {
    return agentId;
  }

  public String getMetric() {
    return Scorecard.words(metric, false);
  }

  public Long getNights() {
    return nights;
  }

  public String getLastNight() {
    return lastNight.toString();
  }

  public String getExplanation() {
    return explanation;
  }
}

package io.agentgov.reports;

import java.util.Objects;

/** How many pools got one verdict, as the summary page's bar chart shows it. */
public record RecalibrationVerdictCount(String verdict, long pools) {

  public RecalibrationVerdictCount {
    Objects.requireNonNull(verdict, "verdict");
  }

  public String getVerdict() {
    return verdict;
  }

  public Long getPools() {
    return pools;
  }
}

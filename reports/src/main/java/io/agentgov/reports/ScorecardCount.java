package io.agentgov.reports;

import java.util.Objects;

/**
 * A count in a category and a series, for the scorecard's charts (open findings by severity and
 * age; agents by unit and kind).
 */
public record ScorecardCount(String category, String series, long count) {

  public ScorecardCount {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(series, "series");
  }

  public String getCategory() {
    return category;
  }

  public String getSeries() {
    return series;
  }

  public Long getCount() {
    return count;
  }

  /** The value printed on the bar: empty for zero, so that empty segments carry no label. */
  public String getLabel() {
    return count == 0 ? "" : RecalibrationFormat.count(count);
  }
}

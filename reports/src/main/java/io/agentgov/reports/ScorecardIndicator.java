package io.agentgov.reports;

import java.util.Objects;

/**
 * One maturity indicator of a business unit in the scored month, as {@code maturity_scores.indicators}
 * holds it: the measured share with its evidence counts, the highest stage whose level it meets and
 * the level the next stage requires.
 *
 * @param name indicator id, e.g. {@code inventory_coverage}
 * @param value share in [0, 1]; null when there was nothing to measure
 * @param numerator evidence counted for the share
 * @param denominator what it is counted out of
 * @param stageMet highest stage (1..4) whose level this indicator meets
 * @param nextLevel level the unit's next stage requires; null at the top stage or when that stage sets no level
 *     for this indicator
 */
public record ScorecardIndicator(String name, Double value, long numerator, long denominator, int stageMet,
    Double nextLevel) {

  public ScorecardIndicator {
    Objects.requireNonNull(name, "name");
    RecalibrationFormat.requireUnit("indicator " + name, value);
    RecalibrationFormat.requireUnit("the next level of indicator " + name, nextLevel);
    if (numerator < 0 || denominator < 0) {
      throw new IllegalArgumentException("Cannot report indicator " + name + " with evidence " + numerator + " of "
          + denominator + ": counts must be >= 0");
    }
  }

  /** The indicator in words: {@code inventory_coverage} is {@code Inventory coverage}. */
  public String getLabel() {
    return Scorecard.words(name, true);
  }

  public String getName() {
    return name;
  }

  /** The share in percent (0..100) for the chart; 0 when nothing was measured. */
  public Double getValuePercent() {
    return value == null ? 0.0 : 100 * value;
  }

  /** The level the next stage requires in percent; null when it sets none. */
  public Double getNextLevelPercent() {
    return nextLevel == null ? null : 100 * nextLevel;
  }

  public String getValueText() {
    return value == null ? "nothing to measure" : RecalibrationFormat.pct(value);
  }

  public String getEvidence() {
    return RecalibrationFormat.count(numerator) + " of " + RecalibrationFormat.count(denominator);
  }

  public Integer getStageMet() {
    return stageMet;
  }

  /** The next stage's level; a dash when it sets none for this indicator (or the unit is at the top). */
  public String getNextLevelText() {
    return nextLevel == null ? "—" : RecalibrationFormat.pct(nextLevel);
  }

  /** Red when it holds the unit back, green when it meets the next stage's level, grey when that sets none. */
  public String getValueColor() {
    return shortOfNext() ? "#B3261E" : nextLevel == null ? "#5F6B75" : "#1E7B34";
  }

  /** Whether this indicator holds the unit back: measured below the level the next stage needs. */
  public boolean shortOfNext() {
    return nextLevel != null && (value == null || value < nextLevel);
  }

  public Boolean getShortOfNext() {
    return shortOfNext();
  }
}

package io.agentgov.reports;

import java.util.List;
import java.util.Objects;

/**
 * One row of counts in the scorecard's small tables: open findings of one severity by age bucket,
 * or of one type by severity.
 *
 * @param label the row, e.g. {@code critical} or {@code shadow agent}
 * @param counts the counts, in the order of the table's columns
 * @param note an extra text column (e.g. the units concerned); empty when none
 */
public record ScorecardTally(String label, List<Long> counts, String note) {

  public ScorecardTally {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(note, "note");
    counts = List.copyOf(counts);
  }

  public String getLabel() {
    return label;
  }

  public String getColor() {
    return ScorecardFinding.SEVERITIES.contains(label) ? Scorecard.severityColor(label) : "#222222";
  }

  public Long getC0() {
    return counts.size() > 0 ? counts.get(0) : null;
  }

  public Long getC1() {
    return counts.size() > 1 ? counts.get(1) : null;
  }

  public Long getC2() {
    return counts.size() > 2 ? counts.get(2) : null;
  }

  public Long getC3() {
    return counts.size() > 3 ? counts.get(3) : null;
  }

  public Long getTotal() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  public String getNote() {
    return note;
  }
}

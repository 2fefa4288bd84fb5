package io.agentgov.reports;

import java.util.Objects;

/**
 * One business unit's share of a clause in the compliance evidence report.
 *
 * @param status      pass, fail, no data
 * @param unit        the metric's unit: share, count or days
 * @param denominator 0 when the metric has none (a count of findings)
 */
public record ComplianceUnit(String businessUnit, String status, Double value, String unit, long numerator,
    long denominator) {

  public ComplianceUnit {
    Objects.requireNonNull(businessUnit, "businessUnit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(unit, "unit");
  }

  public String getBusinessUnit() {
    return businessUnit;
  }

  public String getValueText() {
    return ComplianceFormat.value(value, unit, numerator, denominator);
  }

  /** {@code 412 of 415}, or the count alone without a denominator. */
  public String getCountsText() {
    return denominator == 0 && !"share".equals(unit) ? ComplianceFormat.count(numerator)
        : ComplianceFormat.count(numerator) + " of " + ComplianceFormat.count(denominator);
  }

  public String getStatusLabel() {
    return ComplianceFormat.statusLabel(status);
  }

  public String getStatusColor() {
    return ComplianceFormat.statusColor(status);
  }
}

package io.agentgov.reports;

import java.util.Objects;

/** Records quarantined for one reason over a report's period (summed by the caller, not the template). */
public record QuarantineReason(String reason, long records) {

  public QuarantineReason {
    Objects.requireNonNull(reason, "reason");
  }

  public String getReason() {
    return reason;
  }

  public Long getRecords() {
    return records;
  }
}

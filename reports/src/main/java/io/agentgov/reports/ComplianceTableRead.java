package io.agentgov.reports;

import java.time.Instant;
import java.util.Objects;

/**
 * A table the compliance evidence report read, at the snapshot current at its as-of time.
 *
 * @param snapshotId null when the table had no snapshot then
 */
public record ComplianceTableRead(String table, Long snapshotId, Instant committedAt, long rows) {

  public ComplianceTableRead {
    Objects.requireNonNull(table, "table");
  }

  public String getTable() {
    return table;
  }

  public String getSnapshotText() {
    return snapshotId == null ? "no snapshot at the as-of time" : Long.toString(snapshotId);
  }

  public String getCommittedText() {
    return ComplianceFormat.instant(committedAt);
  }

  public String getRowsText() {
    return snapshotId == null ? "\u2014" : ComplianceFormat.count(rows);
  }
}

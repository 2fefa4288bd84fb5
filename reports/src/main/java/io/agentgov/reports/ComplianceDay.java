package io.agentgov.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One event day of the compliance evidence report's integrity check: its rows and Merkle root as
 * recomputed at the as-of snapshot against the digest ingest stored.
 *
 * @param root        recomputed root (hex); null without rows
 * @param digestRows  the stored digest's row count; null without a digest
 * @param mismatches  rows whose content no longer gives their stored hash
 * @param verdict     intact, changed, no digest
 */
public record ComplianceDay(LocalDate day, long rows, String root, Long digestRows, String digestRoot,
    Instant digestComputedAt, long mismatches, List<String> mismatchedIds, String verdict) {

  public ComplianceDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(verdict, "verdict");
    mismatchedIds = List.copyOf(mismatchedIds);
  }

  public String getDay() {
    return day.toString();
  }

  public String getRowsText() {
    return ComplianceFormat.count(rows);
  }

  public String getDigestRowsText() {
    return digestRows == null ? "\u2014" : ComplianceFormat.count(digestRows);
  }

  /** The first 16 hex digits of the recomputed root, enough to compare by eye. */
  public String getRootText() {
    return root == null ? "\u2014" : root.substring(0, 16) + "\u2026";
  }

  public String getDigestRootText() {
    return digestRoot == null ? "\u2014" : digestRoot.substring(0, 16) + "\u2026";
  }

  public String getDigestComputedText() {
    return ComplianceFormat.instant(digestComputedAt);
  }

  public String getVerdict() {
    return verdict;
  }

  public String getVerdictColor() {
    return "intact".equals(verdict) ? "#1E7B34" : "#B3261E";
  }

  /** What changed, in words; empty when intact. */
  public String getDetail() {
    if ("intact".equals(verdict)) {
      return "";
    }
    if (digestRows == null) {
      return "rows no ingest digested";
    }
    StringBuilder s = new StringBuilder();
    if (rows != digestRows) {
      s.append(rows > digestRows ? "rows added" : "rows removed").append(" (")
          .append(ComplianceFormat.count(Math.abs(rows - digestRows))).append(")");
    }
    if (mismatches > 0) {
      s.append(s.length() > 0 ? "; " : "").append(ComplianceFormat.count(mismatches))
          .append(mismatches == 1 ? " row edited: " : " rows edited: ").append(ComplianceFormat.ids(mismatchedIds));
    }
    return s.length() == 0 ? "root differs" : s.toString();
  }
}

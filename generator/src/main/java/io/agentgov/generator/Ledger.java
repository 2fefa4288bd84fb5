package io.agentgov.generator;

import io.agentgov.contract.ReasonCode;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Small value types that record what was written and what ingest should make of it. */
final class Ledger {
  private Ledger() {}

  /** One landing file: its lines and the planned ingest outcome of each. */
  static final class FileEntry {
    final String path;
    final String kind;
    final LocalDate landingDay;
    long lines;
    long eventSpans;
    long otherSpans;
    long bytes;
    long stored;
    long duplicate;
    final Map<ReasonCode, Long> quarantined = new EnumMap<>(ReasonCode.class);

    FileEntry(String path, String kind, LocalDate landingDay) {
      this.path = path;
      this.kind = kind;
      this.landingDay = landingDay;
    }

    void quarantine(ReasonCode reason) {
      quarantined.merge(reason, 1L, Long::sum);
    }
  }

  /** One planted dirty line (a line of truth/dirt.jsonl). {@code line} is 1-based. */
  record Dirt(String file, long line, String eventId, String kind, String expected, String reasonCode, String detail,
              LocalDate eventDay) {}

  /**
   * A line to write in a later day's folder: a late event, an exact duplicate, or the second copy
   * of a conflict. {@code reason} is null when ingest should store (late) or count it (duplicate).
   */
  record Carry(LocalDate arrival, byte[] line, String eventId, String kind, String expected, ReasonCode reason,
               String detail, LocalDate eventDay) {}

  /** One human review. {@code inclusionProbability} is NaN when absent (targeted). */
  record Review(String reviewId, String eventId, String reviewerId, long reviewedAt, int offsetMinutes, String verdict,
                String design, double inclusionProbability, String stratum, String unit) {}
}

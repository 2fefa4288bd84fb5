package io.agentgov.jobs.ingest;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.SecretScrubber;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of the {@code quarantine} table: what was wrong, where, with the raw record. The raw text
 * and the message are stored with secrets replaced by markers ({@link SecretScrubber}): a rejected
 * line is kept as it came, except for what must never be kept.
 */
public final class QuarantineRows {
  public static final StructType QUARANTINE = SparkSchemaUtil.convert(Tables.QUARANTINE.schema());
  /** Raw records are kept up to this many characters; the source file (sha256 in ingest_runs) has the rest. */
  public static final int MAX_RAW_CHARS = 64 * 1024;

  private QuarantineRows() {}

  /** Where a bad record was found. */
  public record Place(String runId, LocalDate landingDate, String sourceKind, String sourceFile, Long line,
                      String recordRef, Instant at) {
    String describe() {
      return sourceFile + (line == null ? "" : ":" + line) + (recordRef == null ? "" : " (" + recordRef + ")");
    }
  }

  /** Places of one run: the run, landing day and time are the same for all its quarantine rows. */
  public record Places(String runId, LocalDate landingDate, Instant at) {
    public Place file(String kind, String relative) {
      return new Place(runId, landingDate, kind, relative, null, null, at);
    }

    public Place line(String kind, String relative, long line) {
      return new Place(runId, landingDate, kind, relative, line, null, at);
    }
  }

  /** A bad record; secrets redacted from its raw text are counted in {@code redacted}. */
  public static Row of(Place place, String recordKey, ContractViolation violation, String raw, Redactions redacted) {
    return of(place, recordKey, violation.reason(), violation.field(), violation.getMessage(), raw, redacted);
  }

  /** A whole file that could not be read as records: no raw text is kept (the file is in ingest_runs by sha256). */
  public static Row file(Place place, ReasonCode reason, String message) {
    return of(place, null, reason, null, message, null, null);
  }

  /**
   * A bad record. Secrets are redacted from the raw text before it is cut to {@link #MAX_RAW_CHARS}
   * (so a cut cannot leave half a key unrecognised) and counted in {@code redacted}; the message is
   * redacted too but not counted, since what it quotes comes from the raw text.
   */
  public static Row of(Place place, String recordKey, ReasonCode reason, String field, String message, String raw,
                       Redactions redacted) {
    raw = SecretScrubber.scrub(raw, redacted);
    boolean truncated = raw != null && raw.length() > MAX_RAW_CHARS;
    return RowMaker.of(QUARANTINE)
        .set("run_id", place.runId())
        .set("landing_date", place.landingDate())
        .set("source_kind", place.sourceKind())
        .set("source_file", place.sourceFile())
        .set("line_number", place.line())
        .set("record_ref", place.recordRef())
        .set("record_key", recordKey)
        .set("reason_code", reason.code())
        .set("field", field)
        .set("reason_message", SecretScrubber.redact(place.describe() + ": " + message))
        .set("raw_text", truncated ? raw.substring(0, MAX_RAW_CHARS) : raw)
        .set("raw_truncated", truncated)
        .set("quarantined_at", place.at())
        .build();
  }
}

package io.agentgov.jobs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.event.AuditEvent;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.contract.otel.OtlpEventReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.hadoop.SerializableConfiguration;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Reads one landing file of audit events (JSON Lines, optionally gzip) or OTel spans (OTLP/JSON)
 * and yields one staged row per record: the validated event, or a quarantine row naming the file,
 * the line and the field. Runs on executors, streaming: a file is never held in memory.
 */
final class EventFileReader implements Serializable {
  /**
   * Jackson as the contract wants it: duplicate keys and trailing garbage are errors, decimals exact.
   * Duplicates are found as the tree is built (a key put twice into one object), not by the
   * parser's STRICT_DUPLICATE_DETECTION, which keeps a set of every object's keys: that set was 3%
   * of the parse CPU at 5 million events (JFR, docs/benchmarks.md).
   */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final String runId;
  private final LocalDate landingDate;
  private final Instant ingestedAt;
  private final int maxLineBytes;
  private final SerializableConfiguration hadoopConf;

  EventFileReader(String runId, LocalDate landingDate, Instant ingestedAt, int maxLineBytes,
                  SerializableConfiguration hadoopConf) {
    this.runId = runId;
    this.landingDate = landingDate;
    this.ingestedAt = ingestedAt;
    this.maxLineBytes = maxLineBytes;
    this.hadoopConf = hadoopConf;
  }

  Iterator<InternalRow> read(LandingFile file) {
    try {
      return file.kind().equals("otel") ? new OtelRecords(file) : new JsonLinesRecords(file);
    } catch (IOException e) { // e.g. a gzip header that is not one: the file is one corrupt record
      String kind = file.kind().equals("otel") ? "otel" : "events";
      return java.util.List.of(StagedRecords.quarantined(QuarantineRows.file(place(file, kind, null, null),
          ReasonCode.CORRUPT_FILE, "cannot open the file: " + describe(e)))).iterator();
    }
  }

  InputStream open(LandingFile file) throws IOException {
    Path path = new Path(file.uri());
    FileSystem fs = path.getFileSystem(hadoopConf.get());
    InputStream in = new BufferedInputStream(fs.open(path), 1 << 16);
    return file.gzipped() ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** An I/O error in words; an EOFException (a gzip header cut short, an empty .gz file) has no message. */
  private static String describe(IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof java.io.EOFException ? "the file ends early" : e.getClass().getSimpleName();
  }

  private QuarantineRows.Place place(LandingFile file, String kind, Long line, String ref) {
    return new QuarantineRows.Place(runId, landingDate, kind, file.relative(), line, ref, ingestedAt);
  }

  /**
   * Records of one file, produced one at a time by {@link #advance}, which returns null at the end;
   * each record's row is followed by a marker row per secret redacted from it ({@link #counted}).
   */
  private abstract static class Records extends PullIterator<InternalRow> {
    private final java.util.ArrayDeque<InternalRow> markers = new java.util.ArrayDeque<>();

    abstract InternalRow advance();

    /** A record's row, with a marker row queued behind it for every secret redacted from the record. */
    InternalRow counted(InternalRow record, Redactions redacted) {
      redacted.byKind().forEach((kind, n) -> {
        for (long i = 0; i < n; i++) {
          markers.add(StagedRecords.redacted(kind));
        }
      });
      return record;
    }

    @Override
    InternalRow pull() {
      InternalRow marker = markers.poll();
      return marker != null ? marker : advance();
    }
  }

  /** JSON Lines: one record per non-blank line. */
  private final class JsonLinesRecords extends Records {
    private final LandingFile file;
    private final InputStream in;
    private final LineReader lines;
    private final EventValidator validator = new EventValidator(landingDate);
    private boolean done;

    JsonLinesRecords(LandingFile file) throws IOException {
      this.file = file;
      this.in = open(file);
      this.lines = new LineReader(in, maxLineBytes);
    }

    @Override
    InternalRow advance() {
      if (done) {
        return null;
      }
      try {
        while (lines.next()) {
          if (!lines.blank()) {
            return record();
          }
        }
      } catch (IOException e) { // truncated or corrupt compression: keep what was read, quarantine the rest
        done = true;
        close();
        long line = lines.lineNumber() + 1;
        Redactions redacted = new Redactions();
        return counted(StagedRecords.quarantined(QuarantineRows.of(place(file, "events", line, null), null,
            ReasonCode.CORRUPT_FILE, null, "cannot read past line " + lines.lineNumber() + " (" + describe(e)
                + "); the lines before it were read", new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8),
            redacted)), redacted);
      }
      done = true;
      close();
      return null;
    }

    private InternalRow record() {
      long line = lines.lineNumber();
      String raw = null;
      JsonNode json = null;
      try {
        if (lines.overLimit()) {
          raw = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
          throw new ContractViolation(ReasonCode.LINE_TOO_LONG, null,
              "line is longer than " + maxLineBytes + " bytes (--max-line-bytes)");
        }
        json = parse(lines.bytes(), lines.length());
        Redactions redacted = new Redactions();
        AuditEvent event = validator.validate(json, redacted);
        return counted(StagedRecords.event(EventRows.toRow(event,
            new EventRows.Lineage("jsonl", file.relative(), line, landingDate, runId, ingestedAt))), redacted);
      } catch (ContractViolation violation) {
        if (raw == null) {
          raw = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
        }
        // What the validator redacted before the violation is not stored; the raw text is, and is counted.
        Redactions redacted = new Redactions();
        return counted(StagedRecords.quarantined(QuarantineRows.of(place(file, "events", line, null), eventIdOf(json),
            violation, raw, redacted)), redacted);
      }
    }

    private void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // reading is over; a failed close loses nothing
      }
    }
  }

  /** One line as JSON; its bytes are checked first ({@link Utf8}: Jackson takes some that are not UTF-8). */
  static JsonNode parse(byte[] bytes, int length) throws ContractViolation {
    int invalid = Utf8.firstInvalid(bytes, length);
    if (invalid >= 0) {
      throw new ContractViolation(ReasonCode.INVALID_JSON, null, Utf8.describe(bytes, invalid, invalid + 1));
    }
    try {
      return JSON.readTree(bytes, 0, length);
    } catch (JsonProcessingException e) {
      throw new ContractViolation(ReasonCode.INVALID_JSON, null, "not valid JSON: " + withoutFeatureNote(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ContractViolation(ReasonCode.INVALID_JSON, null, "not valid JSON: " + e.getMessage());
    } catch (NumberFormatException e) { // Jackson's word for a number it cannot represent, e.g. 1e-2147483648
      throw new ContractViolation(ReasonCode.INVALID_JSON, null, "not valid JSON: " + e.getMessage());
    }
  }

  /**
   * Jackson's tree reader names a duplicate key ("Duplicate field 'x'") and then the feature flag
   * that made it an error; the reader of a quarantine row needs only the key.
   */
  private static String withoutFeatureNote(String message) {
    int note = message.indexOf(" for `ObjectNode`");
    return message.startsWith("Duplicate field '") && note > 0 ? message.substring(0, note) : message;
  }

  /** The event_id of a rejected record when its JSON was read, so a quarantine row can be found by id. */
  static String eventIdOf(JsonNode json) {
    JsonNode id = json == null ? null : json.get("event_id");
    return id != null && id.isTextual() ? id.textValue() : null;
  }

  /** OTLP/JSON: one record per span; spans that are not agent actions are counted, not stored. */
  private final class OtelRecords extends Records {
    private final LandingFile file;
    private final OtlpEventReader reader;
    private final EventValidator validator = new EventValidator(landingDate);
    private boolean done;

    OtelRecords(LandingFile file) throws IOException {
      this.file = file;
      // checked as a stream: the OTel reader parses the file, not lines (see Utf8 for why Jackson's own check is not enough)
      this.reader = OtlpEventReader.open(() -> Utf8.checked(open(file)), file.relative());
    }

    @Override
    InternalRow advance() {
      if (done) {
        return null;
      }
      OtlpEventReader.Item item;
      try {
        item = reader.next();
      } catch (IOException e) {
        done = true;
        close();
        return StagedRecords.quarantined(QuarantineRows.file(place(file, "otel", null, null), ReasonCode.CORRUPT_FILE,
            "cannot read the file to its end: " + describe(e)));
      }
      if (item == null) {
        close();
        return null;
      }
      QuarantineRows.Place where = place(file, "otel", item.line() > 0 ? item.line() : null, item.ref());
      switch (item.kind()) {
        case NOT_AN_EVENT:
          return StagedRecords.notAnEvent();
        case REJECTED: {
          Redactions redacted = new Redactions();
          return counted(StagedRecords.quarantined(QuarantineRows.of(where, item.spanId(), item.violation(), item.rawText(),
              redacted)), redacted);
        }
        default:
          try {
            Redactions redacted = new Redactions();
            AuditEvent event = validator.validate(item.event(), redacted);
            return counted(StagedRecords.event(EventRows.toRow(event,
                new EventRows.Lineage("otel", file.relative(), item.line(), landingDate, runId, ingestedAt))), redacted);
          } catch (ContractViolation violation) {
            String attribute = violation.field() == null ? null : OtlpEventReader.attributeFor(violation.field());
            String message = violation.getMessage() + (attribute == null ? "" : " (OTel attribute " + attribute + ")");
            JsonNode id = item.event().get("event_id");
            Redactions redacted = new Redactions(); // the span's raw text is stored, and counted; see JsonLinesRecords
            return counted(StagedRecords.quarantined(QuarantineRows.of(where, id == null ? null : id.asText(),
                violation.reason(), violation.field(), message, item.rawText(), redacted)), redacted);
          }
      }
    }

    private void close() {
      try {
        reader.close();
      } catch (IOException ignored) {
        // reading is over; a failed close loses nothing
      }
    }
  }
}

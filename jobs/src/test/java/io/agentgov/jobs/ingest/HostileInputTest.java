package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.contract.ReasonCode;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.ingest.HostileCorpus.Expected;
import io.agentgov.jobs.ingest.HostileCorpus.Fate;
import io.agentgov.jobs.ingest.HostileCorpus.OtelFile;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, hostile input: ingest of a seeded corpus of more than 10,000 mutated lines
 * ({@link HostileCorpus}) must not crash, must quarantine every invalid record with a reason code and
 * a message naming its file and line, must store every valid one, and must reconcile its counts
 * with the lines the corpus wrote. A failure names the record's file, line and mutation family.
 */
class HostileInputTest {
  static final LocalDate DAY = LocalDate.of(2026, 5, 4);
  /** Fixed, so a failure reproduces; change it to explore other corpora. */
  static final long SEED = 20260504L;

  @TempDir
  static Path landing;
  static HostileCorpus.Corpus corpus;
  static IngestResult result;
  /** Quarantine rows of the run, by "file:line" (line "-" for a whole-file row). */
  static Map<String, List<Row>> quarantine;
  /** Stored event ids by "file:line". */
  static Map<String, String> stored;

  @BeforeAll
  static void ingest() throws IOException {
    corpus = new HostileCorpus(SEED, DAY, IngestJob.Options.DEFAULT_MAX_LINE_BYTES).write(landing, 3, 3600, 600);
    Lakehouse lake = SharedSpark.lakehouse("hostile");
    result = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY)).run();
    System.out.println("hostile input: " + corpus.mutatedLines() + " mutated lines; " + result.summary());

    quarantine = new HashMap<>();
    for (Row q : lake.read(Tables.QUARANTINE).filter(col("run_id").equalTo(result.runId())).collectAsList()) {
      quarantine.computeIfAbsent(key(q.getAs("source_file"), q.getAs("line_number")), k -> new ArrayList<>()).add(q);
    }
    stored = new HashMap<>();
    for (Row e : lake.read(Tables.EVENTS).filter(col("landing_date").equalTo(DAY))
        .select("source_file", "source_line", "event_id").collectAsList()) {
      String previous = stored.put(key(e.getString(0), e.getLong(1)), e.getString(2));
      assertTrue(previous == null, "two events stored from " + key(e.getString(0), e.getLong(1)));
    }
  }

  static String key(String file, Long line) {
    return file + ":" + (line == null ? "-" : line);
  }

  static String describe(Expected e) {
    return key(e.file(), e.line()) + " (" + e.family() + ")";
  }

  @Test
  void theCorpusIsLargeEnough() {
    assertTrue(corpus.mutatedLines() >= 10_000, "mutated lines: " + corpus.mutatedLines());
  }

  @Test
  void theRunSucceedsAndItsCountsReconcileWithTheLinesWritten() {
    assertEquals("succeeded", result.status(), result.summary());
    assertTrue(result.reconciles(), result.summary());
    long jsonLines = corpus.recordsWritten().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(corpus.records().size(), jsonLines, "the corpus accounts for every record it wrote");
    // OTel: an intact file's spans are known; a damaged file's records are what ingest found in it, bounded below
    long otelRecords = 0;
    for (OtelFile f : corpus.otel()) {
      long found = stored.keySet().stream().filter(k -> k.startsWith(f.file() + ":")).count()
          + quarantine.entrySet().stream().filter(q -> q.getKey().startsWith(f.file() + ":"))
              .mapToLong(q -> q.getValue().size()).sum();
      long atLeast = f.intactEvents() + (f.damaged() ? 1 : 0);
      assertTrue(found >= atLeast && found <= f.events() + 1, f.file() + ": " + found + " records, expected "
          + atLeast + " to " + (f.events() + 1));
      otelRecords += found;
    }
    assertEquals(jsonLines + otelRecords, result.recordsRead(), "records read against the lines the corpus wrote");
    long duplicates = corpus.records().stream().filter(e -> e.fate() == Fate.DUPLICATE).count();
    assertEquals(duplicates, result.duplicates(), result.summary());
    assertEquals(result.eventsStored(), stored.size(), "every stored event is in the events table");
    assertEquals(result.quarantined(), quarantine.values().stream().mapToLong(List::size).sum());
  }

  @Test
  void everyRecordMeetsItsExpectedFate() {
    List<String> failures = new ArrayList<>();
    Map<String, Map<String, Long>> tally = new TreeMap<>();
    for (Expected e : corpus.records()) {
      String k = key(e.file(), e.line());
      List<Row> rows = quarantine.getOrDefault(k, List.of());
      String id = stored.get(k);
      String outcome = rows.isEmpty() ? (id != null ? "stored" : "not stored") : rows.get(0).getAs("reason_code");
      tally.computeIfAbsent(e.family().replaceFirst(":.*", ""), f -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
      String problem = switch (e.fate()) {
        case STORED -> id == null || !id.equals(e.eventId()) || !rows.isEmpty()
            ? "expected stored as " + e.eventId() + ", got " + (id != null ? "event " + id : outcome) : null;
        case DUPLICATE -> id != null || !rows.isEmpty() ? "expected a duplicate, got " + outcome : null;
        case QUARANTINED -> rows.size() != 1 || id != null ? "expected one quarantine row, got " + rows.size()
            + (id != null ? " and a stored event" : "")
            : e.reasons().contains(reason(rows.get(0))) ? null : "expected " + e.reasons() + ", got " + outcome
                + ": " + rows.get(0).getAs("reason_message");
        case EITHER -> (id != null) == (rows.size() == 1) || rows.size() > 1 ? "expected stored or quarantined once, got "
            + rows.size() + " quarantine rows" + (id != null ? " and a stored event" : "") : null;
      };
      if (problem != null) {
        failures.add(describe(e) + ": " + problem);
      }
    }
    StringBuilder report = new StringBuilder("fate by mutation family:\n");
    tally.forEach((family, outcomes) -> report.append(String.format("  %-24s %s%n", family, outcomes)));
    System.out.println(report);
    assertTrue(failures.isEmpty(), failures.size() + " records off their expected fate, e.g.\n  "
        + String.join("\n  ", failures.subList(0, Math.min(25, failures.size()))));
  }

  static ReasonCode reason(Row q) {
    String code = q.getAs("reason_code");
    assertNotNull(code, "a quarantine row without a reason code");
    ReasonCode reason = ReasonCode.valueOf(code.toUpperCase(java.util.Locale.ROOT));
    assertEquals(reason.code(), code);
    return reason;
  }

  @Test
  void everyQuarantineRowNamesItsPlaceAndKeepsBoundedRawText() {
    List<String> failures = new ArrayList<>();
    Map<ReasonCode, String> examples = new TreeMap<>();
    for (List<Row> rows : quarantine.values()) {
      for (Row q : rows) {
        String file = q.getAs("source_file");
        Long line = q.getAs("line_number");
        String message = q.getAs("reason_message");
        String raw = q.getAs("raw_text");
        examples.putIfAbsent(reason(q), message);
        String place = line == null ? file + ": " : file + ":" + line;
        if (message == null || !message.startsWith(place)) {
          failures.add(key(file, line) + ": message does not start with " + place + ": " + message);
        } else if (message.length() > 1024) {
          failures.add(key(file, line) + ": a message of " + message.length() + " characters: "
              + message.substring(0, 200) + "...");
        }
        if (raw != null && raw.length() > QuarantineRows.MAX_RAW_CHARS) {
          failures.add(key(file, line) + ": raw text of " + raw.length() + " characters");
        }
        if (raw != null && raw.length() == QuarantineRows.MAX_RAW_CHARS && !q.<Boolean>getAs("raw_truncated")) {
          failures.add(key(file, line) + ": raw text cut to the cap but not marked truncated");
        }
      }
    }
    examples.forEach((reason, message) -> System.out.println("  " + reason.code() + ": " + message));
    assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
  }

  @Test
  void otelFilesAreReadUpToTheirDamage() {
    for (OtelFile f : corpus.otel()) {
      long events = stored.keySet().stream().filter(k -> k.startsWith(f.file() + ":")).count();
      List<Row> rows = quarantine.entrySet().stream().filter(q -> q.getKey().startsWith(f.file() + ":"))
          .flatMap(q -> q.getValue().stream()).toList();
      if (!f.damaged()) {
        assertEquals(f.events(), events, f.file());
        assertEquals(List.of(), rows, f.file());
        continue;
      }
      assertTrue(events >= f.intactEvents() && events < f.events(), f.file() + ": " + events + " events stored");
      assertTrue(!rows.isEmpty(), f.file() + ": damage without a quarantine row");
      for (Row q : rows) {
        ReasonCode reason = reason(q);
        assertTrue(reason == ReasonCode.INVALID_JSON || reason == ReasonCode.INVALID_OTLP || reason == ReasonCode.CORRUPT_FILE,
            f.file() + ": " + q.getAs("reason_message"));
      }
    }
    assertEquals(3, result.otelSpansNotEvents(), "the chat spans of the intact file");
  }

  @Test
  void aCutGzipFileKeepsItsLinesBeforeTheBreak() {
    Expected corrupt = corpus.records().stream()
        .filter(e -> e.file().endsWith("cut-mid-stream.jsonl.gz") && e.family().equals("gzip_truncated"))
        .findFirst().orElseThrow();
    long before = corpus.records().stream().filter(e -> e.file().equals(corrupt.file())).count() - 1;
    // the corpus writes no blank lines into that file, so every line before the break is a record
    assertTrue(before > 0 && before == corrupt.line() - 1, "lines read before the break: " + before);
    String message = quarantine.get(key(corrupt.file(), corrupt.line())).get(0).getAs("reason_message");
    assertTrue(message.contains("cannot read past line " + before), message);
  }
}

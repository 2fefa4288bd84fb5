package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.ingest.EventDigest;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.maintenance.MaintainJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering done directly in the events table with Spark SQL, the way someone with write access to
 * the lakehouse would: one column of one row of a past day changed ({@code UPDATE}), one row of
 * another day deleted ({@code DELETE}), a forged row with a consistent {@code event_hash} added to a
 * third ({@code INSERT}); a fourth day is left alone. The integrity check names exactly the three
 * days, and neither an ingest that appends late events to a tampered day nor compaction and re-runs
 * launder them into a fresh digest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperEvidenceTest {
  static final GeneratorOptions ENTERPRISE = GeneratorOptions.small().withDays(4).withEventsPerDay(200).withDirtRate(0);
  static final LocalDate EDITED = ENTERPRISE.start();
  static final LocalDate DELETED = EDITED.plusDays(1);
  static final LocalDate FORGED = EDITED.plusDays(2);
  static final LocalDate UNTOUCHED = EDITED.plusDays(3);
  static final List<LocalDate> TAMPERED = List.of(EDITED, DELETED, FORGED);

  @TempDir
  static Path dir;
  static Lakehouse lake;
  static String landing;
  static String events;
  static Map<LocalDate, Long> rowsAtIngest;

  @BeforeAll
  static void ingestFourDays() throws IOException {
    new EnterpriseGenerator(ENTERPRISE).generate(dir.resolve("landing"), dir.resolve("truth"));
    landing = dir.resolve("landing").toUri().toString();
    lake = SharedSpark.lakehouse("tamper_evidence");
    for (LocalDate day = EDITED; !day.isAfter(UNTOUCHED); day = day.plusDays(1)) {
      new IngestJob(lake, IngestJob.Options.of(landing, day)).run();
    }
    events = lake.name(Tables.EVENTS);
    rowsAtIngest = rowsPerDay();
  }

  /** The integrity check of the compliance report, as of now, over the four days. */
  static IntegrityCheck.Result check() {
    try (ComplianceInputs in = new ComplianceInputs(new TablesAsOf(lake, Instant.now()), EDITED, UNTOUCHED, 1L, 3)) {
      return IntegrityCheck.run(in);
    }
  }

  static IntegrityCheck.Day day(IntegrityCheck.Result result, LocalDate day) {
    return result.days().stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
  }

  static String firstEventId(LocalDate day) {
    return lake.read(Tables.EVENTS).where(col("event_date").equalTo(lit(day))).orderBy("event_id").select("event_id").first()
        .getString(0);
  }

  static Map<LocalDate, Long> rowsPerDay() {
    Map<LocalDate, Long> rows = new TreeMap<>();
    lake.read(Tables.EVENTS).groupBy("event_date").count().collectAsList()
        .forEach(r -> rows.put(r.getAs("event_date"), r.getLong(1)));
    return rows;
  }

  static long digestRows(LocalDate day) {
    return lake.read(Tables.EVENT_DAY_DIGESTS).where(col("event_date").equalTo(lit(day))).count();
  }

  @Test
  @Order(1)
  void eachTamperedDayIsNamedAndNoOther() {
    assertTrue(check().intact(), "as ingested");
    String edited = firstEventId(EDITED);
    String deleted = firstEventId(DELETED);
    lake.spark().sql("UPDATE " + events + " SET reversible = NOT reversible WHERE event_id = '" + edited + "'");
    lake.spark().sql("DELETE FROM " + events + " WHERE event_id = '" + deleted + "'");
    // a copy of a real row under a new id, its event_hash recomputed: the row passes the rehash check
    Dataset<Row> copy = lake.read(Tables.EVENTS).where(col("event_id").equalTo(firstEventId(FORGED)))
        .withColumn("event_id", lit("evt-forged-000001"));
    StructType schema = copy.schema();
    int hashAt = schema.fieldIndex("event_hash");
    copy.map((MapFunction<Row, Row>) r -> {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = i == hashAt ? EventDigest.hash(r) : r.get(i);
      }
      return RowFactory.create(values);
    }, Encoders.row(schema)).createOrReplaceTempView("forged_event");
    lake.spark().sql("INSERT INTO " + events + " SELECT * FROM forged_event");

    IntegrityCheck.Result result = check();
    assertEquals(TAMPERED, result.changedDays(), result.toString());
    IntegrityCheck.Day edit = day(result, EDITED);
    assertEquals("changed", edit.verdict());
    assertEquals(edit.digestRows(), edit.rows(), "an edit keeps the row count");
    assertEquals(List.of(edited), edit.mismatchedEventIds(), "the stored event_hash no longer fits the row");
    assertNotEquals(edit.digestRoot(), edit.root());
    IntegrityCheck.Day delete = day(result, DELETED);
    assertEquals(delete.digestRows() - 1, delete.rows());
    assertEquals(0, delete.rehashMismatches());
    IntegrityCheck.Day forged = day(result, FORGED);
    assertEquals(forged.digestRows() + 1, forged.rows());
    assertEquals(0, forged.rehashMismatches(), "the forger computed a fitting hash: only the digest tells");
    assertNotEquals(forged.digestRoot(), forged.root());
    assertEquals("intact", day(result, UNTOUCHED).verdict());
  }

  @Test
  @Order(2)
  void lateEventsAppendedToATamperedDayDoNotLaunderIt() throws IOException {
    // one late event of the day with a deleted row, one new event of the untouched day, in a new
    // file of the last landing day: copies of generated lines under new ids
    Files.writeString(dir.resolve("landing/events/" + UNTOUCHED + "/late.jsonl"),
        renamed(DELETED, "evt-late-000001") + "\n" + renamed(UNTOUCHED, "evt-late-000002") + "\n");
    IngestResult late = new IngestJob(lake, IngestJob.Options.of(landing, UNTOUCHED)).run();
    assertEquals(2, late.eventsStored(), late.summary());
    assertEquals(List.of(DELETED, UNTOUCHED), late.eventDays());

    assertEquals(1, digestRows(DELETED), "no digest from the tampered rows of " + DELETED);
    assertEquals(2, digestRows(UNTOUCHED), "the untouched day's rows were verified, then digested again");
    IntegrityCheck.Result result = check();
    assertEquals(TAMPERED, result.changedDays(), result.toString());
    assertEquals(rowsAtIngest.get(DELETED).longValue(), day(result, DELETED).rows(), "one deleted, one late: the count alone looks right");
    IntegrityCheck.Day untouched = day(result, UNTOUCHED);
    assertEquals("intact", untouched.verdict());
    assertEquals(rowsAtIngest.get(UNTOUCHED).longValue() + 1, untouched.rows());
  }

  @Test
  @Order(3)
  void compactionAndReRunsDoNotLaunderEither() {
    long digests = lake.read(Tables.EVENT_DAY_DIGESTS).count();
    MaintainJob.Result maintained = new MaintainJob(lake, MaintainJob.Options.defaults().withNow(Instant.now())
        .withCompaction(0, 2).withTables(List.of("events"))).run();
    MaintainJob.Compaction compaction = maintained.table("events").compaction();
    assertEquals("done", compaction.status(), maintained.text());
    assertTrue(compaction.filesRewritten() >= 2, "the forged and the late rows' files were rewritten: " + maintained.text());
    for (LocalDate day = EDITED; !day.isAfter(UNTOUCHED); day = day.plusDays(1)) {
      assertEquals("nothing_new", new IngestJob(lake, IngestJob.Options.of(landing, day)).run().status());
    }
    assertEquals(digests, lake.read(Tables.EVENT_DAY_DIGESTS).count(), "neither writes a digest");
    IntegrityCheck.Result result = check();
    assertEquals(TAMPERED, result.changedDays(), result.toString());
  }

  /** The first generated event of a day (by UTC event day, not landing day), under another event id. */
  static String renamed(LocalDate day, String eventId) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(dir.resolve("landing/events/" + day))) {
      file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted().findFirst().orElseThrow();
    }
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        ObjectNode event = (ObjectNode) json.readTree(line);
        if (OffsetDateTime.parse(event.get("event_time").asText()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate().equals(day)) {
          return event.put("event_id", eventId).toString();
        }
      }
    }
    throw new IllegalStateException("no event of " + day + " in " + file);
  }
}

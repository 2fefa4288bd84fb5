package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator and the ingest are written separately, each from the input contract: every dirty
 * line the generator planted must come out of ingest with the reason it planted, and the totals
 * must match its manifest.
 */
class GeneratedEnterpriseIngestTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Lakehouse lake;
  static JsonNode manifest;
  static List<IngestResult> results = new ArrayList<>();

  @BeforeAll
  static void generateAndIngest() throws IOException {
    GeneratorOptions options = GeneratorOptions.small();
    new EnterpriseGenerator(options).generate(dir.resolve("landing"), dir.resolve("truth"));
    manifest = JSON.readTree(dir.resolve("truth/manifest.json").toFile());
    lake = SharedSpark.lakehouse("generated");
    // every landing day the generator wrote files for: late events can land a few days after the period
    TreeSet<LocalDate> days = new TreeSet<>();
    manifest.get("files").forEach(f -> {
      if (!f.get("landing_day").isNull()) {
        days.add(LocalDate.parse(f.get("landing_day").asText()));
      }
    });
    assertTrue(days.size() >= options.days(), "the manifest lists the landing days: " + days);
    for (LocalDate day : days) {
      results.add(new IngestJob(lake, IngestJob.Options.of(dir.resolve("landing").toUri().toString(), day)).run());
    }
  }

  @Test
  void totalsMatchThePlantedTruth() {
    JsonNode planned = manifest.at("/totals/planned");
    long stored = results.stream().mapToLong(IngestResult::eventsStored).sum();
    long duplicates = results.stream().mapToLong(IngestResult::duplicates).sum();
    long quarantined = results.stream().mapToLong(IngestResult::quarantined).sum();
    Map<String, Long> byReason = new TreeMap<>();
    results.forEach(r -> r.quarantinedByReason().forEach((k, v) -> byReason.merge(k, v, Long::sum)));
    Map<String, Long> plannedByReason = new TreeMap<>();
    planned.get("quarantined_by_reason").fields().forEachRemaining(e -> plannedByReason.put(e.getKey(), e.getValue().asLong()));

    results.forEach(r -> assertTrue(r.reconciles(), r.summary()));
    assertEquals(plannedByReason, byReason);
    assertEquals(planned.get("stored").asLong(), stored);
    assertEquals(planned.get("duplicate").asLong(), duplicates);
    assertEquals(planned.get("quarantined").asLong(), quarantined);
    assertEquals(stored, lake.read(Tables.EVENTS).count());
    long spansNotEvents = results.stream().mapToLong(IngestResult::otelSpansNotEvents).sum();
    assertEquals(manifest.at("/totals/otel_other_spans").asLong(), spansNotEvents);
  }

  @Test
  void everyPlantedBadLineIsQuarantinedWithItsReason() throws IOException {
    Map<String, String> found = new HashMap<>();
    for (Row q : lake.read(Tables.QUARANTINE).filter(col("source_kind").isin("events", "otel")).collectAsList()) {
      found.put(q.getAs("source_file") + ":" + q.getAs("line_number"), q.getAs("reason_code"));
    }
    int checked = 0;
    for (String line : Files.readAllLines(dir.resolve("truth/dirt.jsonl"))) {
      JsonNode dirt = JSON.readTree(line);
      if (!"quarantined".equals(dirt.get("expected").asText())) {
        continue;
      }
      String where = dirt.get("file").asText() + ":" + dirt.get("line").asText();
      assertEquals(dirt.get("reason_code").asText(), found.get(where), "planted at " + where + ": " + line);
      checked++;
    }
    assertTrue(checked > 50, "the small enterprise plants dirt of every kind: " + checked);
  }

  @Test
  void lateEventsLandInTheirOwnEventDay() {
    long late = results.stream().mapToLong(IngestResult::lateEvents).sum();
    assertEquals(manifest.at("/totals/late_events").asLong(), late);
    assertEquals(late, lake.read(Tables.EVENTS).filter(col("event_date").lt(col("landing_date"))).count());
  }

  @Test
  void everyDayDigestIsTheDocumentedTreeOverTheDaysRows() {
    Map<LocalDate, DayDigests.Stored> latest = DayDigests.latest(lake.read(Tables.EVENT_DAY_DIGESTS));
    assertEquals(lake.read(Tables.EVENTS).select("event_date").distinct().count(), latest.size(),
        "a digest per event day: " + latest.keySet());
    latest.forEach((day, digest) -> {
      assertEquals(DigestByHand.root(lake, day), digest.root(), "digest of " + day);
      assertEquals(lake.read(Tables.EVENTS).filter(col("event_date").equalTo(day)).count(), digest.rows());
    });
  }
}

package io.agentgov.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real agent trajectories (tau-bench airline, GPT-4o) converted to the contract by a producer we
 * did not write: every record must ingest, reconcile, and re-ingest to nothing.
 */
class TauBenchIngestTest {
  static final Path LANDING = Path.of(System.getProperty("user.dir")).getParent()
      .resolveSibling("shared/data/tau-bench-airline/landing");
  static Lakehouse lake;
  static List<IngestResult> firstPass = new ArrayList<>();

  @BeforeAll
  static void ingestEveryDay() throws IOException {
    assumeTrue(Files.isDirectory(LANDING), "tau-bench data not present at " + LANDING);
    lake = SharedSpark.lakehouse("taubench");
    for (LocalDate day : landingDays()) {
      firstPass.add(new IngestJob(lake, IngestJob.Options.of(LANDING.toUri().toString(), day)).run());
    }
  }

  static List<LocalDate> landingDays() throws IOException {
    try (Stream<Path> dirs = Stream.of("events", "otel", "reviews", "registry", "people")
        .flatMap(k -> list(LANDING.resolve(k)))) {
      return dirs.map(p -> p.getFileName().toString().replace(".jsonl", "")).distinct().sorted().map(LocalDate::parse).toList();
    }
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyRecordIsStoredAndCountsReconcile() {
    long read = firstPass.stream().mapToLong(IngestResult::recordsRead).sum();
    long stored = firstPass.stream().mapToLong(IngestResult::eventsStored).sum();
    firstPass.forEach(r -> assertTrue(r.reconciles(), r.summary()));
    assertEquals(1164, read, "tau-bench has 1,164 tool-call events");
    assertEquals(1164, stored, "no tau-bench record should be quarantined: " + firstPass.stream()
        .filter(r -> r.quarantined() > 0).map(IngestResult::summary).toList());
    assertEquals(1164, lake.read(Tables.EVENTS).count());
    assertEquals(177, lake.read(Tables.REVIEWS).count(), "177 human reviews");
  }

  @Test
  void reingestingEveryDayAddsNothing() throws IOException {
    long events = lake.read(Tables.EVENTS).count();
    long runsBefore = lake.read(Tables.INGEST_RUNS).count();
    for (LocalDate day : landingDays()) {
      IngestResult again = new IngestJob(lake, IngestJob.Options.of(LANDING.toUri().toString(), day)).run();
      assertEquals(0, again.eventsStored(), again.summary());
      assertEquals(again.filesFound(), again.filesSkipped(), "every file was ingested before: " + again.summary());
    }
    assertEquals(events, lake.read(Tables.EVENTS).count());
    assertEquals(runsBefore + landingDays().size(), lake.read(Tables.INGEST_RUNS).count());
  }
}

package io.agentgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.jobs.runtime.UnfinishedRuns;
import io.agentgov.jobs.runtime.WriterLock;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code agentgov ingest} process with SIGKILL at points of its commit sequence
 * (docs/reliability.md): after the quarantine, events and reference data commits, after the run
 * row, and while it writes the events' data files. After each kill every
 * table must still be readable, and a re-run must leave exactly what one uninterrupted ingest
 * leaves: the same events, quarantine rows, digests and reference rows, no duplicates.
 */
class CrashRecoveryTest {
  static final GeneratorOptions OPTIONS = GeneratorOptions.small().withDays(1).withEventsPerDay(400);
  static final LocalDate DAY = OPTIONS.start();
  /** While the events' data files are being written: no pause, killed on the first new file. */
  static final String MID_WRITE = "mid_write_of_events";

  @TempDir
  static Path dir;
  static String landing;
  static Lakehouse session;
  static Map<String, List<String>> expected;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    new EnterpriseGenerator(OPTIONS).generate(dir.resolve("landing"), dir.resolve("truth"));
    landing = dir.resolve("landing").toUri().toString();
    session = Lakehouse.open(new RuntimeOptions("local[2]", dir.resolve("unused").toUri().toString(), "unused", "lake",
        Map.of("spark.sql.shuffle.partitions", "4")));
    Lakehouse reference = lake("reference");
    IngestResult once = new IngestJob(reference, IngestJob.Options.of(landing, DAY)).run();
    assertTrue(once.eventsStored() > 0 && once.quarantined() > 0, "the day has events and bad records: " + once.summary());
    expected = state(reference);
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
  }

  /** A lakehouse in its own warehouse folder, on the test's session (one Iceberg catalog per warehouse). */
  static Lakehouse lake(String name) {
    String warehouse = dir.resolve(name).toUri().toString();
    SparkSession spark = session.spark();
    spark.conf().set("spark.sql.catalog." + name, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog." + name + ".type", "hadoop");
    spark.conf().set("spark.sql.catalog." + name + ".warehouse", warehouse);
    return Lakehouse.attach(spark, new RuntimeOptions("local[2]", warehouse, name, "lake", Map.of()));
  }

  /** What an ingest leaves, without the columns that name the run or its time. */
  static Map<String, List<String>> state(Lakehouse lake) {
    Map<String, List<String>> state = new java.util.LinkedHashMap<>();
    state.put("events", rows(lake, Tables.EVENTS, "event_id", "event_hash", "event_date"));
    state.put("quarantine", rows(lake, Tables.QUARANTINE, "source_file", "line_number", "reason_code", "record_key"));
    state.put("digests", rows(lake, Tables.EVENT_DAY_DIGESTS, "event_date", "row_count", "merkle_root"));
    state.put("agents", rows(lake, Tables.AGENTS, "agent_id", "valid_from", "valid_to"));
    state.put("people", rows(lake, Tables.PEOPLE, "person_id", "valid_from", "valid_to"));
    state.put("reviews", rows(lake, Tables.REVIEWS, "review_id"));
    state.put("policies", rows(lake, Tables.POLICIES, "policy_id", "version"));
    state.put("dq_metrics", List.of(String.valueOf(lake.read(Tables.DQ_METRICS).count())));
    return state;
  }

  static List<String> rows(Lakehouse lake, TableDefinition table, String first, String... more) {
    return lake.read(table).select(first, more).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @ParameterizedTest
  // The first commit, the events without their digests, a MERGE of reference data, the run row
  // without the lock's release, and inside a commit. The other points (day_digests,
  // append_dq_metrics) are appends rolled back the same way; each point costs a JVM start.
  @ValueSource(strings = {"ingest.append_quarantine", "ingest.append_events", "ingest.reference_data", "ingest.record_run",
      MID_WRITE})
  void aKilledIngestLeavesReadableTablesAndAReRunCompletesExactly(String point) throws Exception {
    String name = "crash_" + point.replaceAll("\\W", "_");
    Path warehouse = dir.resolve(name);
    Process ingest = startIngest(warehouse, point);
    try {
      if (point.equals(MID_WRITE)) {
        awaitFirstDataFile(ingest, warehouse.resolve("lake").resolve("events").resolve("data"));
      } else {
        awaitPause(ingest, point);
      }
    } finally {
      ingest.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the ingest
    }
    assertTrue(ingest.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, ingest.exitValue(), "killed by SIGKILL");

    Lakehouse lake = lake(name);
    // Readable and consistent as the crash left it: every table scans.
    for (TableDefinition t : Tables.all()) {
      lake.read(t).count();
    }
    assertTrue(WriterLock.holder(lake).isPresent(), "the killed ingest still holds the lock");

    IngestResult rerun = new IngestJob(lake, IngestJob.Options.of(landing, DAY)).run();
    assertTrue(rerun.reconciles(), rerun.summary());
    assertEquals(expected, state(lake), "after the re-run the tables hold what one uninterrupted ingest leaves");
    List<Row> runs = lake.read(Tables.INGEST_RUNS).select("status", "events_stored", "duplicates", "quarantined")
        .collectAsList();
    List<Row> storing = runs.stream().filter(r -> r.getLong(1) > 0).toList();
    assertEquals(1, storing.size(), "one recorded run stored the day: " + runs);
    assertEquals(0, storing.get(0).getLong(2), "and counted no duplicates of its own rows: " + runs);
    assertEquals(point.equals("ingest.record_run") ? "nothing_new" : "succeeded", rerun.status());
    assertTrue(WriterLock.holder(lake).isEmpty(), "the re-run took over the dead holder's lock and released it");
    if (!point.equals("ingest.record_run") && !point.equals(MID_WRITE)) {
      org.apache.iceberg.Table quarantine = lake.table(Tables.QUARANTINE);
      assertTrue(java.util.stream.StreamSupport.stream(quarantine.snapshots().spliterator(), false)
          .filter(s -> s.summary().containsKey(UnfinishedRuns.RUN_ID))
          .map(s -> s.summary().get(UnfinishedRuns.RUN_ID)).distinct().count() == 2,
          "the killed run's commit stays in the history, rolled back");
    }
  }

  /** {@code java -cp <this test's class path> io.agentgov.cli.AgentGov ingest ...}, as a user runs the jar. */
  static Process startIngest(Path warehouse, String point) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the --add-opens flags Spark needs on Java 17, as this JVM got them
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "io.agentgov.cli.AgentGov", "--warehouse", warehouse.toString(), "--master", "local[1]",
        "ingest", "--landing", Path.of(java.net.URI.create(landing)).toString(), "--date", DAY.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (!point.equals(MID_WRITE)) {
      builder.environment().put("AGENTGOV_PAUSE_AT", point);
    }
    return builder.start();
  }

  static void awaitPause(Process ingest, String point) throws Exception {
    String marker = "agentgov: paused at " + point;
    CompletableFuture<List<String>> paused = CompletableFuture.supplyAsync(() -> {
      List<String> seen = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(ingest.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          seen.add(line);
          if (line.contains(marker)) {
            return seen;
          }
        }
      } catch (IOException e) {
        seen.add(e.toString());
      }
      seen.add("<process output ended>");
      return seen;
    });
    List<String> output = paused.get(180, TimeUnit.SECONDS);
    assertTrue(output.get(output.size() - 1).contains(marker), "the ingest reached " + point + ": " + output);
  }

  static void awaitFirstDataFile(Process ingest, Path data) throws Exception {
    // Drain the output so the process never blocks on a full pipe.
    CompletableFuture.runAsync(() -> {
      try {
        ingest.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the process was killed
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(data)) {
        try (Stream<Path> files = Files.walk(data)) {
          if (files.anyMatch(f -> f.toString().endsWith(".parquet"))) {
            return;
          }
        }
      }
      assertTrue(ingest.isAlive(), "the ingest ended before writing events");
      Thread.sleep(5);
    }
    throw new AssertionError("no events data file appeared under " + data);
  }
}

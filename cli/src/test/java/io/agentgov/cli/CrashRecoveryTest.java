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
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code agentgov ingest} process with SIGKILL at points of its commit sequence
 * (docs/reliability.md): after the quarantine and events commits, after the reference data MERGEs,
 * after the run row, and while it writes the events' data files. After each kill every
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
  /**
   * The events without their digests (the quarantine rows are committed before them), a MERGE of
   * reference data, the run row without the lock's release, and inside a commit. The other points
   * (append_quarantine, day_digests, append_dq_metrics) are appends rolled back the same way; each
   * point costs a JVM start, so they are left out.
   */
  static final List<String> POINTS = List.of("ingest.append_events", "ingest.reference_data", "ingest.record_run",
      MID_WRITE);
  /** The exit code of each killed ingest. */
  static final Map<String, Integer> KILLED = new java.util.TreeMap<>();

  @BeforeAll
  static void uninterruptedRun() throws IOException, InterruptedException {
    new EnterpriseGenerator(OPTIONS).generate(dir.resolve("landing"), dir.resolve("truth"));
    landing = dir.resolve("landing").toUri().toString();
    session = Lakehouse.open(new RuntimeOptions("local[2]", dir.resolve("unused").toUri().toString(), "unused", "lake",
        Map.of("spark.sql.shuffle.partitions", "4")));
    Lakehouse reference = lake("reference");
    IngestResult once = new IngestJob(reference, IngestJob.Options.of(landing, DAY)).run();
    assertTrue(once.eventsStored() > 0 && once.quarantined() > 0, "the day has events and bad records: " + once.summary());
    expected = state(reference);
    killEveryIngestAtItsPoint();
  }

  /** One ingest process per point, one after the other, each killed with SIGKILL as soon as it gets there. */
  static void killEveryIngestAtItsPoint() throws IOException, InterruptedException {
    for (String point : POINTS) {
      Path warehouse = dir.resolve(warehouseName(point));
      Process ingest = startIngest(warehouse, point);
      try {
        CompletableFuture<String> arrived = point.equals(MID_WRITE)
            ? firstDataFile(ingest, warehouse.resolve("lake").resolve("events").resolve("data"))
            : pause(ingest, point);
        String failure = arrived.get(300, TimeUnit.SECONDS);
        assertTrue(failure == null, "the ingest reached " + point + ": " + failure);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the ingest did not reach " + point, e);
      } finally {
        ingest.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the ingest
      }
      assertTrue(ingest.waitFor(60, TimeUnit.SECONDS));
      KILLED.put(point, ingest.exitValue());
    }
  }

  static String warehouseName(String point) {
    return "crash_" + point.replaceAll("\\W", "_");
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
  @org.junit.jupiter.params.provider.FieldSource("POINTS")
  void aKilledIngestLeavesReadableTablesAndAReRunCompletesExactly(String point) throws Exception {
    String name = warehouseName(point);
    assertEquals(137, KILLED.get(point), "killed by SIGKILL");

    Lakehouse lake = lake(name);
    // Readable and consistent as the crash left it: every table scans.
    for (TableDefinition t : Tables.all()) {
      lake.read(t).count();
    }
    assertTrue(WriterLock.holder(lake).isPresent(), "the killed ingest still holds the lock");
    // Killed while writing, the run leaves the branch it staged its events on, unpublished.
    assertEquals(point.equals(MID_WRITE) ? 1 : 0, lake.branches(Tables.EVENTS, IngestJob.BRANCH_PREFIX).size(),
        "staging branches left by the killed run");

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
    assertEquals(List.of(), lake.branches(Tables.EVENTS, IngestJob.BRANCH_PREFIX), "the dead run's staging branch is gone");
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

  /** Completes with null when the ingest prints that it paused at the point, else with what it printed. */
  static CompletableFuture<String> pause(Process ingest, String point) {
    String marker = "agentgov: paused at " + point;
    return CompletableFuture.supplyAsync(() -> {
      List<String> seen = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(ingest.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          seen.add(line);
          if (line.contains(marker)) {
            drain(ingest);
            return null;
          }
        }
      } catch (IOException e) {
        seen.add(e.toString());
      }
      seen.add("<process output ended>");
      return String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size()));
    }, THREADS);
  }

  /** Completes with null when the first events data file appears (the write is under way). */
  static CompletableFuture<String> firstDataFile(Process ingest, Path data) {
    drain(ingest);
    return CompletableFuture.supplyAsync(() -> {
      try {
        while (ingest.isAlive()) {
          if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
              if (files.anyMatch(f -> f.toString().endsWith(".parquet"))) {
                return null;
              }
            }
          }
          Thread.sleep(5);
        }
        return "the ingest ended before writing events";
      } catch (IOException | InterruptedException e) {
        return e.toString();
      }
    }, THREADS);
  }

  /** Reads what the process prints, so it never blocks on a full pipe. */
  static void drain(Process ingest) {
    CompletableFuture.runAsync(() -> {
      try {
        ingest.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the process was killed
      }
    }, THREADS);
  }

  /** One thread per watcher: the common pool may have a single thread on a 2-core machine. */
  static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "crash-test-watcher");
    t.setDaemon(true);
    return t;
  });
}

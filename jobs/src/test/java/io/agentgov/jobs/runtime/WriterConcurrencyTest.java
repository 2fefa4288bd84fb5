package io.agentgov.jobs.runtime;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.maintenance.MaintainJob;
import io.agentgov.lakehouse.Tables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers racing on one lakehouse (two threads, one session, each its own Lakehouse like two
 * drivers): two ingests of the same day started at once, and an ingest racing a maintenance run,
 * end with one correct result; a lock left by a dead process is taken over and what that process
 * committed without recording its run is rolled back. The SIGKILL crash test is
 * cli/.../CrashRecoveryTest.
 */
class WriterConcurrencyTest {
  static final GeneratorOptions OPTIONS = GeneratorOptions.small().withDays(2).withEventsPerDay(400);
  static final LocalDate DAY1 = OPTIONS.start();
  static final LocalDate DAY2 = DAY1.plusDays(1);

  @TempDir
  static Path dir;
  static String landing;

  @BeforeAll
  static void generate() throws Exception {
    new EnterpriseGenerator(OPTIONS).generate(dir.resolve("landing"), dir.resolve("truth"));
    landing = dir.resolve("landing").toUri().toString();
  }

  /** Runs two bodies released at the same instant and returns both outcomes. */
  static <T> List<Future<T>> race(Callable<T> a, Callable<T> b) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<Future<T>> futures = List.of(a, b).stream().map(body -> pool.submit(() -> {
        start.await();
        return body.call();
      })).toList();
      start.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES), "both writers finish");
      return futures;
    } finally {
      pool.shutdownNow();
    }
  }

  static long count(Lakehouse lake, io.agentgov.lakehouse.TableDefinition table) {
    return lake.read(table).count();
  }

  @Test
  void twoIngestsOfTheSameDayStoreItOnce() throws Exception {
    Lakehouse a = SharedSpark.lakehouse("race_ingest");
    Lakehouse b = SharedSpark.lakehouse("race_ingest");
    List<Future<IngestResult>> results = race(() -> new IngestJob(a, IngestJob.Options.of(landing, DAY1)).run(),
        () -> new IngestJob(b, IngestJob.Options.of(landing, DAY1)).run());
    IngestResult first = results.get(0).get();
    IngestResult second = results.get(1).get();
    // One stored the day; the other waited for the lock, then found every file already ingested.
    List<IngestResult> stored = List.of(first, second).stream().filter(r -> r.eventsStored() > 0).toList();
    assertEquals(1, stored.size(), "exactly one ingest stores the day: " + first.summary() + " / " + second.summary());
    IngestResult winner = stored.get(0);
    IngestResult loser = winner == first ? second : first;
    assertEquals("nothing_new", loser.status(), loser.summary());
    assertEquals(0, loser.recordsRead());
    assertTrue(winner.reconciles());

    assertEquals(winner.eventsStored(), count(a, Tables.EVENTS));
    assertEquals(count(a, Tables.EVENTS), a.read(Tables.EVENTS).select("event_id").distinct().count(), "no duplicate ids");
    assertEquals(winner.quarantined(), count(a, Tables.QUARANTINE), "quarantine rows written once");
    assertEquals(2, count(a, Tables.INGEST_RUNS));
    assertTrue(WriterLock.holder(a).isEmpty(), "both released the lock");
  }

  @Test
  void anIngestRacingMaintenanceLosesNothing() throws Exception {
    Lakehouse lake = SharedSpark.lakehouse("race_maintain");
    IngestResult day1 = new IngestJob(lake, IngestJob.Options.of(landing, DAY1)).run();
    Lakehouse other = SharedSpark.lakehouse("race_maintain");
    // Compact events and the run table wherever a partition has two files or more.
    MaintainJob.Options maintain = MaintainJob.Options.defaults().withCompaction(0, 2)
        .withTables(List.of("events", "ingest_runs"));
    List<Future<Object>> results = race(() -> new IngestJob(lake, IngestJob.Options.of(landing, DAY2)).run(),
        () -> new MaintainJob(other, maintain).run());
    IngestResult day2 = (IngestResult) results.get(0).get();
    MaintainJob.Result maintained = (MaintainJob.Result) results.get(1).get();
    assertEquals(2, maintained.tables().size(), maintained.summary());
    assertTrue(day2.reconciles() && day2.eventsStored() > 0, day2.summary());

    long stored = day1.eventsStored() + day2.eventsStored();
    assertEquals(stored, count(lake, Tables.EVENTS));
    assertEquals(stored, lake.read(Tables.EVENTS).select("event_id").distinct().count(), "no duplicate ids");
    assertEquals(day1.quarantined() + day2.quarantined(), count(lake, Tables.QUARANTINE));
    // The digests of every event day match the rows: nothing was lost or rewritten under them.
    List<Row> digests = lake.read(Tables.EVENT_DAY_DIGESTS).groupBy("event_date").agg(
        org.apache.spark.sql.functions.max_by(col("row_count"), col("computed_at")).as("rows")).collectAsList();
    for (Row d : digests) {
      assertEquals(d.getLong(1), lake.read(Tables.EVENTS).filter(col("event_date").equalTo(d.get(0))).count(),
          "digest row count of " + d.get(0));
    }
  }

  @Test
  void aLiveHolderMakesTheNextWriterFailWithWhoHoldsIt() {
    Lakehouse lake = SharedSpark.lakehouse("lock_live");
    lake.spark().conf().set(WriterLock.WAIT_CONF, "1");
    try (WriterLock held = WriterLock.acquire(lake, "ingest-holder", "ingest 2026-01-01")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new IngestJob(SharedSpark.lakehouse("lock_live"), IngestJob.Options.of(landing, DAY1)).run());
      assertTrue(e.getMessage().contains("ingest-holder (ingest 2026-01-01, pid " + ProcessHandle.current().pid())
          && e.getMessage().contains("retry when it has finished"), e.getMessage());
    } finally {
      lake.spark().conf().unset(WriterLock.WAIT_CONF);
    }
    assertEquals(0, count(lake, Tables.EVENTS), "the refused ingest wrote nothing");
    assertEquals(0, count(lake, Tables.INGEST_RUNS));
  }

  @Test
  void aDeadHoldersUnrecordedCommitsAreRolledBack() throws Exception {
    Lakehouse lake = SharedSpark.lakehouse("lock_dead");
    IngestResult day1 = new IngestJob(lake, IngestJob.Options.of(landing, DAY1)).run();
    long day1Snapshot = lake.currentSnapshotId(Tables.EVENTS);
    // A run that died after appending events and quarantine rows but before its run row, holding
    // the lock: its pid belongs to a process that has exited.
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    String dead = "ingest-" + DAY2 + "-deadbeef";
    WriterLock.Holder holder = new WriterLock.Holder(dead, "ingest " + DAY2, hostOfThisMachine(), exited.pid(),
        Instant.now());
    TableOperations ops = ((HasTableOperations) lake.table(Tables.INGEST_RUNS)).operations();
    TableMetadata base = ops.refresh();
    ops.commit(base, TableMetadata.buildFrom(base).setProperties(java.util.Map.of(WriterLock.PROPERTY, holder.json())).build());
    UnfinishedRuns.tagged(dead, () -> {
      lake.append(Tables.EVENTS, lake.read(Tables.EVENTS).limit(25));
      lake.append(Tables.QUARANTINE, lake.read(Tables.QUARANTINE).limit(3));
      return null;
    });

    IngestResult day2 = new IngestJob(lake, IngestJob.Options.of(landing, DAY2)).run();
    assertTrue(day2.reconciles() && day2.eventsStored() > 0, day2.summary());
    // The dead run's 25 copies of stored events are gone, not kept beside the originals.
    assertEquals(day1.eventsStored() + day2.eventsStored(), count(lake, Tables.EVENTS));
    assertEquals(count(lake, Tables.EVENTS), lake.read(Tables.EVENTS).select("event_id").distinct().count());
    assertEquals(day1.quarantined() + day2.quarantined(), count(lake, Tables.QUARANTINE));
    // The rolled-back snapshot stays in the history (an auditor sees it), but not in the lineage.
    org.apache.iceberg.Table events = lake.table(Tables.EVENTS);
    events.refresh();
    assertTrue(org.apache.iceberg.util.SnapshotUtil.isAncestorOf(events, events.currentSnapshot().snapshotId(), day1Snapshot));
    assertTrue(java.util.stream.StreamSupport.stream(events.snapshots().spliterator(), false)
        .anyMatch(s -> dead.equals(s.summary().get(UnfinishedRuns.RUN_ID))), "history keeps the dead run's snapshot");
    assertTrue(WriterLock.holder(lake).isEmpty());
  }

  private static String hostOfThisMachine() throws Exception {
    return java.net.InetAddress.getLocalHost().getHostName();
  }
}

package io.agentgov.jobs.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.maintenance.MaintainJob.Options;
import io.agentgov.jobs.maintenance.MaintainJob.Result;
import io.agentgov.jobs.maintenance.MaintainJob.TableResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maintenance on small tables of its own namespace. Commits cannot be backdated, so the tests move
 * {@code now} forward instead: a {@code now} 184 days and a bit after the commits puts the horizon
 * start between them.
 */
class MaintainJobTest {
  static Lakehouse lake;
  static LegalHolds holds;

  @BeforeAll
  static void lakehouse() {
    lake = SharedSpark.lakehouse("maint_x");
    lake.tables();
    holds = new LegalHolds(lake);
  }

  static Options options(Instant now, TableDefinition... tables) {
    return Options.defaults().withNow(now).withCompact(false)
        .withTables(Stream.of(tables).map(TableDefinition::name).toList());
  }

  /** Appends one digest row per call: one snapshot each, committed at the wall clock. */
  static long appendDigest(int i) {
    Row row = RowFactory.create(LocalDate.of(2026, 1, 1).plusDays(i), (long) i, "root-" + i, "test", (long) i, "run-" + i,
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
    return lake.append(Tables.EVENT_DAY_DIGESTS, lake.spark().createDataFrame(List.of(row),
        Lakehouse.sparkSchema(Tables.EVENT_DAY_DIGESTS)).coalesce(1));
  }

  static long appendPolicy(int i) {
    Row row = RowFactory.create("p", "v" + i, LocalDate.of(2026, 1, 1), "{}", i, "file-" + i, "sha-" + i, "run-" + i,
        Instant.parse("2026-01-01T00:00:00Z"));
    return lake.append(Tables.POLICIES, lake.spark().createDataFrame(List.of(row), Lakehouse.sparkSchema(Tables.POLICIES))
        .coalesce(1));
  }

  static long appendMetric(int i) {
    Row row = RowFactory.create("run-" + i, LocalDate.of(2026, 1, 1), "events_batch", "Column", "c" + i, "Completeness",
        i / 10.0, null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    return lake.append(Tables.DQ_METRICS, lake.spark().createDataFrame(List.of(row), Lakehouse.sparkSchema(Tables.DQ_METRICS))
        .coalesce(1));
  }

  static List<String> rowsAt(TableDefinition table, long snapshot) {
    return lake.readAt(table, snapshot).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  static Instant committedAt(TableDefinition table, long snapshot) {
    return Instant.ofEpochMilli(lake.table(table).snapshot(snapshot).timestampMillis());
  }

  static List<Long> snapshotIds(TableDefinition definition) {
    Table table = lake.table(definition);
    table.refresh();
    List<Long> ids = new ArrayList<>();
    table.snapshots().forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  /** Every file under a table's folder with its size and modification time: what "nothing changed" compares. */
  static Map<String, String> files(TableDefinition definition) throws IOException {
    Path root = Path.of(URI.create(lake.table(definition).location()));
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.put(root.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  @Test
  void expiryKeepsEveryReportableSnapshotAndDryRunChangesNothing() throws IOException {
    TableDefinition t = Tables.EVENT_DAY_DIGESTS;
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(appendDigest(i));
    }
    Map<Long, List<String>> before = new LinkedHashMap<>();
    ids.forEach(id -> before.put(id, rowsAt(t, id)));
    // the horizon starts between the 3rd and 4th commit: 3 was current then
    Instant c3 = committedAt(t, ids.get(2));
    Instant c4 = committedAt(t, ids.get(3));
    assertTrue(c4.isAfter(c3), c3 + " " + c4);
    Instant horizonStart = c3.plusMillis(Duration.between(c3, c4).toMillis() / 2);
    Instant now = horizonStart.plus(Duration.ofDays(184));

    Map<String, String> filesBefore = files(t);
    String metadataBefore = ((HasTableOperations) lake.table(t)).operations().current().metadataFileLocation();
    Result dry = new MaintainJob(lake, options(now, t).withDryRun(true)).run();
    TableResult planned = dry.table(t.name());
    assertEquals(ids.subList(0, 2), planned.expired().stream().map(SnapshotRetention.Decision::snapshotId).toList());
    assertEquals(ids.subList(2, 5), planned.kept().stream().map(SnapshotRetention.Decision::snapshotId).toList());
    assertEquals(Map.of("current", 1, "horizon", 1, "horizon_start", 1), planned.keptBecause());
    assertEquals(5, planned.snapshotsBefore());
    assertEquals(3, planned.snapshotsAfter(), "what would be left");
    assertEquals(0, planned.filesFreed(), "append-only: every data file is still in the current snapshot");
    assertEquals(files(t), filesBefore, "a dry run writes and deletes nothing");
    assertEquals(metadataBefore, ((HasTableOperations) lake.table(t)).operations().current().metadataFileLocation());
    assertEquals(ids, snapshotIds(t));
    assertTrue(dry.summary().contains("dry run"), dry.summary());

    Result done = new MaintainJob(lake, options(now, t)).run();
    TableResult r = done.table(t.name());
    assertEquals(planned.expired(), r.expired(), "the run expires what the dry run said");
    assertEquals(planned.keptBecause(), r.keptBecause());
    assertEquals(ids.subList(2, 5), snapshotIds(t), "horizon and the snapshot current at its start kept, older expired");
    assertEquals(3, r.snapshotsAfter());
    for (long kept : ids.subList(2, 5)) {
      assertEquals(before.get(kept), rowsAt(t, kept), "time travel to kept snapshot " + kept + " reads what it read");
    }
    assertThrows(RuntimeException.class, () -> rowsAt(t, ids.get(0)), "an expired snapshot is gone");
    assertEquals(5, lake.read(t).count(), "no row is lost");

    Result again = new MaintainJob(lake, options(now, t)).run();
    assertEquals(0, again.table(t.name()).snapshotsExpired(), "a second run finds nothing more to expire");
  }

  @Test
  void anActiveHoldKeepsItsSnapshotsUntilLifted() {
    TableDefinition t = Tables.POLICIES;
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      ids.add(appendPolicy(i));
    }
    Map<Long, List<String>> before = new LinkedHashMap<>();
    ids.forEach(id -> before.put(id, rowsAt(t, id)));
    Instant now = committedAt(t, ids.get(3)).plus(Duration.ofDays(200)); // every commit is older than the horizon
    LocalDate commitDay = LocalDate.ofInstant(committedAt(t, ids.get(0)), ZoneOffset.UTC);
    Hold hold = holds.set(t.name(), commitDay, commitDay.plusDays(30), null, "matter M-1", "person-1");
    Hold other = holds.set(Tables.AGENTS.name(), null, null, null, "matter M-2", "person-1");

    Options o = options(now, t).withCompact(true).withCompaction(0, 2);
    TableResult held = new MaintainJob(lake, o).run().table(t.name());
    assertEquals(0, held.snapshotsExpired());
    assertEquals(Map.of("current", 1, "hold", 3), held.keptBecause());
    assertEquals(List.of(hold.holdId()), held.holds(), "only the holds on this table or *");
    assertEquals(List.of(hold.holdId()), held.kept().get(0).holds());
    assertEquals("held", held.compaction().status(), "a table under a hold is not rewritten");
    assertEquals(ids, snapshotIds(t));

    Hold lifted = holds.lift(hold.holdId(), "person-2");
    assertFalse(lifted.active());
    TableResult after = new MaintainJob(lake, o.withCompact(false)).run().table(t.name());
    assertEquals(3, after.snapshotsExpired(), "after the lift the old snapshots expire");
    assertEquals(List.of(ids.get(3)), snapshotIds(t));
    assertEquals(before.get(ids.get(3)), rowsAt(t, ids.get(3)));
    holds.lift(other.holdId(), "person-2");
  }

  @Test
  void compactionReducesFilesAndKeepsRowsAndHistory() {
    TableDefinition t = Tables.DQ_METRICS;
    for (int i = 1; i <= 6; i++) {
      appendMetric(i);
    }
    long preCompaction = lake.currentSnapshotId(t);
    List<String> rows = rowsAt(t, preCompaction);
    Options o = options(Instant.now(), t).withCompact(true).withCompaction(0, 2);

    TableResult planned = new MaintainJob(lake, o.withDryRun(true)).run().table(t.name());
    assertEquals("planned", planned.compaction().status());
    assertEquals(6, planned.compaction().filesRewritten(), "six one-row files are small");
    assertEquals(preCompaction, lake.currentSnapshotId(t), "the dry run did not compact");

    TableResult r = new MaintainJob(lake, o).run().table(t.name());
    assertEquals("done", r.compaction().status());
    assertEquals(6, r.compaction().dataFilesBefore());
    assertEquals(6, r.compaction().filesRewritten());
    assertEquals(1, r.compaction().filesAdded());
    assertEquals(1, r.compaction().dataFilesAfter());
    long compacted = lake.currentSnapshotId(t);
    assertNotEquals(preCompaction, compacted);
    assertEquals(rows, rowsAt(t, compacted), "compaction keeps every row");
    assertEquals(rows, rowsAt(t, preCompaction), "the snapshot before compaction still reads its files");
    assertEquals(0, r.snapshotsExpired(), "everything is inside the horizon");

    // Once the appends fall out of the horizon, expiry frees the small files only they still use.
    Instant later = committedAt(t, compacted).plus(Duration.ofDays(200));
    Options expire = options(later, t);
    TableResult wouldFree = new MaintainJob(lake, expire.withDryRun(true)).run().table(t.name());
    assertEquals(6, wouldFree.snapshotsExpired());
    assertEquals(6, wouldFree.filesFreed(), "the six replaced files");
    assertEquals(r.compaction().bytesRewritten(), wouldFree.bytesFreed());
    TableResult freed = new MaintainJob(lake, expire).run().table(t.name());
    assertEquals(6, freed.filesFreed(), "Iceberg deleted what the plan said");
    assertEquals(wouldFree.bytesFreed(), freed.bytesFreed());
    assertEquals(List.of(compacted), snapshotIds(t));
    assertEquals(rows, rowsAt(t, compacted));
  }

  @Test
  void orphanCleanupRemovesOldUnreferencedFilesOnly() throws IOException {
    TableDefinition t = Tables.INGEST_RUNS;
    Path data = Path.of(URI.create(lake.table(t).location())).resolve("data");
    Files.createDirectories(data);
    Path old = data.resolve("00000-planted-old.parquet");
    Path young = data.resolve("00000-planted-young.parquet");
    Files.writeString(old, "not referenced by any snapshot");
    Files.writeString(young, "maybe a write in progress");
    Instant clock = Instant.now();
    Files.setLastModifiedTime(old, FileTime.from(clock.minus(Duration.ofDays(10))));
    Files.setLastModifiedTime(young, FileTime.from(clock.minus(Duration.ofHours(1))));

    // a now far ahead must not make the young file old: the threshold runs on the wall clock
    Instant future = clock.plus(Duration.ofDays(400));
    TableResult planned = new MaintainJob(lake, options(future, t).withDryRun(true)).run().table(t.name());
    assertEquals(1, planned.orphans().files(), planned.orphans().toString());
    assertTrue(planned.orphans().sample().get(0).endsWith("00000-planted-old.parquet"));
    assertEquals(Files.size(old), planned.orphans().bytes());
    assertTrue(Files.exists(old), "a dry run deletes nothing");

    TableResult r = new MaintainJob(lake, options(future, t)).run().table(t.name());
    assertEquals(1, r.orphans().files());
    assertFalse(Files.exists(old), "the old orphan is removed");
    assertTrue(Files.exists(young), "the young one is left for a write that may own it");
    assertEquals(0, lake.read(t).count(), "the table still loads");
  }

  @Test
  void expiredRetentionIsReportedNeverDeleted() {
    TableDefinition t = Tables.EVENTS;
    Instant now = Instant.parse("2030-01-01T00:00:00Z"); // horizon from 2029-06-30
    List<Row> rows = List.of(
        event("e1", "2029-12-20", "agent-a", "2029-12-25"), // retain_until passed, inside the horizon
        event("e2", "2029-01-10", "agent-a", "2029-02-01"), // passed, older, held (agent-a in January)
        event("e3", "2029-01-10", "agent-b", "2029-02-01"), // passed, older, not held: purgeable
        event("e4", "2029-01-10", "agent-b", "2031-01-01"), // retained until later
        event("e5", "2029-01-10", "agent-b", null));        // no retention date
    lake.append(t, lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(t)).coalesce(1));
    Hold hold = holds.set(t.name(), LocalDate.parse("2029-01-01"), LocalDate.parse("2029-01-31"), "agent-a", "matter M-3",
        "person-1");
    try {
      MaintainJob.Retention r = new MaintainJob(lake, options(now, t)).run().table(t.name()).retention();
      assertEquals(3, r.pastRetainUntil());
      assertEquals(1, r.keptByHorizon());
      assertEquals(1, r.keptByHold());
      assertEquals(1, r.purgeable());
      assertEquals(5, lake.read(t).count(), "maintain deletes no event");
    } finally {
      holds.lift(hold.holdId(), "person-1");
    }
    assertNull(new MaintainJob(lake, options(now, Tables.POLICIES).withDryRun(true)).run().table("policies").retention());
  }

  @Test
  void aLiftFromAStaleReadFailsAndLosesNoHold() {
    Hold a = holds.set(Tables.REVIEWS.name(), null, null, null, "matter M-4", "person-1");
    long read = lake.currentSnapshotId(Tables.LEGAL_HOLDS);
    Hold b = holds.set(Tables.REVIEWS.name(), null, null, null, "matter M-5", "person-1");
    IllegalStateException stale = assertThrows(IllegalStateException.class,
        () -> holds.liftAt(read, a.holdId(), "person-2", Instant.now()));
    assertTrue(stale.getMessage().contains("legal_holds changed since snapshot " + read), stale.getMessage());
    List<String> active = holds.activeOn(Tables.REVIEWS.name()).stream().map(Hold::holdId).toList();
    assertTrue(active.contains(a.holdId()) && active.contains(b.holdId()), "the hold set meanwhile survives: " + active);

    holds.lift(a.holdId(), "person-2");
    holds.lift(b.holdId(), "person-3");
    assertTrue(holds.activeOn(Tables.REVIEWS.name()).isEmpty());
    Hold listed = holds.list(true).stream().filter(h -> h.holdId().equals(b.holdId())).findFirst().orElseThrow();
    assertEquals("person-3", listed.liftedBy(), "a lifted hold stays listed with who lifted it");
    assertEquals("matter M-5", listed.reason());
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> holds.lift(a.holdId(), "person-2"));
    assertTrue(twice.getMessage().contains("it was lifted at"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> holds.lift("hold-nope", "person-2"));
    assertThrows(IllegalArgumentException.class, () -> holds.set("no_such_table", null, null, null, "M", "p"));
    assertThrows(IllegalArgumentException.class,
        () -> holds.set("*", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-01-01"), null, "M", "p"));
  }

  @Test
  void optionsRefuseAHorizonShorterThanSixMonths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.defaults().withHorizonDays(90));
    assertTrue(e.getMessage().contains("at least 184"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Options.defaults().withOrphanOlderThan(Duration.ofHours(2)));
  }

  /** An event with the required columns filled and the given retention date. */
  static Row event(String id, String day, String agent, String retainUntil) {
    LocalDate date = LocalDate.parse(day);
    Instant time = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("event_id", id);
    v.put("event_date", date);
    v.put("event_time", time);
    v.put("schema_version", "1.0");
    v.put("agent_id", agent);
    v.put("credential.id", "cred-1");
    v.put("credential.kind", "oauth");
    v.put("trace.trace_id", "0".repeat(32));
    v.put("trace.span_id", "0".repeat(16));
    v.put("action.type", "read");
    v.put("action.target_system", "crm");
    v.put("data_sensitivity", "internal");
    v.put("reversible", true);
    v.put("policy.checked", true);
    v.put("policy.decision", "allow");
    v.put("outcome.status", "success");
    v.put("retention.class", retainUntil == null ? null : "standard");
    v.put("retention.retain_until", retainUntil == null ? null : LocalDate.parse(retainUntil));
    v.put("event_hash", "h-" + id);
    v.put("source_format", "jsonl");
    v.put("source_file", "f");
    v.put("source_line", 1L);
    v.put("landing_date", date);
    v.put("ingest_run_id", "run");
    v.put("ingested_at", time);
    return row(Lakehouse.sparkSchema(Tables.EVENTS), "", v);
  }

  /** A row of a schema from dotted paths; structs with no value given are null. */
  static Row row(StructType schema, String prefix, Map<String, Object> values) {
    Object[] out = new Object[schema.fields().length];
    for (int i = 0; i < out.length; i++) {
      StructField f = schema.fields()[i];
      String path = prefix + f.name();
      if (f.dataType() instanceof StructType nested) {
        boolean any = values.keySet().stream().anyMatch(k -> k.startsWith(path + "."));
        out[i] = any ? row(nested, path + ".", values) : null;
      } else {
        out[i] = values.get(path);
      }
    }
    return RowFactory.create(out);
  }
}

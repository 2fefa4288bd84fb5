package io.agentgov.jobs.runtime;

import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.CommitMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes what an ingest committed before it died without recording its run (docs/reliability.md).
 *
 * <p>An ingest commits table by table (Iceberg has no multi-table transaction) and records its
 * {@code ingest_runs} row last: that row is the run's commit mark. Every snapshot an ingest commits
 * carries its run id in the snapshot summary ({@link #tagged}). Under the {@link WriterLock} no
 * other writer touches these tables, so the commits of a run that has no row are exactly the newest
 * snapshots of each table that carry an unrecorded run id; they are rolled back (a metadata-only
 * change, exact for appends and MERGEs alike), and the re-run then finds the files new again and
 * stores every record once, with the counts a run that never crashed would have.
 */
public final class UnfinishedRuns {
  private static final Logger LOG = LoggerFactory.getLogger(UnfinishedRuns.class);
  /** Snapshot summary key naming the run that committed the snapshot. */
  public static final String RUN_ID = "agentgov.run-id";
  /** The tables an ingest writes, besides its run row. */
  static final List<TableDefinition> INGEST_WRITES = List.of(Tables.QUARANTINE, Tables.EVENTS, Tables.EVENT_DAY_DIGESTS,
      Tables.AGENTS, Tables.PEOPLE, Tables.REVIEWS, Tables.POLICIES, Tables.DQ_METRICS);

  /** The snapshots of one table rolled back, newest first, and the run ids that committed them. */
  public record RolledBack(String table, List<Long> snapshotIds, Set<String> runIds, Long restoredSnapshotId) {}

  private UnfinishedRuns() {}

  /** Runs a body whose every Iceberg commit (appends, MERGEs) carries the run id. */
  public static <T> T tagged(String runId, Callable<T> body) {
    return CommitMetadata.withCommitProperties(Map.of(RUN_ID, runId), body, RuntimeException.class);
  }

  /** Rolls back the newest snapshots of every ingest table that carry a run id ingest_runs does not record. */
  static List<RolledBack> rollBack(Lakehouse lake) {
    // ingest_runs is asked only about the run ids met on the tables' newest snapshots, each once
    // (usually one id: the last run's), instead of being read whole: it grows by a row a run.
    Map<String, Boolean> recorded = new java.util.HashMap<>();
    java.util.function.Predicate<String> isRecorded = runId -> recorded.computeIfAbsent(runId,
        id -> !lake.read(Tables.INGEST_RUNS).where(org.apache.spark.sql.functions.col("run_id").equalTo(id)).isEmpty());
    List<RolledBack> undone = new ArrayList<>();
    for (TableDefinition definition : INGEST_WRITES) {
      Table table = lake.table(definition);
      table.refresh();
      List<Long> ids = new ArrayList<>();
      Set<String> runs = new java.util.TreeSet<>();
      Snapshot keep = table.currentSnapshot();
      while (keep != null && keep.summary().containsKey(RUN_ID) && !isRecorded.test(keep.summary().get(RUN_ID))) {
        ids.add(keep.snapshotId());
        runs.add(keep.summary().get(RUN_ID));
        keep = keep.parentId() == null ? null : table.snapshot(keep.parentId());
      }
      if (ids.isEmpty()) {
        continue;
      }
      if (keep != null) {
        table.manageSnapshots().rollbackTo(keep.snapshotId()).commit();
      } else {
        // The dead run made the table's first snapshot: there is no earlier one to go back to.
        table.newDelete().deleteFromRowFilter(Expressions.alwaysTrue()).commit();
      }
      RolledBack r = new RolledBack(definition.name(), List.copyOf(ids), Set.copyOf(runs),
          keep == null ? null : keep.snapshotId());
      LOG.warn("rolled back {} snapshot(s) {} of {} committed by unfinished run(s) {}", ids.size(), ids, definition.name(), runs);
      undone.add(r);
    }
    return undone;
  }
}

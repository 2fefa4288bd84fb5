package io.agentgov.jobs.compliance;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every table the report reads, at the snapshot that was current at the as-of instant (Iceberg time
 * travel), never the current state; a table without a snapshot then reads as empty. Remembers what
 * it read, for the manifest.
 */
final class TablesAsOf {

  private final Lakehouse lake;
  private final Instant asOf;
  private final Map<TableDefinition, Snapshot> resolved = new LinkedHashMap<>();

  TablesAsOf(Lakehouse lake, Instant asOf) {
    this.lake = lake;
    this.asOf = asOf;
  }

  /** The table's rows at its snapshot as of the instant; empty (with the table's schema) when it had none. */
  Dataset<Row> read(TableDefinition table) {
    Snapshot s = snapshot(table);
    return s == null ? lake.spark().createDataFrame(List.of(), Lakehouse.sparkSchema(table))
        : lake.readAt(table, s.snapshotId());
  }

  /** The snapshot current at the as-of instant, or null; resolved once per table. */
  Snapshot snapshot(TableDefinition table) {
    if (!resolved.containsKey(table)) {
      Table t = lake.table(table);
      t.refresh(); // the catalog may cache table objects: see commits made since it loaded this one
      Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(t, asOf.toEpochMilli());
      Snapshot s = id == null ? null : t.snapshot(id);
      if (id != null && s == null) { // the log keeps ids of snapshots expire_snapshots removed
        throw new IllegalStateException("Cannot read " + lake.name(table) + " as of " + asOf + ": snapshot " + id
            + " that was current then has been expired");
      }
      resolved.put(table, s);
    }
    return resolved.get(table);
  }

  /** The tables read so far, in the order first read, with their row counts at the snapshot. */
  List<Manifest.TableRead> reads() {
    List<Manifest.TableRead> out = new ArrayList<>();
    resolved.forEach((table, s) -> out.add(s == null ? new Manifest.TableRead(lake.name(table), null, null, 0)
        : new Manifest.TableRead(lake.name(table), s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()),
            lake.readAt(table, s.snapshotId()).count())));
    return out;
  }
}

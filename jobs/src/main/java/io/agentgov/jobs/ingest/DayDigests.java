package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@code event_day_digests} rows ({@link Merkle}) for event days from the events table as
 * of a snapshot. Each (day, bucket) tree is built by one task over the bucket's sorted hashes; only
 * 256 roots per day reach the driver. The integrity check of the compliance report uses
 * {@link #roots} the same way on the rows as they are then, against {@link #latest}.
 *
 * <p>A new digest extends a day's record only if the day's rows before the append still match its
 * latest digest (docs/tables.md, "Tamper evidence"): a day whose rows were changed, deleted or
 * forged outside ingest keeps its old digest, so a later append of late events cannot launder the
 * change into a fresh digest computed from the tampered rows.
 */
public final class DayDigests {
  private static final Logger LOG = LoggerFactory.getLogger(DayDigests.class);
  private static final StructType DIGEST = SparkSchemaUtil.convert(Tables.EVENT_DAY_DIGESTS.schema());

  private DayDigests() {}

  /** A day's digest: row count and Merkle root. */
  public record Digest(LocalDate day, long rows, String root) {}

  /**
   * The digest stored last for a day: the latest {@code computed_at}, then the latest events snapshot.
   *
   * @param eventsSnapshotId the events snapshot it was computed from
   */
  public record Stored(LocalDate day, long rows, String root, String algorithm, long eventsSnapshotId, Instant computedAt) {
    /** Whether {@code now} (computed by this build, null for a day without rows) is this digest. */
    public boolean matches(Digest now) {
      return now != null && Merkle.ALGORITHM.equals(algorithm) && rows == now.rows() && root.equals(now.root());
    }
  }

  /** Per event day among {@code digests} (rows of {@code event_day_digests}), the one stored last. */
  public static Map<LocalDate, Stored> latest(Dataset<Row> digests) {
    Dataset<Row> ranked = digests.withColumn("rank", org.apache.spark.sql.functions.row_number().over(
        org.apache.spark.sql.expressions.Window.partitionBy("event_date")
            .orderBy(col("computed_at").desc(), col("events_snapshot_id").desc())));
    Map<LocalDate, Stored> latest = new TreeMap<>();
    // dates and times travel as text and micros: the session's java8API setting then does not matter
    for (Row r : ranked.where(col("rank").equalTo(1)).select(col("event_date").cast("string"), col("row_count"),
        col("merkle_root"), col("algorithm"), col("events_snapshot_id"),
        org.apache.spark.sql.functions.unix_micros(col("computed_at"))).collectAsList()) {
      LocalDate day = LocalDate.parse(r.getString(0));
      long micros = r.getLong(5);
      latest.put(day, new Stored(day, r.getLong(1), r.getString(2), r.getString(3), r.getLong(4),
          Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)));
    }
    return latest;
  }

  /**
   * New digest rows for the event days an ingest appended to, as of its events snapshot. A day that
   * already has a digest gets a new one only if its rows at the snapshot before the run
   * ({@code beforeSnapshotId}) still match that digest; otherwise it is left out and logged, and its
   * old digest stands.
   */
  static Dataset<Row> compute(Lakehouse lake, List<LocalDate> days, long snapshotId, Long beforeSnapshotId, String runId,
                              Instant at) {
    Map<LocalDate, Stored> stored = latest(lake.read(Tables.EVENT_DAY_DIGESTS).where(col("event_date").isin(days.toArray())));
    List<LocalDate> extended = new ArrayList<>(days);
    if (!stored.isEmpty()) {
      Map<LocalDate, Digest> before = beforeSnapshotId == null ? Map.of()
          : roots(lake.readAt(Tables.EVENTS, beforeSnapshotId), new ArrayList<>(stored.keySet()));
      stored.forEach((day, digest) -> {
        if (!digest.matches(before.get(day))) {
          extended.remove(day);
          LOG.warn("event day {}: its rows changed outside ingest since its digest of {} (events snapshot {});"
              + " no new digest is written, so the integrity check keeps naming the day (docs/tables.md, Tamper evidence)",
              day, digest.computedAt(), digest.eventsSnapshotId());
        }
      });
    }
    Dataset<Row> events = lake.readAt(Tables.EVENTS, snapshotId);
    List<Row> rows = new ArrayList<>();
    for (Digest digest : (extended.isEmpty() ? Map.<LocalDate, Digest>of() : roots(events, extended)).values()) {
      rows.add(RowMaker.of(DIGEST).set("event_date", digest.day()).set("row_count", digest.rows())
          .set("merkle_root", digest.root()).set("algorithm", Merkle.ALGORITHM).set("events_snapshot_id", snapshotId)
          .set("run_id", runId).set("computed_at", at).build());
    }
    return lake.spark().createDataFrame(rows, DIGEST);
  }

  /** Digests of {@code days} over the given event rows (a table read at some snapshot). */
  public static Map<LocalDate, Digest> roots(Dataset<Row> events, List<LocalDate> days) {
    // Leaves travel as 32 raw bytes, not 64 hex characters; unsigned byte order is hex order. The
    // sort is by leaf alone: its first 8 bytes are a sort prefix that almost never ties (sorting by
    // day first made every comparison a full one, 4.6 s of 7 at 5 million rows), and a partition's
    // buckets then come one after the other, each day's leaves in order within them.
    Dataset<Row> sorted = events.filter(col("event_date").isin(days.toArray()))
        .select(col("event_date"), org.apache.spark.sql.functions.unhex(col("event_hash")).as("leaf"))
        .repartition(col("event_date"), col("leaf").substr(1, 1))
        .sortWithinPartitions("leaf");
    // Spark's internal rows, not Rows: converting millions of leaves to Rows costs more than hashing them.
    List<BucketRoot> bucketRoots = sorted.queryExecution().toRdd().toJavaRDD().mapPartitions(DayDigests::bucketRoots)
        .collect();
    Map<LocalDate, byte[][]> perDay = new TreeMap<>();
    Map<LocalDate, Long> counts = new TreeMap<>();
    for (BucketRoot r : bucketRoots) {
      LocalDate day = LocalDate.ofEpochDay(r.epochDay());
      perDay.computeIfAbsent(day, d -> new byte[Merkle.BUCKETS][])[r.bucket()] = r.root();
      counts.merge(day, r.rows(), Long::sum);
    }
    Map<LocalDate, Digest> digests = new TreeMap<>();
    perDay.forEach((day, roots) -> digests.put(day, new Digest(day, counts.get(day), Merkle.dayRoot(roots))));
    return digests;
  }

  /** The Merkle root of one day's bucket and how many leaves it has. */
  private record BucketRoot(int epochDay, int bucket, long rows, byte[] root) implements java.io.Serializable {}

  /** The root of every (day, bucket) in a partition sorted by leaf: a bucket's leaves arrive together. */
  private static Iterator<BucketRoot> bucketRoots(Iterator<InternalRow> sorted) {
    List<BucketRoot> out = new ArrayList<>();
    int bucket = -1;
    Map<Integer, List<byte[]>> leavesPerDay = new TreeMap<>();
    while (sorted.hasNext()) {
      InternalRow r = sorted.next();
      byte[] leaf = r.getBinary(1);
      int b = leaf[0] & 0xff;
      if (b != bucket) {
        addRoots(out, bucket, leavesPerDay);
        bucket = b;
      }
      leavesPerDay.computeIfAbsent(r.getInt(0), d -> new ArrayList<>()).add(leaf);
    }
    addRoots(out, bucket, leavesPerDay);
    return out.iterator();
  }

  private static void addRoots(List<BucketRoot> out, int bucket, Map<Integer, List<byte[]>> leavesPerDay) {
    leavesPerDay.forEach((day, leaves) -> out.add(new BucketRoot(day, bucket, leaves.size(), Merkle.root(leaves))));
    leavesPerDay.clear();
  }
}

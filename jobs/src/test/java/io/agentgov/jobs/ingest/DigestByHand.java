package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * A day's Merkle root built on the driver from the rule as docs/tables.md states it (leaves are the
 * day's event hashes, bucketed by first byte, sorted within a bucket), without Spark's partitions
 * and sorts: what {@link DayDigests#roots} must agree with.
 */
final class DigestByHand {
  private DigestByHand() {}

  static String root(Lakehouse lake, LocalDate day) {
    Map<Integer, List<String>> buckets = new TreeMap<>();
    for (Row r : lake.read(Tables.EVENTS).filter(col("event_date").equalTo(day)).select("event_hash").collectAsList()) {
      buckets.computeIfAbsent(Merkle.bucket(r.getString(0)), b -> new ArrayList<>()).add(r.getString(0));
    }
    byte[][] bucketRoots = new byte[Merkle.BUCKETS][];
    buckets.forEach((bucket, hashes) -> bucketRoots[bucket] = Merkle.root(hashes.stream().sorted()
        .map(HexFormat.of()::parseHex).toList()));
    return Merkle.dayRoot(bucketRoots);
  }
}

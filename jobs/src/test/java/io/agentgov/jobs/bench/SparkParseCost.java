package io.agentgov.jobs.bench;

import io.agentgov.jobs.ingest.EventFileReaderAccess;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/** Where ingest's parse stage spends time inside Spark. Run by hand: java SparkParseCost LANDING DAY */
public final class SparkParseCost {
  public static void main(String[] args) {
    try (Lakehouse lake = Lakehouse.open(RuntimeOptions.local("/tmp/sparkparsecost-wh"))) {
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        Dataset<Row> staged = EventFileReaderAccess.staged(lake, args[0], args[1]);
        long n = staged.count();
        long t1 = System.nanoTime();
        staged = EventFileReaderAccess.staged(lake, args[0], args[1]);
        long m = staged.selectExpr("count(event.event_id)").first().getLong(0);
        long t2 = System.nanoTime();
        Dataset<Row> cached = EventFileReaderAccess.staged(lake, args[0], args[1]).persist(StorageLevel.MEMORY_AND_DISK());
        cached.count();
        long t3 = System.nanoTime();
        cached.groupBy("kind").count().collectAsList();
        long t4 = System.nanoTime();
        cached.unpersist();
        System.out.printf("count %d: %.1f s; touch a column %d: %.1f s; cache: %.1f s; agg on cache %.1f s%n",
            n, (t1 - t0) / 1e9, m, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
      }
    }
  }
}

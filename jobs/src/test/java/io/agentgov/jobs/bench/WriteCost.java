package io.agentgov.jobs.bench;

import io.agentgov.jobs.ingest.EventFileReaderAccess;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.lakehouse.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/** What the events table's sort order costs at write. Run by hand: java WriteCost LANDING DAY */
public final class WriteCost {
  public static void main(String[] args) throws Exception {
    try (Lakehouse lake = Lakehouse.open(RuntimeOptions.local("/tmp/writecost-wh"))) {
      lake.tables();
      Dataset<Row> events = EventFileReaderAccess.staged(lake, args[0], args[1]).filter("kind = 'event'").select("event.*")
          .persist(StorageLevel.MEMORY_AND_DISK());
      System.out.println("rows " + events.count());
      lake.spark().sql("CREATE TABLE IF NOT EXISTS agentgov.lake.unsorted USING iceberg PARTITIONED BY (event_date) "
          + "TBLPROPERTIES ('write.parquet.compression-codec'='zstd','write.parquet.compression-level'='1',"
          + "'write.distribution-mode'='none') AS SELECT * FROM agentgov.lake.events WHERE false");
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        lake.append(Tables.EVENTS, events);
        long t1 = System.nanoTime();
        events.writeTo("agentgov.lake.unsorted").option("check-nullability", "false").append();
        long t2 = System.nanoTime();
        System.out.printf("sorted write %.1f s, unsorted write %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      }
    }
  }
}

package io.agentgov.jobs.ingest;

/** Test access to the ingest's JSON parser. */
public final class EventFileReaderAccess {
  private EventFileReaderAccess() {}

  public static com.fasterxml.jackson.databind.JsonNode parse(byte[] line) throws Exception {
    return EventFileReader.parse(line, line.length);
  }

  /** The staged records of a landing day's event files, as ingest builds them (not cached). */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> staged(io.agentgov.jobs.runtime.Lakehouse lake,
      String landing, String day) {
    java.time.LocalDate d = java.time.LocalDate.parse(day);
    var conf = lake.spark().sparkContext().hadoopConfiguration();
    var files = new LandingScanner(landing, conf).scan(d).stream().filter(f -> f.kind().equals("events")).toList();
    EventFileReader reader = new EventFileReader("r", d, java.time.Instant.now(), 1 << 20,
        new org.apache.iceberg.hadoop.SerializableConfiguration(conf));
    var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(lake.spark().sparkContext());
    return lake.spark().internalCreateDataFrame(jsc.parallelize(files, files.size()).flatMap(reader::read).rdd(),
        StagedRecords.SCHEMA, false);
  }
}

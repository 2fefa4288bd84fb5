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
    return lake.spark().createDataFrame(jsc.parallelize(files, files.size()).flatMap(reader::read), StagedRecords.SCHEMA);
  }

  /** The same through Dataset.mapPartitions with the code-generated row encoder. */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> stagedEncoded(io.agentgov.jobs.runtime.Lakehouse lake,
      String landing, String day) {
    java.time.LocalDate d = java.time.LocalDate.parse(day);
    var conf = lake.spark().sparkContext().hadoopConfiguration();
    var files = new LandingScanner(landing, conf).scan(d).stream().filter(f -> f.kind().equals("events")).toList();
    EventFileReader reader = new EventFileReader("r", d, java.time.Instant.now(), 1 << 20,
        new org.apache.iceberg.hadoop.SerializableConfiguration(conf));
    return lake.spark().createDataset(files, org.apache.spark.sql.Encoders.javaSerialization(LandingFile.class))
        .repartition(files.size())
        .mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<LandingFile, org.apache.spark.sql.Row>) it -> {
          java.util.List<java.util.Iterator<org.apache.spark.sql.Row>> parts = new java.util.ArrayList<>();
          it.forEachRemaining(f -> parts.add(reader.read(f)));
          return parts.stream().flatMap(p -> { Iterable<org.apache.spark.sql.Row> i = () -> p; return java.util.stream.StreamSupport.stream(i.spliterator(), false); }).iterator();
        }, org.apache.spark.sql.Encoders.row(StagedRecords.SCHEMA));
  }
}

package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What earlier runs ingested, from {@code ingest_runs}: the skip rule and the ordering guard of the
 * SCD2 snapshots. Content files (events, otel, reviews) are skipped when a file with the same
 * sha256 was ingested under any name, since a re-delivery under a new name is common; daily
 * snapshots (registry, people) and policies only when the same path had the same sha256, because
 * a snapshot identical to an older one can still be news (an agent back as it was).
 */
final class IngestedFiles {
  private static final Set<String> CONTENT_KINDS = Set.of("events", "otel", "reviews");
  private static final StructType RUN = SparkSchemaUtil.convert(Tables.INGEST_RUNS.schema());
  private static final StructType FILE = RowMaker.struct(RUN, "files");

  private final Set<String> contentHashes = new HashSet<>();
  private final Set<String> pathHashes = new HashSet<>();
  private final Map<String, LocalDate> latestSnapshotDay = new HashMap<>();

  /**
   * What earlier runs say about {@code found}: only files with one of their hashes reach the driver
   * (the run history grows every day; the landing day's files do not), plus one latest day per kind.
   */
  static IngestedFiles load(Lakehouse lake, List<LandingFile> found) {
    IngestedFiles ingested = new IngestedFiles();
    Dataset<Row> files = lake.read(Tables.INGEST_RUNS).select(col("landing_date"), explode(col("files")).as("f"))
        .filter(col("f.skipped").equalTo(false)).select(col("landing_date"), col("f.kind"), col("f.path"), col("f.sha256"));
    Object[] hashes = found.stream().map(LandingFile::sha256).distinct().toArray();
    // One scan of the run history answers both questions: collect_list drops the nulls of the files
    // whose hash is not among today's.
    Column sameHash = hashes.length == 0 ? lit(false) : col("sha256").isin(hashes);
    for (Row kind : files.groupBy("kind").agg(max("landing_date"),
        collect_list(when(sameHash, struct(col("path"), col("sha256"))))).collectAsList()) {
      ingested.latestSnapshotDay.put(kind.getString(0), kind.getAs(1));
      for (Row f : kind.<Row>getList(2)) {
        ingested.contentHashes.add(kind.getString(0) + "/" + f.getString(1));
        ingested.pathHashes.add(f.getString(0) + "/" + f.getString(1));
      }
    }
    return ingested;
  }

  boolean contains(LandingFile file) {
    return CONTENT_KINDS.contains(file.kind()) ? contentHashes.contains(file.kind() + "/" + file.sha256())
        : pathHashes.contains(file.relative() + "/" + file.sha256());
  }

  /** The latest landing day whose file of this kind was loaded, or null. */
  LocalDate latestSnapshotDay(String kind) {
    return latestSnapshotDay.get(kind);
  }

  static Dataset<Row> runRow(Lakehouse lake, IngestResult result, List<LandingFile> files, IngestedFiles previous,
                             Map<String, Long> recordsPerFile, Instant started, String configHash) {
    Object[] fileRows = files.stream().map(f -> RowMaker.of(FILE).set("path", f.relative()).set("kind", f.kind())
        .set("sha256", f.sha256()).set("size_bytes", f.size()).set("skipped", previous.contains(f))
        .set("records", recordsPerFile.get(f.relative())).build()).toArray();
    Row row = RowMaker.of(RUN)
        .set("run_id", result.runId())
        .set("landing_date", result.landingDate())
        .set("started_at", started)
        .set("finished_at", Instant.now())
        .set("status", result.status())
        .set("files", fileRows)
        .set("records_read", result.recordsRead())
        .set("events_stored", result.eventsStored())
        .set("duplicates", result.duplicates())
        .set("quarantined", result.quarantined())
        .set("quarantined_by_reason", RowMaker.map(result.quarantinedByReason()))
        .set("secrets_redacted", RowMaker.map(result.secretsRedacted()))
        .set("otel_spans_not_events", result.otelSpansNotEvents())
        .set("late_events", result.lateEvents())
        .set("event_days", result.eventDays().toArray())
        .set("reference_counts", RowMaker.map(result.referenceCounts()))
        .set("snapshot_ids", RowMaker.map(result.snapshotIds()))
        .set("software_version", SoftwareVersion.get())
        .set("config_hash", configHash)
        .build();
    return lake.spark().createDataFrame(List.of(row), RUN);
  }
}

package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.agentgov.contract.ReasonCode;
import io.agentgov.jobs.quality.DataQuality;
import io.agentgov.jobs.runtime.CrashPoints;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.UnfinishedRuns;
import io.agentgov.jobs.runtime.WriterLock;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.hadoop.SerializableConfiguration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one landing day into the lakehouse: events and OTel spans are validated against input
 * contract v1, deduplicated against the batch and the stored event days, checked with Deequ, and
 * appended; every bad record is quarantined with a reason; the touched event days get a new
 * Merkle digest; registry, people, reviews and policies are loaded; one {@code ingest_runs} row
 * records files, counts and snapshot ids. Idempotent: a file already ingested (same sha256) is
 * skipped, and a re-delivered event is a duplicate, never a second row.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final String STORE = "store";
  private static final String DUPLICATE = "duplicate";
  private static final String CONFLICT_IN_BATCH = "conflict_in_batch";
  private static final String CONFLICT_WITH_STORED = "conflict_with_stored";
  /** Up to this many repeated or already-stored ids are broadcast to every task instead of shuffled. */
  private static final long BROADCAST_PROBLEM_IDS = 2_000_000;

  /**
   * @param landing           landing root (any Hadoop URI)
   * @param date              landing day to ingest
   * @param maxLineBytes      longer lines are quarantined as line_too_long
   * @param dedupHorizonDays  besides the event days a batch touches, stored days within this many
   *                          days of them are searched for an event_id (finds conflicting copies
   *                          whose event_time moved them to another day); 0 searches only the
   *                          touched days, which always catches exact duplicates
   */
  public record Options(String landing, LocalDate date, int maxLineBytes, int dedupHorizonDays) {
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public Options {
      if (maxLineBytes < 1024) {
        throw new IllegalArgumentException("Cannot ingest with max line bytes " + maxLineBytes + ": use at least 1024");
      }
      if (dedupHorizonDays < 0) {
        throw new IllegalArgumentException("Cannot ingest with a negative dedup horizon: " + dedupHorizonDays);
      }
    }

    public static Options of(String landing, LocalDate date) {
      return new Options(landing, date, DEFAULT_MAX_LINE_BYTES, 0);
    }

    String hash() {
      return EventDigest.sha256("ingest/v1 max-line-bytes=" + maxLineBytes + " dedup-horizon-days=" + dedupHorizonDays);
    }
  }

  private final Lakehouse lake;
  private final Options options;
  /** Seconds per step of the current run, in order: the result carries them for benchmarks. */
  private final Map<String, Double> steps = new java.util.LinkedHashMap<>();
  private long stepStart;

  private void step(String name) {
    long now = System.nanoTime();
    if (stepStart != 0 && name != null) {
      steps.put(name, Math.round((now - stepStart) / 1e7) / 100.0);
      CrashPoints.reached("ingest." + name);
    }
    stepStart = now;
  }

  public IngestJob(Lakehouse lake, Options options) {
    this.lake = lake;
    this.options = options;
  }

  /**
   * Ingests the day under the writer lock (a second ingest waits; a run that died half-way is rolled
   * back first), with every commit tagged by the run id (docs/reliability.md).
   */
  public IngestResult run() {
    String runId = "ingest-" + options.date() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Configuration hadoop = lake.spark().sparkContext().hadoopConfiguration();
    // Configuration first: a missing day or a bad policy fails the run before any table is created or written.
    List<LandingFile> found = new LandingScanner(options.landing(), hadoop).scan(options.date());
    PolicyFiles.check(lake, found, hadoop);
    lake.tables();
    try (WriterLock lock = WriterLock.acquire(lake, runId, "ingest " + options.date())) {
      return UnfinishedRuns.tagged(runId, () -> ingest(runId, found, hadoop));
    }
  }

  private IngestResult ingest(String runId, List<LandingFile> found, Configuration hadoop) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
    step(null);
    lake.describe(runId, "agentgov ingest " + options.date());
    List<LandingFile> hashed = hashAll(found, hadoop);
    IngestedFiles previous = IngestedFiles.load(lake, hashed);
    List<LandingFile> fresh = hashed.stream().filter(f -> !previous.contains(f)).toList();
    step("scan_and_hash");
    LOG.info("{}: {} files in landing, {} new", options.date(), hashed.size(), fresh.size());

    Map<String, Long> snapshots = new TreeMap<>();
    List<Row> fileQuarantine = new ArrayList<>();
    QuarantineRows.Places places = new QuarantineRows.Places(runId, options.date(), started);
    for (LandingFile file : fresh) {
      if (file.kind().equals("unsupported")) {
        fileQuarantine.add(QuarantineRows.file(places.file("unsupported", file.relative()), ReasonCode.UNSUPPORTED_FILE,
            "no contract section describes this file (expected *.jsonl[.gz] for events and reviews, *.json[.gz]"
                + " for otel, *.yaml for policies)"));
      }
    }

    EventBatch batch = readEvents(fresh.stream().filter(f -> f.kind().equals("events") || f.kind().equals("otel")).toList(),
        runId, started, hadoop);
    step("classify");
    try {
      Dataset<Row> quarantine = batch.quarantined.unionByName(batch.conflicts);
      if (!fileQuarantine.isEmpty()) {
        quarantine = quarantine.unionByName(lake.spark().createDataFrame(fileQuarantine, QuarantineRows.QUARANTINE));
      }
      // An empty batch has nothing to measure (Deequ reads completeness of no rows as a failure).
      DataQuality.Result quality = batch.stored == 0 ? new DataQuality.Result(true, List.of())
          : DataQuality.verify(lake.spark(), batch.toStore, "events_batch", EventQuality.RULES);
      if (!quality.passed()) {
        throw new IllegalStateException("Cannot append events of " + options.date() + ": Deequ constraints failed "
            + quality.failures().stream().map(DataQuality.Measurement::constraint).toList()
            + " (the validator let a bad record through: report it as a bug)");
      }
      step("deequ");
      append(Tables.QUARANTINE, quarantine, snapshots);
      step("append_quarantine");
      if (batch.stored > 0) {
        append(Tables.EVENTS, batch.toStore, snapshots);
        step("append_events");
        append(Tables.EVENT_DAY_DIGESTS, DayDigests.compute(lake, batch.eventDays, snapshots.get("events"), runId, started),
            snapshots);
        step("day_digests");
      }
      ReferenceLoader.Counts reference = new ReferenceLoader(lake, options.date(), runId, started, places)
          .load(fresh, previous, snapshots);
      step("reference_data");
      append(Tables.DQ_METRICS, EventQuality.rows(lake, quality, runId, options.date(), started), snapshots);
      step("append_dq_metrics");

      long quarantined = batch.quarantinedCount + batch.conflictCount;
      Map<String, Long> byReason = new TreeMap<>(batch.quarantinedByReason);
      if (batch.conflictCount > 0) {
        byReason.merge(ReasonCode.CONFLICTING_DUPLICATE.code(), batch.conflictCount, Long::sum);
      }
      Map<String, Long> referenceCounts = new TreeMap<>(reference.asMap());
      referenceCounts.put("unsupported_files", (long) fileQuarantine.size());
      Map<String, Long> secretsRedacted = new TreeMap<>(batch.secretsRedacted);
      reference.redacted().byKind().forEach((kind, n) -> secretsRedacted.merge(kind, n, Long::sum));
      if (!secretsRedacted.isEmpty()) { // kinds and counts only: what was redacted is never logged
        LOG.warn("{}: secrets redacted from producer text before storing it, by kind: {}", options.date(), secretsRedacted);
      }
      IngestResult result = new IngestResult(runId, options.date(), fresh.isEmpty() ? "nothing_new" : "succeeded",
          hashed.size(), hashed.size() - fresh.size(), batch.recordsRead, batch.stored, batch.duplicates, quarantined,
          byReason, secretsRedacted, batch.notEvents, batch.late, batch.eventDays, referenceCounts, snapshots,
          quality.passed(), Duration.between(started, Instant.now()), steps);
      if (!result.reconciles()) {
        throw new IllegalStateException("Cannot record ingest of " + options.date() + ": counts do not reconcile: "
            + result.summary());
      }
      append(Tables.INGEST_RUNS, IngestedFiles.runRow(lake, result, hashed, previous, batch.recordsPerFile, started,
          options.hash()), snapshots);
      step("record_run");
      LOG.info("{} step seconds {}", options.date(), steps);
      return result;
    } finally {
      batch.release();
    }
  }

  /**
   * The checks of an ingest's configuration that need no Spark session: the landing root exists,
   * something landed for every day, and the landing's policy files parse and agree with each other.
   * A command runs them for all its days before it starts, so a backfill with a bad day or policy
   * fails before anything is written; {@link #run} checks its day again, with the stored policies.
   */
  public static void checkLanding(String landing, List<LocalDate> days, Configuration conf) {
    LandingScanner scanner = new LandingScanner(landing, conf);
    List<LandingFile> found = List.of();
    for (LocalDate day : days) {
      found = scanner.scan(day);
    }
    PolicyFiles.parse(found, conf);
  }

  private List<LandingFile> hashAll(List<LandingFile> files, Configuration hadoop) {
    if (files.isEmpty()) {
      return files;
    }
    SerializableConfiguration conf = new SerializableConfiguration(hadoop);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lake.spark().sparkContext());
    lake.describe("hash", "agentgov ingest " + options.date() + ": sha256 of " + files.size() + " landing files");
    return jsc.parallelize(files, Math.min(files.size(), 64))
        .map(f -> f.withSha256(LandingScanner.sha256(f, conf.get()))).collect();
  }

  private void append(io.agentgov.lakehouse.TableDefinition table, Dataset<Row> rows, Map<String, Long> snapshots) {
    lake.describe("append", "agentgov ingest " + options.date() + ": append to " + table.name());
    snapshots.put(table.name(), lake.append(table, rows));
  }

  /** The events of a batch, classified; datasets read from one cached parse of the files. */
  private static final class EventBatch {
    Dataset<Row> staged;
    Dataset<Row> problems;
    Dataset<Row> toStore;
    Dataset<Row> quarantined;
    Dataset<Row> conflicts;
    long recordsRead;
    long stored;
    long duplicates;
    long quarantinedCount;
    long conflictCount;
    long notEvents;
    long late;
    Map<String, Long> quarantinedByReason = Map.of();
    Map<String, Long> secretsRedacted = Map.of();
    Map<String, Long> recordsPerFile = Map.of();
    List<LocalDate> eventDays = List.of();

    void release() {
      if (staged != null) {
        staged.unpersist();
      }
      if (problems != null) {
        problems.unpersist();
      }
    }
  }

  private EventBatch readEvents(List<LandingFile> files, String runId, Instant started, Configuration hadoop) {
    EventBatch batch = new EventBatch();
    EventFileReader reader = new EventFileReader(runId, options.date(), started, options.maxLineBytes(),
        new SerializableConfiguration(hadoop));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lake.spark().sparkContext());
    lake.describe("parse", "agentgov ingest " + options.date() + ": parse and validate " + files.size() + " files");
    JavaRDD<InternalRow> records = jsc.parallelize(files, Math.max(1, files.size())).flatMap(reader::read);
    // Rows are built in Spark's internal form and handed over as they are: the public
    // createDataFrame(RDD<Row>) would convert every nested value again, which costs more than
    // parsing the JSON (measured: jobs/src/test/.../bench/SparkParseCost).
    batch.staged = lake.spark().internalCreateDataFrame(records.rdd(), StagedRecords.SCHEMA, false)
        .persist(StorageLevel.MEMORY_AND_DISK());

    // One pass over the parse: counts per kind, per quarantine reason (or kind of secret redacted) and per file.
    Column file = when(col("kind").equalTo(StagedRecords.EVENT), col("event.source_file"))
        .otherwise(col("quarantine.source_file"));
    Column reason = when(col("kind").equalTo(StagedRecords.QUARANTINED), col("quarantine.reason_code"))
        .when(col("kind").equalTo(StagedRecords.REDACTED), col("secret_kind"));
    List<Row> tally = batch.staged.groupBy(col("kind"), file.as("file"), reason.as("reason"), col("event.event_date").as("day"))
        .count().collectAsList();
    Set<LocalDate> batchDays = new java.util.TreeSet<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> secrets = new TreeMap<>();
    Map<String, Long> perFile = new TreeMap<>();
    for (Row t : tally) {
      long n = t.getLong(4);
      if (!t.isNullAt(3)) {
        batchDays.add(t.getAs("day"));
      }
      switch (t.getString(0)) {
        case StagedRecords.EVENT -> batch.recordsRead += n;
        case StagedRecords.QUARANTINED -> {
          batch.recordsRead += n;
          batch.quarantinedCount += n;
          byReason.merge(t.getString(2), n, Long::sum);
        }
        case StagedRecords.REDACTED -> secrets.merge(t.getString(2), n, Long::sum);
        default -> batch.notEvents += n;
      }
      if (t.getString(1) != null) {
        perFile.merge(t.getString(1), n, Long::sum);
      }
    }
    step("parse_and_validate");
    batch.quarantinedByReason = byReason;
    batch.secretsRedacted = secrets;
    batch.recordsPerFile = perFile;
    // Counted above: a batch without bad records does not scan the cache for none.
    batch.quarantined = batch.quarantinedCount == 0 ? lake.spark().createDataFrame(List.of(), QuarantineRows.QUARANTINE)
        : batch.staged.filter(col("kind").equalTo(StagedRecords.QUARANTINED)).select("quarantine.*");

    Dataset<Row> events = batch.staged.filter(col("kind").equalTo(StagedRecords.EVENT)).select("event.*");
    Dataset<Row> classified = classify(events, List.copyOf(batchDays), batch);
    List<Row> outcome = classified.groupBy(col("status"), col("event_date")).count().collectAsList();
    Set<LocalDate> days = new java.util.TreeSet<>();
    for (Row o : outcome) {
      long n = o.getLong(2);
      switch (o.getString(0)) {
        case STORE -> {
          batch.stored += n;
          LocalDate day = o.getAs("event_date");
          days.add(day);
          if (day.isBefore(options.date())) {
            batch.late += n;
          }
        }
        case DUPLICATE -> batch.duplicates += n;
        default -> batch.conflictCount += n;
      }
    }
    batch.eventDays = List.copyOf(days);
    String[] columns = Arrays.stream(EventRows.EVENT.fieldNames()).toArray(String[]::new);
    batch.toStore = classified.filter(col("status").equalTo(STORE)).select(Arrays.stream(columns).map(functions::col)
        .toArray(Column[]::new));
    batch.conflicts = batch.conflictCount == 0 ? lake.spark().createDataFrame(List.of(), QuarantineRows.QUARANTINE)
        : conflictRows(classified, runId, started);
    return batch;
  }

  /**
   * Marks every event {@code store}, {@code duplicate} or a conflict. Only ids that occur more than
   * once in the batch or are already stored are joined back, so the full batch is never shuffled.
   */
  private Dataset<Row> classify(Dataset<Row> events, List<LocalDate> batchDays, EventBatch batch) {
    Dataset<Row> keys = events.select("event_id", "event_hash", "source_file", "source_line");
    // Ids seen more than once: a plain count over a 64-bit hash of the id finds candidates (a hash
    // aggregation on a fixed-width key, the cheapest to hash and shuffle); the details that need
    // string aggregates are computed for the candidates only, and a candidate whose id occurs once
    // (two ids sharing a hash) is dropped there.
    Column idHash = functions.xxhash64(col("event_id"));
    Dataset<Row> repeatedHashes = keys.groupBy(idHash.as("id_hash")).count().filter(col("count").gt(1))
        .select("id_hash");
    Dataset<Row> repeated = keys.join(repeatedHashes, idHash.equalTo(repeatedHashes.col("id_hash")), "left_semi")
        .groupBy("event_id")
        .agg(count(lit(1)).as("copies"),
            // two contents differ iff min and max differ: one aggregation, where countDistinct needs two
            functions.max("event_hash").notEqual(min("event_hash")).as("conflicting"),
            min(struct(col("source_file"), col("source_line"))).as("first"))
        .filter(col("copies").gt(1));
    Set<LocalDate> searched = new java.util.TreeSet<>();
    for (LocalDate day : batchDays) {
      for (int d = -options.dedupHorizonDays(); d <= options.dedupHorizonDays(); d++) {
        searched.add(day.plusDays(d));
      }
    }
    Dataset<Row> alreadyStored = lake.read(Tables.EVENTS)
        .filter(col("event_date").isin(searched.toArray()))
        .select(col("event_id"), col("event_hash").as("stored_hash"))
        .join(keys.select("event_id"), using("event_id"), "left_semi");
    // Small (only repeated or already-stored ids): cached, so every later use of the classified
    // batch is a broadcast join with the cached parse instead of a new scan of the stored days.
    Dataset<Row> problems = repeated.join(alreadyStored, using("event_id"), "full_outer")
        .persist(StorageLevel.MEMORY_AND_DISK());
    batch.problems = problems;
    Column isFirst = col("first").isNull()
        .or(col("first.source_file").equalTo(col("source_file")).and(col("first.source_line").equalTo(col("source_line"))));
    Column status = when(col("stored_hash").isNotNull().and(col("stored_hash").equalTo(col("event_hash"))), DUPLICATE)
        .when(col("stored_hash").isNotNull(), CONFLICT_WITH_STORED)
        .when(col("conflicting"), CONFLICT_IN_BATCH)
        .when(isFirst, STORE)
        .otherwise(DUPLICATE);
    // Broadcast when small (the usual case) so the batch itself is never shuffled for the join.
    long problemIds = problems.count();
    Dataset<Row> lookup = problemIds <= BROADCAST_PROBLEM_IDS ? functions.broadcast(problems) : problems;
    return events.join(lookup, using("event_id"), "left").withColumn("status", status);
  }

  private Dataset<Row> conflictRows(Dataset<Row> classified, String runId, Instant at) {
    Column message = functions.concat(col("source_file"), lit(":"), col("source_line").cast("string"), lit(": event_id "),
        col("event_id"),
        when(col("status").equalTo(CONFLICT_WITH_STORED),
            functions.concat(lit(" is already stored with different content (event_hash "), col("event_hash"),
                lit(" vs stored "), col("stored_hash"), lit("); the stored copy stays")))
            .otherwise(functions.concat(lit(" occurs "), col("copies").cast("string"),
                lit(" times in this landing with different content; all copies are quarantined"))),
        lit("; raw_text holds the record as parsed"));
    return classified.filter(col("status").isin(CONFLICT_WITH_STORED, CONFLICT_IN_BATCH)).select(
        lit(runId).as("run_id"),
        lit(options.date()).as("landing_date"),
        when(col("source_format").equalTo("otel"), lit("otel")).otherwise(lit("events")).as("source_kind"),
        col("source_file"),
        col("source_line").as("line_number"),
        lit(null).cast("string").as("record_ref"),
        col("event_id").as("record_key"),
        lit(ReasonCode.CONFLICTING_DUPLICATE.code()).as("reason_code"),
        lit("event_id").as("field"),
        message.as("reason_message"),
        to_json(struct(Arrays.stream(EventRows.EVENT.fieldNames()).filter(n -> !EventDigest.LINEAGE.contains(n))
            .map(functions::col).toArray(Column[]::new))).as("raw_text"),
        lit(false).as("raw_truncated"),
        lit(at).as("quarantined_at"));
  }

  private static scala.collection.Seq<String> using(String column) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(column)).toSeq();
  }
}

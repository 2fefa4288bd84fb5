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
import org.apache.spark.sql.RowFactory;
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
  /** Branches of events that ingest runs stage their events on; one left over is from a run that died. */
  public static final String BRANCH_PREFIX = "ingest_";

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
    for (String dead : lake.branches(Tables.EVENTS, BRANCH_PREFIX)) { // ingest holds the writer lock: its owner died
      LOG.warn("{}: removing branch {} of events, staged by an ingest that died before publishing it", options.date(), dead);
      lake.dropBranch(Tables.EVENTS, dead);
    }
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
    try {
      DataQuality.Result quality = audit(batch, runId, started);
      if (!quality.passed()) {
        throw new IllegalStateException("Cannot append events of " + options.date() + ": Deequ constraints failed "
            + quality.failures().stream().map(DataQuality.Measurement::constraint).toList()
            + " (the validator let a bad record through: report it as a bug)");
      }
      Dataset<Row> quarantine = batch.quarantined.unionByName(batch.conflicts);
      if (!fileQuarantine.isEmpty()) {
        quarantine = quarantine.unionByName(lake.spark().createDataFrame(fileQuarantine, QuarantineRows.QUARANTINE));
      }
      append(Tables.QUARANTINE, quarantine, snapshots);
      step("append_quarantine");
      if (batch.stored > 0) {
        publishEvents(batch, runId, snapshots);
        step("append_events");
        append(Tables.EVENT_DAY_DIGESTS, DayDigests.compute(lake, batch.eventDays, snapshots.get("events"), batch.mainBefore,
            runId, started),
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
      if (batch.branch != null && !batch.published) { // failed before publishing: readers never saw the branch
        try {
          lake.dropBranch(Tables.EVENTS, batch.branch);
        } catch (RuntimeException e) {
          LOG.warn("{}: could not remove branch {} of events; the next ingest removes it ({})", options.date(), batch.branch,
              e.toString());
        }
      }
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

  /**
   * Publishes the run's branch of {@code events}. When the batch had duplicates or conflicts, they
   * are deleted from the branch first (position deletes: the staged files are not rewritten), so
   * the one publishing commit shows readers exactly the events to store.
   */
  private void publishEvents(EventBatch batch, String runId, Map<String, Long> snapshots) {
    if (batch.duplicates + batch.conflictCount > 0) {
      lake.describe("publish", "agentgov ingest " + options.date() + ": delete duplicates and conflicts from the staged events");
      String view = "agentgov_ingest_removed_" + batch.branch;
      batch.removed.createOrReplaceTempView(view);
      String key = "event_date, source_file, source_line, event_id, event_hash";
      lake.spark().sql("DELETE FROM " + batch.branchId + " WHERE ingest_run_id = '" + runId + "' AND (" + key + ") IN (SELECT "
          + key + " FROM " + view + ")");
      lake.spark().catalog().dropTempView(view);
    }
    lake.describe("publish", "agentgov ingest " + options.date() + ": publish the staged events");
    snapshots.put(Tables.EVENTS.name(), lake.publish(Tables.EVENTS, batch.branch));
    batch.published = true;
  }

  private void append(io.agentgov.lakehouse.TableDefinition table, Dataset<Row> rows, Map<String, Long> snapshots) {
    lake.describe("append", "agentgov ingest " + options.date() + ": append to " + table.name());
    snapshots.put(table.name(), lake.append(table, rows));
  }

  /** The events of a batch, classified; datasets read from the run's branch of {@code events}. */
  private static final class EventBatch {
    /** The run's branch of events, holding every event the parse validated (duplicates too), or null. */
    String branch;
    String branchId;
    boolean published;
    /** The events snapshot before the run (null for an empty table): what the day digests extend. */
    Long mainBefore;
    /** Staged events that are not to be stored (duplicates, conflicts): their place and content. */
    Dataset<Row> removed;
    /** This run's events on its branch, and how many per event day. */
    Dataset<Row> staged;
    Map<LocalDate, Long> eventsPerDay = Map.of();
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
      if (problems != null) {
        problems.unpersist();
      }
    }
  }

  /**
   * Parses the files once, writing their events straight into a branch of {@code events} made for
   * the run (write-audit-publish: nothing is published yet) while each file's task reports the rest to the
   * driver ({@link FileReports}). Nothing is cached: what the audit reads, it reads from the staged
   * files, column by column.
   */
  private EventBatch readEvents(List<LandingFile> files, String runId, Instant started, Configuration hadoop) {
    EventBatch batch = new EventBatch();
    EventFileReader reader = new EventFileReader(runId, options.date(), started, options.maxLineBytes(),
        new SerializableConfiguration(hadoop));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(lake.spark().sparkContext());
    FileReports reports = new FileReports();
    jsc.sc().register(reports, "agentgov ingest file reports");
    long keepBytes = Long.parseLong(lake.spark().conf().get(FileReports.BUDGET_CONF, String.valueOf(FileReports.BUDGET_BYTES)))
        / Math.max(1, files.size());
    if (!files.isEmpty()) {
      lake.describe("parse", "agentgov ingest " + options.date() + ": parse, validate and stage " + files.size() + " files");
      JavaRDD<InternalRow> events = jsc.parallelize(files, files.size())
          .flatMap(f -> reports.events(f.relative(), keepBytes, reader.read(f)));
      batch.mainBefore = lake.currentSnapshotId(Tables.EVENTS);
      batch.branch = BRANCH_PREFIX + runId.replaceAll("[^A-Za-z0-9]", "_");
      batch.branchId = lake.createBranch(Tables.EVENTS, batch.branch);
      // Rows are built in Spark's internal form and handed over as they are: the public
      // createDataFrame(RDD<Row>) would convert every nested value again, which costs more than
      // parsing the JSON (measured: jobs/src/test/.../bench/SparkParseCost). They are written in
      // the file's order, grouped by event day, not sorted by agent: a task's file is one Parquet
      // row group, so that sort bought no pruning, and it cost 7-8% of the step (docs/ingest.md).
      lake.appendInArrivalOrder(batch.branchId, lake.spark().internalCreateDataFrame(events.rdd(), EventRows.EVENT, false),
          "event_date");
    }

    Map<LocalDate, Long> eventsPerDay = new TreeMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> secrets = new TreeMap<>();
    Map<String, Long> perFile = new TreeMap<>();
    List<InternalRow> kept = new ArrayList<>();
    List<LandingFile> overflowed = new ArrayList<>();
    for (LandingFile file : files) {
      FileReports.Report report = reports.value().get(file.relative());
      if (report == null) {
        throw new IllegalStateException("Cannot ingest " + options.date() + ": no report came back for " + file.relative()
            + " (report it as a bug)");
      }
      batch.recordsRead += report.records();
      batch.quarantinedCount += report.quarantined;
      batch.notEvents += report.notEvents;
      report.eventsPerDay.forEach((day, n) -> eventsPerDay.merge(day, n, Long::sum));
      report.quarantinedPerReason.forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
      report.secretsPerKind.forEach((kind, n) -> secrets.merge(kind, n, Long::sum));
      if (report.records() > 0) {
        perFile.put(file.relative(), report.records());
      }
      if (report.overflowed) {
        overflowed.add(file);
      } else {
        kept.addAll(report.quarantineRows);
      }
    }
    Set<LocalDate> batchDays = eventsPerDay.keySet();
    step("parse_and_stage");
    batch.quarantinedByReason = byReason;
    batch.secretsRedacted = secrets;
    batch.recordsPerFile = perFile;
    // A file with more rejected records than its share of the budget is read again for them alone.
    batch.quarantined = lake.spark().internalCreateDataFrame(jsc.parallelize(kept, 1).rdd(), QuarantineRows.QUARANTINE, false);
    if (!overflowed.isEmpty()) {
      LOG.info("{}: {} files with many rejected records are read again for them", options.date(), overflowed.size());
      batch.quarantined = batch.quarantined.unionByName(lake.spark().internalCreateDataFrame(
          jsc.parallelize(overflowed, overflowed.size()).flatMap(f -> FileReports.quarantineRows(reader.read(f))).rdd(),
          QuarantineRows.QUARANTINE, false));
    }

    batch.eventsPerDay = eventsPerDay;
    batch.conflicts = lake.spark().createDataFrame(List.of(), QuarantineRows.QUARANTINE);
    batch.staged = batch.branch == null || batchDays.isEmpty()
        ? lake.spark().createDataFrame(List.of(), EventRows.EVENT)
        : lake.spark().table(batch.branchId)
            .filter(col("event_date").isin(batchDays.toArray()).and(col("ingest_run_id").equalTo(runId)));
    return batch;
  }

  /**
   * Classifies the staged events and checks the events to store with Deequ, reading the staged
   * files. The usual batch, whose event days hold no stored events yet, is measured first: when
   * Deequ finds every event_id unique in it, every staged event is to be stored, so that one Deequ
   * run is both the classification and the check. Otherwise the events are classified against the
   * batch and the stored days ({@link #classify}) and Deequ checks the events to store.
   */
  private DataQuality.Result audit(EventBatch batch, String runId, Instant started) {
    List<LocalDate> batchDays = List.copyOf(batch.eventsPerDay.keySet());
    // An empty batch has nothing to measure (Deequ reads completeness of no rows as a failure).
    DataQuality.Result nothingToMeasure = new DataQuality.Result(true, List.of());
    if (batchDays.isEmpty()) {
      storeEveryStagedEvent(batch);
      return nothingToMeasure;
    }
    Set<LocalDate> searched = new java.util.TreeSet<>();
    for (LocalDate day : batchDays) {
      for (int d = -options.dedupHorizonDays(); d <= options.dedupHorizonDays(); d++) {
        searched.add(day.plusDays(d));
      }
    }
    Dataset<Row> storedDays = lake.read(Tables.EVENTS).filter(col("event_date").isin(searched.toArray()));
    if (storedDays.isEmpty()) {
      DataQuality.Result quality = EventQuality.verify(lake, batch.staged);
      if (EventQuality.idsUnique(quality)) {
        storeEveryStagedEvent(batch);
        step("deequ");
        return quality;
      }
    }
    Dataset<Row> classified = classify(batch.staged, storedDays, batch);
    countOutcomes(batch, classified.groupBy(col("status"), col("event_date")).count().collectAsList());
    String[] columns = Arrays.stream(EventRows.EVENT.fieldNames()).toArray(String[]::new);
    batch.toStore = classified.filter(col("status").equalTo(STORE)).select(Arrays.stream(columns).map(functions::col)
        .toArray(Column[]::new));
    batch.removed = classified.filter(col("status").notEqual(STORE))
        .select("event_date", "source_file", "source_line", "event_id", "event_hash");
    if (batch.conflictCount > 0) {
      batch.conflicts = conflictRows(classified, runId, started);
    }
    step("classify");
    DataQuality.Result quality = batch.stored == 0 ? nothingToMeasure : EventQuality.verify(lake, batch.toStore);
    step("deequ");
    return quality;
  }

  /** Every staged event is to be stored: the counts per event day come from the file reports. */
  private void storeEveryStagedEvent(EventBatch batch) {
    countOutcomes(batch, batch.eventsPerDay.entrySet().stream()
        .map(e -> RowFactory.create(STORE, e.getKey(), e.getValue())).toList());
    batch.toStore = batch.staged;
  }

  /** Counts the batch's events by outcome from rows of (status, event_date, count). */
  private void countOutcomes(EventBatch batch, List<Row> outcome) {
    Set<LocalDate> days = new java.util.TreeSet<>();
    for (Row o : outcome) {
      long n = o.getLong(2);
      switch (o.getString(0)) {
        case STORE -> {
          batch.stored += n;
          LocalDate day = o.getAs(1);
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
  }

  /**
   * Marks every event {@code store}, {@code duplicate} or a conflict. Only ids that occur more than
   * once in the batch or are already stored are joined back, so the full batch is never shuffled.
   */
  private Dataset<Row> classify(Dataset<Row> events, Dataset<Row> storedDays, EventBatch batch) {
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
    Dataset<Row> alreadyStored = storedDays
        .select(col("event_id"), col("event_hash").as("stored_hash"))
        .join(keys.select("event_id"), using("event_id"), "left_semi");
    // Small (only repeated or already-stored ids): cached, so every later use of the classified
    // batch is a broadcast join with the staged files instead of a new scan of the stored days.
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

package io.agentgov.jobs.maintenance;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.agentgov.jobs.maintenance.SnapshotRetention.Decision;
import io.agentgov.jobs.maintenance.SnapshotRetention.HoldWindow;
import io.agentgov.jobs.maintenance.SnapshotRetention.Plan;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.WriterLock;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention-aware maintenance of every table (docs/maintenance.md). Per table, in this order:
 * <ol>
 *   <li>snapshot expiry: keeps every snapshot a report as of any time in the last
 *       {@code reportHorizonDays} (at least 184, compliance M3) could read, the snapshot current at
 *       the horizon start, branch and tag heads, and everything an active legal hold covers
 *       ({@link SnapshotRetention}); expires only the rest, and deletes the files only they used;</li>
 *   <li>compaction of small data files (bin-pack; each new file is written in the table's sort
 *       order), unless off or the table is under a hold;</li>
 *   <li>orphan cleanup: files in the table's folder that no snapshot references, older than
 *       {@code orphanOlderThan} by the wall clock;</li>
 *   <li>for {@code events}: a report of rows whose {@code retention.retain_until} has passed. Rows
 *       are never deleted by maintain.</li>
 * </ol>
 * With {@code dryRun} nothing is committed or deleted and the result says what would be.
 */
public final class MaintainJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);
  /** Compliance M3: logs cover at least six calendar months; 184 days covers any six. */
  public static final int MIN_HORIZON_DAYS = 184;
  private static final int ORPHAN_SAMPLE = 20;

  /**
   * @param now                  the time maintenance runs as of (tests inject one; the CLI uses the clock)
   * @param reportHorizonDays    reports as of any time in the last this many days stay reproducible
   * @param compact              rewrite small data files
   * @param targetFileSizeBytes  compaction target; 0: the table's {@code write.target-file-size-bytes}
   * @param minInputFiles        compaction rewrites a partition's small files only when there are this many
   * @param orphanOlderThan      orphan files younger than this (by the wall clock) are left alone: a write may own them
   * @param dryRun               plan only: commit nothing, delete nothing
   * @param tables               table names to maintain; empty: every table
   */
  public record Options(Instant now, int reportHorizonDays, boolean compact, long targetFileSizeBytes, int minInputFiles,
      Duration orphanOlderThan, boolean dryRun, List<String> tables) {
    public Options {
      if (now == null) {
        throw new IllegalArgumentException("Cannot maintain without a time to maintain as of");
      }
      if (reportHorizonDays < MIN_HORIZON_DAYS) {
        throw new IllegalArgumentException("Cannot maintain with a report horizon of " + reportHorizonDays + " days: at least "
            + MIN_HORIZON_DAYS + " (six months of evidence, compliance M3)");
      }
      if (targetFileSizeBytes < 0 || minInputFiles < 1) {
        throw new IllegalArgumentException("Cannot compact to " + targetFileSizeBytes + " bytes from " + minInputFiles
            + " input files: both must be positive (0 bytes: the table's target)");
      }
      if (orphanOlderThan == null || orphanOlderThan.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("Cannot remove orphan files younger than " + orphanOlderThan
            + ": at least one day, or a running write could lose files it has not committed yet");
      }
      tables = List.copyOf(tables);
      tables.forEach(Tables::byName);
    }

    public static Options defaults() {
      return new Options(Instant.now(), MIN_HORIZON_DAYS, true, 0, 5, Duration.ofDays(3), false, List.of());
    }

    public Options withNow(Instant value) {
      return new Options(value, reportHorizonDays, compact, targetFileSizeBytes, minInputFiles, orphanOlderThan, dryRun, tables);
    }

    public Options withHorizonDays(int value) {
      return new Options(now, value, compact, targetFileSizeBytes, minInputFiles, orphanOlderThan, dryRun, tables);
    }

    public Options withCompact(boolean value) {
      return new Options(now, reportHorizonDays, value, targetFileSizeBytes, minInputFiles, orphanOlderThan, dryRun, tables);
    }

    public Options withCompaction(long targetBytes, int minFiles) {
      return new Options(now, reportHorizonDays, compact, targetBytes, minFiles, orphanOlderThan, dryRun, tables);
    }

    public Options withOrphanOlderThan(Duration value) {
      return new Options(now, reportHorizonDays, compact, targetFileSizeBytes, minInputFiles, value, dryRun, tables);
    }

    public Options withDryRun(boolean value) {
      return new Options(now, reportHorizonDays, compact, targetFileSizeBytes, minInputFiles, orphanOlderThan, value, tables);
    }

    public Options withTables(List<String> value) {
      return new Options(now, reportHorizonDays, compact, targetFileSizeBytes, minInputFiles, orphanOlderThan, dryRun, value);
    }

    public Instant horizonStart() {
      return now.minus(Duration.ofDays(reportHorizonDays));
    }

    List<TableDefinition> selected() {
      return tables.isEmpty() ? Tables.all() : tables.stream().map(Tables::byName).toList();
    }
  }

  /**
   * Compaction of one table.
   *
   * @param status          done, nothing_to_do, planned (dry run), off, held (under a hold: not rewritten), empty
   * @param filesRewritten  data files replaced (dry run: small files that would be)
   * @param filesAdded      data files written (dry run: 0)
   * @param dataFilesBefore data files of the current snapshot before
   * @param dataFilesAfter  and after (dry run: unchanged)
   */
  public record Compaction(String status, int filesRewritten, int filesAdded, long bytesRewritten, long dataFilesBefore,
      long dataFilesAfter, Long snapshotId) {
    static Compaction skipped(String status, long dataFiles) {
      return new Compaction(status, 0, 0, 0, dataFiles, dataFiles, null);
    }
  }

  /** Files in the table's folder that no snapshot references (removed, or with dry run found). */
  public record Orphans(long files, long bytes, Instant olderThan, List<String> sample) {}

  /**
   * Events whose {@code retention.retain_until} is before today. Maintain deletes none of them: the
   * counts say how many a purge could delete (older than the horizon and not under a hold).
   */
  public record Retention(LocalDate today, LocalDate horizonDay, long pastRetainUntil, long keptByHorizon, long keptByHold,
      long purgeable, String action) {}

  /**
   * One table's maintenance.
   *
   * @param snapshotsAfter snapshots left (dry run: that would be left)
   * @param keptBecause    kept snapshots per reason (current, ref, horizon, horizon_start, hold)
   * @param filesFreed     data and delete files deleted with the expired snapshots (dry run: that would be)
   * @param bytesFreed     their size
   * @param holds          the active holds covering the table
   */
  public record TableResult(String table, int snapshotsBefore, int snapshotsAfter, int snapshotsExpired,
      Map<String, Integer> keptBecause, List<Decision> kept, List<Decision> expired, long filesFreed, long bytesFreed,
      List<String> holds, Compaction compaction, Orphans orphans, Retention retention) {
    public String line() {
      StringBuilder s = new StringBuilder(String.format("%-26s snapshots %d -> %d (expired %d; kept %s)", table,
          snapshotsBefore, snapshotsAfter, snapshotsExpired, keptBecause.isEmpty() ? "none" : keptBecause.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
      if (filesFreed > 0) {
        s.append(String.format(", freed %d files %s", filesFreed, bytes(bytesFreed)));
      }
      switch (compaction.status()) {
        case "done" -> s.append(String.format("; compacted %d -> %d files", compaction.filesRewritten(), compaction.filesAdded()));
        case "planned" -> s.append(String.format("; would compact %d small files", compaction.filesRewritten()));
        case "held" -> s.append("; not compacted (hold)");
        default -> { }
      }
      if (orphans.files() > 0) {
        s.append(String.format("; orphans %d %s", orphans.files(), bytes(orphans.bytes())));
      }
      if (!holds.isEmpty()) {
        s.append("; holds ").append(String.join(" ", holds));
      }
      if (retention != null && retention.pastRetainUntil() > 0) {
        s.append(String.format("; retain_until passed: %,d rows (%,d within horizon, %,d held, %,d purgeable, not deleted)",
            retention.pastRetainUntil(), retention.keptByHorizon(), retention.keptByHold(), retention.purgeable()));
      }
      return s.toString();
    }
  }

  public record Result(Instant now, Instant horizonStart, int horizonDays, boolean dryRun, List<TableResult> tables,
      Duration elapsed) {
    public String summary() {
      long expired = tables.stream().mapToLong(TableResult::snapshotsExpired).sum();
      long freed = tables.stream().mapToLong(TableResult::bytesFreed).sum();
      long rewritten = tables.stream().mapToLong(t -> t.compaction().filesRewritten()).sum();
      long orphans = tables.stream().mapToLong(t -> t.orphans().files()).sum();
      String would = dryRun ? "would be " : "";
      return String.format("maintain%s as of %s, reports reproducible from %s (%d days): %d tables, %d snapshots %sexpired"
              + " (%s freed), %d small files %scompacted, %d orphan files %sremoved in %.1f s",
          dryRun ? " (dry run)" : "", now, horizonStart, horizonDays, tables.size(), expired, would, bytes(freed), rewritten,
          would, orphans, would, elapsed.toMillis() / 1000.0);
    }

    /** The summary and one line per table. */
    public String text() {
      StringBuilder s = new StringBuilder(summary());
      tables.forEach(t -> s.append('\n').append(t.line()));
      return s.toString();
    }

    public TableResult table(String name) {
      return tables.stream().filter(t -> t.table().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Cannot find " + name + " in the maintenance result"));
    }
  }

  private final Lakehouse lake;
  private final Options options;
  private final LegalHolds holds;

  public MaintainJob(Lakehouse lake, Options options) {
    this.lake = lake;
    this.options = options;
    this.holds = new LegalHolds(lake);
  }

  /**
   * Maintains the selected tables under the writer lock: an ingest and a maintenance run never
   * interleave, so a killed ingest can always be rolled back from the tip of its tables
   * (docs/reliability.md). A dry run commits nothing and takes no lock.
   */
  public Result run() {
    Instant started = Instant.now();
    lake.tables();
    List<TableResult> results = new ArrayList<>();
    String runId = "maintain-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (WriterLock lock = options.dryRun() ? null : WriterLock.acquire(lake, runId, "maintain")) {
      for (TableDefinition definition : options.selected()) {
        lake.describe("maintain-" + definition.name(), "agentgov maintain " + definition.name());
        TableResult r = maintain(definition);
        LOG.info(r.line());
        results.add(r);
      }
    }
    Result result = new Result(options.now(), options.horizonStart(), options.reportHorizonDays(), options.dryRun(),
        List.copyOf(results), Duration.between(started, Instant.now()));
    LOG.info(result.summary());
    return result;
  }

  private TableResult maintain(TableDefinition definition) {
    // Read the holds right before touching the table, so a hold set while earlier tables ran counts.
    List<Hold> active = holds.activeOn(definition.name());
    List<HoldWindow> windows = active.stream().map(h -> new HoldWindow(h.holdId(), h.keepsHistoryFrom())).toList();
    Table table = lake.table(definition);
    table.refresh();
    int before = size(table.snapshots());
    Plan plan = SnapshotRetention.plan(table, options.horizonStart(), windows);
    long[] footprint = plan.expired().isEmpty() ? new long[2] : footprint(table, plan);
    long filesFreed = footprint[0];
    if (!plan.expired().isEmpty() && !options.dryRun()) {
      filesFreed = expire(table, plan);
      table.refresh();
    }
    Compaction compaction = compact(table, !active.isEmpty());
    Orphans orphans = orphans(table);
    Retention retention = definition == Tables.EVENTS ? retention(table, active) : null;
    table.refresh();
    int after = options.dryRun() ? plan.kept().size() : size(table.snapshots());
    return new TableResult(definition.name(), before, after, plan.expired().size(), plan.keptBecause(), plan.kept(),
        plan.expired(), filesFreed, footprint[1], active.stream().map(Hold::holdId).toList(), compaction, orphans, retention);
  }

  /**
   * Expires exactly the planned snapshots. The age limit is set to the oldest snapshot, so Iceberg's
   * own age rule (5 days by default) expires nothing on its own; the plan is checked against what
   * Iceberg would remove before anything is committed.
   */
  private long expire(Table table, Plan plan) {
    long oldest = Long.MAX_VALUE;
    for (Snapshot s : table.snapshots()) {
      oldest = Math.min(oldest, s.timestampMillis());
    }
    org.apache.iceberg.ExpireSnapshots preview = table.expireSnapshots().expireOlderThan(oldest).cleanExpiredFiles(false);
    plan.expiredIds().forEach(preview::expireSnapshotId);
    Set<Long> wouldRemove = preview.apply().stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
    if (!wouldRemove.equals(new HashSet<>(plan.expiredIds()))) {
      throw new IllegalStateException("Cannot expire snapshots of " + table.name() + ": Iceberg would remove " + wouldRemove
          + " where the retention plan expires " + plan.expiredIds() + " (a branch or tag with its own retention?);"
          + " nothing was expired");
    }
    org.apache.iceberg.spark.actions.ExpireSnapshotsSparkAction action =
        SparkActions.get(lake.spark()).expireSnapshots(table).expireOlderThan(oldest);
    plan.expiredIds().forEach(action::expireSnapshotId);
    ExpireSnapshots.Result r = action.execute();
    return r.deletedDataFilesCount() + r.deletedPositionDeleteFilesCount() + r.deletedEqualityDeleteFilesCount();
  }

  /**
   * The data and delete files only expired snapshots reference (count, bytes): those live in an
   * expired snapshot and in no kept one. Read from the manifests on the driver, each once.
   */
  private long[] footprint(Table table, Plan plan) {
    Map<String, Map<String, Long>> manifests = new HashMap<>();
    Set<String> keptFiles = new HashSet<>();
    for (long id : plan.keptIds()) {
      for (ManifestFile m : table.snapshot(id).allManifests(table.io())) {
        keptFiles.addAll(liveFiles(table, m, manifests).keySet());
      }
    }
    Map<String, Long> freed = new HashMap<>();
    for (long id : plan.expiredIds()) {
      for (ManifestFile m : table.snapshot(id).allManifests(table.io())) {
        liveFiles(table, m, manifests).forEach((path, size) -> {
          if (!keptFiles.contains(path)) {
            freed.put(path, size);
          }
        });
      }
    }
    return new long[] {freed.size(), freed.values().stream().mapToLong(Long::longValue).sum()};
  }

  private static Map<String, Long> liveFiles(Table table, ManifestFile manifest, Map<String, Map<String, Long>> cache) {
    return cache.computeIfAbsent(manifest.path(), p -> {
      Map<String, Long> files = new HashMap<>();
      try (ManifestReader<? extends ContentFile<?>> reader = manifest.content() == ManifestContent.DATA
          ? ManifestFiles.read(manifest, table.io(), table.specs())
          : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
        for (ContentFile<?> f : reader) {
          files.put(f.location(), f.fileSizeInBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read manifest " + p + " of " + table.name(), e);
      }
      return files;
    });
  }

  private Compaction compact(Table table, boolean held) {
    Snapshot current = table.currentSnapshot();
    long dataFiles = current == null ? 0 : dataFiles(current);
    if (!options.compact()) {
      return Compaction.skipped("off", dataFiles);
    }
    if (current == null) {
      return Compaction.skipped("empty", 0);
    }
    if (held) {
      return Compaction.skipped("held", dataFiles);
    }
    long target = options.targetFileSizeBytes() > 0 ? options.targetFileSizeBytes()
        : PropertyUtil.propertyAsLong(table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    if (options.dryRun()) {
      long[] small = smallFiles(table, (long) (target * 0.75));
      return new Compaction(small[0] > 0 ? "planned" : "nothing_to_do", (int) small[0], 0, small[1], dataFiles, dataFiles,
          null);
    }
    // Iceberg writes each new file in the table's sort order: ingest writes events in arrival order
    // (docs/ingest.md), so compaction is where a day's events get sorted by agent and time.
    RewriteDataFiles.Result r = SparkActions.get(lake.spark()).rewriteDataFiles(table).binPack()
        .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, String.valueOf(target))
        .option("min-input-files", String.valueOf(options.minInputFiles()))
        // Ingest removes duplicates as position deletes (docs/ingest.md, step 6): a data file that
        // carries any is rewritten with them applied, and the delete files then pointing at no live
        // data file are dropped, so readers stop paying for them.
        .option("delete-file-threshold", "1")
        .option(RewriteDataFiles.REMOVE_DANGLING_DELETES, "true")
        .execute();
    table.refresh();
    Snapshot after = table.currentSnapshot();
    boolean rewrote = r.rewrittenDataFilesCount() > 0;
    return new Compaction(rewrote ? "done" : "nothing_to_do", r.rewrittenDataFilesCount(), r.addedDataFilesCount(),
        r.rewrittenBytesCount(), dataFiles, dataFiles(after), rewrote ? after.snapshotId() : null);
  }

  private static long dataFiles(Snapshot s) {
    return Long.parseLong(s.summary().getOrDefault("total-data-files", "0"));
  }

  /**
   * An estimate of what bin-packing would rewrite, as Iceberg's planner picks it: in each partition
   * the data files under 75% of the target (Iceberg's default minimum size) and the data files that
   * carry deletes; a partition is rewritten when it has at least {@code minInputFiles} of them, or
   * any that carries deletes ({@code delete-file-threshold} 1, see {@link #compact}).
   */
  private long[] smallFiles(Table table, long minSize) {
    record Candidate(long size, boolean hasDeletes) {}
    Map<String, List<Candidate>> byPartition = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        if (f.fileSizeInBytes() < minSize || !task.deletes().isEmpty()) {
          String key = f.specId() + "/" + table.specs().get(f.specId()).partitionToPath(f.partition());
          byPartition.computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Candidate(f.fileSizeInBytes(), !task.deletes().isEmpty()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan the files of " + table.name(), e);
    }
    long files = 0;
    long bytes = 0;
    for (List<Candidate> candidates : byPartition.values()) {
      if (candidates.size() >= options.minInputFiles() || candidates.stream().anyMatch(Candidate::hasDeletes)) {
        files += candidates.size();
        bytes += candidates.stream().mapToLong(Candidate::size).sum();
      }
    }
    return new long[] {files, bytes};
  }

  /**
   * Removes (dry run: finds) files under the table's location that no snapshot or metadata file
   * references and that are older than the threshold by the wall clock, never by the injected
   * {@code now}: a future {@code now} must not reach files a running write has not committed yet.
   */
  private Orphans orphans(Table table) {
    Instant clock = Instant.now();
    Instant olderThan = (options.now().isBefore(clock) ? options.now() : clock).minus(options.orphanOlderThan());
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    long[] bytes = new long[1];
    DeleteOrphanFiles.Result r = SparkActions.get(lake.spark()).deleteOrphanFiles(table)
        .olderThan(olderThan.toEpochMilli())
        .deleteWith(path -> {
          long size;
          try {
            size = table.io().newInputFile(path).getLength();
          } catch (RuntimeException e) {
            size = 0;
          }
          synchronized (bytes) {
            bytes[0] += size;
          }
          found.add(path);
          if (!options.dryRun()) {
            table.io().deleteFile(path);
          }
        })
        .execute();
    List<String> sample = new ArrayList<>(found);
    Collections.sort(sample);
    long count = r.orphanFilesCount();
    return new Orphans(Math.max(count, found.size()), bytes[0], olderThan,
        List.copyOf(sample.subList(0, Math.min(ORPHAN_SAMPLE, sample.size()))));
  }

  private Retention retention(Table table, List<Hold> active) {
    LocalDate today = LocalDate.ofInstant(options.now(), ZoneOffset.UTC);
    LocalDate horizonDay = LocalDate.ofInstant(options.horizonStart(), ZoneOffset.UTC);
    String action = "reported only: maintain never deletes events (docs/maintenance.md)";
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new Retention(today, horizonDay, 0, 0, 0, 0, action);
    }
    Column held = lit(false);
    for (Hold h : active) {
      Column covers = lit(true);
      if (h.fromDate() != null) {
        covers = covers.and(col("event_date").geq(lit(h.fromDate())));
      }
      if (h.toDate() != null) {
        covers = covers.and(col("event_date").leq(lit(h.toDate())));
      }
      if (h.agentId() != null) {
        covers = covers.and(col("agent_id").equalTo(lit(h.agentId())));
      }
      held = held.or(covers);
    }
    Column young = col("event_date").geq(lit(horizonDay));
    Row r = lake.readAt(Tables.EVENTS, current.snapshotId())
        .where(col("retention.retain_until").lt(lit(today)))
        .agg(count(lit(1)),
            coalesce(sum(when(young, 1L).otherwise(0L)), lit(0L)),
            coalesce(sum(when(not(young).and(held), 1L).otherwise(0L)), lit(0L)),
            coalesce(sum(when(not(young).and(not(held)), 1L).otherwise(0L)), lit(0L)))
        .first();
    return new Retention(today, horizonDay, r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), action);
  }

  private static int size(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}

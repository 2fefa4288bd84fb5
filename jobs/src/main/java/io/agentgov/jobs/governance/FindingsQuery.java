package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The read side of {@code findings}: the finding list as of a night, and one finding's history.
 * A night's partition is the whole list as of that night, so a list reads exactly one night (the
 * latest at or before the as-of; nights not run are simply absent) and never unions nights. An
 * as-of instant first travels to the table snapshot current at that instant, so an auditor sees
 * what agentgov reported then even if a night was re-run since; every result names its snapshot.
 */
public final class FindingsQuery {
  /** The finding types a filter accepts, as stored in {@code finding_type}. */
  public static final List<String> TYPES = FindingType.wires();

  /** The statuses a filter accepts: the stored ones, and {@code active} for open or reopened. */
  public static final List<String> STATUSES = List.of("open", "reopened", "resolved", "active");

  private final Lakehouse lake;

  public FindingsQuery(Lakehouse lake) {
    this.lake = lake;
  }

  /** When to read: a night (the latest night at or before it, current snapshot) or an instant (time travel). */
  public sealed interface AsOf permits AsOf.OnDate, AsOf.AtInstant {
    /** The last night that may be shown. */
    LocalDate lastNight();

    record OnDate(LocalDate date) implements AsOf {
      @Override
      public LocalDate lastNight() {
        return date;
      }

      @Override
      public String toString() {
        return date.toString();
      }
    }

    record AtInstant(Instant instant) implements AsOf {
      @Override
      public LocalDate lastNight() {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
      }

      @Override
      public String toString() {
        return instant.toString();
      }
    }

    /** A date (yyyy-mm-dd) or an RFC 3339 timestamp with its offset, e.g. 2026-03-02T06:00:00Z. */
    static AsOf parse(String text) {
      try {
        return new OnDate(LocalDate.parse(text));
      } catch (DateTimeParseException notADate) {
        try {
          return new AtInstant(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notATimestamp) {
          throw new IllegalArgumentException("Cannot read as-of \"" + text + "\": give a date (yyyy-mm-dd) or an"
              + " RFC 3339 timestamp with its offset (e.g. 2026-03-02T06:00:00Z)");
        }
      }
    }
  }

  /**
   * What to list; null fields do not filter.
   *
   * @param type    one of {@link #TYPES}
   * @param status  one of {@link #STATUSES}
   * @param agentId the acting agent
   * @param asOf    null for the latest night at the current snapshot
   */
  public record Filter(String type, String status, String agentId, AsOf asOf) {
    public Filter {
      if (type != null && !TYPES.contains(type)) {
        throw new IllegalArgumentException("Unknown finding type \"" + type + "\": allowed are " + String.join(", ", TYPES));
      }
      if (status != null && !STATUSES.contains(status)) {
        throw new IllegalArgumentException("Unknown status \"" + status + "\": allowed are " + String.join(", ", STATUSES));
      }
    }

    public static Filter all() {
      return new Filter(null, null, null, null);
    }
  }

  /**
   * One row of {@code findings} as stored, in column order, details sorted by key. Values stay the
   * stored strings (unlike the detectors' typed {@link Finding}) so a row prints exactly as written.
   */
  public record FindingRow(LocalDate detectDate, String findingId, String findingType, String subject, String agentId,
      String businessUnit, String severity, String previousSeverity, String status, LocalDate statusSince,
      LocalDate openedOn, LocalDate resolvedOn, int reopenCount, String persistence, boolean detectedTonight,
      Instant firstSeen, Instant lastSeen, long evidenceEvents, String notifyId, String notifyRole, String explanation,
      SortedMap<String, String> details, List<String> sampleEventIds, String settings, String runId) {

    public FindingRow {
      details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
      sampleEventIds = List.copyOf(sampleEventIds);
    }

    static FindingRow of(Row r) {
      Map<String, String> details = r.isNullAt(r.fieldIndex("details")) ? Map.of()
          : r.<String, String>getJavaMap(r.fieldIndex("details"));
      return new FindingRow(date(r.getAs("detect_date")), r.getAs("finding_id"), r.getAs("finding_type"),
          r.getAs("subject"), r.getAs("agent_id"), r.getAs("business_unit"), r.getAs("severity"),
          r.getAs("previous_severity"), r.getAs("status"), date(r.getAs("status_since")), date(r.getAs("opened_on")),
          date(r.getAs("resolved_on")), r.<Integer>getAs("reopen_count"), r.getAs("persistence"),
          r.<Boolean>getAs("detected_tonight"), instant(r.getAs("first_seen")), instant(r.getAs("last_seen")),
          r.<Long>getAs("evidence_events"), r.getAs("notify_id"), r.getAs("notify_role"), r.getAs("explanation"),
          new TreeMap<>(details), RowValues.list(r, "sample_event_ids"), r.getAs("settings"), r.getAs("run_id"));
    }
  }

  /**
   * The finding list of one night as a snapshot held it.
   *
   * @param committedAt when that snapshot was committed
   */
  public record Findings(LocalDate night, long snapshotId, Instant committedAt, List<FindingRow> rows) {
    public Findings {
      rows = List.copyOf(rows);
    }
  }

  /**
   * A night on which a finding changed: it opened, its status or its severity changed.
   *
   * @param change what changed, e.g. {@code opened}, {@code resolved}, {@code severity medium -> high}
   */
  public record Transition(LocalDate night, String change, String status, String severity, String explanation) {}

  /** A finding's transitions in night order, read at the table's current snapshot. */
  public record History(String findingId, String findingType, String agentId, String subject, long snapshotId,
      List<Transition> transitions) {
    public History {
      transitions = List.copyOf(transitions);
    }
  }

  /** Most urgent first, then type, agent and subject: the order a reviewer works through them. */
  static final Comparator<FindingRow> ORDER = Comparator
      .comparing((FindingRow f) -> FindingType.Severity.fromWire(f.severity()), Comparator.reverseOrder())
      .thenComparing(FindingRow::findingType).thenComparing(FindingRow::agentId).thenComparing(FindingRow::subject);

  /** The findings of the latest night at or before the filter's as-of, filtered and in {@link #ORDER}. */
  public Findings list(Filter filter) {
    AsOf asOf = filter.asOf();
    Snapshot snapshot = snapshotAsOf(asOf);
    Dataset<Row> state = lake.readAt(Tables.FINDINGS, snapshot.snapshotId());
    Dataset<Row> candidates = asOf == null ? state : state.where(col("detect_date").leq(lit(asOf.lastNight())));
    Object latest = candidates.agg(max("detect_date")).first().get(0);
    if (latest == null) {
      throw noFindings(asOf, " (snapshot " + snapshot.snapshotId() + " holds no night at or before it)");
    }
    LocalDate night = date(latest);
    lake.describe("findings", "List findings of night " + night + " at snapshot " + snapshot.snapshotId());
    List<FindingRow> rows = new ArrayList<>();
    for (Row r : state.where(col("detect_date").equalTo(lit(night)).and(matching(filter))).collectAsList()) {
      rows.add(FindingRow.of(r));
    }
    rows.sort(ORDER);
    return new Findings(night, snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()), rows);
  }

  /** Every night's row of a finding at the current snapshot, collapsed to the nights it changed. */
  public History history(String findingId) {
    Long snapshotId = lake.currentSnapshotId(Tables.FINDINGS);
    List<FindingRow> nights = snapshotId == null ? List.of() : lake.readAt(Tables.FINDINGS, snapshotId)
        .where(col("finding_id").equalTo(lit(findingId))).orderBy("detect_date").collectAsList()
        .stream().map(FindingRow::of).toList();
    if (nights.isEmpty()) {
      throw new IllegalArgumentException("Cannot find finding " + findingId + " in " + lake.name(Tables.FINDINGS)
          + (snapshotId == null ? " (the table is empty)" : " at snapshot " + snapshotId)
          + ": `agentgov findings` lists the ids");
    }
    List<Transition> transitions = new ArrayList<>();
    FindingRow before = null;
    for (FindingRow now : nights) {
      String change = change(before, now);
      if (!change.isEmpty()) {
        transitions.add(new Transition(now.detectDate(), change, now.status(), now.severity(), now.explanation()));
      }
      before = now;
    }
    FindingRow first = nights.get(0);
    return new History(findingId, first.findingType(), first.agentId(), first.subject(), snapshotId, transitions);
  }

  /** What changed from one night's row to the next; empty when nothing a reviewer tracks did. */
  private static String change(FindingRow before, FindingRow now) {
    if (before == null) {
      return "opened";
    }
    List<String> changes = new ArrayList<>();
    if (!before.status().equals(now.status())) {
      changes.add(now.status()); // the new status names the event: resolved, reopened
    }
    if (!before.severity().equals(now.severity())) {
      changes.add("severity " + before.severity() + " -> " + now.severity());
    }
    return String.join("; ", changes);
  }

  /** The snapshot to read: the one current at an instant as-of, else the current one. */
  private Snapshot snapshotAsOf(AsOf asOf) {
    Table table = lake.table(Tables.FINDINGS);
    table.refresh();
    if (asOf instanceof AsOf.AtInstant at) {
      Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, at.instant().toEpochMilli());
      if (id == null) {
        throw noFindings(asOf, table.history().isEmpty() ? "" : " (the first commit to "
            + lake.name(Tables.FINDINGS) + " is at " + Instant.ofEpochMilli(table.history().get(0).timestampMillis()) + ")");
      }
      Snapshot then = table.snapshot(id);
      if (then == null) { // the log keeps ids of snapshots that expire_snapshots has removed
        throw new IllegalStateException("Cannot read findings as of " + asOf + ": snapshot " + id
            + " that was current then has been expired from " + lake.name(Tables.FINDINGS));
      }
      return then;
    }
    if (table.currentSnapshot() == null) {
      throw noFindings(asOf, "");
    }
    return table.currentSnapshot();
  }

  private static IllegalStateException noFindings(AsOf asOf, String why) {
    String night = asOf == null ? "<night>" : asOf.lastNight().toString();
    return new IllegalStateException("no findings as of " + (asOf == null ? "now" : asOf) + why
        + ": run `agentgov detect --date " + night + "` first");
  }

  private static Column matching(Filter filter) {
    Column c = lit(true);
    if (filter.type() != null) {
      c = c.and(col("finding_type").equalTo(lit(filter.type())));
    }
    if (filter.status() != null) {
      c = c.and(filter.status().equals("active") ? col("status").isin("open", "reopened")
          : col("status").equalTo(lit(filter.status())));
    }
    if (filter.agentId() != null) {
      c = c.and(col("agent_id").equalTo(lit(filter.agentId())));
    }
    return c;
  }

  // Spark hands out java.time values with java8API on (the runner's default) and java.sql ones without.
  private static LocalDate date(Object value) {
    return value == null || value instanceof LocalDate ? (LocalDate) value : ((java.sql.Date) value).toLocalDate();
  }

  private static Instant instant(Object value) {
    return value == null || value instanceof Instant ? (Instant) value : ((java.sql.Timestamp) value).toInstant();
  }
}

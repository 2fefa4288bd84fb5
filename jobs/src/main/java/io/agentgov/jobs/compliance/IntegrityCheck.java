package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.ingest.DayDigests;
import io.agentgov.jobs.ingest.EventDigest;
import io.agentgov.jobs.ingest.Merkle;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Tamper evidence (docs/tables.md, "Tamper evidence"): for every event day of the period, the
 * report recomputes each row's content hash from its columns ({@link EventDigest}) and the day's
 * Merkle root over those hashes ({@link DayDigests#roots}, {@link Merkle}) from the {@code events}
 * rows at the as-of snapshot, and compares them with the latest {@code event_day_digests} row for
 * the day at the same instant. Recomputing the content hash (not only reusing the stored
 * {@code event_hash}) also catches a row whose content was edited and its hash left alone.
 */
public final class IntegrityCheck {
  private static final StructType REHASHED = new StructType()
      .add("event_date", DataTypes.DateType, false)
      .add("event_hash", DataTypes.StringType, false)
      .add("stored_hash", DataTypes.StringType, true)
      .add("event_id", DataTypes.StringType, false);

  /**
   * One event day.
   *
   * @param rows             rows at the events snapshot
   * @param root             Merkle root recomputed from those rows' content; null without rows
   * @param digestRows       row count of the latest digest row at the as-of instant; null without one
   * @param digestRoot       its Merkle root
   * @param digestComputedAt when ingest computed it
   * @param rehashMismatches rows whose content no longer gives their stored {@code event_hash}
   * @param mismatchedEventIds up to N of them
   * @param verdict          {@code intact}, {@code changed}, or {@code no digest} (rows nobody digested)
   */
  public record Day(LocalDate day, long rows, String root, Long digestRows, String digestRoot, Instant digestComputedAt,
      long rehashMismatches, List<String> mismatchedEventIds, String verdict) {
    public Day {
      mismatchedEventIds = List.copyOf(mismatchedEventIds);
    }

    public boolean intact() {
      return INTACT.equals(verdict);
    }
  }

  /**
   * The check over the period.
   *
   * @param changedDays days whose rows changed since ingest digested them (or that have no digest)
   */
  public record Result(String algorithm, List<Day> days, List<LocalDate> changedDays) {
    public Result {
      days = List.copyOf(days);
      changedDays = List.copyOf(changedDays);
    }

    /** Every day of the period with events or digests matches its digest. */
    public boolean intact() {
      return changedDays.isEmpty();
    }
  }

  static final String INTACT = "intact";
  static final String CHANGED = "changed";
  static final String NO_DIGEST = "no digest";

  private IntegrityCheck() {}

  static Result run(ComplianceInputs in) {
    Map<LocalDate, DayDigests.Stored> digests =
        DayDigests.latest(in.read(Tables.EVENT_DAY_DIGESTS).where(in.inPeriod("event_date")));
    Dataset<Row> rehashed = in.read(Tables.EVENTS).where(in.inPeriod("event_date"))
        .map((MapFunction<Row, Row>) r -> RowFactory.create(r.getAs("event_date"), EventDigest.hash(r),
            r.getAs("event_hash"), r.getAs("event_id")), Encoders.row(REHASHED))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      TreeSet<LocalDate> days = new TreeSet<>(digests.keySet());
      rehashed.select("event_date").distinct().collectAsList().forEach(r -> days.add(ComplianceInputs.date(r.get(0))));
      Map<LocalDate, DayDigests.Digest> now = days.isEmpty() ? Map.of()
          : DayDigests.roots(rehashed.select("event_date", "event_hash"), new ArrayList<>(days));
      Dataset<Row> mismatched = rehashed.where(col("stored_hash").isNull().or(col("stored_hash").notEqual(col("event_hash"))));
      Map<LocalDate, Long> mismatches = new TreeMap<>();
      for (Row r : mismatched.groupBy("event_date").count().collectAsList()) {
        mismatches.put(ComplianceInputs.date(r.get(0)), r.getLong(1));
      }
      List<Day> out = new ArrayList<>();
      List<LocalDate> changed = new ArrayList<>();
      for (LocalDate day : days) {
        DayDigests.Digest d = now.get(day);
        DayDigests.Stored digest = digests.get(day);
        long bad = mismatches.getOrDefault(day, 0L);
        List<String> badIds = bad == 0 ? List.of()
            : in.first(mismatched.where(col("event_date").equalTo(lit(day))), "event_id");
        long rows = d == null ? 0 : d.rows();
        String root = d == null ? null : d.root();
        String verdict = digest == null ? NO_DIGEST : (digest.matches(d) && bad == 0 ? INTACT : CHANGED);
        if (!INTACT.equals(verdict)) {
          changed.add(day);
        }
        out.add(new Day(day, rows, root, digest == null ? null : digest.rows(), digest == null ? null : digest.root(),
            digest == null ? null : digest.computedAt(), bad, badIds, verdict));
      }
      return new Result(Merkle.ALGORITHM, out, changed);
    } finally {
      rehashed.unpersist();
    }
  }
}

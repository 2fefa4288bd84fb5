package io.agentgov.jobs.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes {@code agent_daily_features} for a range of event days from {@code events} (partition
 * filtered to the range), in one pass, and replaces the range's rows. A nightly run is the range of
 * one day; a backfill is a longer range and gives the same rows, since each (agent, day) row
 * depends on that day's events only.
 */
public final class FeaturesJob {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);

  public record Options(LocalDate from, LocalDate to) {
    public Options {
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("Cannot compute features from " + from + " to " + to + ": the range is empty");
      }
    }

    public static Options day(LocalDate day) {
      return new Options(day, day);
    }
  }

  /** What a run wrote: rows per range, the events snapshot read and the features snapshot committed. */
  public record Result(LocalDate from, LocalDate to, long eventsRead, long rowsWritten, long eventsSnapshotId,
      Long featuresSnapshotId, Duration elapsed) {
    public String summary() {
      return String.format("features %s..%s: %,d events -> %,d agent-day rows (events snapshot %d) in %.1f s",
          from, to, eventsRead, rowsWritten, eventsSnapshotId, elapsed.toMillis() / 1000.0);
    }
  }

  private final Lakehouse lake;
  private final Options options;

  public FeaturesJob(Lakehouse lake, Options options) {
    this.lake = lake;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("features-" + options.from(), "agentgov features " + options.from() + ".." + options.to());
    Long eventsSnapshot = lake.currentSnapshotId(Tables.EVENTS);
    if (eventsSnapshot == null) {
      throw new IllegalStateException("Cannot compute features: the events table has no data yet (run ingest first)");
    }
    Column inRange = col("event_date").between(lit(options.from()), lit(options.to()));
    Dataset<Row> events = lake.readAt(Tables.EVENTS, eventsSnapshot).where(inRange);

    Dataset<Row> counts = Facets.of(events).where(col("name").notEqual(lit(Facets.ALL_EVENTS)))
        .groupBy("agent_id", "event_date", "name", "key").agg(count(lit(1)).as("n"));
    Dataset<Row> distributions = counts
        .groupBy("agent_id", "event_date", "name")
        .agg(map_from_entries(collect_list(struct(col("key"), col("n")))).as("counts"))
        .groupBy("agent_id", "event_date")
        .agg(map_from_entries(collect_list(struct(col("name"), col("counts")))).as("distributions"));
    Dataset<Row> scalars = events.groupBy("agent_id", "event_date").agg(
        count(lit(1)).as("events"),
        countDistinct(col("trace.trace_id")).as("traces"),
        sum(when(col("outcome.status").equalTo("failure"), 1).otherwise(0)).as("failures"),
        sum(when(col("outcome.status").equalTo("blocked"), 1).otherwise(0)).as("blocked"),
        sum(when(col("oversight.requested_at").isNotNull(), 1).otherwise(0)).as("escalations"),
        sum(when(col("oversight.decision").isin("rejected", "modified", "reversed"), 1).otherwise(0)).as("overrides"),
        functions.coalesce(sum(col("usage.input_tokens")), lit(0L)).as("input_tokens"),
        functions.coalesce(sum(col("usage.output_tokens")), lit(0L)).as("output_tokens"));

    String sessions = "aggregate(map_values(coalesce(distributions['" + Distribution.ACTIONS_PER_SESSION.key()
        + "'], map())), 0L, (acc, n) -> acc + n)";
    Dataset<Row> rows = scalars.join(distributions, RowValues.seq(java.util.List.of("agent_id", "event_date")), "inner")
        .select(
            col("event_date").as("feature_date"),
            col("agent_id"),
            col("events"),
            functions.expr(sessions).as("sessions"),
            col("traces"),
            functions.size(functions.coalesce(col("distributions").getItem(Distribution.TARGET_SYSTEM_MIX.key()),
                functions.map())).as("distinct_targets"),
            col("failures").cast("long"),
            col("blocked").cast("long"),
            col("escalations").cast("long"),
            col("overrides").cast("long"),
            col("input_tokens"),
            col("output_tokens"),
            col("distributions"),
            lit(eventsSnapshot).as("events_snapshot_id"))
        .persist();
    try {
      Row totals = rows.agg(count(lit(1)), functions.coalesce(sum("events"), lit(0L))).first();
      long written = totals.getLong(0);
      long eventsRead = totals.getLong(1);
      long snapshot = lake.overwrite(Tables.AGENT_DAILY_FEATURES, rows,
          col("feature_date").between(lit(options.from()), lit(options.to())));
      Result result = new Result(options.from(), options.to(), eventsRead, written, eventsSnapshot, snapshot,
          Duration.between(started, Instant.now()));
      LOG.info(result.summary());
      return result;
    } finally {
      rows.unpersist();
    }
  }
}

package io.agentgov.jobs.recalibration;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.agentgov.calibration.BinomialBounds;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicySet;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monthly recalibration of auto-approval thresholds against human review: the reviews of a window
 * are joined to their events, grouped into pools ({@link Pooling}), analysed per pool in plain
 * Java ({@link PoolAnalysis}: reliability, Learn-then-Test threshold), costed in escalations per
 * day from the window's events, and written to {@code calibration_reports} and
 * {@code threshold_recommendations} (the as-of date's rows replaced). α, δ and the current
 * thresholds come from the escalation policy in force on the as-of date.
 */
public final class RecalibrationJob {
  private static final Logger LOG = LoggerFactory.getLogger(RecalibrationJob.class);
  /** A decision class: the columns pools are assigned by. */
  private static final List<String> CLASS_COLUMNS = List.of("agent_id", "action_type", "tier");

  /**
   * @param asOf        last day of the window (reviews filed up to the end of that UTC day)
   * @param windowDays  days of reviews (default 90)
   * @param policyId    the escalation policy whose thresholds are recalibrated
   * @param eventLagDays how long before the window a reviewed decision may have been made
   */
  public record Options(LocalDate asOf, int windowDays, String policyId, int eventLagDays) {
    public Options {
      if (windowDays < 1 || eventLagDays < 0) {
        throw new IllegalArgumentException("Cannot recalibrate: window " + windowDays + " days and event lag "
            + eventLagDays + " days must be positive");
      }
    }

    public static Options of(LocalDate asOf, int windowDays) {
      return new Options(asOf, windowDays, "default", 30);
    }

    LocalDate windowStart() {
      return asOf.minusDays(windowDays - 1L);
    }
  }

  public record Result(LocalDate asOf, LocalDate windowStart, String policyVersion, long reviews, long unmatchedReviews,
      long pools, Map<String, Long> verdicts, Long reportsSnapshotId, Long recommendationsSnapshotId, Duration elapsed) {
    public String summary() {
      return String.format("recalibrate %s (reviews %s..%s, policy %s): %,d reviews (%,d without their event) in %,d pools:"
          + " %s in %.1f s", asOf, windowStart, asOf, policyVersion, reviews, unmatchedReviews, pools, verdicts,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Lakehouse lake;
  private final Options options;

  public RecalibrationJob(Lakehouse lake, Options options) {
    this.lake = lake;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("recalibrate-" + options.asOf(), "agentgov recalibrate " + options.asOf());
    EscalationPolicy policy = policyInForce();
    double alpha = policy.recalibration().alpha();
    double delta = policy.recalibration().delta();
    long minimumReviews = BinomialBounds.minimumCleanSampleSize(alpha, delta);
    LocalDate from = options.windowStart();
    Instant windowStart = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant windowEnd = options.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    // Every input is read at one snapshot, recorded in the rows' settings, so a recommendation
    // traces to the reviews and events it was computed from.
    long reviewsSnapshot = snapshot(Tables.REVIEWS);
    long eventsSnapshot = snapshot(Tables.EVENTS);
    Dataset<Row> reviews = lake.readAt(Tables.REVIEWS, reviewsSnapshot)
        .where(col("reviewed_at").geq(lit(windowStart)).and(col("reviewed_at").lt(lit(windowEnd))));
    // One scan of the events: the reviewed decisions are looked up in it, and the window's part
    // of it gives the workload.
    Dataset<Row> decided = lake.readAt(Tables.EVENTS, eventsSnapshot)
        .where(col("event_date").between(lit(from.minusDays(options.eventLagDays())), lit(options.asOf())))
        .where(col("confidence").isNotNull())
        .select(col("event_id"), col("event_date"), col("agent_id"), col("action.type").as("action_type"),
            coalesce(col("policy.tier"), lit(0)).as("tier"), col("confidence"))
        .persist();
    Dataset<Row> joined = reviews.join(decided, reviews.col("event_id").equalTo(decided.col("event_id")), "left")
        .select(reviews.col("review_id"), col("agent_id"), col("action_type"), col("tier"), col("confidence"),
            col("verdict").notEqual(lit("correct")).as("bad"), col("sample_design"), col("inclusion_probability"),
            coalesce(col("stratum"), col("sample_design")).as("stratum"))
        .persist();
    try {
      long total = joined.count();
      long unmatched = joined.where(col("agent_id").isNull()).count();
      Dataset<Row> matched = joined.where(col("agent_id").isNotNull());

      // Pools are decided on the driver from per-class counts (a few rows per agent).
      Map<PoolKey, Long> perClass = new TreeMap<>(Pooling::compare);
      for (Row r : matched.where(col("sample_design").notEqual(lit(Review.TARGETED)))
          .groupBy("agent_id", "action_type", "tier").agg(count(lit(1)).as("n")).collectAsList()) {
        perClass.put(new PoolKey(r.getString(0), r.getString(1), r.getInt(2)), r.getLong(3));
      }
      // classes with targeted reviews only still get a pool, so those reviews are reported
      for (Row r : matched.select("agent_id", "action_type", "tier").distinct().collectAsList()) {
        perClass.putIfAbsent(new PoolKey(r.getString(0), r.getString(1), r.getInt(2)), 0L);
      }
      Map<PoolKey, PoolKey> pools = Pooling.assign(perClass, minimumReviews);
      Dataset<Row> poolOf = classTable(pools);

      Map<String, Double> thresholds = policy.autoApproveMinConfidence();
      List<PoolResult> results = new ArrayList<>(matched
          .join(poolOf, RowValues.seq(CLASS_COLUMNS))
          .groupByKey((MapFunction<Row, String>) r -> r.getAs("pool_id"), Encoders.STRING())
          .flatMapGroups((FlatMapGroupsFunction<String, Row, PoolResult>) (poolId, rows) -> {
            List<Review> list = new ArrayList<>();
            PoolKey key = null;
            while (rows.hasNext()) {
              Row r = rows.next();
              if (key == null) {
                key = new PoolKey(r.getAs("pool_agent"), r.getAs("pool_action"), r.getAs("pool_tier"));
              }
              list.add(new Review(r.<Double>getAs("confidence"), r.<Boolean>getAs("bad"), r.getAs("sample_design"),
                  r.getAs("inclusion_probability"), r.getAs("stratum")));
            }
            double current = key.actionType() == null ? thresholds.getOrDefault("default", 0.8)
                : thresholds.getOrDefault(key.actionType(), thresholds.getOrDefault("default", 0.8));
            return List.of(PoolAnalysis.analyse(key, list, alpha, delta, current)).iterator();
          }, Encoders.javaSerialization(PoolResult.class))
          .collectAsList());
      results.sort(Comparator.comparing(r -> r.pool().id()));

      Map<String, double[]> workload = workload(decided.where(col("event_date").geq(lit(from))), poolOf, results);
      String settings = options.toString() + " alpha=" + alpha + " delta=" + delta + " policy=" + policy.policyId() + "@"
          + policy.version() + " reviews_snapshot=" + reviewsSnapshot + " events_snapshot=" + eventsSnapshot;
      List<Row> reportRows = new ArrayList<>();
      List<Row> recommendationRows = new ArrayList<>();
      Map<String, Long> verdicts = new TreeMap<>();
      for (PoolResult r : results) {
        reportRows.add(Rows.report(options.asOf(), from, r, settings));
        double[] w = workload.getOrDefault(r.pool().id(), new double[3]);
        recommendationRows.add(Rows.recommendation(options.asOf(), from, r, policy, w, settings));
        verdicts.merge(r.recommendation().verdict(), 1L, Long::sum);
      }
      long reportsSnapshot = lake.overwrite(Tables.CALIBRATION_REPORTS,
          lake.spark().createDataFrame(reportRows, Lakehouse.sparkSchema(Tables.CALIBRATION_REPORTS)),
          col("as_of_date").equalTo(lit(options.asOf())));
      long recommendationsSnapshot = lake.overwrite(Tables.THRESHOLD_RECOMMENDATIONS,
          lake.spark().createDataFrame(recommendationRows, Lakehouse.sparkSchema(Tables.THRESHOLD_RECOMMENDATIONS)),
          col("as_of_date").equalTo(lit(options.asOf())));
      Result result = new Result(options.asOf(), from, policy.version(), total, unmatched, results.size(), verdicts,
          reportsSnapshot, recommendationsSnapshot, Duration.between(started, Instant.now()));
      LOG.info(result.summary());
      return result;
    } finally {
      joined.unpersist();
      decided.unpersist();
    }
  }

  /**
   * The policy version in force on the as-of date ({@link PolicySet#inForce}, the rule ingest and
   * the gateway checks use), from the {@code policies} table, else the default policy.
   */
  private EscalationPolicy policyInForce() {
    List<EscalationPolicy> versions = new ArrayList<>();
    for (Row r : lake.read(Tables.POLICIES).where(col("policy_id").equalTo(lit(options.policyId())))
        .select("document", "version").collectAsList()) {
      try {
        versions.add(EscalationPolicy.parse(r.getString(0), "policies table, " + options.policyId() + " " + r.getString(1)));
      } catch (ContractViolation e) {
        throw new IllegalStateException("Cannot read policy " + options.policyId() + " " + r.getString(1)
            + " from the policies table: " + e.getMessage(), e);
      }
    }
    EscalationPolicy inForce;
    try {
      inForce = PolicySet.of(versions).inForce(options.policyId(), options.asOf().atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (ContractViolation e) {
      throw new IllegalStateException("Cannot choose the " + options.policyId() + " policy in force: " + e.getMessage(), e);
    }
    if (inForce == null) {
      LOG.warn("no {} policy in force on {} in the policies table: using the default policy", options.policyId(),
          options.asOf());
      return EscalationPolicy.loadDefault();
    }
    return inForce;
  }

  private long snapshot(io.agentgov.lakehouse.TableDefinition table) {
    Long id = lake.currentSnapshotId(table);
    if (id == null) {
      throw new IllegalStateException("Cannot recalibrate: " + lake.name(table) + " is empty (run ingest first)");
    }
    return id;
  }

  private Dataset<Row> classTable(Map<PoolKey, PoolKey> pools) {
    List<Row> rows = new ArrayList<>();
    pools.forEach((c, p) -> rows.add(RowFactory.create(c.agentId(), c.actionType(), c.tier(), p.id(), p.agentId(),
        p.actionType(), p.tier())));
    StructType schema = new StructType().add("agent_id", DataTypes.StringType).add("action_type", DataTypes.StringType)
        .add("tier", DataTypes.IntegerType).add("pool_id", DataTypes.StringType).add("pool_agent", DataTypes.StringType)
        .add("pool_action", DataTypes.StringType).add("pool_tier", DataTypes.IntegerType);
    return org.apache.spark.sql.functions.broadcast(lake.spark().createDataFrame(rows, schema));
  }

  /**
   * Per pool, from the window's events of its classes: decisions per day, and decisions per day
   * below the current and the recommended threshold (the escalations each would cause).
   */
  private Map<String, double[]> workload(Dataset<Row> events, Dataset<Row> poolOf, List<PoolResult> results) {
    List<Row> thresholds = new ArrayList<>();
    for (PoolResult r : results) {
      thresholds.add(RowFactory.create(r.pool().id(), r.recommendation().currentThreshold(),
          r.recommendation().recommendedThreshold()));
    }
    Dataset<Row> t = lake.spark().createDataFrame(thresholds, new StructType().add("pool_id", DataTypes.StringType)
        .add("current", DataTypes.DoubleType).add("recommended", DataTypes.DoubleType));
    Map<String, double[]> out = new HashMap<>();
    double days = options.windowDays();
    for (Row r : events.join(poolOf, RowValues.seq(CLASS_COLUMNS))
        .join(org.apache.spark.sql.functions.broadcast(t), "pool_id")
        .groupBy("pool_id").agg(count(lit(1)).as("decisions"),
            sum(when(col("confidence").lt(col("current")), 1).otherwise(0)).as("below_current"),
            sum(when(col("recommended").isNull(), lit(null))
                .when(col("confidence").lt(col("recommended")), 1).otherwise(0)).as("below_recommended"))
        .collectAsList()) {
      out.put(r.getString(0), new double[] {r.getLong(1) / days, r.getLong(2) / days,
          r.isNullAt(3) ? Double.NaN : r.getLong(3) / days});
    }
    return out;
  }
}

package io.agentgov.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.RecalibrationPool;
import io.agentgov.reports.RecalibrationReview;
import io.agentgov.reports.ReliabilityPoint;
import io.agentgov.reports.ReliabilitySummary;
import io.agentgov.reports.ThresholdPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Reads one as-of date of {@code threshold_recommendations} and {@code calibration_reports}, each
 * at its current snapshot (named in the report), into the recalibration review's records. The
 * report computes nothing: every figure is a column of these rows.
 */
final class RecalibrationReviews {
  private RecalibrationReviews() {}

  static RecalibrationReview load(Lakehouse lake, LocalDate asOf) {
    lake.describe("report-recalibration", "Read the recalibration of " + asOf);
    Long recommendations = lake.currentSnapshotId(Tables.THRESHOLD_RECOMMENDATIONS);
    Long reports = lake.currentSnapshotId(Tables.CALIBRATION_REPORTS);
    if (recommendations == null || reports == null) {
      throw new IllegalStateException("Cannot render the recalibration review of " + asOf
          + ": threshold_recommendations is empty (run recalibrate --as-of " + asOf + " first)");
    }
    Map<String, ReliabilitySummary> calibration = new HashMap<>();
    for (Row r : lake.readAt(Tables.CALIBRATION_REPORTS, reports).where(col("as_of_date").equalTo(lit(asOf)))
        .collectAsList()) {
      List<ReliabilityPoint> curve = new ArrayList<>();
      for (Row b : r.<Row>getList(r.fieldIndex("curve"))) {
        curve.add(new ReliabilityPoint(b.getAs("bin"), b.getAs("lower"), b.getAs("upper"), b.<Integer>getAs("count"),
            b.getAs("mean_confidence"), b.getAs("observed_accuracy"), b.getAs("accuracy_lower"), b.getAs("accuracy_upper")));
      }
      calibration.put(r.getAs("pool_id"), new ReliabilitySummary(r.getAs("mean_confidence"), r.getAs("accuracy"),
          r.getAs("ece_equal_width"), r.getAs("ece_equal_mass"), r.getAs("mce"), r.getAs("brier"),
          r.getAs("brier_reliability"), r.getAs("brier_resolution"), r.getAs("brier_uncertainty"), curve));
    }
    List<Row> rows = lake.readAt(Tables.THRESHOLD_RECOMMENDATIONS, recommendations)
        .where(col("as_of_date").equalTo(lit(asOf))).orderBy("agent_id", "pool_id").collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalStateException("Cannot render the recalibration review of " + asOf
          + ": threshold_recommendations has no rows for that date (run recalibrate --as-of " + asOf + ")");
    }
    List<RecalibrationPool> pools = new ArrayList<>();
    for (Row r : rows) {
      List<ThresholdPoint> candidates = new ArrayList<>();
      for (Row c : r.<Row>getList(r.fieldIndex("candidates"))) {
        candidates.add(new ThresholdPoint(c.getAs("threshold"), c.<Integer>getAs("n"), c.<Integer>getAs("k"),
            c.getAs("p_value"), c.getAs("upper_bound"), c.getAs("rejected")));
      }
      String pool = r.getAs("pool_id");
      pools.add(new RecalibrationPool(pool, r.getAs("agent_id"), r.getAs("action_type"), r.getAs("tier"),
          r.getAs("pool_level"), r.<Long>getAs("reviews"), r.<Long>getAs("bad"), r.<Long>getAs("targeted_reviews"),
          r.<Long>getAs("targeted_bad"), r.getList(r.fieldIndex("sample_designs")), r.getAs("estimator"),
          r.getAs("current_threshold"), r.getAs("recommended_threshold"), r.getAs("verdict"), r.<Long>getAs("n"),
          r.<Long>getAs("k"), r.getAs("upper_bound"), r.<Long>getAs("reviews_needed"), r.getAs("decisions_per_day"),
          r.getAs("escalations_per_day_current"), r.getAs("escalations_per_day_recommended"), candidates,
          r.getAs("explanation"), calibration.getOrDefault(pool, ReliabilitySummary.none())));
    }
    Row first = rows.get(0);
    String source = lake.name(Tables.THRESHOLD_RECOMMENDATIONS) + " @ snapshot " + recommendations + ", "
        + lake.name(Tables.CALIBRATION_REPORTS) + " @ snapshot " + reports;
    return new RecalibrationReview(asOf, first.getAs("window_start"),
        lake.committedAt(Tables.THRESHOLD_RECOMMENDATIONS, recommendations), source, first.getAs("policy_id"),
        first.getAs("policy_version"), first.getAs("alpha"), first.getAs("delta"), pools);
  }
}

package io.agentgov.jobs.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code agent_baselines} for one night: for every agent with features that night, its
 * feature rows of the look-back are grouped (Spark) and merged ({@link BaselineBuilder}, plain
 * Java). Reads only the look-back's partitions of {@code agent_daily_features}, so the cost does
 * not grow with history; replaces the night's rows.
 */
public final class BaselineJob {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineJob.class);

  public record Result(LocalDate night, long agents, long ready, long insufficientHistory, long featuresSnapshotId,
      Long baselinesSnapshotId, Duration elapsed) {
    public String summary() {
      return String.format("baselines %s: %,d agents (%,d ready, %,d insufficient history) in %.1f s", night, agents,
          ready, insufficientHistory, elapsed.toMillis() / 1000.0);
    }
  }

  private final Lakehouse lake;
  private final LocalDate night;
  private final DriftOptions options;

  public BaselineJob(Lakehouse lake, LocalDate night, DriftOptions options) {
    this.lake = lake;
    this.night = night;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("baselines-" + night, "agentgov baselines " + night);
    Long featuresSnapshot = lake.currentSnapshotId(Tables.AGENT_DAILY_FEATURES);
    if (featuresSnapshot == null) {
      throw new IllegalStateException("Cannot build baselines for " + night
          + ": agent_daily_features is empty (run features for the window first)");
    }
    Dataset<Row> features = lake.readAt(Tables.AGENT_DAILY_FEATURES, featuresSnapshot)
        .where(col("feature_date").between(lit(night.minusDays(options.noveltyLookbackDays())), lit(night)));
    Dataset<Row> tonight = features.where(col("feature_date").equalTo(lit(night))).select("agent_id");
    LocalDate at = night;
    DriftOptions o = options;
    long snapshot = featuresSnapshot;
    Dataset<Row> baselines = features.join(tonight, features.col("agent_id").equalTo(tonight.col("agent_id")), "left_semi")
        .groupByKey((MapFunction<Row, String>) r -> r.getAs("agent_id"), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (agent, rows) -> {
          List<AgentDay> days = new ArrayList<>();
          rows.forEachRemaining(r -> days.add(AgentDay.of(r)));
          return List.of(BaselineBuilder.build(agent, at, days, o, snapshot).toRow()).iterator();
        }, Encoders.row(Lakehouse.sparkSchema(Tables.AGENT_BASELINES)))
        .persist();
    try {
      List<Row> status = baselines.groupBy("status").count().collectAsList();
      long ready = 0;
      long insufficient = 0;
      for (Row r : status) {
        if (Baseline.READY.equals(r.getString(0))) {
          ready = r.getLong(1);
        } else {
          insufficient += r.getLong(1);
        }
      }
      long committed = lake.overwrite(Tables.AGENT_BASELINES, baselines, col("baseline_date").equalTo(lit(night)));
      Result result = new Result(night, ready + insufficient, ready, insufficient, featuresSnapshot, committed,
          Duration.between(started, Instant.now()));
      LOG.info(result.summary());
      return result;
    } finally {
      baselines.unpersist();
    }
  }
}

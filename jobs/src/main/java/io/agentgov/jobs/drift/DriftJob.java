package io.agentgov.jobs.drift;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.agentgov.calibration.drift.BenjaminiHochberg;
import io.agentgov.contract.CanonicalJson;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests one night's features of every agent against its baseline ({@link DriftTests}, on the
 * executors), applies Benjamini–Hochberg across all the night's p-values (on the driver: one small
 * record per test, no features), writes every test to {@code drift_tests} and the alerts, with
 * sample event ids read from the night's event partition, to {@code drift_alerts}. Replaces the
 * night's rows of both tables.
 */
public final class DriftJob {
  private static final Logger LOG = LoggerFactory.getLogger(DriftJob.class);
  private static final int SAMPLES = 5;

  /** One alert as the CLI prints it. */
  public record Alert(String agentId, String metric, String explanation) {}

  public record Result(LocalDate night, long agentsTested, long tests, long alerts, List<Alert> alertList,
      Long testsSnapshotId, Long alertsSnapshotId, Duration elapsed) {
    public String summary() {
      return String.format("drift %s: %,d agents, %,d tests, %,d alerts in %.1f s", night, agentsTested, tests, alerts,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Lakehouse lake;
  private final LocalDate night;
  private final DriftOptions options;

  public DriftJob(Lakehouse lake, LocalDate night, DriftOptions options) {
    this.lake = lake;
    this.night = night;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("drift-" + night, "agentgov drift " + night);
    Long baselineSnapshot = lake.currentSnapshotId(Tables.AGENT_BASELINES);
    Long featuresSnapshot = lake.currentSnapshotId(Tables.AGENT_DAILY_FEATURES);
    if (baselineSnapshot == null || featuresSnapshot == null) {
      throw new IllegalStateException("Cannot test drift on " + night + ": build features and baselines first");
    }
    Dataset<Row> baselines = lake.readAt(Tables.AGENT_BASELINES, baselineSnapshot)
        .where(col("baseline_date").equalTo(lit(night)).and(col("status").equalTo(lit(Baseline.READY))));
    Dataset<Row> today = lake.readAt(Tables.AGENT_DAILY_FEATURES, featuresSnapshot)
        .where(col("feature_date").equalTo(lit(night)));
    DriftOptions o = options;
    List<DriftTest> tests = new ArrayList<>(baselines.as("b").join(today.as("t"), col("b.agent_id").equalTo(col("t.agent_id")))
        .select(org.apache.spark.sql.functions.struct(col("b.*")).as("b"),
            org.apache.spark.sql.functions.struct(col("t.*")).as("t"))
        .flatMap((FlatMapFunction<Row, DriftTest>) row ->
            DriftTests.run(Baseline.of(row.getStruct(0)), AgentDay.of(row.getStruct(1)), o).iterator(),
            Encoders.javaSerialization(DriftTest.class))
        .collectAsList());
    tests.sort(Comparator.comparing(DriftTest::agentId).thenComparing(DriftTest::metric));

    // Benjamini–Hochberg across every test of the night that has a p-value.
    List<Integer> withP = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      if (tests.get(i).hasPValue()) {
        withP.add(i);
      }
    }
    double[] p = withP.stream().mapToDouble(i -> tests.get(i).pValue()).toArray();
    Double[] adjusted = new Double[tests.size()];
    boolean[] alert = new boolean[tests.size()];
    // A night before any agent has enough history has no p-values, hence nothing to adjust.
    BenjaminiHochberg.Result bh = p.length == 0 ? null : BenjaminiHochberg.apply(p, options.q());
    double[] adj = bh == null ? new double[0] : bh.adjusted();
    boolean[] rejected = bh == null ? new boolean[0] : bh.rejected();
    for (int j = 0; j < withP.size(); j++) {
      adjusted[withP.get(j)] = adj[j];
      alert[withP.get(j)] = rejected[j] && tests.get(withP.get(j)).material();
    }
    for (int i = 0; i < tests.size(); i++) {
      if (!tests.get(i).hasPValue()) {
        alert[i] = tests.get(i).alarmed() && tests.get(i).material();
      }
    }

    List<Row> testRows = new ArrayList<>();
    List<Integer> alerts = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      testRows.add(testRow(tests.get(i), adjusted[i], alert[i]));
      if (alert[i]) {
        alerts.add(i);
      }
    }
    Map<String, List<String>> samples = samples(alerts.stream().map(tests::get).toList(), today);
    List<Row> alertRows = new ArrayList<>();
    List<Alert> alertList = new ArrayList<>();
    for (int i : alerts) {
      DriftTest t = tests.get(i);
      String id = alertId(t);
      alertRows.add(alertRow(testRows.get(i), id, samples.getOrDefault(id, List.of())));
      alertList.add(new Alert(t.agentId(), t.metric(), t.explanation()));
    }
    long testsSnapshot = replaceNight(Tables.DRIFT_TESTS, testRows);
    long alertsSnapshot = replaceNight(Tables.DRIFT_ALERTS, alertRows);
    long agents = tests.stream().map(DriftTest::agentId).distinct().count();
    Result result = new Result(night, agents, tests.size(), alertRows.size(), alertList, testsSnapshot, alertsSnapshot,
        Duration.between(started, Instant.now()));
    LOG.info(result.summary());
    return result;
  }

  private String alertId(DriftTest t) {
    return CanonicalJson.sha256Hex("drift|" + night + "|" + t.agentId() + "|" + t.metric());
  }

  /**
   * Up to {@value #SAMPLES} events per alert showing the change, earliest first, from the night's
   * partition at the events snapshot tonight's features were computed from.
   */
  private Map<String, List<String>> samples(List<DriftTest> alerts, Dataset<Row> today) {
    Map<String, List<String>> out = new HashMap<>();
    if (alerts.isEmpty()) {
      return out;
    }
    List<Row> keys = new ArrayList<>();
    for (DriftTest t : alerts) {
      for (String key : t.sampleKeys()) {
        keys.add(RowFactory.create(alertId(t), t.agentId(), t.sampleFacet(), key));
      }
    }
    StructType keySchema = new StructType().add("alert_id", DataTypes.StringType).add("agent_id", DataTypes.StringType)
        .add("name", DataTypes.StringType).add("key", DataTypes.StringType);
    Dataset<Row> wanted = lake.spark().createDataFrame(keys, keySchema);
    // the events as they stood when tonight's features were computed, so samples match the counts
    long eventsSnapshot = today.select("events_snapshot_id").first().getLong(0);
    Dataset<Row> events = lake.readAt(Tables.EVENTS, eventsSnapshot).where(col("event_date").equalTo(lit(night)))
        .where(col("agent_id").isin(alerts.stream().map(DriftTest::agentId).distinct().toArray()));
    List<Row> picked = Facets.of(events).join(broadcast(wanted), RowValues.seq(List.of("agent_id", "name", "key")), "inner")
        .withColumn("rank", row_number().over(Window.partitionBy("alert_id").orderBy("event_time", "event_id")))
        .where(col("rank").leq(SAMPLES))
        .select("alert_id", "event_id", "rank").collectAsList();
    picked.stream().sorted(Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getInt(2)))
        .forEach(r -> out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getString(1)));
    return out;
  }

  private Row testRow(DriftTest t, Double pAdjusted, boolean alert) {
    List<Row> top = t.topCategories().stream()
        .map(c -> RowFactory.create(c.category(), c.baselineShare(), c.currentShare(), c.contribution())).toList();
    return RowFactory.create(night, t.agentId(), t.metric(), t.statistic(), t.statisticValue(), t.pValue(), pAdjusted,
        t.effect(), t.effectValue(), t.jensenShannon(), t.material(), alert, t.observations(), t.baselineObservations(),
        t.windowStart(), t.windowEnd(), RowValues.seq(top), t.explanation(), options.toString());
  }

  private Row alertRow(Row test, String alertId, List<String> sampleEventIds) {
    List<Object> values = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(test.toSeq()));
    values.add(alertId);
    values.add(RowValues.seq(sampleEventIds));
    values.add(options.q());
    return RowFactory.create(values.toArray());
  }

  private long replaceNight(TableDefinition table, List<Row> rows) {
    return lake.overwrite(table, lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(table)),
        col("test_date").equalTo(lit(night)));
  }
}

package io.agentgov.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.governance.DetectJob;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.RenderedReport;
import io.agentgov.reports.Scorecard;
import io.agentgov.reports.ScorecardFinding;
import io.agentgov.reports.ScorecardOversight;
import io.agentgov.reports.ScorecardRecommendation;
import io.agentgov.reports.ScorecardRenderer;
import io.agentgov.reports.ScorecardUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scorecard builder over the generated enterprise (10 days in March 2026, ingested, features
 * built, detectors run night after night), copied into a namespace of its own with a few synthetic
 * maturity, drift and recalibration rows added: every figure is checked against a direct query of
 * the tables, and the tables are read as they stood at the as-of time.
 */
class ScorecardDataTest {
  static final YearMonth MARCH = YearMonth.of(2026, 3);
  static final LocalDate END = MARCH.atEndOfMonth();
  static final String POLICY = "scorecard-test-policy"; // unknown to the policies table: the shipped default applies

  static Lakehouse lake;
  static List<String> units;
  /** Before the March maturity rows were written; after them. */
  static Instant beforeMarchScores;
  static Instant afterEverything;
  static Scorecard card;

  @BeforeAll
  static void prepare() throws Exception {
    Lakehouse generated = GeneratedLake.lake();
    new FeaturesJob(generated, new FeaturesJob.Options(GeneratedLake.FIRST, GeneratedLake.LAST)).run();
    DetectOptions options = DetectOptions.defaults().withMinObservedDays(4);
    for (LocalDate night = GeneratedLake.FIRST; !night.isAfter(GeneratedLake.LAST); night = night.plusDays(1)) {
      new DetectJob(generated, night, options).run();
    }
    lake = SharedSpark.lakehouse("scorecard_data");
    for (TableDefinition t : List.of(Tables.EVENTS, Tables.AGENTS, Tables.PEOPLE, Tables.POLICIES, Tables.FINDINGS)) {
      lake.append(t, generated.read(t));
    }
    units = lake.read(Tables.AGENTS).where(col("business_unit").isNotNull()).select("business_unit").distinct()
        .orderBy("business_unit").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(3, units.size(), "the small enterprise has three units: " + units);

    // February: every unit scored; the first unit at stage 2, the others at 1 and 4.
    List<Row> february = new ArrayList<>();
    int[] febStages = {2, 1, 4};
    for (int i = 0; i < units.size(); i++) {
      february.add(maturity(MARCH.minusMonths(1), units.get(i), febStages[i], null, List.of(), List.of()));
    }
    february.add(maturity(MARCH.minusMonths(12), units.get(0), 1, null, List.of(), List.of())); // 12 months back: not drawn
    write(Tables.MATURITY_SCORES, february);
    Thread.sleep(50);
    beforeMarchScores = Instant.now();
    Thread.sleep(50);

    // March: the first unit moves up to 3, the second stays at 1 with gaps, the third is not scored.
    List<Row> march = new ArrayList<>();
    march.add(maturity(MARCH, units.get(0), 3, 2,
        List.of(indicator("inventory_coverage", 1.0, 8, 8, 4, 1.0), indicator("escalations_within_sla", 0.9, 90, 100, 3, 0.95)),
        List.of("Answer 95% of escalations within their SLA (90.0% now)")));
    march.add(maturity(MARCH, units.get(1), 1, 1,
        List.of(indicator("inventory_coverage", 0.5, 4, 8, 1, 0.8)),
        List.of("Register the agents acting without a registry entry (50% registered; stage 2 needs 80%)")));
    write(Tables.MATURITY_SCORES, march);

    // Drift: one agent alerted on volume on two March nights (and once in February, not counted).
    String drifting = registeredAgent(units.get(0));
    write(Tables.DRIFT_ALERTS, List.of(
        drift(LocalDate.of(2026, 3, 5), drifting, "volume", "Volume rose from 100 to 300 actions a day."),
        drift(LocalDate.of(2026, 3, 9), drifting, "volume", "Volume rose from 100 to 420 actions a day."),
        drift(LocalDate.of(2026, 2, 27), drifting, "volume", "February: not in March.")));

    // Recalibration: in the latest one, a raise the default policy does not carry (pending), a lower to
    // the default's own threshold (applied) and a keep; an older raise is superseded.
    String recalibrated = registeredAgent(units.get(1));
    write(Tables.THRESHOLD_RECOMMENDATIONS, List.of(
        recommendation(LocalDate.of(2026, 3, 10), recalibrated, "refund", "raise", 0.90, 0.95),
        recommendation(LocalDate.of(2026, 3, 10), recalibrated, "payment", "lower", 0.95, 0.90),
        recommendation(LocalDate.of(2026, 3, 10), recalibrated, "read", "keep", 0.80, 0.80),
        recommendation(LocalDate.of(2026, 3, 1), recalibrated, "update_record", "raise", 0.80, 0.99)));
    Thread.sleep(50);
    afterEverything = Instant.now();
    card = ScorecardData.build(lake, MARCH, afterEverything);
  }

  @Test
  void unitsAndStagesComeFromTheRegistryAndMaturityScores() {
    assertEquals(units, card.units().stream().map(ScorecardUnit::name).filter(u -> !u.equals(ScorecardData.UNKNOWN_UNIT))
        .toList());
    ScorecardUnit up = unit(units.get(0));
    assertEquals(3, up.maturity().stage());
    assertEquals(2, up.maturity().previousStage());
    assertEquals(List.of("inventory_coverage", "escalations_within_sla"),
        up.maturity().indicators().stream().map(i -> i.name()).toList());
    assertEquals(1, unit(units.get(1)).maturity().stage());
    assertNull(unit(units.get(2)).maturity(), "the third unit was not scored in March");
    // History: February for all three, March for two; the month 12 months back is outside the grid.
    assertEquals(5, card.stageHistory().size(), card.stageHistory().toString());
    assertTrue(card.headlines().get(0).contains("1 moved up (" + units.get(0) + " to Managed)"), card.headlines().get(0));
  }

  @Test
  void findingsAreTheMonthsLastNightOpenOnes() {
    Dataset<Row> findings = lake.read(Tables.FINDINGS);
    LocalDate night = findings.where(col("detect_date").leq(lit(END))).agg(max("detect_date")).first().getAs(0);
    assertEquals(GeneratedLake.LAST, night);
    assertEquals(night, card.findingsNight());
    Dataset<Row> open = findings.where(col("detect_date").equalTo(lit(night)).and(col("status").isin("open", "reopened")));
    List<ScorecardFinding> all = card.allUnits().findings();
    assertTrue(all.size() > 10, "the planted faults give findings: " + all.size());
    assertEquals(open.count(), all.size());
    for (String severity : ScorecardFinding.SEVERITIES) {
      assertEquals(open.where(col("severity").equalTo(severity)).count(), card.allUnits().findings(severity), severity);
    }
    // Registered agents' findings stay in their unit; only the rest are attributed or unknown.
    for (String u : units) {
      assertTrue(unit(u).findings().size() >= open.where(col("business_unit").equalTo(u)).count(), u);
    }
    // Age: from opened_on to the night.
    for (ScorecardFinding f : all) {
      assertEquals(java.time.temporal.ChronoUnit.DAYS.between(f.openedOn(), night), f.ageDays(), f.findingId());
    }
    long bucketed = card.findingCounts().stream().mapToLong(c -> c.count()).sum();
    assertEquals(all.size(), bucketed, "every finding is in one severity and age bucket");
  }

  @Test
  void populationIsTheRegistryAtTheMonthsEndAndTheFindings() {
    Dataset<Row> atEnd = lake.read(Tables.AGENTS).where(col("valid_from").leq(lit(END))
        .and(col("valid_to").isNull().or(col("valid_to").gt(lit(END)))));
    for (String u : units) {
      assertEquals(atEnd.where(col("business_unit").equalTo(u).and(col("status").equalTo("active"))).count(),
          unit(u).population().registered(), u);
      assertEquals(atEnd.where(col("business_unit").equalTo(u).and(col("status").equalTo("decommissioned"))).count(),
          unit(u).population().decommissioned(), u);
    }
    Dataset<Row> open = lake.read(Tables.FINDINGS).where(col("detect_date").equalTo(lit(GeneratedLake.LAST))
        .and(col("status").isin("open", "reopened")));
    long shadow = open.where(col("finding_type").equalTo("shadow_agent")).agg(countDistinct("agent_id")).first().getLong(0);
    long abandoned = open.where(col("finding_type").equalTo("abandoned_agent")).agg(countDistinct("agent_id")).first()
        .getLong(0);
    assertTrue(shadow > 0, "the small enterprise plants shadow agents");
    assertEquals(shadow, card.allUnits().population().shadow());
    assertEquals(abandoned, card.allUnits().population().abandoned());
  }

  @Test
  void oversightMatchesADirectQueryOfTheMonthsEvents() {
    lake.read(Tables.EVENTS).createOrReplaceTempView("scorecard_events");
    lake.read(Tables.AGENTS).createOrReplaceTempView("scorecard_agents");
    List<Row> rows = lake.spark().sql("""
        WITH unit AS (
          SELECT agent_id, business_unit FROM (
            SELECT agent_id, business_unit, row_number() OVER (PARTITION BY agent_id ORDER BY valid_from DESC) AS n
            FROM scorecard_agents WHERE valid_from <= DATE'2026-03-31') WHERE n = 1),
        e AS (
          SELECT u.business_unit AS unit,
            (outcome.executed_at IS NOT NULL OR outcome.status IN ('success', 'partial')) AS executed,
            oversight.*, coalesce(outcome.executed_at, event_time) AS effect
          FROM scorecard_events ev JOIN unit u ON ev.agent_id = u.agent_id
          WHERE event_date BETWEEN DATE'2026-03-01' AND DATE'2026-03-31' AND policy.checked AND policy.tier IN (3, 4))
        SELECT unit,
          count_if(executed),
          count_if(executed AND decision IN ('approved', 'modified') AND responded_at <= effect),
          count_if(requested_at IS NOT NULL),
          count_if(requested_at IS NOT NULL AND responded_at IS NOT NULL AND coalesce(decision, '') <> 'timed_out'
            AND unix_micros(responded_at) - unix_micros(requested_at) <= coalesce(sla_seconds, 14400) * 1000000)
        FROM e GROUP BY unit""").collectAsList();
    Map<String, ScorecardOversight> expected = new TreeMap<>();
    for (Row r : rows) {
      expected.put(r.getString(0), new ScorecardOversight(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
    }
    assertTrue(expected.values().stream().mapToLong(ScorecardOversight::executed).sum() > 0, "tier-3/4 actions ran");
    for (String u : units) {
      assertEquals(expected.getOrDefault(u, ScorecardOversight.NONE), unit(u).oversight(), u);
    }
  }

  @Test
  void driftAndPendingThresholdsAreFoldedPerUnit() {
    ScorecardUnit first = unit(units.get(0));
    assertEquals(1, first.driftAlerts().size());
    assertEquals(2, first.driftAlerts().get(0).nights(), "two March nights; February's is not counted");
    assertEquals(LocalDate.of(2026, 3, 9), first.driftAlerts().get(0).lastNight());
    assertEquals("Volume rose from 100 to 420 actions a day.", first.driftAlerts().get(0).explanation());

    List<ScorecardRecommendation> pending = unit(units.get(1)).pendingRecommendations();
    assertEquals(List.of("refund"), pending.stream().map(ScorecardRecommendation::actionType).toList(),
        "the raise is pending; the lower equals the default policy's payment threshold; keep and older rows are not listed");
    assertEquals(0.95, pending.get(0).recommendedThreshold());
    assertEquals(1, card.allUnits().pendingRecommendations().size());
  }

  @Test
  void tablesAreReadAsOfTheGivenMoment() {
    Scorecard before = ScorecardData.build(lake, MARCH, beforeMarchScores);
    assertFalse(before.scored(), "the March scores were written after that moment");
    assertEquals(3, before.stageHistory().size(), "February only");
    assertTrue(before.headlines().get(0).startsWith("The maturity job has not run for March 2026"));
    assertTrue(before.units().stream().allMatch(u -> u.driftAlerts().isEmpty()), "drift alerts came later too");
    Set<String> tables = card.sources().stream().map(s -> s.replaceAll(" .*", "")).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(tables.contains("agentgov.scorecard_data.findings"), card.sources().toString());
    for (String line : card.sources()) {
      assertTrue(line.matches("agentgov\\.scorecard_data\\.[a-z_]+ @ snapshot -?\\d+"), line);
    }
    assertThrows(IllegalArgumentException.class, () -> ScorecardData.build(lake, MARCH, Instant.parse("2026-02-01T00:00:00Z")));
  }

  /** A month nobody scored, after the data: no stage, the last night's findings, and it still renders. */
  @Test
  void aMonthWithoutScoresRendersAndIsKeptForAPersonToLookAt() throws Exception {
    Scorecard april = ScorecardData.build(lake, YearMonth.of(2026, 4), afterEverything);
    assertFalse(april.scored());
    assertEquals(GeneratedLake.LAST, april.findingsNight(), "the latest night up to April's end");
    assertTrue(april.units().stream().allMatch(u -> u.oversight().equals(ScorecardOversight.NONE)), "no April events");
    RenderedReport report = new ScorecardRenderer().render(april, Path.of("target", "scorecard-lake-sample"));
    assertTrue(Files.readString(report.html()).contains("The maturity job has not run for April 2026"));

    RenderedReport march = new ScorecardRenderer().render(card, Path.of("target", "scorecard-lake-sample"));
    assertTrue(march.pages() >= 1 + card.units().size() + 1, "summary, a page per unit, appendix: " + march.pages());
    String html = Files.readString(march.html());
    for (String u : units) {
      assertTrue(html.contains(u), u);
    }
  }

  // ---- helpers

  static ScorecardUnit unit(String name) {
    return card.units().stream().filter(u -> u.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no unit " + name + " in " + card.units()));
  }

  /** An agent the registry lists as active in the unit at the month's end. */
  static String registeredAgent(String unit) {
    return lake.read(Tables.AGENTS).where(col("business_unit").equalTo(unit).and(col("status").equalTo("active"))
        .and(col("valid_to").isNull())).orderBy("agent_id").first().getString(0);
  }

  static void write(TableDefinition table, List<Row> rows) {
    lake.append(table, lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(table)));
  }

  /** A row of {@code table} from the values given; the other required columns get a neutral value. */
  static Row row(TableDefinition table, Map<String, Object> values) {
    StructType schema = Lakehouse.sparkSchema(table);
    return row(schema, values);
  }

  static Row row(StructType schema, Map<String, Object> values) {
    Object[] out = new Object[schema.fields().length];
    for (int i = 0; i < out.length; i++) {
      StructField f = schema.fields()[i];
      Object v = values.containsKey(f.name()) ? values.get(f.name()) : f.nullable() ? null : neutral(f);
      if (v instanceof List<?> list) {
        v = RowValues.seq(list);
      } else if (v instanceof Map<?, ?> map) {
        v = RowValues.map(map);
      }
      out[i] = v;
    }
    return RowFactory.create(out);
  }

  static Object neutral(StructField f) {
    if (f.dataType() instanceof StringType) {
      return "";
    }
    if (f.dataType() instanceof LongType) {
      return 0L;
    }
    if (f.dataType() instanceof IntegerType) {
      return 0;
    }
    if (f.dataType() instanceof DoubleType) {
      return 0.0;
    }
    if (f.dataType() instanceof BooleanType) {
      return false;
    }
    if (f.dataType() instanceof TimestampType) {
      return Instant.parse("2026-04-01T00:00:00Z");
    }
    if (f.dataType() instanceof ArrayType) {
      return List.of();
    }
    if (f.dataType() instanceof MapType) {
      return Map.of();
    }
    throw new IllegalArgumentException("No neutral value for required column " + f.name() + " of type " + f.dataType());
  }

  static Row maturity(YearMonth month, String unit, int stage, Integer previous, List<Row> indicators, List<String> gaps) {
    Map<String, Object> v = new HashMap<>();
    v.put("month_start", month.atDay(1));
    v.put("business_unit", unit);
    v.put("stage", stage);
    v.put("stage_name", Scorecard.stageName(stage));
    v.put("previous_stage", previous);
    v.put("indicators", indicators);
    v.put("next_stage_gaps", gaps);
    v.put("settings", "{}");
    v.put("run_id", "scorecard-test");
    return row(Tables.MATURITY_SCORES, v);
  }

  static Row indicator(String name, double value, long numerator, long denominator, int stageMet, Double next) {
    StructType element = (StructType) ((ArrayType) Lakehouse.sparkSchema(Tables.MATURITY_SCORES).apply("indicators")
        .dataType()).elementType();
    Map<String, Object> v = new HashMap<>();
    v.put("name", name);
    v.put("value", value);
    v.put("numerator", numerator);
    v.put("denominator", denominator);
    v.put("stage_met", stageMet);
    v.put("next_level", next);
    return row(element, v);
  }

  static Row drift(LocalDate night, String agent, String metric, String explanation) {
    Map<String, Object> v = new HashMap<>();
    v.put("test_date", night);
    v.put("agent_id", agent);
    v.put("metric", metric);
    v.put("statistic", "robust_z");
    v.put("effect", "relative_change");
    v.put("material", true);
    v.put("alert", true);
    v.put("window_start", night.minusDays(28));
    v.put("window_end", night.minusDays(1));
    v.put("explanation", explanation);
    v.put("alert_id", night + "/" + agent + "/" + metric);
    return row(Tables.DRIFT_ALERTS, v);
  }

  static Row recommendation(LocalDate asOf, String agent, String actionType, String verdict, double current,
      double recommended) {
    Map<String, Object> v = new HashMap<>();
    v.put("as_of_date", asOf);
    v.put("window_start", asOf.minusDays(29));
    v.put("pool_id", agent + "/" + actionType + "/*");
    v.put("agent_id", agent);
    v.put("action_type", actionType);
    v.put("pool_level", "action_type");
    v.put("estimator", "unweighted");
    v.put("policy_id", POLICY);
    v.put("policy_version", "1");
    v.put("alpha", 0.02);
    v.put("delta", 0.05);
    v.put("current_threshold", current);
    v.put("recommended_threshold", recommended);
    v.put("verdict", verdict);
    v.put("explanation", "Move the " + actionType + " threshold from " + current + " to " + recommended + ".");
    return row(Tables.THRESHOLD_RECOMMENDATIONS, v);
  }
}

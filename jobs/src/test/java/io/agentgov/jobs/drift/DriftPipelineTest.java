package io.agentgov.jobs.drift;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.evaluate.DriftEvaluation;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nightly drift pipeline on a generated enterprise (10 days, the drift planted from day 6),
 * with a 7-day window and 4 days of minimum history so that a short period has tested nights.
 */
class DriftPipelineTest {
  static final DriftOptions OPTIONS = DriftOptions.defaults().withWindow(7, 4);
  static final Nightly.Settings SETTINGS = new Nightly.Settings(OPTIONS, io.agentgov.jobs.governance.DetectOptions.defaults());
  static final LocalDate FIRST = GeneratedLake.FIRST;
  static final LocalDate LAST = GeneratedLake.LAST;

  static Lakehouse lake;
  static List<Nightly.NightResult> backfill;

  @BeforeAll
  static void runBackfill() {
    lake = GeneratedLake.lake();
    backfill = Nightly.backfill(lake, FIRST, LAST, SETTINGS);
  }

  /** The four derived tables' rows, without the snapshot ids they record (which name the run). */
  static Map<String, List<String>> derivedTables() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TableDefinition t : List.of(Tables.AGENT_DAILY_FEATURES, Tables.AGENT_BASELINES, Tables.DRIFT_TESTS,
        Tables.DRIFT_ALERTS)) {
      Dataset<Row> rows = lake.read(t);
      for (String c : rows.columns()) {
        if (c.endsWith("_snapshot_id")) {
          rows = rows.drop(c);
        }
      }
      // maps print in insertion order: sort their entries so equal maps print equally
      out.put(t.name(), rows.toJSON().collectAsList().stream().map(DriftPipelineTest::canonical).sorted().toList());
    }
    return out;
  }

  static String canonical(String json) {
    try {
      com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
      return mapper.writeValueAsString(mapper.readValue(json, java.util.TreeMap.class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void backfillGivesTheSameTablesAsNightByNightAndARerunReplacesOnlyItsNight() {
    Map<String, List<String>> fromBackfill = derivedTables();
    assertTrue(fromBackfill.get("drift_tests").size() > 100, "the period has tested nights");
    for (LocalDate night = FIRST; !night.isAfter(LAST); night = night.plusDays(1)) {
      Nightly.derive(lake, night, SETTINGS);
    }
    assertEquals(fromBackfill, derivedTables(), "night by night must give what the backfill gave");
    LocalDate middle = FIRST.plusDays(7);
    long testsBefore = lake.read(Tables.DRIFT_TESTS).count();
    Nightly.derive(lake, middle, SETTINGS);
    assertEquals(testsBefore, lake.read(Tables.DRIFT_TESTS).count(), "a re-run replaces its night's rows");
    assertEquals(fromBackfill, derivedTables());
  }

  @Test
  void coldStartNightsHaveBaselinesButNoTests() {
    Dataset<Row> early = lake.read(Tables.AGENT_BASELINES).where(col("baseline_date").lt(FIRST.plusDays(4)));
    assertTrue(early.count() > 0);
    assertEquals(0, early.where(col("status").notEqual("insufficient_history")).count());
    assertEquals(0, lake.read(Tables.DRIFT_TESTS).where(col("test_date").lt(FIRST.plusDays(4))).count());
    assertTrue(lake.read(Tables.AGENT_BASELINES).where(col("status").equalTo("ready")).count() > 0);
  }

  @Test
  void featuresCountEveryStoredEventOnce() {
    long events = lake.read(Tables.EVENTS).where(col("event_date").between(FIRST, LAST)).count();
    long counted = lake.read(Tables.AGENT_DAILY_FEATURES).agg(org.apache.spark.sql.functions.sum("events")).first().getLong(0);
    assertEquals(events, counted);
    assertEquals(events, backfill.get(0).features().get(0).eventsRead());
  }

  @Test
  void plantedDriftIsFoundWithinTwoDaysAndEveryAlertIsExplained() {
    DriftEvaluation.Result result = DriftEvaluation.evaluate(lake, GeneratedLake.truth(), FIRST, LAST);
    assertTrue(result.planted() >= 3, result.summary());
    for (DriftEvaluation.Planted p : result.plantedDrift()) {
      assertTrue(p.delayDays() != null && p.delayDays() <= 2, p.toString());
    }
    result.otherAlerts().forEach(a -> assertTrue(a.explainedBy() != null, "false alarm: " + a));
  }

  @Test
  void alertsCarrySampleEventsOfTheirAgentAndNight() {
    List<Row> alerts = lake.read(Tables.DRIFT_ALERTS).collectAsList();
    assertFalse(alerts.isEmpty());
    assertEquals(alerts.size(), alerts.stream().map(r -> r.<String>getAs("alert_id")).distinct().count());
    for (Row alert : alerts) {
      List<String> ids = alert.getList(alert.fieldIndex("sample_event_ids"));
      assertFalse(ids.isEmpty(), alert.toString());
      Set<String> agents = Set.copyOf(lake.read(Tables.EVENTS).where(col("event_id").isin(ids.toArray()))
          .where(col("event_date").equalTo(alert.<LocalDate>getAs("test_date")))
          .select("agent_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
      assertEquals(Set.of(alert.<String>getAs("agent_id")), agents, alert.<String>getAs("explanation"));
      assertTrue(alert.<Boolean>getAs("alert") && alert.<Boolean>getAs("material"));
    }
  }
}

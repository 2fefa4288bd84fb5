package io.agentgov.jobs.maturity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The maturity job on the generated enterprise: indicators equal direct counts, and the stage follows the rubric. */
class MaturityJobTest {
  static final YearMonth MONTH = YearMonth.from(GeneratedLake.FIRST);
  static Lakehouse lake;
  static MaturityJob.Result result;
  static Map<String, Row> rows = new HashMap<>();

  @BeforeAll
  static void score() {
    lake = GeneratedLake.lake();
    result = new MaturityJob(lake, MONTH).run();
    lake.read(Tables.MATURITY_SCORES).where(col("month_start").equalTo(lit(MONTH.atDay(1)))).collectAsList()
        .forEach(r -> rows.put(r.getAs("business_unit"), r));
  }

  static Map<String, Row> indicators(Row unit) {
    Map<String, Row> m = new HashMap<>();
    unit.<Row>getList(unit.fieldIndex("indicators")).forEach(i -> m.put(i.getAs("name"), i));
    return m;
  }

  @Test
  void everyRegistryUnitIsScoredOnceWithEveryIndicator() {
    Set<String> units = new HashSet<>();
    lake.read(Tables.AGENTS).select("business_unit").distinct().collectAsList().forEach(r -> units.add(r.getString(0)));
    assertEquals(units, rows.keySet());
    assertEquals(units.size(), result.units().size());
    rows.values().forEach(r -> assertEquals(Indicator.values().length, indicators(r).size()));
  }

  @Test
  void gatewayCoverageEqualsADirectCount() {
    Dataset<Row> events = lake.read(Tables.EVENTS).where(col("event_date").between(lit(MONTH.atDay(1)),
        lit(MONTH.atEndOfMonth())));
    Map<String, String> unitOf = new HashMap<>();
    lake.read(Tables.AGENTS).select("agent_id", "business_unit").collectAsList()
        .forEach(r -> unitOf.put(r.getString(0), r.getString(1)));
    Map<String, long[]> checked = new HashMap<>();
    for (Row r : events.groupBy("agent_id", "policy.checked").count().collectAsList()) {
      String unit = unitOf.get(r.getString(0));
      if (unit != null) {
        long[] c = checked.computeIfAbsent(unit, k -> new long[2]);
        c[0] += r.getBoolean(1) ? r.getLong(2) : 0;
        c[1] += r.getLong(2);
      }
    }
    checked.forEach((unit, c) -> {
      Row i = indicators(rows.get(unit)).get("policy_checked");
      // shadow agents attributed to the unit add to both sides; the generated ones are not attributable
      assertEquals(c[0], i.<Long>getAs("numerator"), unit);
      assertEquals(c[1], i.<Long>getAs("denominator"), unit);
    });
  }

  @Test
  void theStoredStageIsTheRubricsVerdictOnTheStoredIndicators() {
    for (Row unit : rows.values()) {
      Map<Indicator, MaturityRubric.Measure> measures = new EnumMap<>(Indicator.class);
      indicators(unit).forEach((name, i) -> measures.put(Indicator.valueOf(name.toUpperCase(java.util.Locale.ROOT)),
          new MaturityRubric.Measure(i.getAs("numerator"), i.getAs("denominator"))));
      MaturityRubric.Assessment a = MaturityRubric.assess(measures);
      assertEquals(a.stage(), unit.<Integer>getAs("stage"));
      assertEquals(a.nextStageGaps(), unit.<String>getList(unit.fieldIndex("next_stage_gaps")));
      assertTrue(unit.<Integer>getAs("stage") == 4 || !a.nextStageGaps().isEmpty(), "a unit below the top says why");
      assertNotNull(unit.getJavaMap(unit.fieldIndex("snapshot_ids")).get("events"));
    }
  }

  @Test
  void theMostMatureUnitOutranksTheLeast() {
    // The small preset's first unit is designed the most mature, its last the least (docs/generator.md).
    List<String> byDesign = List.of("customer-service", "finance", "it-operations");
    int first = rows.get(byDesign.get(0)).getAs("stage");
    int last = rows.get(byDesign.get(2)).getAs("stage");
    assertTrue(first > last, "customer-service " + first + " vs it-operations " + last + ": " + result.summary());
  }

  @Test
  void rescoringAMonthReplacesItsRows() {
    long before = lake.read(Tables.MATURITY_SCORES).count();
    new MaturityJob(lake, MONTH).run();
    assertEquals(before, lake.read(Tables.MATURITY_SCORES).count());
    LocalDate month = MONTH.atDay(1);
    assertEquals(rows.size(), lake.read(Tables.MATURITY_SCORES).where(col("month_start").equalTo(lit(month))).count());
  }
}

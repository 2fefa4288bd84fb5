package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.evaluate.FindingsEvaluation;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detectors night after night over the generated enterprise (10 days, faults planted), scored
 * against its planted truth, and the finding lifecycle's guarantees on real output.
 */
class GovernancePipelineTest {
  static final DetectOptions OPTIONS = DetectOptions.defaults().withMinObservedDays(4);
  static Lakehouse lake;
  static List<DetectJob.Result> nights = new ArrayList<>();

  @BeforeAll
  static void detectEveryNight() {
    lake = GeneratedLake.lake();
    new FeaturesJob(lake, new FeaturesJob.Options(GeneratedLake.FIRST, GeneratedLake.LAST)).run();
    for (LocalDate night = GeneratedLake.FIRST; !night.isAfter(GeneratedLake.LAST); night = night.plusDays(1)) {
      nights.add(new DetectJob(lake, night, OPTIONS).run());
    }
  }

  @Test
  void everyPlantedFaultIsFoundAndNothingElse() {
    FindingsEvaluation.Result r = FindingsEvaluation.evaluate(lake, GeneratedLake.truth(), GeneratedLake.FIRST,
        GeneratedLake.LAST);
    int scored = 0;
    for (FindingsEvaluation.Score s : r.byType()) {
      if (s.planted() > 0) {
        scored++;
        assertEquals(1.0, s.recall(), s.type() + " missed " + s.missed() + "\n" + r.summary());
      }
      if (s.found() > 0) {
        assertEquals(1.0, s.precision(), s.type() + " false positives " + r.falsePositives() + "\n" + r.summary());
      }
    }
    assertTrue(scored >= 8, "the small enterprise plants most kinds: " + r.summary());
  }

  @Test
  void aNightHoldsEveryFindingEverOpenedUnderAStableId() {
    Map<String, Set<String>> identity = new TreeMap<>();
    Map<LocalDate, Set<String>> idsByNight = new TreeMap<>();
    for (Row r : lake.read(Tables.FINDINGS).select("detect_date", "finding_id", "finding_type", "agent_id", "subject")
        .collectAsList()) {
      identity.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2) + "/" + r.getString(3) + "/"
          + r.getString(4));
      idsByNight.computeIfAbsent(r.getAs(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    identity.forEach((id, names) -> assertEquals(1, names.size(), id + " names more than one finding: " + names));
    Set<String> seen = new TreeSet<>();
    idsByNight.forEach((night, ids) -> {
      assertTrue(ids.containsAll(seen), night + " dropped findings of earlier nights");
      seen.addAll(ids);
    });
    assertEquals(GeneratedLake.LAST, ((TreeMap<LocalDate, Set<String>>) idsByNight).lastKey());
  }

  @Test
  void rerunningTheLastNightGivesTheSameFindings() {
    List<String> before = lastNight();
    new DetectJob(lake, GeneratedLake.LAST, OPTIONS).run();
    assertEquals(before, lastNight());
  }

  @Test
  void transitionsAreCountedAndExplained() {
    DetectJob.Result first = nights.get(0);
    assertEquals(first.active(), first.opened(), "on the first night every active finding is new");
    long opened = nights.stream().mapToLong(DetectJob.Result::opened).sum();
    long findings = lake.read(Tables.FINDINGS).where(col("detect_date").equalTo(lit(GeneratedLake.LAST))).count();
    assertEquals(findings, opened, "each finding opens once (nothing was reopened here or opened twice)");
    for (Row r : lake.read(Tables.FINDINGS).where(col("detect_date").equalTo(lit(GeneratedLake.LAST))).collectAsList()) {
      String explanation = r.getAs("explanation");
      assertTrue(explanation.contains((String) r.getAs("agent_id")), explanation);
      assertTrue(r.getAs("notify_role") != null);
    }
  }

  /** The last night's rows without the run id, sorted. */
  private static List<String> lastNight() {
    return lake.read(Tables.FINDINGS).where(col("detect_date").equalTo(lit(GeneratedLake.LAST))).drop("run_id")
        .toJSON().collectAsList().stream().sorted().toList();
  }
}

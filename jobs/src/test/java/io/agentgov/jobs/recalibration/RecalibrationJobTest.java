package io.agentgov.jobs.recalibration;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recalibration over the generated enterprise's reviews: counts reconcile, pools and verdicts are sound. */
class RecalibrationJobTest {
  static Lakehouse lake;
  static RecalibrationJob.Result result;

  @BeforeAll
  static void recalibrate() {
    lake = GeneratedLake.lake();
    result = new RecalibrationJob(lake, RecalibrationJob.Options.of(GeneratedLake.LAST, 30)).run();
  }

  @Test
  void everyReviewOfTheWindowIsCountedOnce() {
    long inWindow = lake.read(Tables.REVIEWS).count(); // the whole period lies inside a 30-day window
    assertEquals(inWindow, result.reviews());
    List<Row> pools = lake.read(Tables.THRESHOLD_RECOMMENDATIONS).collectAsList();
    long counted = pools.stream().mapToLong(r -> r.<Long>getAs("reviews") + r.<Long>getAs("targeted_reviews")).sum();
    assertEquals(result.reviews() - result.unmatchedReviews(), counted, "reviews = pooled + targeted + unmatched");
    assertEquals(pools.size(), lake.read(Tables.CALIBRATION_REPORTS).count());
    assertEquals(result.pools(), pools.size());
  }

  @Test
  void verdictsAreConsistentWithTheirBounds() {
    for (Row r : lake.read(Tables.THRESHOLD_RECOMMENDATIONS).collectAsList()) {
      String verdict = r.getAs("verdict");
      assertTrue(Set.of("raise", "lower", "keep", "insufficient_reviews").contains(verdict), verdict);
      assertEquals(0.02, r.<Double>getAs("alpha"), 0.0, "alpha from the policy");
      assertEquals(0.05, r.<Double>getAs("delta"), 0.0);
      assertFalse(r.<String>getAs("explanation").isBlank());
      if (verdict.equals("insufficient_reviews")) {
        assertTrue(r.<Long>getAs("reviews_needed") > 0, r.toString());
        assertTrue(r.isNullAt(r.fieldIndex("recommended_threshold")));
      } else if (r.<Double>getAs("recommended_threshold") < 1.0) {
        assertTrue(r.<Double>getAs("upper_bound") <= 0.02, r.toString());
        assertTrue(r.<Long>getAs("reviews") >= 149, "a certified pool holds at least n_min clean reviews: " + r);
      }
      assertTrue(r.<Double>getAs("escalations_per_day_current") <= r.<Double>getAs("decisions_per_day") + 1e-9);
    }
  }

  @Test
  void poolsStayWithinOneAgentAndClassesPoolOnlyWhenSparse() {
    List<Row> pools = lake.read(Tables.THRESHOLD_RECOMMENDATIONS).select("pool_id", "agent_id", "pool_level", "reviews")
        .collectAsList();
    for (Row r : pools) {
      assertTrue(r.getString(0).startsWith(r.getString(1) + "/"), r.toString());
      if (r.getString(2).equals("class")) {
        assertTrue(r.getLong(3) >= 149, "a class stands alone only with n_min reviews: " + r);
      }
    }
  }

  @Test
  void aRerunReplacesTheAsOfDate() {
    long before = lake.read(Tables.THRESHOLD_RECOMMENDATIONS).count();
    new RecalibrationJob(lake, RecalibrationJob.Options.of(GeneratedLake.LAST, 30)).run();
    assertEquals(before, lake.read(Tables.THRESHOLD_RECOMMENDATIONS).count());
    assertEquals(before, lake.read(Tables.THRESHOLD_RECOMMENDATIONS)
        .where(col("as_of_date").equalTo(GeneratedLake.LAST)).count());
  }
}

package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Time travel and tamper evidence in a namespace of its own: two landing days of the generated
 * enterprise are ingested and reported as of T; a third day lands, and the report as of T is the
 * same while the current one moved; then one row of the first day is edited in place (its
 * {@code event_hash} left alone) and one row of the second day is deleted, by Iceberg overwrites:
 * the report now names exactly those days, and the report as of T still says intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplianceTimeTravelTest {
  static final LocalDate DAY1 = GeneratedLake.FIRST;
  static final LocalDate DAY2 = DAY1.plusDays(1);
  static Lakehouse lake;
  static String landing;
  static Instant t;
  static ComplianceEvidence.Options asOfT;
  static ComplianceEvidence.Result atT;

  @BeforeAll
  static void ingestTwoDays() throws InterruptedException {
    landing = GeneratedLake.truth().getParent().resolve("landing").toUri().toString();
    lake = SharedSpark.lakehouse("compliance_time_travel");
    new IngestJob(lake, IngestJob.Options.of(landing, DAY1)).run();
    new IngestJob(lake, IngestJob.Options.of(landing, DAY2)).run();
    Thread.sleep(5);
    t = Instant.now();
    Thread.sleep(5);
    asOfT = ComplianceEvidence.Options.of(DAY1, DAY2.plusDays(1), t, 7L);
    atT = new ComplianceEvidence(lake, asOfT).run();
  }

  @Test
  @Order(1)
  void aReportAsOfTIsTheSameAfterMoreDaysLand() {
    assertTrue(atT.integrity().intact(), atT.integrity().toString());
    assertEquals(List.of(DAY1, DAY2), atT.integrity().days().stream().map(IntegrityCheck.Day::day).toList());
    new IngestJob(lake, IngestJob.Options.of(landing, DAY2.plusDays(1))).run();

    ComplianceEvidence.Result again = new ComplianceEvidence(lake, asOfT).run();
    assertEquals(atT, again, "same snapshots, same values");
    ComplianceEvidence.Result now = new ComplianceEvidence(lake, asOfT.withAsOf(Instant.now())).run();
    String events = lake.name(Tables.EVENTS);
    assertNotEquals(atT.snapshotIds().get(events), now.snapshotIds().get(events));
    assertTrue(now.clause("M6").measurement().denominator() >= atT.clause("M6").measurement().denominator());
    assertTrue(now.clause("M1").measurement().denominator() > atT.clause("M1").measurement().denominator(),
        "a third landing day is counted now");
    assertEquals(3, now.integrity().days().size());
    assertTrue(now.integrity().intact(), now.integrity().toString());
  }

  @Test
  @Order(2)
  void rewrittenDaysAreNamedAndTheReportAsOfTStillSaysIntact() {
    long current = lake.currentSnapshotId(Tables.EVENTS);
    Dataset<Row> day1 = lake.readAt(Tables.EVENTS, current).where(col("event_date").equalTo(lit(DAY1)));
    String edited = day1.orderBy("event_id").select("event_id").first().getString(0);
    // an edit in place: one column changes, the stored event_hash does not
    lake.overwrite(Tables.EVENTS, day1.withColumn("records_affected", when(col("event_id").equalTo(lit(edited)),
        coalesce(col("records_affected"), lit(0L)).plus(1)).otherwise(col("records_affected"))),
        col("event_date").equalTo(lit(DAY1)));
    Dataset<Row> day2 = lake.readAt(Tables.EVENTS, lake.currentSnapshotId(Tables.EVENTS))
        .where(col("event_date").equalTo(lit(DAY2)));
    String deleted = day2.orderBy("event_id").select("event_id").first().getString(0);
    long day2Rows = day2.count();
    lake.overwrite(Tables.EVENTS, day2.where(col("event_id").notEqual(lit(deleted))), col("event_date").equalTo(lit(DAY2)));

    ComplianceEvidence.Result now = new ComplianceEvidence(lake, asOfT.withAsOf(Instant.now())).run();
    assertEquals(List.of(DAY1, DAY2), now.integrity().changedDays(), now.integrity().toString());
    IntegrityCheck.Day first = now.integrity().days().get(0);
    assertEquals("changed", first.verdict());
    assertEquals(first.digestRows(), first.rows(), "an edit keeps the row count");
    assertNotEquals(first.digestRoot(), first.root());
    assertEquals(1, first.rehashMismatches());
    assertEquals(List.of(edited), first.mismatchedEventIds());
    IntegrityCheck.Day second = now.integrity().days().get(1);
    assertEquals(day2Rows - 1, second.rows());
    assertEquals(day2Rows, second.digestRows());
    assertEquals(0, second.rehashMismatches());
    assertEquals("intact", now.integrity().days().get(2).verdict());

    assertEquals(atT, new ComplianceEvidence(lake, asOfT).run(), "as of T the rows were as ingest digested them");
  }
}

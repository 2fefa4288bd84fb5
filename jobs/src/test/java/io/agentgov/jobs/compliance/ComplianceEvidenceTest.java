package io.agentgov.jobs.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.recalibration.RecalibrationJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compliance evidence over the generated enterprise (10 days ingested; features, baselines,
 * drift, findings and a recalibration for the first nine nights), as of an instant T taken after
 * them. Every metric is checked against a count written independently (Spark SQL or plain Java over
 * collected rows) on the snapshot the report names; then the tenth night is derived and the result
 * as of T must not move.
 */
class ComplianceEvidenceTest {
  static final LocalDate FIRST = GeneratedLake.FIRST;
  static final LocalDate LAST = GeneratedLake.LAST;
  static final Nightly.Settings SETTINGS = new Nightly.Settings(DriftOptions.defaults().withWindow(7, 4),
      DetectOptions.defaults().withMinObservedDays(4));
  static final long SEED = 20260302L;

  static Lakehouse lake;
  static Instant t;
  static ComplianceEvidence.Options options;
  static ComplianceEvidence.Result result;

  @BeforeAll
  static void reportAsOfT() throws InterruptedException {
    lake = GeneratedLake.lake();
    Nightly.backfill(lake, FIRST, LAST.minusDays(1), SETTINGS);
    new RecalibrationJob(lake, RecalibrationJob.Options.of(LAST.minusDays(1), 30)).run();
    Thread.sleep(5); // T strictly after the last commit's millisecond
    t = Instant.now();
    Thread.sleep(5);
    options = ComplianceEvidence.Options.of(FIRST, LAST, t, SEED);
    result = new ComplianceEvidence(lake, options).run();
  }

  /** A table at the snapshot the report read it at, as a temporary view named after it. */
  static String view(TableDefinition table) {
    Long id = result.snapshotIds().get(lake.name(table));
    assertNotNull(id, table + " was read at a snapshot: " + result.snapshotIds());
    lake.readAt(table, id).createOrReplaceTempView("t_" + table.name());
    return "t_" + table.name();
  }

  static Row sql(String query) {
    return lake.spark().sql(query).first();
  }

  static String period(String column) {
    return column + " BETWEEN DATE '" + FIRST + "' AND DATE '" + LAST + "'";
  }

  /** The registry version of the event's day, joined: the SCD2 rule written out again. */
  static String eventsWithRegistry() {
    return view(Tables.EVENTS) + " e LEFT JOIN " + view(Tables.AGENTS) + " a ON e.agent_id = a.agent_id"
        + " AND a.valid_from <= e.event_date AND (a.valid_to IS NULL OR a.valid_to > e.event_date)";
  }

  @Test
  void everyClauseIsReportedWithItsFrameworkWording() {
    assertEquals(ClauseBook.IDS, result.clauses().stream().map(c -> c.clause().id()).toList());
    assertEquals(Status.NOT_COVERED, result.clause("M5").measurement().status());
    assertTrue(result.doesNotCover().stream().anyMatch(s -> s.startsWith("M5 ")), result.doesNotCover().toString());
    assertTrue(result.doesNotCover().stream().anyMatch(s -> s.startsWith("M10 ") && s.contains("in part")));
    assertTrue(result.clause("M10").measurement().notes().get(0).startsWith("Partly covered"));
    for (ComplianceEvidence.ClauseResult c : result.clauses()) {
      assertFalse(c.sentence().toLowerCase().contains("compliant"), c.sentence());
      if (c.clause().id().equals("M6") && c.measurement().status() != Status.NOT_COVERED) {
        assertTrue(c.sentence().contains("aligned with NIST AI RMF GOVERN 1.6"), c.sentence());
      }
      // the EU AI Act's Annex III obligations apply from 2027-12-02 (Digital Omnibus): not in March 2026
      boolean eu = c.clause().references().get(0).framework().equals("EU AI Act");
      assertEquals(eu ? Clause.InForce.NOT_YET : Clause.InForce.VOLUNTARY, c.inForce(), c.clause().id());
    }
  }

  @Test
  void recordKeepingIsStoredOverReceived() {
    Row r = sql("SELECT count(*) FROM " + view(Tables.EVENTS) + " WHERE " + period("landing_date"));
    Row q = sql("SELECT count(*) FROM " + view(Tables.QUARANTINE) + " WHERE " + period("landing_date")
        + " AND source_kind IN ('events', 'otel') AND reason_code <> 'conflicting_duplicate'");
    Measurement m = result.clause("M1").measurement();
    assertEquals(r.getLong(0), m.numerator());
    assertEquals(r.getLong(0) + q.getLong(0), m.denominator());
    assertEquals((double) r.getLong(0) / (r.getLong(0) + q.getLong(0)), m.value(), 1e-12);
  }

  @Test
  void humanOversightMatchesADirectCount() {
    Row r = sql("SELECT count(*), count_if(NOT (outcome.executed_at IS NOT NULL OR outcome.status IN ('success', 'partial'))"
        + " OR (oversight.decision IN ('approved', 'modified') AND oversight.responded_at <= coalesce(outcome.executed_at, e.event_time)))"
        + " FROM " + eventsWithRegistry() + " WHERE " + period("e.event_date")
        + " AND a.eu_risk_class = 'high' AND e.policy.checked AND e.policy.tier IN (3, 4)");
    Measurement m = result.clause("M2").measurement();
    assertTrue(r.getLong(0) > 0, "the generated enterprise has high-risk agents with tier 3/4 actions");
    assertEquals(r.getLong(0), m.denominator());
    assertEquals(r.getLong(1), m.numerator());
    assertEquals(m.denominator(), m.byUnit().stream().mapToLong(Measurement.UnitValue::denominator).sum());
    long violations = m.evidence().get(0).count() + m.evidence().get(1).count();
    assertEquals(m.denominator() - m.numerator(), violations);
  }

  @Test
  void logRetentionCountsFromTheOldestEventDay() {
    Row r = sql("SELECT min(event_date) FROM " + view(Tables.EVENTS));
    LocalDate oldest = ComplianceInputs.date(r.get(0));
    Measurement m = result.clause("M3").measurement();
    assertEquals(FIRST, oldest);
    assertEquals(10.0, m.value());
    assertEquals(Status.PASS, m.status(), "everything since the lake began is retained: " + m.notes());
    assertTrue(m.notes().stream().anyMatch(n -> n.contains("since the lake began")), m.notes().toString());
  }

  @Test
  void useWithinScopeMatchesADirectCount() {
    Row r = sql("SELECT count(*), count_if(NOT array_contains(transform(coalesce(a.declared_scope, array()),"
        + " s -> concat(s.action_type, ':', s.target_system)), concat(e.action.type, ':', e.action.target_system)))"
        + " FROM " + eventsWithRegistry() + " WHERE " + period("e.event_date") + " AND a.agent_id IS NOT NULL"
        + " AND a.eu_risk_class = 'high' AND (e.outcome.executed_at IS NOT NULL OR e.outcome.status IN ('success', 'partial'))");
    Measurement m = result.clause("M4").measurement();
    assertEquals(r.getLong(0), m.denominator());
    assertEquals((double) r.getLong(1), m.value());
  }

  @Test
  void inventoryMatchesADirectCount() {
    Row r = sql("SELECT count(DISTINCT e.agent_id), count(DISTINCT CASE WHEN a.agent_id IS NULL THEN e.agent_id END)"
        + " FROM " + eventsWithRegistry() + " WHERE " + period("e.event_date"));
    Measurement m = result.clause("M6").measurement();
    assertEquals(r.getLong(0), m.denominator());
    assertEquals((double) r.getLong(1), m.value());
    assertTrue(r.getLong(1) > 0, "the generator plants shadow agents");
    assertEquals(Status.FAIL, m.status());
    assertTrue(m.evidence().get(2).count() > 0, "their shadow_agent findings are listed: " + m.evidence());
  }

  /** The registry (agent id -> row) and directory (person id -> status) versions valid on the period end. */
  static Map<String, Row> registryAtEnd() {
    Map<String, Row> out = new HashMap<>();
    for (Row r : lake.spark().sql("SELECT * FROM " + view(Tables.AGENTS)).collectAsList()) {
      LocalDate from = ComplianceInputs.date(r.getAs("valid_from"));
      LocalDate to = ComplianceInputs.date(r.getAs("valid_to"));
      if (!from.isAfter(LAST) && (to == null || to.isAfter(LAST))) {
        out.put(r.getAs("agent_id"), r);
      }
    }
    return out;
  }

  static Map<String, String> peopleAtEnd() {
    Map<String, String> out = new HashMap<>();
    for (Row r : lake.spark().sql("SELECT * FROM " + view(Tables.PEOPLE)).collectAsList()) {
      LocalDate from = ComplianceInputs.date(r.getAs("valid_from"));
      LocalDate to = ComplianceInputs.date(r.getAs("valid_to"));
      if (!from.isAfter(LAST) && (to == null || to.isAfter(LAST))) {
        out.put(r.getAs("person_id"), r.getAs("status"));
      }
    }
    return out;
  }

  @Test
  void periodicReviewMatchesADirectCount() {
    Instant cutoff = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofDays(90));
    long active = 0;
    long reviewed = 0;
    for (Row a : registryAtEnd().values()) {
      if ("active".equals(a.getAs("status"))) {
        active++;
        Instant last = ComplianceInputs.instant(a.getAs("last_review_at"));
        reviewed += last != null && last.isAfter(cutoff) ? 1 : 0;
      }
    }
    Measurement m = result.clause("M7").measurement();
    assertEquals(active, m.denominator());
    assertEquals(reviewed, m.numerator());
    assertTrue(reviewed < active, "the generator plants overdue reviews");
  }

  @Test
  void decommissioningMatchesADirectCount() {
    Set<String> problem = new TreeSet<>();
    Set<String> acting = new TreeSet<>();
    for (Row r : lake.spark().sql("SELECT e.agent_id, e.event_time, e.credential.id AS credential_id, a.status,"
        + " a.decommissioned_at, a.credentials FROM " + eventsWithRegistry() + " WHERE " + period("e.event_date")
        + " AND a.agent_id IS NOT NULL").collectAsList()) {
      String agent = r.getString(0);
      Instant at = ComplianceInputs.instant(r.get(1));
      Instant decommissioned = ComplianceInputs.instant(r.get(4));
      boolean dead = "decommissioned".equals(r.getString(3)) || "suspended".equals(r.getString(3))
          || (decommissioned != null && !decommissioned.isAfter(at));
      if (!r.isNullAt(5)) {
        for (Row c : r.<Row>getList(5)) {
          if (c.getAs("id").equals(r.getString(2))) {
            Instant revoked = ComplianceInputs.instant(c.getAs("revoked_at"));
            Instant expires = ComplianceInputs.instant(c.getAs("expires_at"));
            dead |= (revoked != null && !revoked.isAfter(at)) || (expires != null && !expires.isAfter(at));
          }
        }
      }
      acting.add(agent);
      if (dead) {
        problem.add(agent);
      }
    }
    Measurement m = result.clause("M8").measurement();
    assertEquals(acting.size(), m.denominator());
    assertEquals((double) problem.size(), m.value());
    assertEquals(problem.size(), m.evidence().get(0).count());
  }

  @Test
  void accountabilityMatchesADirectCount() {
    Map<String, String> people = peopleAtEnd();
    long active = 0;
    long covered = 0;
    for (Row a : registryAtEnd().values()) {
      if ("active".equals(a.getAs("status"))) {
        active++;
        covered += "active".equals(people.get(a.<String>getAs("owner_id")))
            && "active".equals(people.get(a.<String>getAs("sponsor_id"))) ? 1 : 0;
      }
    }
    Measurement m = result.clause("M9").measurement();
    assertEquals(active, m.denominator());
    assertEquals(covered, m.numerator());
  }

  @Test
  void monitoringCountsReadyBaselines() {
    Measurement m = result.clause("M10").measurement();
    assertNotNull(m.value(), m.notes().toString());
    Row r = sql("SELECT count(DISTINCT agent_id) FROM " + view(Tables.AGENT_BASELINES) + " WHERE " + period("baseline_date")
        + " AND baseline_date = DATE '" + LAST.minusDays(1) + "' AND status = 'ready'");
    assertTrue(m.numerator() <= r.getLong(0) && m.numerator() > 0, m + " vs " + r);
  }

  @Test
  void recalibrationIsJudgedOnTheLatestVerdicts() {
    Measurement m = result.clause("M11").measurement();
    Row r = sql("SELECT count(DISTINCT agent_id) FROM " + view(Tables.THRESHOLD_RECOMMENDATIONS)
        + " WHERE as_of_date <= DATE '" + LAST + "'");
    assertTrue(m.denominator() > 0 && m.denominator() <= r.getLong(0), m + " vs " + r);
  }

  @Test
  void leastPrivilegeCountsSharedCredentialsOfActiveFindings() {
    Row r = sql("SELECT count(DISTINCT coalesce(details['credential_id'], subject)) FROM " + view(Tables.FINDINGS)
        + " WHERE " + period("detect_date") + " AND status IN ('open', 'reopened') AND finding_type = 'shared_credential'");
    Measurement m = result.clause("M12").measurement();
    assertEquals((double) r.getLong(0), m.value());
    assertEquals(r.getLong(0) == 0 ? Status.PASS : Status.FAIL, m.status());
  }

  @Test
  void untouchedDaysAreIntact() {
    IntegrityCheck.Result integrity = result.integrity();
    assertTrue(integrity.intact(), integrity.toString());
    assertEquals(10, integrity.days().size());
    integrity.days().forEach(d -> assertEquals(d.digestRows(), d.rows()));
  }

  @Test
  void manifestNamesEverySnapshotReadAndThePolicies() {
    Manifest manifest = result.manifest();
    Set<String> tables = new HashSet<>();
    for (Manifest.TableRead read : manifest.tables()) {
      tables.add(read.table());
      assertNotNull(read.snapshotId(), read.table());
      assertFalse(read.committedAt().isAfter(t), read + " was committed after T " + t);
    }
    for (TableDefinition d : List.of(Tables.EVENTS, Tables.QUARANTINE, Tables.AGENTS, Tables.PEOPLE, Tables.FINDINGS,
        Tables.EVENT_DAY_DIGESTS, Tables.INGEST_RUNS, Tables.POLICIES, Tables.AGENT_BASELINES,
        Tables.THRESHOLD_RECOMMENDATIONS)) {
      assertTrue(tables.contains(lake.name(d)), d + " in " + tables);
    }
    Manifest.TableRead events = manifest.tables().stream().filter(r -> r.table().equals(lake.name(Tables.EVENTS)))
        .findFirst().orElseThrow();
    assertEquals(lake.readAt(Tables.EVENTS, events.snapshotId()).count(), events.rows());
    assertFalse(manifest.policies().isEmpty());
    assertFalse(manifest.ingestRuns().isEmpty());
    assertEquals(64, manifest.configHash().length());
  }

  @Test
  void samplesAreReproducibleFromTheSeed() {
    List<EvidenceSamples.Stratum> again = samples(SEED);
    assertEquals(result.samples(), again);
    List<EvidenceSamples.Stratum> other = samples(SEED + 1);
    assertEquals(result.samples().stream().map(EvidenceSamples.Stratum::population).toList(),
        other.stream().map(EvidenceSamples.Stratum::population).toList(), "the same strata");
    assertNotEquals(result.samples(), other, "another seed draws other ids");
    for (EvidenceSamples.Stratum s : result.samples()) {
      assertEquals(Math.min(s.population(), ComplianceEvidence.SAMPLES_PER_STRATUM), s.eventIds().size(), s.toString());
    }
    assertTrue(result.samples().stream().map(EvidenceSamples.Stratum::businessUnit).distinct().count() >= 3);
  }

  static List<EvidenceSamples.Stratum> samples(long seed) {
    try (ComplianceInputs in = new ComplianceInputs(new TablesAsOf(lake, t), FIRST, LAST, seed,
        ComplianceEvidence.SAMPLES_PER_METRIC)) {
      return EvidenceSamples.draw(in, ComplianceEvidence.SAMPLES_PER_STRATUM);
    }
  }

  @Test
  void aResultAsOfTDoesNotMoveWhenMoreDataLands() {
    Nightly.derive(lake, LAST, SETTINGS); // features, baselines, drift and findings of the last night, after T
    new RecalibrationJob(lake, RecalibrationJob.Options.of(LAST, 30)).run();
    ComplianceEvidence.Result again = new ComplianceEvidence(lake, options).run();
    assertEquals(result, again);
    ComplianceEvidence.Result now = new ComplianceEvidence(lake, options.withAsOf(Instant.now())).run();
    String findings = lake.name(Tables.FINDINGS);
    // What else changes depends on which nights other tests of this JVM already derived in the shared lake;
    // that the findings moved on while the result as of T did not is the point.
    assertNotEquals(result.snapshotIds().get(findings), now.snapshotIds().get(findings), "the current state moved");
  }

  @Test
  void anAsOfBeforeEveryCommitReadsNothing() {
    ComplianceEvidence.Result before = new ComplianceEvidence(lake,
        ComplianceEvidence.Options.of(FIRST, LAST, FIRST.atStartOfDay(ZoneOffset.UTC).toInstant(), SEED)).run();
    before.manifest().tables().forEach(r -> assertNull(r.snapshotId(), r.toString()));
    assertEquals(Status.NO_DATA, before.clause("M2").measurement().status());
    assertFalse(before.notes().isEmpty(), "the as-of is before the period end");
  }
}

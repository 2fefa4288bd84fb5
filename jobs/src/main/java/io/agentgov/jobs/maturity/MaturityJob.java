package io.agentgov.jobs.maturity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every business unit's maturity indicators for one month from the lake (events,
 * registry, directory, findings, baselines, reviews, quarantine), judges them with
 * {@link MaturityRubric}, and replaces the month's rows of {@code maturity_scores}. Every table is
 * read at one snapshot, recorded with the scores.
 *
 * <p>Shadow agents have no business unit in the registry; one is counted in a unit when the
 * contract's fields tie it there: a credential it shares with a registered agent of the unit, else
 * the person it acted for most often ({@code on_behalf_of}), else the person it escalated to most
 * often. The rest are reported as unattributed.
 */
public final class MaturityJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaturityJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One unit's score as the CLI prints it. */
  public record UnitScore(String businessUnit, int stage, String stageName, Integer previousStage, List<String> gaps) {}

  public record Result(YearMonth month, List<UnitScore> units, long unattributedShadowAgents, long snapshotId,
      Duration elapsed) {
    public String summary() {
      StringBuilder s = new StringBuilder(String.format("maturity %s: %d business units scored", month, units.size()));
      units.forEach(u -> s.append(String.format("; %s %d %s", u.businessUnit(), u.stage(), u.stageName())));
      if (unattributedShadowAgents > 0) {
        s.append(String.format("; %d shadow agents not attributable to a unit", unattributedShadowAgents));
      }
      return s.append(String.format(" (%.1f s)", elapsed.toMillis() / 1000.0)).toString();
    }
  }

  /** What the month's events say about one agent. */
  private record AgentMonth(String agentId, long events, long checked, long own, long shortLived, String actedFor,
      String escalatedTo) {}

  private final Lakehouse lake;
  private final YearMonth month;

  public MaturityJob(Lakehouse lake, YearMonth month) {
    this.lake = lake;
    this.month = month;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("maturity-" + month, "agentgov maturity " + month);
    LocalDate start = month.atDay(1);
    LocalDate end = month.atEndOfMonth();
    Map<String, Long> snapshots = new TreeMap<>();
    Dataset<Row> events = at(Tables.EVENTS, snapshots);
    if (events == null) {
      throw new IllegalStateException("Cannot score maturity for " + month + ": " + lake.name(Tables.EVENTS)
          + " is empty (run ingest first)");
    }
    Dataset<Row> monthEvents = events.where(col("event_date").between(lit(start), lit(end))).cache();
    try {
      // The credential kinds the policy in force at the month's end prefers (the shipped default if none is loaded).
      EscalationPolicy inForce = io.agentgov.jobs.governance.Night.policies(lake)
          .inForce(io.agentgov.jobs.governance.DetectOptions.defaults().policyId(),
              end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));
      EscalationPolicy policy = inForce != null ? inForce : EscalationPolicy.loadDefault();
      List<String> preferred = policy.credentials().preferredKinds();
      // Credentials used by more than one agent this month are nobody's own.
      Set<String> shared = new HashSet<>();
      monthEvents.groupBy(col("credential.id")).agg(countDistinct("agent_id").as("agents")).where(col("agents").gt(1))
          .select("id").collectAsList().forEach(r -> shared.add(r.getString(0)));
      Map<String, Set<String>> credentialAgents = new HashMap<>();
      for (Row r : monthEvents.where(col("credential.id").isin(shared.toArray())).groupBy("credential.id", "agent_id")
          .count().collectAsList()) {
        credentialAgents.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
      }
      Map<String, AgentMonth> acting = new TreeMap<>();
      for (Row r : monthEvents.groupBy("agent_id").agg(count(lit(1)), sum(when(col("policy.checked"), 1).otherwise(0)),
          sum(when(col("credential.kind").notEqual("user_credential").and(not(col("credential.id").isin(shared.toArray()))), 1)
              .otherwise(0)),
          sum(when(col("credential.kind").isin(preferred.toArray()), 1).otherwise(0)),
          org.apache.spark.sql.functions.mode(col("on_behalf_of")),
          org.apache.spark.sql.functions.mode(col("oversight.escalated_to"))).collectAsList()) {
        acting.put(r.getString(0), new AgentMonth(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
            r.getString(5), r.getString(6)));
      }
      Dataset<Row> agents = at(Tables.AGENTS, snapshots);
      Map<String, Row> registryAtEnd = new HashMap<>();
      Map<String, String> unitOf = new HashMap<>();
      for (Row r : agents.where(col("valid_from").leq(lit(end)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(start)))))
          .orderBy("valid_from").collectAsList()) {
        unitOf.put(r.getAs("agent_id"), r.getAs("business_unit"));
        if (r.<LocalDate>getAs("valid_from").compareTo(end) <= 0
            && (r.isNullAt(r.fieldIndex("valid_to")) || r.<LocalDate>getAs("valid_to").isAfter(end))) {
          registryAtEnd.put(r.getAs("agent_id"), r);
        }
      }
      Map<String, Row> people = new HashMap<>();
      Dataset<Row> peopleTable = at(Tables.PEOPLE, snapshots);
      if (peopleTable != null) {
        peopleTable.where(col("valid_from").leq(lit(end)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(end)))))
            .collectAsList().forEach(r -> people.put(r.getAs("person_id"), r));
      }
      // Shadow agents, attributed to a unit where the contract's fields allow.
      Map<String, String> shadowUnit = new TreeMap<>();
      long unattributed = 0;
      for (AgentMonth a : acting.values()) {
        if (unitOf.containsKey(a.agentId())) {
          continue;
        }
        String unit = attribute(a, credentialAgents, unitOf, people);
        if (unit == null) {
          unattributed++;
        } else {
          shadowUnit.put(a.agentId(), unit);
        }
      }
      Map<String, Long> violations = violatingEvents(snapshots, start, end);
      Set<String> unusedGrants = unusedGrants(snapshots, start, end);
      Set<String> baselined = baselined(snapshots, start, end);
      Set<String> sampled = sampledReviews(snapshots, events, start, end);
      Map<String, long[]> quarantinedByUnit = quarantined(snapshots, start, end, unitOf);

      Map<String, Map<Indicator, long[]>> counts = new TreeMap<>();
      for (String unit : new java.util.TreeSet<>(unitOf.values())) {
        if (unit != null) {
          Map<Indicator, long[]> c = new EnumMap<>(Indicator.class);
          for (Indicator i : Indicator.values()) {
            c.put(i, new long[2]);
          }
          counts.put(unit, c);
        }
      }
      for (AgentMonth a : acting.values()) {
        boolean registered = unitOf.containsKey(a.agentId());
        String unit = registered ? unitOf.get(a.agentId()) : shadowUnit.get(a.agentId());
        Map<Indicator, long[]> c = unit == null ? null : counts.get(unit);
        if (c == null) {
          continue;
        }
        add(c, Indicator.INVENTORY_COVERAGE, registered ? 1 : 0, 1);
        add(c, Indicator.OWN_IDENTITY, a.own(), a.events());
        add(c, Indicator.SHORT_LIVED_CREDENTIALS, a.shortLived(), a.events());
        add(c, Indicator.POLICY_CHECKED, a.checked(), a.events());
        add(c, Indicator.LOG_COMPLETENESS, a.events(), a.events());
        if (registered) {
          add(c, Indicator.POLICY_CONFORMANCE, a.events() - Math.min(a.events(), violations.getOrDefault(a.agentId(), 0L)),
              a.events());
          add(c, Indicator.BASELINE_COVERAGE, baselined.contains(a.agentId()) ? 1 : 0, 1);
          add(c, Indicator.SAMPLED_REVIEWS, sampled.contains(a.agentId()) ? 1 : 0, 1);
        }
      }
      quarantinedByUnit.forEach((unit, q) -> {
        if (counts.containsKey(unit)) {
          add(counts.get(unit), Indicator.LOG_COMPLETENESS, 0, q[0]);
        }
      });
      Instant endInstant = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (Row r : registryAtEnd.values()) {
        Map<Indicator, long[]> c = counts.get(r.<String>getAs("business_unit"));
        if (c == null || !"active".equals(r.getAs("status"))) {
          continue;
        }
        Row owner = r.isNullAt(r.fieldIndex("owner_id")) ? null : people.get(r.<String>getAs("owner_id"));
        add(c, Indicator.NAMED_OWNERS, owner != null && "active".equals(owner.getAs("status")) ? 1 : 0, 1);
        Instant reviewed = r.getAs("last_review_at");
        add(c, Indicator.REVIEW_CADENCE, reviewed != null && !reviewed.isBefore(endInstant.minus(90, ChronoUnit.DAYS)) ? 1 : 0, 1);
        add(c, Indicator.GOVERNANCE_REVIEW, Boolean.TRUE.equals(r.getAs("governance_review_passed")) ? 1 : 0, 1);
        add(c, Indicator.PIPELINE_DEPLOYMENT, Boolean.TRUE.equals(r.getAs("deployed_via_pipeline")) ? 1 : 0, 1);
        add(c, Indicator.LEAST_PRIVILEGE, unusedGrants.contains(r.<String>getAs("agent_id")) ? 0 : 1, 1);
      }

      Map<String, Integer> previous = previousStages();
      String runId = "maturity-" + month + "-" + UUID.randomUUID();
      String settings = settings(unattributed);
      List<Row> rows = new ArrayList<>();
      List<UnitScore> units = new ArrayList<>();
      Instant computedAt = Instant.now();
      counts.forEach((unit, c) -> {
        Map<Indicator, MaturityRubric.Measure> measures = new EnumMap<>(Indicator.class);
        c.forEach((i, nd) -> measures.put(i, new MaturityRubric.Measure(nd[0], nd[1])));
        MaturityRubric.Assessment a = MaturityRubric.assess(measures);
        List<Row> indicators = a.indicators().stream().map(j -> RowFactory.create(j.indicator().wire(),
            j.measure().value(), j.measure().numerator(), j.measure().denominator(), j.stageMet(), j.nextLevel())).toList();
        long registeredActive = registryAtEnd.values().stream().filter(r -> unit.equals(r.getAs("business_unit"))
            && "active".equals(r.getAs("status"))).count();
        long actingAgents = c.get(Indicator.INVENTORY_COVERAGE)[1];
        long shadows = actingAgents - c.get(Indicator.INVENTORY_COVERAGE)[0];
        long unitEvents = c.get(Indicator.POLICY_CHECKED)[1];
        rows.add(RowFactory.create(start, unit, a.stage(), a.stageName(), previous.get(unit), RowValues.seq(indicators),
            RowValues.seq(a.nextStageGaps()), registeredActive, actingAgents, shadows, unitEvents, RowValues.map(snapshots),
            settings, runId, computedAt));
        units.add(new UnitScore(unit, a.stage(), a.stageName(), previous.get(unit), a.nextStageGaps()));
      });
      long snapshot = lake.overwrite(Tables.MATURITY_SCORES,
          lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(Tables.MATURITY_SCORES)),
          col("month_start").equalTo(lit(start)));
      Result result = new Result(month, units, unattributed, snapshot, Duration.between(started, Instant.now()));
      LOG.info(result.summary());
      return result;
    } finally {
      monthEvents.unpersist();
    }
  }

  private static org.apache.spark.sql.Column not(org.apache.spark.sql.Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  private static void add(Map<Indicator, long[]> c, Indicator i, long numerator, long denominator) {
    c.get(i)[0] += numerator;
    c.get(i)[1] += denominator;
  }

  /** A table at its current snapshot, recorded; null when it has none yet. */
  private Dataset<Row> at(TableDefinition table, Map<String, Long> snapshots) {
    Long id = lake.currentSnapshotId(table);
    if (id == null) {
      return null;
    }
    snapshots.put(table.name(), id);
    return lake.readAt(table, id);
  }

  private static String attribute(AgentMonth a, Map<String, Set<String>> credentialAgents, Map<String, String> unitOf,
      Map<String, Row> people) {
    for (Set<String> sharers : credentialAgents.values()) {
      if (sharers.contains(a.agentId())) {
        for (String other : sharers) {
          if (unitOf.get(other) != null) {
            return unitOf.get(other);
          }
        }
      }
    }
    for (String person : new String[] {a.actedFor(), a.escalatedTo()}) {
      Row p = person == null ? null : people.get(person);
      if (p != null && p.getAs("business_unit") != null) {
        return p.getAs("business_unit");
      }
    }
    return null;
  }

  /** The latest night of {@code findings} on or before {@code day}, or null. */
  private static LocalDate lastNight(Dataset<Row> findings, LocalDate day) {
    Row last = findings.where(col("detect_date").leq(lit(day))).agg(max("detect_date")).first();
    return last.isNullAt(0) ? null : last.getAs(0);
  }

  /**
   * Events per agent that were evidence of a tier or oversight violation in the month: each
   * finding's evidence count on the month's last night minus its count on the last night before
   * the month (findings accumulate their evidence night by night).
   */
  private Map<String, Long> violatingEvents(Map<String, Long> snapshots, LocalDate start, LocalDate end) {
    Dataset<Row> findings = at(Tables.FINDINGS, snapshots);
    Map<String, Long> byAgent = new HashMap<>();
    LocalDate last = findings == null ? null : lastNight(findings, end);
    if (last == null || last.isBefore(start)) {
      return byAgent;
    }
    LocalDate before = lastNight(findings, start.minusDays(1));
    Map<String, Long> earlier = new HashMap<>();
    List<String> types = List.of("tier_violation", "oversight_violation");
    if (before != null) {
      findings.where(col("detect_date").equalTo(lit(before)).and(col("finding_type").isin(types.toArray())))
          .select("finding_id", "evidence_events").collectAsList().forEach(r -> earlier.put(r.getString(0), r.getLong(1)));
    }
    for (Row r : findings.where(col("detect_date").equalTo(lit(last)).and(col("finding_type").isin(types.toArray())))
        .select("finding_id", "agent_id", "evidence_events").collectAsList()) {
      byAgent.merge(r.getString(1), r.getLong(2) - earlier.getOrDefault(r.getString(0), 0L), Long::sum);
    }
    return byAgent;
  }

  /** Agents with an unused-permission finding active on the month's last night. */
  private Set<String> unusedGrants(Map<String, Long> snapshots, LocalDate start, LocalDate end) {
    Dataset<Row> findings = lake.currentSnapshotId(Tables.FINDINGS) == null ? null
        : lake.readAt(Tables.FINDINGS, snapshots.get(Tables.FINDINGS.name()));
    Set<String> agents = new HashSet<>();
    LocalDate last = findings == null ? null : lastNight(findings, end);
    if (last == null || last.isBefore(start)) {
      return agents;
    }
    findings.where(col("detect_date").equalTo(lit(last)).and(col("finding_type").equalTo("unused_permission"))
            .and(col("status").isin("open", "reopened")))
        .select("agent_id").distinct().collectAsList().forEach(r -> agents.add(r.getString(0)));
    return agents;
  }

  /** Agents with a ready baseline on the month's last night that has baselines. */
  private Set<String> baselined(Map<String, Long> snapshots, LocalDate start, LocalDate end) {
    Dataset<Row> baselines = at(Tables.AGENT_BASELINES, snapshots);
    Set<String> agents = new HashSet<>();
    if (baselines == null) {
      return agents;
    }
    Dataset<Row> inMonth = baselines.where(col("baseline_date").between(lit(start), lit(end)));
    Row last = inMonth.agg(max("baseline_date")).first();
    if (!last.isNullAt(0)) {
      inMonth.where(col("baseline_date").equalTo(lit(last.<LocalDate>getAs(0))).and(col("status").equalTo("ready")))
          .select("agent_id").collectAsList().forEach(r -> agents.add(r.getString(0)));
    }
    return agents;
  }

  /** Agents with a census, random or stratified review filed in the month (targeted reviews are no sample). */
  private Set<String> sampledReviews(Map<String, Long> snapshots, Dataset<Row> events, LocalDate start, LocalDate end) {
    Dataset<Row> reviews = at(Tables.REVIEWS, snapshots);
    Set<String> agents = new HashSet<>();
    if (reviews == null) {
      return agents;
    }
    Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Dataset<Row> sampled = reviews.where(col("reviewed_at").geq(lit(java.sql.Timestamp.from(from)))
        .and(col("reviewed_at").lt(lit(java.sql.Timestamp.from(to)))).and(col("sample_design").notEqual("targeted")))
        .select(col("event_id").as("reviewed_event"));
    // A review follows its event by hours; the event may fall in the month before.
    events.where(col("event_date").between(lit(start.minusDays(31)), lit(end)))
        .join(sampled, col("event_id").equalTo(col("reviewed_event"))).select("agent_id").distinct().collectAsList()
        .forEach(r -> agents.add(r.getString(0)));
    return agents;
  }

  /** Quarantined event records of the month per unit, by the agent id their raw text names. */
  private Map<String, long[]> quarantined(Map<String, Long> snapshots, LocalDate start, LocalDate end,
      Map<String, String> unitOf) {
    Dataset<Row> quarantine = at(Tables.QUARANTINE, snapshots);
    Map<String, long[]> byUnit = new HashMap<>();
    if (quarantine == null) {
      return byUnit;
    }
    for (Row r : quarantine.where(col("landing_date").between(lit(start), lit(end))
            .and(col("source_kind").isin("events", "otel")))
        .groupBy(coalesce(get_json_object(col("raw_text"), "$.agent_id"), lit("")).as("agent")).count().collectAsList()) {
      String unit = unitOf.get(r.getString(0));
      if (unit != null) {
        byUnit.computeIfAbsent(unit, k -> new long[1])[0] += r.getLong(1);
      }
    }
    return byUnit;
  }

  private Map<String, Integer> previousStages() {
    Map<String, Integer> stages = new HashMap<>();
    if (lake.currentSnapshotId(Tables.MATURITY_SCORES) == null) {
      return stages;
    }
    lake.read(Tables.MATURITY_SCORES).where(col("month_start").equalTo(lit(month.minusMonths(1).atDay(1))))
        .select("business_unit", "stage").collectAsList().forEach(r -> stages.put(r.getString(0), r.getInt(1)));
    return stages;
  }

  private String settings(long unattributed) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rubric_version", MaturityRubric.VERSION);
    m.put("month", month.toString());
    m.put("unattributed_shadow_agents", unattributed);
    Map<String, Object> levels = new LinkedHashMap<>();
    for (Indicator i : Indicator.values()) {
      levels.put(i.wire(), new Double[] {i.level(2), i.level(3), i.level(4)});
    }
    m.put("levels", levels);
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write maturity settings: " + e.getMessage(), e);
    }
  }
}

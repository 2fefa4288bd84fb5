package io.agentgov.cli;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicySet;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.Scorecard;
import io.agentgov.reports.ScorecardDriftAlert;
import io.agentgov.reports.ScorecardFinding;
import io.agentgov.reports.ScorecardIndicator;
import io.agentgov.reports.ScorecardMaturity;
import io.agentgov.reports.ScorecardOversight;
import io.agentgov.reports.ScorecardPopulation;
import io.agentgov.reports.ScorecardRecommendation;
import io.agentgov.reports.ScorecardStagePoint;
import io.agentgov.reports.ScorecardUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lakehouse into the monthly scorecard ({@link Scorecard}): every table as it stood at one
 * moment ({@code asOf}, Iceberg time travel), so the report can be rebuilt exactly and each figure
 * traced to the snapshot named in its appendix.
 *
 * <ul>
 *   <li><b>Maturity</b>: the {@code maturity_scores} rows of the month and the 11 months before it.
 *       A month the maturity job has not scored leaves the units without a stage; it is not an error.
 *   <li><b>Findings</b>: the partition of the month's last night that has one (the latest
 *       {@code detect_date} up to the month's end; a night's partition is the whole list), its
 *       {@code open} and {@code reopened} rows. Age is counted from {@code opened_on} to that night,
 *       which is the month's end once the month's last night has run. A finding without a business unit
 *       (an agent the registry does not list) goes to the unit of the agent in the registry, else to
 *       the unit of the person it acted for (the one notified, {@code notify_role = acted_for}), else
 *       to {@link #UNKNOWN_UNIT}.
 *   <li><b>Agents</b>: the registry (SCD type 2) version valid at the month's end ({@code valid_from <=
 *       end < valid_to}): status {@code active} counts as registered, {@code decommissioned} as
 *       decommissioned; shadow and abandoned agents are the distinct agents of the open
 *       {@code shadow_agent} and {@code abandoned_agent} findings.
 *   <li><b>Oversight</b>: the month's events of registered agents that the gateway checked at tier 3
 *       or 4. Executed: {@code executed_at} set or outcome success or partial. Approved before they
 *       ran: decision approved or modified, answered no later than {@code executed_at} (else the event
 *       time), the same rule as the {@code oversight_violation} detector. Escalations: a request to a
 *       person ({@code requested_at}); within SLA: answered, not timed out, within
 *       {@code coalesce(oversight.sla_seconds, 14400)} seconds.
 *   <li><b>Drift</b>: the month's {@code drift_alerts}, one row per agent and metric with the nights it
 *       alerted and the last night's explanation.
 *   <li><b>Thresholds to apply</b>: the raise and lower verdicts of the latest recalibration up to the
 *       month's end whose recommended threshold differs from what the policy version in force at the
 *       month's end (the {@code policies} table, else the shipped default) sets for the action type
 *       ({@code default} for pools across action types).
 * </ul>
 *
 * <p>An agent's business unit is that of its latest registry version up to the month's end.
 */
public final class ScorecardData {
  private static final Logger LOG = LoggerFactory.getLogger(ScorecardData.class);

  /** Where findings, drift and threshold changes of agents no unit can be found for are listed. */
  public static final String UNKNOWN_UNIT = Scorecard.UNKNOWN_UNIT;
  /** The SLA of an escalation whose event gives none: the contract's default approval SLA (4 hours). */
  public static final long DEFAULT_SLA_SECONDS = EscalationPolicy.DEFAULT_APPROVAL_SLA_SECONDS;

  private final Lakehouse lake;
  private final YearMonth month;
  private final Instant asOf;
  private final LocalDate first;
  private final LocalDate last;
  private final List<String> sources = new ArrayList<>();

  private ScorecardData(Lakehouse lake, YearMonth month, Instant asOf) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.month = Objects.requireNonNull(month, "month");
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    this.first = month.atDay(1);
    this.last = month.atEndOfMonth();
  }

  /**
   * The scorecard of {@code month}, from the tables as they stood at {@code asOf}.
   *
   * @throws IllegalArgumentException when {@code asOf} is before the month starts
   */
  public static Scorecard build(Lakehouse lake, YearMonth month, Instant asOf) {
    if (asOf.isBefore(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      throw new IllegalArgumentException("Cannot build the scorecard of " + month + " as of " + asOf
          + ": that is before the month starts");
    }
    return new ScorecardData(lake, month, asOf).build();
  }

  private Scorecard build() {
    lake.describe("report-scorecard", "Read the tables for the scorecard of " + month + " as of " + asOf);
    Dataset<Row> maturity = at(Tables.MATURITY_SCORES);
    Dataset<Row> findings = at(Tables.FINDINGS);
    Dataset<Row> agents = at(Tables.AGENTS);
    Dataset<Row> people = at(Tables.PEOPLE);
    Dataset<Row> events = at(Tables.EVENTS);
    Dataset<Row> drift = at(Tables.DRIFT_ALERTS);
    Dataset<Row> recommendations = at(Tables.THRESHOLD_RECOMMENDATIONS);
    Dataset<Row> policies = at(Tables.POLICIES);

    Registry registry = registry(agents);
    Map<String, String> personUnit = people(people);
    Units units = new Units();

    // Maturity: the month and the 11 before it.
    Map<String, ScorecardMaturity> scored = new TreeMap<>();
    List<ScorecardStagePoint> history = new ArrayList<>();
    if (maturity != null) {
      LocalDate from = month.minusMonths(Scorecard.HISTORY_MONTHS - 1).atDay(1);
      for (Row r : maturity.where(col("month_start").geq(lit(from)).and(col("month_start").leq(lit(first))))
          .select("month_start", "business_unit", "stage", "stage_name", "previous_stage", "indicators",
              "next_stage_gaps")
          .collectAsList()) {
        YearMonth m = YearMonth.from(date(r.get(0)));
        String unit = r.getString(1);
        int stage = r.getInt(2);
        history.add(new ScorecardStagePoint(unit, m, stage, r.getString(3)));
        if (m.equals(month)) {
          List<ScorecardIndicator> indicators = new ArrayList<>();
          for (Row i : r.<Row>getList(5)) {
            indicators.add(new ScorecardIndicator(i.getAs("name"), i.getAs("value"), i.<Long>getAs("numerator"),
                i.<Long>getAs("denominator"), i.<Integer>getAs("stage_met"), i.getAs("next_level")));
          }
          scored.put(unit, new ScorecardMaturity(stage, r.getString(3), r.isNullAt(4) ? null : r.getInt(4), indicators,
              r.getList(6)));
          units.add(unit);
        }
      }
    }

    // Findings: the month's last night.
    LocalDate night = null;
    Map<String, List<ScorecardFinding>> findingsByUnit = new HashMap<>();
    Map<String, Set<String>> shadowByUnit = new HashMap<>();
    Map<String, Set<String>> abandonedByUnit = new HashMap<>();
    Map<String, String> attributed = new HashMap<>();
    if (findings != null) {
      Row latest = findings.where(col("detect_date").leq(lit(last))).agg(max("detect_date")).first();
      night = latest.isNullAt(0) ? null : date(latest.get(0));
    }
    if (night != null) {
      for (Row r : findings.where(col("detect_date").equalTo(lit(night)).and(col("status").isin("open", "reopened")))
          .select("finding_id", "finding_type", "severity", "status", "agent_id", "business_unit", "opened_on",
              "notify_id", "notify_role", "explanation")
          .collectAsList()) {
        String agent = r.getString(4);
        String unit = r.getString(5);
        if (unit == null) {
          unit = registry.unitOf(agent);
        }
        if (unit == null && "acted_for".equals(r.getString(8)) && r.getString(7) != null) {
          unit = personUnit.get(r.getString(7));
        }
        unit = unit == null ? UNKNOWN_UNIT : unit;
        attributed.putIfAbsent(agent, unit);
        LocalDate opened = date(r.get(6));
        ScorecardFinding f = new ScorecardFinding(r.getString(0), r.getString(1), r.getString(2), r.getString(3), agent,
            opened, Math.max(0, ChronoUnit.DAYS.between(opened, night)), r.getString(7), r.getString(8),
            r.getString(9));
        findingsByUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(f);
        if ("shadow_agent".equals(f.type())) {
          shadowByUnit.computeIfAbsent(unit, u -> new HashSet<>()).add(agent);
        } else if ("abandoned_agent".equals(f.type())) {
          abandonedByUnit.computeIfAbsent(unit, u -> new HashSet<>()).add(agent);
        }
        units.add(unit);
      }
    }
    // Agents with no registry entry take the unit their findings were attributed to.
    Function<String, String> unitOf = agent -> {
      String u = registry.unitOf(agent);
      return u != null ? u : attributed.getOrDefault(agent, UNKNOWN_UNIT);
    };

    Map<String, ScorecardOversight> oversight = oversight(events, registry);
    Map<String, List<ScorecardDriftAlert>> driftByUnit = drift(drift, unitOf);
    Map<String, List<ScorecardRecommendation>> pendingByUnit = pending(recommendations, policies, unitOf);

    units.addAll(registry.unitsAtEnd());
    units.addAll(oversight.keySet());
    units.addAll(driftByUnit.keySet());
    units.addAll(pendingByUnit.keySet());

    List<ScorecardUnit> out = new ArrayList<>();
    for (String u : units.ordered()) {
      ScorecardPopulation population = new ScorecardPopulation(registry.count(u, "active"),
          shadowByUnit.getOrDefault(u, Set.of()).size(), abandonedByUnit.getOrDefault(u, Set.of()).size(),
          registry.count(u, "decommissioned"));
      out.add(new ScorecardUnit(u, scored.get(u), population, oversight.getOrDefault(u, ScorecardOversight.NONE),
          findingsByUnit.getOrDefault(u, List.of()), driftByUnit.getOrDefault(u, List.of()),
          pendingByUnit.getOrDefault(u, List.of())));
    }
    if (scored.isEmpty()) {
      LOG.info("maturity_scores has no row for {} as of {}: the scorecard says the maturity job has not run", month,
          asOf);
    }
    return new Scorecard(month, asOf, night, sources, out, history);
  }

  // ---- reading at the as-of snapshot

  /** The table as it stood at {@link #asOf}; null when it had no snapshot then. Records the source line. */
  private Dataset<Row> at(TableDefinition table) {
    String name = lake.name(table);
    Long id;
    try {
      id = SnapshotUtil.snapshotIdAsOfTime(lake.table(table), asOf.toEpochMilli());
    } catch (IllegalArgumentException e) {
      id = null; // no snapshot at or before asOf: the table was empty then
    }
    if (id == null) {
      sources.add(name + ": empty as of " + asOf);
      return null;
    }
    sources.add(name + " @ snapshot " + id);
    return lake.readAt(table, id);
  }

  // ---- registry and directory

  /** The registry versions up to the month's end, folded per agent. */
  private Registry registry(Dataset<Row> agents) {
    Registry registry = new Registry();
    if (agents == null) {
      return registry;
    }
    for (Row r : agents.where(col("valid_from").leq(lit(last)))
        .select("agent_id", "business_unit", "status", "valid_from", "valid_to").collectAsList()) {
      String agent = r.getString(0);
      LocalDate from = date(r.get(3));
      LocalDate to = r.isNullAt(4) ? null : date(r.get(4));
      Version v = new Version(r.getString(1), r.getString(2), from, to);
      registry.latest.merge(agent, v, (a, b) -> b.from().isAfter(a.from()) ? b : a);
      if (to == null || to.isAfter(last)) {
        registry.atEnd.put(agent, v);
      }
    }
    return registry;
  }

  /** Person id to business unit, from the directory version valid at the month's end (else the latest before it). */
  private Map<String, String> people(Dataset<Row> people) {
    Map<String, Version> latest = new HashMap<>();
    if (people == null) {
      return Map.of();
    }
    for (Row r : people.where(col("valid_from").leq(lit(last))).select("person_id", "business_unit", "status",
        "valid_from").collectAsList()) {
      latest.merge(r.getString(0), new Version(r.getString(1), r.getString(2), date(r.get(3)), null),
          (a, b) -> b.from().isAfter(a.from()) ? b : a);
    }
    Map<String, String> out = new HashMap<>();
    latest.forEach((person, v) -> {
      if (v.unit() != null) {
        out.put(person, v.unit());
      }
    });
    return out;
  }

  record Version(String unit, String status, LocalDate from, LocalDate to) {}

  static final class Registry {
    /** Per agent, its latest version up to the month's end. */
    final Map<String, Version> latest = new HashMap<>();
    /** Per agent, the version valid at the month's end (absent: not in the registry then). */
    final Map<String, Version> atEnd = new HashMap<>();

    String unitOf(String agent) {
      Version v = latest.get(agent);
      return v == null ? null : v.unit();
    }

    long count(String unit, String status) {
      return atEnd.values().stream().filter(v -> unit.equals(v.unit()) && status.equals(v.status())).count();
    }

    Set<String> unitsAtEnd() {
      Set<String> out = new TreeSet<>();
      atEnd.values().stream().map(Version::unit).filter(Objects::nonNull).forEach(out::add);
      return out;
    }
  }

  /** Units in name order, the unknown unit last. */
  static final class Units {
    private final Set<String> names = new TreeSet<>();

    void add(String unit) {
      if (unit != null) {
        names.add(unit);
      }
    }

    void addAll(Collection<String> units) {
      units.forEach(this::add);
    }

    List<String> ordered() {
      List<String> out = new ArrayList<>(names);
      if (out.remove(UNKNOWN_UNIT)) {
        out.add(UNKNOWN_UNIT);
      }
      return out;
    }
  }

  // ---- oversight

  /** Per unit, the oversight of the month's tier 3/4 actions of registered agents. */
  private Map<String, ScorecardOversight> oversight(Dataset<Row> events, Registry registry) {
    Map<String, ScorecardOversight> out = new TreeMap<>();
    if (events == null) {
      return out;
    }
    Column executed = col("outcome.executed_at").isNotNull().or(col("outcome.status").isin("success", "partial"));
    Column approvedBefore = executed.and(col("oversight.decision").isin("approved", "modified"))
        .and(col("oversight.responded_at").isNotNull())
        .and(col("oversight.responded_at").leq(coalesce(col("outcome.executed_at"), col("event_time"))));
    Column escalated = col("oversight.requested_at").isNotNull();
    Column withinSla = escalated.and(col("oversight.responded_at").isNotNull())
        .and(coalesce(col("oversight.decision"), lit("")).notEqual("timed_out"))
        .and(unix_micros(col("oversight.responded_at")).minus(unix_micros(col("oversight.requested_at")))
            .leq(coalesce(col("oversight.sla_seconds"), lit(DEFAULT_SLA_SECONDS)).multiply(1_000_000L)));
    List<Row> rows = events
        .where(col("event_date").geq(lit(first)).and(col("event_date").leq(lit(last)))
            .and(col("policy.checked")).and(col("policy.tier").isin(3, 4)))
        .groupBy("agent_id")
        .agg(sum(when(executed, 1L).otherwise(0L)).as("executed"),
            sum(when(approvedBefore, 1L).otherwise(0L)).as("approved_before"),
            sum(when(escalated, 1L).otherwise(0L)).as("escalations"),
            sum(when(withinSla, 1L).otherwise(0L)).as("within_sla"))
        .collectAsList();
    for (Row r : rows) {
      String unit = registry.unitOf(r.getString(0));
      if (unit == null) {
        continue; // not registered: its actions are its shadow_agent finding, not an oversight figure
      }
      out.merge(unit, new ScorecardOversight(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)),
          ScorecardOversight::plus);
    }
    return out;
  }

  // ---- drift

  private Map<String, List<ScorecardDriftAlert>> drift(Dataset<Row> alerts,
      Function<String, String> unitOf) {
    Map<String, List<ScorecardDriftAlert>> out = new TreeMap<>();
    if (alerts == null) {
      return out;
    }
    // agent -> metric -> nights (sorted) and the explanation of the last one
    Map<String, Map<String, TreeMap<LocalDate, String>>> folded = new TreeMap<>();
    for (Row r : alerts.where(col("test_date").geq(lit(first)).and(col("test_date").leq(lit(last))))
        .select("agent_id", "metric", "test_date", "explanation").collectAsList()) {
      folded.computeIfAbsent(r.getString(0), a -> new TreeMap<>()).computeIfAbsent(r.getString(1), m -> new TreeMap<>())
          .put(date(r.get(2)), r.getString(3));
    }
    folded.forEach((agent, metrics) -> metrics.forEach((metric, nights) -> {
      String unit = unitOf.apply(agent);
      out.computeIfAbsent(unit, u -> new ArrayList<>()).add(new ScorecardDriftAlert(unit, agent, metric, nights.size(),
          nights.lastKey(), nights.lastEntry().getValue()));
    }));
    return out;
  }

  // ---- threshold recommendations not yet applied

  private Map<String, List<ScorecardRecommendation>> pending(Dataset<Row> recommendations, Dataset<Row> policies,
      Function<String, String> unitOf) {
    Map<String, List<ScorecardRecommendation>> out = new TreeMap<>();
    if (recommendations == null) {
      return out;
    }
    Row latest = recommendations.where(col("as_of_date").leq(lit(last))).agg(max("as_of_date")).first();
    if (latest.isNullAt(0)) {
      return out;
    }
    LocalDate asOfDate = date(latest.get(0));
    PolicySet set = policySet(policies);
    Instant monthEnd = last.atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Row> rows = recommendations
        .where(col("as_of_date").equalTo(lit(asOfDate)).and(col("verdict").isin("raise", "lower"))
            .and(col("recommended_threshold").isNotNull()))
        .select("agent_id", "pool_id", "action_type", "tier", "verdict", "current_threshold", "recommended_threshold",
            "explanation", "policy_id")
        .orderBy("agent_id", "pool_id").collectAsList();
    for (Row r : rows) {
      EscalationPolicy inForce = set == null ? null : set.inForce(r.getString(8), monthEnd);
      if (inForce == null) {
        inForce = EscalationPolicy.loadDefault();
      }
      String actionType = r.getString(2);
      double recommended = r.getDouble(6);
      double now = inForce.autoApproveMinConfidence(actionType == null ? "default" : actionType);
      if (Math.abs(now - recommended) < 1e-9) {
        continue; // applied: the policy in force carries it
      }
      String unit = unitOf.apply(r.getString(0));
      out.computeIfAbsent(unit, u -> new ArrayList<>()).add(new ScorecardRecommendation(unit, r.getString(0),
          r.getString(1), actionType, r.isNullAt(3) ? null : r.getInt(3), r.getString(4), r.getDouble(5), recommended,
          asOfDate, r.getString(7)));
    }
    return out;
  }

  /** Every policy version in the {@code policies} table at the snapshot; null when it has none. */
  private static PolicySet policySet(Dataset<Row> policies) {
    if (policies == null) {
      return null;
    }
    List<EscalationPolicy> versions = new ArrayList<>();
    for (Row r : policies.select("document", "policy_id", "version").collectAsList()) {
      try {
        versions.add(EscalationPolicy.parse(r.getString(0),
            "policies table, " + r.getString(1) + " " + r.getString(2)));
      } catch (ContractViolation e) {
        throw new IllegalStateException("Cannot read policy " + r.getString(1) + " " + r.getString(2)
            + " from the policies table: " + e.getMessage(), e);
      }
    }
    try {
      return versions.isEmpty() ? null : PolicySet.of(versions);
    } catch (ContractViolation e) {
      throw new IllegalStateException("Cannot build the scorecard: the policies table is inconsistent: "
          + e.getMessage(), e);
    }
  }

  // ---- values

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    throw new IllegalStateException("Cannot read a date from " + value);
  }
}

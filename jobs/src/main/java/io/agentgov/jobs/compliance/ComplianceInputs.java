package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What the clause metrics read, prepared once per report from the tables as of the report's as-of
 * instant ({@link TablesAsOf}): the period's events judged against the registry version of their
 * own day, the registry and the people directory as of the period end, and the findings active in
 * the period. Also the seeded order that picks sample ids. Never reads {@code input_context}.
 */
final class ComplianceInputs implements AutoCloseable {
  /** The business unit of events whose agent the registry of their day does not list. */
  static final String UNREGISTERED = "(unregistered)";

  /** A registry version valid on a day, as far as the metrics ask. */
  record AgentVersion(String agentId, String businessUnit, String status, String ownerId, String sponsorId,
      Instant lastReviewAt, String euRiskClass) {
    boolean active() {
      return "active".equals(status);
    }

    String unit() {
      return businessUnit == null ? UNREGISTERED : businessUnit;
    }
  }

  /**
   * A finding active (open or reopened) on some night of the period, as of its latest such night.
   *
   * @param details structured evidence, e.g. credential_id, permissions_to_remove
   */
  record ActiveFinding(String findingId, String type, String subject, String agentId, String businessUnit,
      Map<String, String> details, LocalDate night) {
    String unit() {
      return businessUnit == null ? UNREGISTERED : businessUnit;
    }
  }

  final TablesAsOf tables;
  final LocalDate start;
  final LocalDate end;
  final long seed;
  final int samplesPerMetric;
  private Dataset<Row> judged;
  private List<ActiveFinding> findings;
  private Long detectNights;
  private final Map<LocalDate, List<AgentVersion>> registry = new TreeMap<>();
  private final Map<LocalDate, Map<String, String>> people = new TreeMap<>();

  ComplianceInputs(TablesAsOf tables, LocalDate start, LocalDate end, long seed, int samplesPerMetric) {
    this.tables = tables;
    this.start = start;
    this.end = end;
    this.seed = seed;
    this.samplesPerMetric = samplesPerMetric;
  }

  Dataset<Row> read(TableDefinition table) {
    return tables.read(table);
  }

  /** The first instant after the period (midnight UTC after its last day). */
  Instant endInstant() {
    return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Column inPeriod(String dateColumn) {
    return col(dateColumn).between(lit(start), lit(end));
  }

  /**
   * The period's events (by event day), one row each, judged against the registry version valid on
   * the event's day, the way {@code EventRules} judges them for the detectors:
   * {@code event_id, event_date, agent_id, business_unit, registered, eu_risk_class, tier, checked,
   * executed, approved_before, outside_scope, lifecycle_problem}. Cached until {@link #close}.
   */
  Dataset<Row> judgedEvents() {
    if (judged == null) {
      Dataset<Row> events = read(Tables.EVENTS).where(inPeriod("event_date"));
      Dataset<Row> agents = read(Tables.AGENTS).select(col("agent_id").as("r_agent_id"),
          col("business_unit").as("r_business_unit"), col("status").as("r_status"),
          col("decommissioned_at").as("r_decommissioned_at"), col("declared_scope").as("r_declared_scope"),
          col("credentials").as("r_credentials"), col("eu_risk_class").as("r_eu_risk_class"),
          col("valid_from").as("r_valid_from"), col("valid_to").as("r_valid_to"));
      Column versionOfTheDay = col("agent_id").equalTo(col("r_agent_id"))
          .and(col("r_valid_from").leq(col("event_date")))
          .and(col("r_valid_to").isNull().or(col("r_valid_to").gt(col("event_date"))));
      judged = events.join(broadcast(agents), versionOfTheDay, "left")
          .select(col("event_id"), col("event_date"), col("agent_id"),
              coalesce(col("r_business_unit"), lit(UNREGISTERED)).as("business_unit"),
              col("r_agent_id").isNotNull().as("registered"),
              col("r_eu_risk_class").as("eu_risk_class"),
              col("policy.tier").as("tier"),
              col("policy.checked").as("checked"),
              // as EventRules / EventFacts.executed: an execution time, or an outcome that says it ran
              expr("outcome.executed_at IS NOT NULL OR outcome.status IN ('success', 'partial')").as("executed"),
              expr("coalesce(oversight.decision IN ('approved', 'modified') AND oversight.responded_at IS NOT NULL"
                  + " AND oversight.responded_at <= coalesce(outcome.executed_at, event_time), false)").as("approved_before"),
              expr("r_agent_id IS NOT NULL AND NOT coalesce(exists(r_declared_scope,"
                  + " s -> s.action_type = action.type AND s.target_system = action.target_system), false)")
                  .as("outside_scope"),
              // as EventRules.lifecycleProblem
              expr("CASE WHEN r_agent_id IS NULL THEN NULL"
                  + " WHEN r_status = 'decommissioned' OR (r_decommissioned_at IS NOT NULL AND r_decommissioned_at <= event_time)"
                  + " THEN 'decommissioned'"
                  + " WHEN r_status = 'suspended' THEN 'suspended'"
                  + " WHEN exists(r_credentials, c -> c.id = credential.id AND c.revoked_at IS NOT NULL"
                  + " AND c.revoked_at <= event_time) THEN 'credential_revoked'"
                  + " WHEN exists(r_credentials, c -> c.id = credential.id AND c.expires_at IS NOT NULL"
                  + " AND c.expires_at <= event_time) THEN 'credential_expired' END").as("lifecycle_problem"))
          .persist(StorageLevel.MEMORY_AND_DISK());
    }
    return judged;
  }

  /** The judged events a clause counts: all of them, or those of EU high-risk agents. */
  Dataset<Row> population(Clause clause) {
    Dataset<Row> all = judgedEvents();
    return clause.appliesTo() == Clause.AppliesTo.EU_HIGH_RISK ? all.where(col("eu_risk_class").equalTo(lit("high")))
        : all;
  }

  /** Notes every clause restricted to EU high-risk agents carries. */
  List<String> scopeNotes(Clause clause) {
    List<String> notes = new ArrayList<>();
    if (clause.scopeNote() != null) {
      notes.add(clause.scopeNote());
    } else if (clause.appliesTo() == Clause.AppliesTo.EU_HIGH_RISK) {
      notes.add("Counted over agents whose registry entry of the event's day says eu_risk_class = high.");
    }
    return notes;
  }

  /** The registry versions valid on {@code day} (SCD2: valid_from <= day < valid_to), by agent id. */
  List<AgentVersion> registryOn(LocalDate day) {
    return registry.computeIfAbsent(day, d -> {
      List<AgentVersion> out = new ArrayList<>();
      for (Row r : read(Tables.AGENTS).where(validOn(d)).select("agent_id", "business_unit", "status", "owner_id",
          "sponsor_id", "last_review_at", "eu_risk_class").collectAsList()) {
        out.add(new AgentVersion(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            instant(r.get(5)), r.getString(6)));
      }
      out.sort(Comparator.comparing(AgentVersion::agentId));
      return out;
    });
  }

  /** Agents active in the registry at the period end. */
  List<AgentVersion> activeAtEnd() {
    return registryOn(end).stream().filter(AgentVersion::active).toList();
  }

  /** Person id -> status (active, departed) in the directory version valid on {@code day}. */
  Map<String, String> peopleOn(LocalDate day) {
    return people.computeIfAbsent(day, d -> {
      Map<String, String> out = new TreeMap<>();
      for (Row r : read(Tables.PEOPLE).where(validOn(d)).select("person_id", "status").collectAsList()) {
        out.put(r.getString(0), r.getString(1));
      }
      return out;
    });
  }

  /** Findings open or reopened on some night of the period, each as of its latest such night, by id. */
  List<ActiveFinding> activeFindings() {
    if (findings == null) {
      Map<String, ActiveFinding> latest = new TreeMap<>();
      for (Row r : read(Tables.FINDINGS).where(inPeriod("detect_date").and(col("status").isin("open", "reopened")))
          .select("finding_id", "finding_type", "subject", "agent_id", "business_unit", "details", "detect_date")
          .collectAsList()) {
        Map<String, String> details = r.isNullAt(5) ? Map.of() : new TreeMap<>(r.<String, String>getJavaMap(5));
        ActiveFinding f = new ActiveFinding(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
            r.getString(4), details, date(r.get(6)));
        latest.merge(f.findingId(), f, (a, b) -> a.night().isAfter(b.night()) ? a : b);
      }
      findings = List.copyOf(latest.values());
    }
    return findings;
  }

  /** Nights of the period the detectors ran for (a partition of findings), as of the snapshot. */
  long detectNights() {
    if (detectNights == null) {
      detectNights = read(Tables.FINDINGS).where(inPeriod("detect_date")).select("detect_date").distinct().count();
    }
    return detectNights;
  }

  /** Evidence: the active findings of a type that match, ids in seeded order. */
  Measurement.Evidence findings(String label, String type, Predicate<ActiveFinding> which) {
    List<String> ids = activeFindings().stream().filter(f -> f.type().equals(type) && which.test(f))
        .map(ActiveFinding::findingId).toList();
    return new Measurement.Evidence(label, ids.size(), "finding", first(ids));
  }

  /** Evidence: rows of a judged-events dataset, with up to N event ids in seeded order. */
  Measurement.Evidence events(String label, Dataset<Row> rows) {
    return new Measurement.Evidence(label, rows.count(), "event", first(rows, "event_id"));
  }

  /** Evidence: ids (agents, days) from the driver, in seeded order. */
  Measurement.Evidence ids(String label, String idKind, Collection<String> ids) {
    return new Measurement.Evidence(label, ids.size(), idKind, first(ids));
  }

  /** The distinct agent ids of a dataset, sorted. */
  static Set<String> agents(Dataset<Row> rows) {
    Set<String> out = new TreeSet<>();
    rows.select("agent_id").distinct().collectAsList().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /**
   * The seeded sample order: ascending SHA-256 of {@code "<seed>:<id>"} (then the id), the same on
   * the executors ({@link #seededKey}) and on the driver, so the same seed picks the same ids from
   * the same rows whatever order a scan returns them in.
   */
  Column seededKey(String idColumn) {
    return sha2(concat(lit(seed + ":"), col(idColumn)), 256);
  }

  /** Up to N ids of a dataset in seeded order. */
  List<String> first(Dataset<Row> rows, String idColumn) {
    List<String> out = new ArrayList<>();
    rows.select(col(idColumn)).orderBy(seededKey(idColumn), col(idColumn)).limit(samplesPerMetric).collectAsList()
        .forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** Up to N ids in seeded order. */
  List<String> first(Collection<String> ids) {
    return ids.stream().distinct()
        .sorted(Comparator.comparing((String id) -> Sha256.hex(seed + ":" + id)).thenComparing(Comparator.naturalOrder()))
        .limit(samplesPerMetric).toList();
  }

  @Override
  public void close() {
    if (judged != null) {
      judged.unpersist();
    }
  }

  private static Column validOn(LocalDate day) {
    return col("valid_from").leq(lit(day)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(day))));
  }

  // Spark hands out java.time values with java8API on (the runner's default) and java.sql ones without.
  static LocalDate date(Object value) {
    return value == null || value instanceof LocalDate ? (LocalDate) value : ((java.sql.Date) value).toLocalDate();
  }

  static Instant instant(Object value) {
    return value == null || value instanceof Instant ? (Instant) value : ((java.sql.Timestamp) value).toInstant();
  }
}

package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicySet;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Everything the detectors read for one night, loaded once: the events that landed that night,
 * judged by {@link EventRules} on the executors ({@link #verdicts}, cached); the registry versions
 * of the look-back; the directory and the policy as of the night; and each agent's daily use of
 * permissions and credentials over the look-back, from {@code agent_daily_features}.
 *
 * <p>The night's events are those of landing day {@code night} (Iceberg prunes the other files by
 * their {@code landing_date} statistics), so late events are judged on the night they arrive, each
 * against the registry of its own event day.
 */
public final class Night implements AutoCloseable {
  /** The flat columns of one judged event, as the detectors aggregate them. */
  public static final StructType VERDICT_SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType).add("agent_id", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType).add("event_date", DataTypes.DateType)
      .add("trace_id", DataTypes.StringType).add("span_id", DataTypes.StringType)
      .add("parent_span_id", DataTypes.StringType).add("credential_id", DataTypes.StringType)
      .add("credential_kind", DataTypes.StringType).add("on_behalf_of", DataTypes.StringType)
      .add("permission", DataTypes.StringType).add("delegation_parent", DataTypes.StringType)
      .add("delegated", DataTypes.BooleanType).add("executed", DataTypes.BooleanType)
      .add("registered", DataTypes.BooleanType).add("business_unit", DataTypes.StringType)
      .add("lifecycle_problem", DataTypes.StringType).add("outside_scope", DataTypes.BooleanType)
      .add("required_tier", DataTypes.IntegerType).add("deciding_rules", DataTypes.StringType)
      .add("gateway_tier", DataTypes.IntegerType).add("checked", DataTypes.BooleanType)
      .add("tier_violation", DataTypes.BooleanType).add("oversight_problem", DataTypes.StringType)
      .add("sla_problem", DataTypes.StringType).add("response_seconds", DataTypes.LongType)
      .add("sla_seconds", DataTypes.LongType).add("cascade_problem", DataTypes.StringType)
      .add("observed_model", DataTypes.StringType).add("registry_model", DataTypes.StringType)
      .add("high_impact", DataTypes.BooleanType);

  /** One agent-day of {@code agent_daily_features}: events, and counts per permission and per {@code kind:credential}. */
  public record DayUse(LocalDate day, long events, Map<String, Long> permissions, Map<String, Long> credentials) {}

  private final LocalDate night;
  private final DetectOptions options;
  private final long eventsSnapshotId;
  private final Long featuresSnapshotId;
  private final RegistryHistory registry;
  private final Map<String, ReferenceRows.Person> people;
  private final PolicySet policies;
  private final EscalationPolicy policy;
  private final Map<String, TreeMap<LocalDate, DayUse>> use;
  private final LocalDate firstObservedDay;
  private final Dataset<Row> verdicts;

  private Night(LocalDate night, DetectOptions options, long eventsSnapshotId, Long featuresSnapshotId,
      RegistryHistory registry, Map<String, ReferenceRows.Person> people, PolicySet policies, EscalationPolicy policy,
      Map<String, TreeMap<LocalDate, DayUse>> use, LocalDate firstObservedDay, Dataset<Row> verdicts) {
    this.night = night;
    this.options = options;
    this.eventsSnapshotId = eventsSnapshotId;
    this.featuresSnapshotId = featuresSnapshotId;
    this.registry = registry;
    this.people = people;
    this.policies = policies;
    this.policy = policy;
    this.use = use;
    this.firstObservedDay = firstObservedDay;
    this.verdicts = verdicts;
  }

  /** Loads the night; the events table must have a snapshot (run ingest first). */
  public static Night load(Lakehouse lake, LocalDate night, DetectOptions options) {
    Long eventsSnapshot = lake.currentSnapshotId(Tables.EVENTS);
    if (eventsSnapshot == null) {
      throw new IllegalStateException("Cannot detect on " + night + ": " + lake.name(Tables.EVENTS)
          + " is empty (run ingest first)");
    }
    Dataset<Row> landed = lake.readAt(Tables.EVENTS, eventsSnapshot).where(col("landing_date").equalTo(lit(night)));
    Dataset<Row> flat = flatten(landed).cache();
    Row span = flat.agg(org.apache.spark.sql.functions.min("event_date")).first();
    LocalDate from = night.minusDays(options.lookbackDays());
    if (!span.isNullAt(0) && span.<LocalDate>getAs(0).isBefore(from)) {
      from = span.getAs(0);
    }
    RegistryHistory registry = new RegistryHistory(lake.read(Tables.AGENTS)
        .where(col("valid_from").leq(lit(night)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(from)))))
        .collectAsList().stream().map(ReferenceRows::agent).toList());
    Map<String, ReferenceRows.Person> people = new TreeMap<>();
    lake.read(Tables.PEOPLE)
        .where(col("valid_from").leq(lit(night)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(night)))))
        .collectAsList().forEach(r -> people.put(r.getAs("person_id"), ReferenceRows.person(r)));
    PolicySet policies = policies(lake);
    EscalationPolicy policy = PolicyDocuments.of(policies).inForce(options.policyId(),
        night.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1));

    Long featuresSnapshot = lake.currentSnapshotId(Tables.AGENT_DAILY_FEATURES);
    Map<String, TreeMap<LocalDate, DayUse>> use = new TreeMap<>();
    LocalDate firstObserved = null;
    java.util.TreeSet<LocalDate> stale = new java.util.TreeSet<>();
    if (featuresSnapshot != null) {
      Dataset<Row> features = lake.readAt(Tables.AGENT_DAILY_FEATURES, featuresSnapshot);
      Row first = features.agg(org.apache.spark.sql.functions.min("feature_date")).first();
      firstObserved = first.isNullAt(0) ? null : first.getAs(0);
      for (Row r : features.where(col("feature_date").gt(lit(night.minusDays(options.lookbackDays())))
          .and(col("feature_date").leq(lit(night))))
          .select(col("feature_date"), col("agent_id"), col("events"),
              col("distributions").getItem("permission_mix").as("permissions"),
              col("distributions").getItem("credential_mix").as("credentials"))
          .collectAsList()) {
        if (r.<Long>getAs("events") > 0 && (r.isNullAt(r.fieldIndex("permissions")) || r.isNullAt(r.fieldIndex("credentials")))) {
          stale.add(r.getAs("feature_date"));
        }
        DayUse day = new DayUse(r.getAs("feature_date"), r.<Long>getAs("events"), counts(r, "permissions"),
            counts(r, "credentials"));
        use.computeIfAbsent(r.getAs("agent_id"), a -> new TreeMap<>()).put(day.day(), day);
      }
      // Features written before permission_mix and credential_mix existed would read as "nothing used".
      if (!stale.isEmpty()) {
        throw new IllegalStateException("Cannot detect on " + night + ": agent_daily_features of " + stale.first() + " .. "
            + stale.last() + " predate the permission and credential mixes the detectors read; run `agentgov features"
            + " --from " + stale.first() + " --to " + stale.last() + "` first");
      }
    }
    boolean featuresTonight = use.values().stream().anyMatch(days -> days.containsKey(night));
    if (!featuresTonight && !flat.where(col("event_date").equalTo(lit(night))).limit(1).isEmpty()) {
      throw new IllegalStateException("Cannot detect on " + night + ": agent_daily_features has no rows for it although "
          + "events of that day are stored; run `agentgov features --date " + night + "` first");
    }
    Instant nightEnd = night.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Broadcast<RegistryHistory> registryB = broadcast(lake, registry);
    Broadcast<PolicyDocuments> policiesB = broadcast(lake, PolicyDocuments.of(policies));
    String defaultPolicyId = options.policyId();
    Dataset<Row> verdicts = flat.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> judge(rows, registryB.value(),
            policiesB.value(), defaultPolicyId, nightEnd), Encoders.row(VERDICT_SCHEMA)).cache();
    flat.unpersist();
    return new Night(night, options, eventsSnapshot, featuresSnapshot, registry, people, policies, policy, use,
        firstObserved, verdicts);
  }

  private static <T> Broadcast<T> broadcast(Lakehouse lake, T value) {
    return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(lake.spark().sparkContext()).broadcast(value);
  }

  private static Map<String, Long> counts(Row r, String field) {
    Map<String, Long> counts = new TreeMap<>();
    if (!r.isNullAt(r.fieldIndex(field))) {
      Map<String, Object> m = r.getJavaMap(r.fieldIndex(field));
      m.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
    }
    return counts;
  }

  /** The columns of section 1 the rules read, flat. */
  private static Dataset<Row> flatten(Dataset<Row> events) {
    return events.select(col("event_id"), col("agent_id"), col("event_time"), col("event_date"),
        col("credential.id").as("credential_id"), col("credential.kind").as("credential_kind"), col("on_behalf_of"),
        col("trace.trace_id").as("trace_id"), col("trace.span_id").as("span_id"),
        col("trace.parent_span_id").as("parent_span_id"), col("delegation.parent_agent_id").as("delegation_parent"),
        col("delegation.depth").as("delegation_depth"), col("delegation.granted_permissions").as("delegated_permissions"),
        col("action.type").as("action_type"), col("action.target_system").as("target_system"),
        col("amount.value").as("amount"), col("records_affected"), col("data_sensitivity"), col("reversible"),
        org.apache.spark.sql.functions.coalesce(org.apache.spark.sql.functions.size(col("regulatory_scope")), lit(0))
            .gt(0).as("regulated"),
        col("policy.checked").as("checked"), col("policy.decision").as("decision"), col("policy.tier").as("gateway_tier"),
        col("oversight.mode").as("oversight_mode"), col("oversight.escalated_to").as("escalated_to"),
        col("oversight.requested_at").as("requested_at"), col("oversight.responded_at").as("responded_at"),
        col("oversight.decision").as("oversight_decision"), col("oversight.sla_seconds").as("sla_seconds"),
        col("outcome.status").as("outcome_status"), col("outcome.executed_at").as("executed_at"),
        col("model.provider").as("model_provider"), col("model.name").as("model_name"),
        col("model.version").as("model_version"));
  }

  private static Iterator<Row> judge(Iterator<Row> rows, RegistryHistory registry, PolicyDocuments policies,
      String defaultPolicyId, Instant nightEnd) {
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      EventFacts e = facts(r);
      RegistryEntry entry = registry.asOf(e.agentId(), e.eventDate());
      String policyId = entry != null && entry.escalationPolicyId() != null ? entry.escalationPolicyId() : defaultPolicyId;
      EventVerdict v = EventRules.judge(e, entry, policies.inForce(policyId, e.eventTime()), nightEnd);
      out.add(RowFactory.create(e.eventId(), e.agentId(), e.eventTime(), e.eventDate(), e.traceId(), e.spanId(),
          e.parentSpanId(), e.credentialId(), e.credentialKind(), e.onBehalfOf(), e.permission(), e.delegationParent(),
          e.delegated(), e.executed(), v.registered(), v.businessUnit(), v.lifecycleProblem(), v.outsideScope(),
          v.requiredTier(), v.decidingRules(), e.gatewayTier(), e.checked(), v.tierViolation(), v.oversightProblem(),
          v.slaProblem(), v.responseSeconds(), v.slaSeconds(), v.cascadeProblem(), v.observedModel(), v.registryModel(),
          v.highImpact()));
    }
    return out.iterator();
  }

  private static EventFacts facts(Row r) {
    List<Row> delegated = r.isNullAt(r.fieldIndex("delegated_permissions")) ? null : RowValues.list(r, "delegated_permissions");
    return new EventFacts(r.getAs("event_id"), r.getAs("agent_id"), r.getAs("event_time"), r.getAs("event_date"),
        r.getAs("credential_id"), r.getAs("credential_kind"), r.getAs("on_behalf_of"), r.getAs("trace_id"),
        r.getAs("span_id"), r.getAs("parent_span_id"), r.getAs("delegation_parent"), r.getAs("delegation_depth"),
        delegated == null ? null : List.copyOf(ReferenceRows.permissions(delegated)), r.getAs("action_type"),
        r.getAs("target_system"), r.getAs("amount"), r.getAs("records_affected"), r.getAs("data_sensitivity"),
        r.<Boolean>getAs("reversible"), r.<Boolean>getAs("regulated"), r.<Boolean>getAs("checked"), r.getAs("decision"),
        r.getAs("gateway_tier"), r.getAs("oversight_mode"), r.getAs("escalated_to"), r.getAs("requested_at"),
        r.getAs("responded_at"), r.getAs("oversight_decision"), r.getAs("sla_seconds"), r.getAs("outcome_status"),
        r.getAs("executed_at"), ModelName.of(r.getAs("model_provider"), r.getAs("model_name"), r.getAs("model_version")));
  }

  /** Every policy version in the {@code policies} table; the shipped default when the table has none. */
  public static PolicySet policies(Lakehouse lake) {
    List<EscalationPolicy> versions = new ArrayList<>();
    for (Row r : lake.read(Tables.POLICIES).select("document", "policy_id", "version").collectAsList()) {
      try {
        versions.add(EscalationPolicy.parse(r.getString(0), "policies table, " + r.getString(1) + " " + r.getString(2)));
      } catch (ContractViolation e) {
        throw new IllegalStateException("Cannot read policy " + r.getString(1) + " " + r.getString(2)
            + " from the policies table: " + e.getMessage(), e);
      }
    }
    try {
      return versions.isEmpty() ? PolicySet.of(EscalationPolicy.loadDefault()) : PolicySet.of(versions);
    } catch (ContractViolation e) {
      throw new IllegalStateException("Cannot detect: the policies table is inconsistent: " + e.getMessage(), e);
    }
  }

  public LocalDate night() {
    return night;
  }

  /** The night's last instant boundary: midnight UTC after it. */
  public Instant end() {
    return night.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public DetectOptions options() {
    return options;
  }

  public long eventsSnapshotId() {
    return eventsSnapshotId;
  }

  public Long featuresSnapshotId() {
    return featuresSnapshotId;
  }

  public RegistryHistory registry() {
    return registry;
  }

  /** The registry entries listed on the night. */
  public List<RegistryEntry> listed() {
    return registry.listedOn(night);
  }

  public ReferenceRows.Person person(String personId) {
    return personId == null ? null : people.get(personId);
  }

  public PolicySet policies() {
    return policies;
  }

  /** The policy in force on the night for {@link DetectOptions#policyId}: lifecycle ages, credential kinds. */
  public EscalationPolicy policy() {
    return policy;
  }

  public EscalationPolicy.Lifecycle lifecycle() {
    return options.lifecycle(policy);
  }

  /** An agent's days with events in the look-back, by day (absent days were idle). */
  public TreeMap<LocalDate, DayUse> use(String agentId) {
    return use.getOrDefault(agentId, new TreeMap<>());
  }

  public Map<String, TreeMap<LocalDate, DayUse>> use() {
    return use;
  }

  /** The first day the lake holds features for: observation windows never start before it. */
  public LocalDate firstObservedDay() {
    return firstObservedDay == null ? night : firstObservedDay;
  }

  /** The night's events, judged: {@link #VERDICT_SCHEMA}. */
  public Dataset<Row> verdicts() {
    return verdicts;
  }

  @Override
  public void close() {
    verdicts.unpersist();
  }
}

package io.agentgov.lakehouse;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Every table of the agentgov lakehouse. Ids given here are placeholders: {@link TableDefinition}
 * renumbers them the way Iceberg does on create. docs/tables.md is checked against this class.
 */
public final class Tables {
  private Tables() {}

  /**
   * Properties every table gets: format v2, zstd (level 1) Parquet, no shuffle before writes, and
   * manifests merged on commit.
   */
  static final Map<String, String> COMMON = Map.of(
      "format-version", "2",
      // Every nightly append adds a manifest, and Iceberg merges them only from 100 on (its default),
      // so after 90 nights every scan planned 90 manifests: measured, that made detect on night 90
      // 1.1 s slower (docs/benchmarks.md, nightly cost). From 4 on they are merged into one.
      "commit.manifest.min-count-to-merge", "4",
      "write.parquet.compression-codec", "zstd",
      // level 1: most of zstd's size gain at a fraction of the default level's write cost
      "write.parquet.compression-level", "1",
      // Rows are sorted within each write task by the table's sort order; "none" avoids a shuffle
      // that would put a whole event day (one partition) into one task.
      "write.distribution-mode", "none");

  /**
   * Small per-night tables (a row per agent, test or finding) that later nights read back over
   * look-back windows of up to 90 nights: clustered by partition on write, so a night is one file
   * rather than one per write task (4 files a night made a 90-night look-back open 360 small files;
   * docs/benchmarks.md, nightly cost).
   */
  static final Map<String, String> PER_NIGHT = withProperty(COMMON, "write.distribution-mode", "hash");

  private static Map<String, String> withProperty(Map<String, String> base, String key, String value) {
    Map<String, String> merged = new java.util.TreeMap<>(base);
    merged.put(key, value);
    return Map.copyOf(merged);
  }

  private static int id = 1000;

  private static NestedField req(String name, Type type, String doc) {
    return required(id++, name, type, doc);
  }

  private static NestedField opt(String name, Type type, String doc) {
    return optional(id++, name, type, doc);
  }

  private static Types.StructType struct(NestedField... fields) {
    return Types.StructType.of(fields);
  }

  private static Types.ListType listOf(Type element) {
    return Types.ListType.ofOptional(id++, element);
  }

  private static Types.MapType stringMap() {
    return Types.MapType.ofOptional(id++, id++, Types.StringType.get(), Types.StringType.get());
  }

  private static final Type STRING = Types.StringType.get();
  private static final Type LONG = Types.LongType.get();
  private static final Type INT = Types.IntegerType.get();
  private static final Type DOUBLE = Types.DoubleType.get();
  private static final Type BOOL = Types.BooleanType.get();
  private static final Type DATE = Types.DateType.get();
  private static final Type TS = Types.TimestampType.withZone();

  private static Types.StructType permission() {
    return struct(req("action_type", STRING, "contract action type"), req("target_system", STRING, "system acted on"));
  }

  private static Types.StructType model() {
    return struct(opt("provider", STRING, null), opt("name", STRING, null), opt("version", STRING, null));
  }

  // ------------------------------------------------------------------------------------------ events

  public static final TableDefinition EVENTS = TableDefinition.of(
      "events",
      "Every validated audit event, once (append-only); partitioned by UTC event day; ingest writes a landing file's"
          + " events in its order, compaction sorts them for per-agent reads.",
      List.of(
          req("event_id", STRING, "unique id from the producer; stored once across all days and runs"),
          req("event_date", DATE, "UTC date of event_time: the partition"),
          req("event_time", TS, "when the action was attempted (UTC, microseconds)"),
          req("schema_version", STRING, "input contract version"),
          req("agent_id", STRING, "acting agent as the gateway saw it"),
          opt("agent_version", STRING, null),
          opt("model", model(), null),
          req("credential", struct(req("id", STRING, null), req("kind", STRING, null)), null),
          opt("on_behalf_of", STRING, "person id the agent acted for"),
          req("trace", struct(req("trace_id", STRING, "32 hex"), req("span_id", STRING, "16 hex"),
              opt("parent_span_id", STRING, "null on a root span"), opt("session_id", STRING, null)), null),
          opt("delegation", struct(opt("parent_agent_id", STRING, null), opt("depth", INT, "0 = top"),
              opt("granted_permissions", listOf(permission()), null)), null),
          req("action", struct(req("type", STRING, null), opt("tool", STRING, null), req("target_system", STRING, null),
              opt("target_resource", STRING, null)), null),
          opt("amount", struct(opt("value", Types.DecimalType.of(38, 9), "face value"),
              opt("currency", STRING, "ISO 4217")), null),
          opt("records_affected", LONG, null),
          req("data_sensitivity", STRING, null),
          req("reversible", BOOL, null),
          opt("regulatory_scope", listOf(STRING), null),
          opt("confidence", DOUBLE, "agent confidence in [0, 1]"),
          opt("input_context", struct(opt("digest", STRING, "sha256 of the raw context"),
              opt("summary", STRING, "sanitised summary")), null),
          req("policy", struct(req("checked", BOOL, null), req("decision", STRING, null), opt("rule_id", STRING, null),
              opt("policy_version", STRING, null), opt("tier", INT, "1-4 as the gateway decided")), null),
          opt("oversight", struct(opt("mode", STRING, null), opt("escalated_to", STRING, null),
              opt("requested_at", TS, null), opt("responded_at", TS, null), opt("decision", STRING, null),
              opt("sla_seconds", LONG, null)), null),
          req("outcome", struct(req("status", STRING, null), opt("error_code", STRING, null),
              opt("executed_at", TS, null)), null),
          opt("usage", struct(opt("input_tokens", LONG, null), opt("output_tokens", LONG, null),
              opt("latency_ms", LONG, null)), null),
          opt("retention", struct(opt("class", STRING, null), opt("retain_until", DATE, null)), null),
          opt("extras", stringMap(), "unknown producer fields: dotted path -> canonical JSON"),
          req("event_hash", STRING, "sha256 of the content columns (EventDigest); leaf of the day's Merkle tree"),
          req("source_format", STRING, "jsonl or otel"),
          req("source_file", STRING, "landing file the event came from"),
          req("source_line", LONG, "1-based line in that file (OTel: line where the span starts)"),
          req("landing_date", DATE, "landing folder day the file arrived in"),
          req("ingest_run_id", STRING, null),
          req("ingested_at", TS, null)),
      s -> PartitionSpec.builderFor(s).identity("event_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("event_time").build(),
      // Ingest stages a batch on a branch, audits it, deletes its duplicates there (position deletes:
      // the staged files are not rewritten), then publishes it (docs/ingest.md).
      withProperty(COMMON, "write.delete.mode", "merge-on-read"));

  // ------------------------------------------------------------------------------------ quarantine

  public static final TableDefinition QUARANTINE = TableDefinition.of(
      "quarantine",
      "Every record that broke the input contract, with where it was and why; nothing is dropped silently.",
      List.of(
          req("run_id", STRING, "ingest run that quarantined it"),
          req("landing_date", DATE, "landing folder day"),
          req("source_kind", STRING, "events, otel, registry, people, reviews or policies"),
          req("source_file", STRING, null),
          opt("line_number", LONG, "1-based line (OTel: where the span starts); null for a whole file"),
          opt("record_ref", STRING, "position inside a document, e.g. resourceSpans[0].scopeSpans[0].spans[3]"),
          opt("record_key", STRING, "event_id, agent_id, person_id, review_id or policy id when it could be read"),
          req("reason_code", STRING, "ReasonCode, lower case"),
          opt("field", STRING, "dotted path of the offending field"),
          req("reason_message", STRING, "what was wrong, naming file, line and field"),
          opt("raw_text", STRING, "the raw record (truncated at 64 KiB)"),
          req("raw_truncated", BOOL, null),
          req("quarantined_at", TS, null)),
      s -> PartitionSpec.builderFor(s).identity("landing_date").build(),
      s -> SortOrder.builderFor(s).asc("source_file").asc("line_number").build(),
      COMMON);

  // ----------------------------------------------------------------------------------- ingest_runs

  public static final TableDefinition INGEST_RUNS = TableDefinition.of(
      "ingest_runs",
      "One row per ingest of a landing day: files with sha256 and size, reconciled counts, snapshot ids.",
      List.of(
          req("run_id", STRING, null),
          req("landing_date", DATE, null),
          req("started_at", TS, null),
          req("finished_at", TS, null),
          req("status", STRING, "succeeded or nothing_new (every file already ingested)"),
          req("files", listOf(struct(
              req("path", STRING, null), req("kind", STRING, "events, otel, registry, people, reviews, policies"),
              req("sha256", STRING, null), req("size_bytes", LONG, null),
              req("skipped", BOOL, "true when a file with this sha256 was already ingested"),
              opt("records", LONG, "records read from the file"))), null),
          req("records_read", LONG, "event lines and event spans read"),
          req("events_stored", LONG, null),
          req("duplicates", LONG, "same event_id and same content as a stored or earlier record"),
          req("quarantined", LONG, "event records quarantined"),
          req("quarantined_by_reason", stringLongMap(), null),
          opt("secrets_redacted", stringLongMap(),
              "secrets replaced by a [REDACTED:kind] marker in what the run read, by kind; null in older runs"),
          req("otel_spans_not_events", LONG, "OTel spans that are not agent actions (not counted in records_read)"),
          req("late_events", LONG, "events stored into an earlier event day than the landing day"),
          opt("event_days", listOf(DATE), "event days that received rows"),
          req("reference_counts", stringLongMap(), "registry, people, reviews and policies loaded and quarantined"),
          req("snapshot_ids", stringLongMap(), "table -> snapshot id this run committed"),
          req("software_version", STRING, null),
          req("config_hash", STRING, "sha256 of the effective ingest options")),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("landing_date").asc("started_at").build(),
      COMMON);

  private static Types.MapType stringLongMap() {
    return Types.MapType.ofRequired(id++, id++, STRING, LONG);
  }

  // ----------------------------------------------------------------------------- event_day_digests

  public static final TableDefinition EVENT_DAY_DIGESTS = TableDefinition.of(
      "event_day_digests",
      "Per event day: row count and Merkle root over event hashes, appended when ingest adds rows to a day whose rows"
          + " still match its last digest.",
      List.of(
          req("event_date", DATE, null),
          req("row_count", LONG, null),
          req("merkle_root", STRING, "hex sha256; see docs/tables.md#tamper-evidence"),
          req("algorithm", STRING, "digest scheme id"),
          req("events_snapshot_id", LONG, "events snapshot the digest was computed at"),
          req("run_id", STRING, null),
          req("computed_at", TS, null)),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("event_date").asc("computed_at").build(),
      COMMON);

  // ---------------------------------------------------------------------------------- agents (SCD2)

  private static List<NestedField> scd2(List<NestedField> attributes) {
    List<NestedField> columns = new java.util.ArrayList<>(attributes);
    columns.add(req("valid_from", DATE, "snapshot day this version first appeared"));
    columns.add(opt("valid_to", DATE, "snapshot day it was replaced or vanished (exclusive); null while current"));
    columns.add(req("is_current", BOOL, null));
    columns.add(req("row_hash", STRING, "sha256 of the attributes, to detect change"));
    columns.add(req("run_id", STRING, "ingest run that wrote this version"));
    return columns;
  }

  public static final TableDefinition AGENTS = TableDefinition.of(
      "agents",
      "Agent registry history (SCD type 2): one row per version of an agent's registry entry.",
      scd2(List.of(
          req("agent_id", STRING, null),
          opt("name", STRING, null),
          opt("purpose", STRING, null),
          opt("business_unit", STRING, null),
          opt("owner_id", STRING, "accountable business process owner"),
          opt("sponsor_id", STRING, null),
          opt("technical_owner_id", STRING, null),
          req("status", STRING, "proposed, active, suspended, decommissioned"),
          opt("created_at", TS, null),
          opt("decommissioned_at", TS, null),
          opt("last_review_at", TS, null),
          opt("governance_review_passed", BOOL, null),
          opt("deployed_via_pipeline", BOOL, null),
          opt("declared_scope", listOf(permission()), null),
          opt("granted_permissions", listOf(permission()), null),
          opt("credentials", listOf(struct(req("id", STRING, null), opt("kind", STRING, null),
              opt("created_at", TS, null), opt("expires_at", TS, null), opt("revoked_at", TS, null))), null),
          opt("model", model(), null),
          opt("escalation_policy_id", STRING, null),
          opt("eu_risk_class", STRING, null),
          opt("eu_role", STRING, null),
          opt("scope_changes", listOf(struct(opt("changed_at", TS, null), opt("reviewed_by", STRING, null),
              opt("change", STRING, null))), null),
          opt("extras", stringMap(), null))),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("valid_from").build(),
      COMMON);

  public static final TableDefinition PEOPLE = TableDefinition.of(
      "people",
      "People directory history (SCD type 2), pseudonymised.",
      scd2(List.of(
          req("person_id", STRING, null),
          opt("display_name", STRING, "pseudonymised"),
          opt("business_unit", STRING, null),
          opt("role", STRING, null),
          req("status", STRING, "active or departed"),
          opt("departed_at", TS, null),
          opt("extras", stringMap(), null))),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("person_id").asc("valid_from").build(),
      COMMON);

  public static final TableDefinition REVIEWS = TableDefinition.of(
      "reviews",
      "Human reviews of agent decisions, once per review_id, with their sample design.",
      List.of(
          req("review_id", STRING, null),
          req("event_id", STRING, "the reviewed event"),
          req("reviewer_id", STRING, null),
          req("reviewed_at", TS, null),
          req("verdict", STRING, "correct, should_have_escalated, overturned"),
          req("sample_design", STRING, "census, random, stratified, targeted"),
          opt("inclusion_probability", DOUBLE, "null for targeted reviews"),
          opt("stratum", STRING, null),
          opt("extras", stringMap(), null),
          req("source_file", STRING, null),
          req("source_line", LONG, null),
          req("landing_date", DATE, null),
          req("run_id", STRING, null)),
      s -> PartitionSpec.builderFor(s).month("reviewed_at").build(),
      s -> SortOrder.builderFor(s).asc("reviewed_at").build(),
      COMMON);

  public static final TableDefinition POLICIES = TableDefinition.of(
      "policies",
      "Escalation policy versions as loaded: one row per (policy_id, version), never rewritten.",
      List.of(
          req("policy_id", STRING, null),
          req("version", STRING, null),
          req("effective_from", DATE, "in force for events on or after this UTC day"),
          req("document", STRING, "the parsed policy as canonical JSON"),
          req("rule_count", INT, null),
          req("source_file", STRING, null),
          req("source_sha256", STRING, null),
          req("run_id", STRING, null),
          req("loaded_at", TS, null)),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("policy_id").asc("effective_from").build(),
      COMMON);

  public static final TableDefinition DQ_METRICS = TableDefinition.of(
      "dq_metrics",
      "Deequ metrics and constraint results of each ingest run, per landing day.",
      List.of(
          req("run_id", STRING, null),
          req("landing_date", DATE, null),
          req("dataset", STRING, "what was measured, e.g. events_batch"),
          req("entity", STRING, "Deequ entity: Column, Dataset, Multicolumn"),
          req("instance", STRING, "column or columns"),
          req("metric", STRING, "Deequ metric name, e.g. Completeness"),
          opt("value", DOUBLE, null),
          opt("constraint", STRING, "the constraint this metric checks, if any"),
          opt("constraint_status", STRING, "Success or Failure"),
          opt("message", STRING, null),
          req("computed_at", TS, null)),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("landing_date").asc("metric").build(),
      COMMON);

  // ------------------------------------------------------------------------------ behaviour & drift

  /** Named count distributions: distribution name -> category or bin label -> count (mergeable by sum). */
  private static Types.MapType distributions() {
    return Types.MapType.ofRequired(id++, id++, STRING, Types.MapType.ofRequired(id++, id++, STRING, LONG));
  }

  public static final TableDefinition AGENT_DAILY_FEATURES = TableDefinition.of(
      "agent_daily_features",
      "Per agent and UTC event day: counts, rates and mergeable distributions (counts per category or bin).",
      List.of(
          req("feature_date", DATE, "UTC event day"),
          req("agent_id", STRING, null),
          req("events", LONG, null),
          req("sessions", LONG, "distinct session ids (trace id when the session is absent)"),
          req("traces", LONG, null),
          req("distinct_targets", INT, "distinct target systems acted on"),
          req("failures", LONG, "outcome failure or partial"),
          req("blocked", LONG, "outcome blocked"),
          req("escalations", LONG, "events escalated to a person (oversight requested)"),
          req("overrides", LONG, "escalations answered rejected, modified or reversed"),
          req("input_tokens", LONG, null),
          req("output_tokens", LONG, null),
          req("distributions", distributions(), "see docs/drift.md#features: mixes and binned numeric distributions"),
          req("events_snapshot_id", LONG, "events snapshot the features were computed from")),
      s -> PartitionSpec.builderFor(s).identity("feature_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").build(),
      PER_NIGHT);

  public static final TableDefinition AGENT_BASELINES = TableDefinition.of(
      "agent_baselines",
      "Per agent and night: the merged behaviour of the rolling window before it, of the same day type.",
      List.of(
          req("baseline_date", DATE, "the night this baseline is compared with"),
          req("agent_id", STRING, null),
          req("day_type", STRING, "weekday or weekend (UTC): only days of this type are merged"),
          req("window_start", DATE, "first day of the window"),
          req("window_end", DATE, "last day of the window (the day before baseline_date)"),
          opt("first_seen", DATE, "first day with events within the look-back; null if none"),
          req("history_days", INT, "days from first_seen to baseline_date (capped by the look-back)"),
          req("baseline_days", INT, "days of the window of this day type since first_seen (idle days count as 0)"),
          req("status", STRING, "ready, or insufficient_history (no drift tests)"),
          req("events", LONG, "events of the merged days"),
          req("daily_events", listOf(LONG), "events per merged day, oldest first, idle days as 0"),
          req("daily_input_tokens_per_session", listOf(DOUBLE), "mean input tokens per session on merged active days"),
          req("distributions", distributions(), "sum of the merged days' distributions"),
          req("known_targets", listOf(STRING), "target systems acted on within the novelty look-back"),
          req("features_snapshot_id", LONG, "agent_daily_features snapshot the baseline was merged from")),
      s -> PartitionSpec.builderFor(s).identity("baseline_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").build(),
      PER_NIGHT);

  private static NestedField topCategories() {
    return opt("top_categories", listOf(struct(req("category", STRING, null),
        req("baseline_share", DOUBLE, null), req("current_share", DOUBLE, null),
        req("contribution", DOUBLE, "the category's share of the statistic, e.g. its PSI term"))),
        "categories or bins that moved most, largest first");
  }

  private static List<NestedField> driftTestColumns(List<NestedField> extra) {
    List<NestedField> columns = new java.util.ArrayList<>(List.of(
        req("test_date", DATE, "the night tested"),
        req("agent_id", STRING, null),
        req("metric", STRING, "what was tested, e.g. target_system_mix, volume, input_tokens_per_session"),
        req("statistic", STRING, "chi_square, ks, robust_z, cusum, page_hinkley, novelty"),
        opt("statistic_value", DOUBLE, null),
        opt("p_value", DOUBLE, "null for statistics without one (CUSUM, Page-Hinkley, novelty)"),
        opt("p_adjusted", DOUBLE, "Benjamini-Hochberg adjusted p-value across the night's tests"),
        req("effect", STRING, "effect-size measure: psi, wasserstein_norm, relative_change, new_share"),
        req("effect_value", DOUBLE, null),
        opt("jensen_shannon", DOUBLE, "Jensen-Shannon distance, for mixes"),
        req("material", BOOL, "effect at or above the metric's materiality threshold"),
        req("alert", BOOL, "significant after Benjamini-Hochberg (or alarmed) and material"),
        req("observations", LONG, "observations of the night"),
        req("baseline_observations", LONG, null),
        req("window_start", DATE, null),
        req("window_end", DATE, null),
        topCategories(),
        req("explanation", STRING, "one line in plain words"),
        req("settings", STRING, "the drift options of the run (DriftOptions), to re-run the night the same way")));
    columns.addAll(extra);
    return columns;
  }

  public static final TableDefinition DRIFT_TESTS = TableDefinition.of(
      "drift_tests",
      "Every drift test of every night: statistic, p-value, BH-adjusted p-value, effect, alert flag.",
      driftTestColumns(List.of()),
      s -> PartitionSpec.builderFor(s).identity("test_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("metric").build(),
      PER_NIGHT);

  public static final TableDefinition DRIFT_ALERTS = TableDefinition.of(
      "drift_alerts",
      "The drift tests that alerted, with sample event ids as evidence.",
      driftTestColumns(List.of(
          req("alert_id", STRING, "sha256 of night, agent and metric: stable across re-runs"),
          req("sample_event_ids", listOf(STRING), "up to 5 events of the night showing the change"),
          req("q", DOUBLE, "false discovery rate the night was tested at"))),
      s -> PartitionSpec.builderFor(s).identity("test_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("metric").build(),
      PER_NIGHT);

  // -------------------------------------------------------------------------------- recalibration

  private static List<NestedField> poolColumns(List<NestedField> extra) {
    List<NestedField> columns = new java.util.ArrayList<>(List.of(
        req("as_of_date", DATE, "last day of the review window"),
        req("window_start", DATE, "first day of the review window (reviewed_at)"),
        req("pool_id", STRING, "agent_id/action_type/tier, with * where classes were pooled"),
        req("agent_id", STRING, null),
        opt("action_type", STRING, "null when the pool spans action types"),
        opt("tier", INT, "null when the pool spans tiers; 0 for unchecked decisions"),
        req("pool_level", STRING, "class (action type × tier), action_type (tiers pooled) or agent (all pooled)"),
        req("reviews", LONG, "non-targeted reviews in the pool: the sample the statistics use"),
        req("bad", LONG, "of those, overturned or should_have_escalated"),
        req("targeted_reviews", LONG, "targeted reviews, reported apart and never in a bound"),
        req("targeted_bad", LONG, null),
        req("sample_designs", listOf(STRING), "census, random, stratified among the non-targeted reviews"),
        req("estimator", STRING, "unweighted (one inclusion probability) or hajek (weights 1/inclusion probability)")));
    columns.addAll(extra);
    columns.add(req("settings", STRING, "options of the run, to reproduce it"));
    return columns;
  }

  public static final TableDefinition CALIBRATION_REPORTS = TableDefinition.of(
      "calibration_reports",
      "Per review window and pool: how well confidence is calibrated (ECE, MCE, Brier and its decomposition, curve).",
      poolColumns(List.of(
          opt("mean_confidence", DOUBLE, null),
          opt("accuracy", DOUBLE, "share of reviewed decisions judged correct (weighted by the estimator)"),
          opt("ece_equal_width", DOUBLE, "expected calibration error, 10 equal-width bins"),
          opt("ece_equal_mass", DOUBLE, "expected calibration error, 10 equal-mass bins"),
          opt("mce", DOUBLE, "maximum calibration error over the equal-width bins"),
          opt("brier", DOUBLE, null),
          opt("brier_reliability", DOUBLE, "Murphy: reliability (lower is better)"),
          opt("brier_resolution", DOUBLE, "Murphy: resolution (higher is better)"),
          opt("brier_uncertainty", DOUBLE, "Murphy: uncertainty of the outcome"),
          opt("curve", listOf(struct(req("bin", INT, null), req("lower", DOUBLE, null), req("upper", DOUBLE, null),
              req("count", INT, null), req("mean_confidence", DOUBLE, null), req("observed_accuracy", DOUBLE, null),
              req("accuracy_lower", DOUBLE, "two-sided Clopper-Pearson interval, unweighted counts"),
              req("accuracy_upper", DOUBLE, null))), "reliability curve, equal-width bins"))),
      s -> PartitionSpec.builderFor(s).identity("as_of_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("pool_id").build(),
      COMMON);

  public static final TableDefinition THRESHOLD_RECOMMENDATIONS = TableDefinition.of(
      "threshold_recommendations",
      "Per review window and pool: the auto-approval threshold Learn-then-Test certifies, and what it costs.",
      poolColumns(List.of(
          req("policy_id", STRING, null),
          req("policy_version", STRING, "policy in force on as_of_date: thresholds, alpha and delta"),
          req("alpha", DOUBLE, "largest tolerated rate of wrongly auto-approved decisions"),
          req("delta", DOUBLE, "probability the guarantee may fail"),
          req("current_threshold", DOUBLE, "auto_approve_min_confidence of the policy for this action type"),
          opt("recommended_threshold", DOUBLE, "loosest threshold certified; 1.0 when none can be (escalate all)"),
          req("verdict", STRING, "raise, lower, keep or insufficient_reviews"),
          req("n", LONG, "reviews at or above the recommended threshold (else the current one)"),
          req("k", LONG, "bad among them"),
          opt("upper_bound", DOUBLE, "one-sided (1 - delta) upper bound of the bad rate there"),
          req("reviews_needed", LONG, "further clean reviews before a threshold can be certified; 0 when one is"),
          opt("reviews_needed_at", DOUBLE, "the threshold whose decisions need those reviews (the most promising)"),
          req("decisions_per_day", DOUBLE, "decisions of the pool per day in the window (events)"),
          req("escalations_per_day_current", DOUBLE, "decisions per day below the current threshold"),
          opt("escalations_per_day_recommended", DOUBLE, "decisions per day below the recommended threshold"),
          req("candidates", listOf(struct(req("threshold", DOUBLE, null), req("n", INT, null), req("k", INT, null),
              req("p_value", DOUBLE, null), req("upper_bound", DOUBLE, null), req("rejected", BOOL, null))),
              "the threshold curve: Learn-then-Test candidates, strictest first"),
          req("explanation", STRING, "one sentence: what to do and why"))),
      s -> PartitionSpec.builderFor(s).identity("as_of_date").build(),
      s -> SortOrder.builderFor(s).asc("agent_id").asc("pool_id").build(),
      COMMON);

  public static final TableDefinition FINDINGS = TableDefinition.of(
      "findings",
      "Governance findings as of each night: every finding ever opened, open, reopened or resolved, with evidence.",
      List.of(
          req("detect_date", DATE, "the night this state is as of: a night's rows are the whole finding list"),
          req("finding_id", STRING, "stable id: the same type, agent and subject keep it from night to night"),
          req("finding_type", STRING, "shadow_agent, decommissioned_acting, abandoned_agent, ... (docs/detectors.md)"),
          req("subject", STRING, "what the finding is about within the agent: a reason, credential or permission"),
          req("agent_id", STRING, null),
          opt("business_unit", STRING, "from the registry; null for an agent it does not list"),
          req("severity", STRING, "low, medium, high or critical"),
          opt("previous_severity", STRING, "severity before the last change; null if it never changed"),
          req("status", STRING, "open, reopened or resolved"),
          req("status_since", DATE, "night the status last changed"),
          req("opened_on", DATE, "night it was first detected"),
          opt("resolved_on", DATE, "night it was last resolved; null while open"),
          req("reopen_count", INT, "times it came back after being resolved"),
          req("persistence", STRING, "condition (resolved the night the condition no longer holds) or evidence "
              + "(resolved after quiet_days without new evidence)"),
          req("detected_tonight", BOOL, "whether this night's detectors saw it"),
          req("first_seen", TS, "earliest evidence"),
          req("last_seen", TS, "latest evidence"),
          req("evidence_events", LONG, "events of evidence over all nights (0 for registry-only findings)"),
          opt("notify_id", STRING, "person to notify: owner, else sponsor, else technical owner (active ones)"),
          req("notify_role", STRING, "owner, sponsor, technical_owner, acted_for or governance_office"),
          req("explanation", STRING, "one line in plain words"),
          req("details", stringMap(), "structured evidence, e.g. reason, credential_id, permissions"),
          req("sample_event_ids", listOf(STRING), "up to 5 events of evidence, latest night first"),
          req("settings", STRING, "the detector options of the run (DetectOptions), to re-run the night the same way"),
          req("run_id", STRING, null)),
      s -> PartitionSpec.builderFor(s).identity("detect_date").build(),
      s -> SortOrder.builderFor(s).asc("finding_type").asc("agent_id").asc("subject").build(),
      PER_NIGHT);

  public static final TableDefinition MATURITY_SCORES = TableDefinition.of(
      "maturity_scores",
      "Per business unit and month: the maturity stage (1 Ad hoc .. 4 Embedded) and the measured indicators behind it.",
      List.of(
          req("month_start", DATE, "first day of the month scored"),
          req("business_unit", STRING, null),
          req("stage", INT, "1 Ad hoc, 2 Defined, 3 Managed, 4 Embedded (docs/maturity.md)"),
          req("stage_name", STRING, null),
          opt("previous_stage", INT, "the stage of the month before, when scored"),
          req("indicators", listOf(struct(
              req("name", STRING, "indicator id, e.g. inventory_coverage"),
              opt("value", DOUBLE, "share in [0, 1]; null when nothing to measure"),
              req("numerator", LONG, null),
              req("denominator", LONG, null),
              req("stage_met", INT, "highest stage whose level this indicator meets"),
              opt("next_level", DOUBLE, "level the next stage requires; null at the top"))),
              "every indicator with the evidence counts and the levels of the rubric"),
          req("next_stage_gaps", listOf(STRING), "what would move the unit up one stage, one line per indicator short of it"),
          req("agents_registered", LONG, "agents the registry lists as active in the month"),
          req("agents_acting", LONG, "agents with events in the month, registered or not"),
          req("shadow_agents", LONG, null),
          req("events", LONG, null),
          req("snapshot_ids", stringLongMap(), "table -> snapshot id the score was computed from"),
          req("settings", STRING, "rubric version and options, JSON"),
          req("run_id", STRING, null),
          req("computed_at", TS, null)),
      s -> PartitionSpec.builderFor(s).identity("month_start").build(),
      s -> SortOrder.builderFor(s).asc("business_unit").build(),
      COMMON);

  public static final TableDefinition LEGAL_HOLDS = TableDefinition.of(
      "legal_holds",
      "Legal holds: data maintenance never removes what a hold covers until it is lifted (one row per hold, updated on lift).",
      List.of(
          req("hold_id", STRING, null),
          req("table_name", STRING, "a table name, or * for every table"),
          opt("from_date", DATE, "first event day covered; null: from the beginning"),
          opt("to_date", DATE, "last event day covered; null: open-ended"),
          opt("agent_id", STRING, "only this agent's rows, where the table has agent_id; null: all"),
          req("reason", STRING, "matter or request reference"),
          req("set_by", STRING, "pseudonymised person id"),
          req("set_at", TS, null),
          opt("lifted_by", STRING, null),
          opt("lifted_at", TS, "null while the hold is in force")),
      s -> PartitionSpec.unpartitioned(),
      s -> SortOrder.builderFor(s).asc("set_at").build(),
      COMMON);

  /** All tables, in the order docs/tables.md lists them. */
  public static List<TableDefinition> all() {
    return List.of(EVENTS, QUARANTINE, INGEST_RUNS, EVENT_DAY_DIGESTS, AGENTS, PEOPLE, REVIEWS, POLICIES, DQ_METRICS,
        AGENT_DAILY_FEATURES, AGENT_BASELINES, DRIFT_TESTS, DRIFT_ALERTS, CALIBRATION_REPORTS, THRESHOLD_RECOMMENDATIONS,
        FINDINGS, MATURITY_SCORES, LEGAL_HOLDS);
  }

  public static TableDefinition byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Cannot find table " + name + ": known tables are "
            + all().stream().map(TableDefinition::name).toList()));
  }
}

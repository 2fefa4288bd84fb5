package io.agentgov.jobs.drift;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Events as facets: one row per (agent, day, distribution, category or bin) observation, with the
 * event that shows it. Features count these rows; drift alerts pick sample events from them, so
 * both read an event the same way. Columns: {@code agent_id, event_date, name, key, event_id,
 * event_time}. Every event also yields the facet {@code (events, *)}: the rows of a volume alert.
 */
final class Facets {
  static final String ALL_EVENTS = "events";
  static final String ANY = "*";

  private Facets() {}

  /** The session an event belongs to: its session id, else its trace (one trace, one session). */
  static Column session() {
    return coalesce(col("trace.session_id"), col("trace.trace_id"));
  }

  static Dataset<Row> of(Dataset<Row> events) {
    List<Column> eventFacets = new ArrayList<>();
    List<Column> sessionFacets = new ArrayList<>();
    eventFacets.add(facet(ALL_EVENTS, lit(ANY)));
    for (Distribution d : Distribution.values()) {
      (d.level() == Distribution.Level.EVENT ? eventFacets : sessionFacets).add(facet(d.key(), key(d)));
    }
    Dataset<Row> perEvent = events
        .select(col("agent_id"), col("event_date"), col("event_id"), col("event_time"),
            explode(functions.array(eventFacets.toArray(Column[]::new))).as("f"));

    // A session's sample event, and its time, are its first event's.
    Dataset<Row> perSession = events
        .groupBy(col("agent_id"), col("event_date"), session().as("session"))
        .agg(count(lit(1)).as("actions"), sum(col("usage.input_tokens")).as("input_tokens"),
            sum(col("usage.output_tokens")).as("output_tokens"),
            expr("min_by(event_id, struct(event_time, event_id))").as("event_id"),
            functions.min(col("event_time")).as("event_time"))
        .select(col("agent_id"), col("event_date"), col("event_id"), col("event_time"),
            explode(functions.array(sessionFacets.toArray(Column[]::new))).as("f"));
    // A missing value (no tokens reported, no amount) is no observation, not a bin.
    return perEvent.unionByName(perSession)
        .select(col("agent_id"), col("event_date"), col("f.name").as("name"), col("f.key").as("key"),
            col("event_id"), col("event_time"))
        .where(col("key").isNotNull());
  }

  /**
   * The category or bin of one observation: over an event's columns for event-level distributions,
   * over a session's ({@code actions}, {@code input_tokens}, {@code output_tokens}, {@code
   * event_time} of its first event) for session-level ones.
   */
  private static Column key(Distribution d) {
    return switch (d) {
      case ACTION_TYPE_MIX -> col("action.type");
      case TARGET_SYSTEM_MIX -> col("action.target_system");
      case TOOL_MIX -> coalesce(col("action.tool"), lit("(none)"));
      case PERMISSION_MIX -> functions.concat_ws(":", col("action.type"), col("action.target_system"));
      case CREDENTIAL_MIX -> functions.concat_ws(":", col("credential.kind"), col("credential.id"));
      case HOUR_MIX -> lpad(functions.hour(col("event_time")).cast("string"), 2, "0");
      case OUTCOME_MIX -> col("outcome.status");
      case OVERSIGHT_MIX -> coalesce(col("oversight.decision"), col("oversight.mode"), lit("none"));
      case POLICY_VERSION_MIX ->
          when(col("policy.checked"), coalesce(col("policy.policy_version"), lit("(unversioned)"))).otherwise(lit("unchecked"));
      case LATENCY_MS -> binned(d, col("usage.latency_ms"));
      case AMOUNT -> binned(d, col("amount.value").cast("double"));
      case RECORDS_AFFECTED -> binned(d, col("records_affected"));
      case CONFIDENCE -> binned(d, col("confidence"));
      case ACTIONS_PER_SESSION -> binned(d, col("actions"));
      case INPUT_TOKENS_PER_SESSION -> binned(d, col("input_tokens"));
      case OUTPUT_TOKENS_PER_SESSION -> binned(d, col("output_tokens"));
    };
  }

  private static Column facet(String name, Column key) {
    return struct(lit(name).as("name"), key.cast("string").as("key"));
  }

  /** The bin label of a value, by the distribution's edges; null stays null. */
  static Column binned(Distribution d, Column value) {
    Distribution.Bins bins = d.bins();
    Column label = when(value.isNull(), lit(null).cast("string"));
    for (int i = 1; i < bins.size(); i++) {
      label = label.when(value.lt(bins.lowerEdge(i)), lit(bins.label(i - 1)));
    }
    return label.otherwise(lit(bins.label(bins.size() - 1)));
  }
}

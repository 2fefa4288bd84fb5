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
    eventFacets.add(facet(ALL_EVENTS, lit(ANY)));
    eventFacets.add(facet(Distribution.ACTION_TYPE_MIX, col("action.type")));
    eventFacets.add(facet(Distribution.TARGET_SYSTEM_MIX, col("action.target_system")));
    eventFacets.add(facet(Distribution.TOOL_MIX, coalesce(col("action.tool"), lit("(none)"))));
    eventFacets.add(facet(Distribution.OUTCOME_MIX, col("outcome.status")));
    eventFacets.add(facet(Distribution.OVERSIGHT_MIX,
        coalesce(col("oversight.decision"), col("oversight.mode"), lit("none"))));
    eventFacets.add(facet(Distribution.POLICY_VERSION_MIX,
        when(col("policy.checked"), coalesce(col("policy.policy_version"), lit("(unversioned)"))).otherwise(lit("unchecked"))));
    eventFacets.add(facet(Distribution.LATENCY_MS, binned(Distribution.LATENCY_MS, col("usage.latency_ms"))));
    eventFacets.add(facet(Distribution.AMOUNT, binned(Distribution.AMOUNT, col("amount.value").cast("double"))));
    eventFacets.add(facet(Distribution.RECORDS_AFFECTED, binned(Distribution.RECORDS_AFFECTED, col("records_affected"))));
    eventFacets.add(facet(Distribution.CONFIDENCE, binned(Distribution.CONFIDENCE, col("confidence"))));
    Dataset<Row> perEvent = events
        .select(col("agent_id"), col("event_date"), col("event_id"), col("event_time"),
            explode(functions.array(eventFacets.toArray(Column[]::new))).as("f"))
        .select(col("agent_id"), col("event_date"), col("f.name").as("name"), col("f.key").as("key"),
            col("event_id"), col("event_time"));

    // A session's sample event is its first one.
    Dataset<Row> sessions = events
        .groupBy(col("agent_id"), col("event_date"), session().as("session"))
        .agg(count(lit(1)).as("actions"), sum(col("usage.input_tokens")).as("input_tokens"),
            sum(col("usage.output_tokens")).as("output_tokens"),
            expr("min_by(event_id, struct(event_time, event_id))").as("event_id"),
            functions.min(col("event_time")).as("event_time"));
    Dataset<Row> perSession = sessions
        .select(col("agent_id"), col("event_date"), col("event_id"), col("event_time"),
            explode(functions.array(
                facet(Distribution.HOUR_MIX, lpad(functions.hour(col("event_time")).cast("string"), 2, "0")),
                facet(Distribution.ACTIONS_PER_SESSION, binned(Distribution.ACTIONS_PER_SESSION, col("actions"))),
                facet(Distribution.INPUT_TOKENS_PER_SESSION, binned(Distribution.INPUT_TOKENS_PER_SESSION, col("input_tokens"))),
                facet(Distribution.OUTPUT_TOKENS_PER_SESSION,
                    binned(Distribution.OUTPUT_TOKENS_PER_SESSION, col("output_tokens"))))).as("f"))
        .select(col("agent_id"), col("event_date"), col("f.name").as("name"), col("f.key").as("key"),
            col("event_id"), col("event_time"));
    // A missing value (no tokens reported, no amount) is no observation, not a bin.
    return perEvent.unionByName(perSession).where(col("key").isNotNull());
  }

  private static Column facet(Distribution d, Column key) {
    return facet(d.key(), key);
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

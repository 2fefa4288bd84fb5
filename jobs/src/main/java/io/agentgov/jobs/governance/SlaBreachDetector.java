package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import org.apache.spark.sql.Column;

/** {@code sla_breach}: escalations needing a decision (tier 3 or 4) answered after their SLA, timed out, or never answered. */
final class SlaBreachDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.SLA_BREACH;
  }

  @Override
  Column where() {
    return col("sla_problem").isNotNull();
  }

  @Override
  Column subject() {
    return lit("escalation_sla");
  }

  @Override
  String[] counted() {
    return new String[] {"sla_problem", "sla_seconds"};
  }

  @Override
  Map<String, String> details(Evidence.Group g, Night night) {
    return g.maxResponseSeconds() == null ? Map.of() : Map.of("max_response_seconds", g.maxResponseSeconds().toString());
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("%,d escalations of %s missed their SLA (%s s): %s; the slowest took %s", g.events(),
        g.agentId(), String.join("/", g.counts("sla_seconds").keySet()), g.top("sla_problem", 3),
        g.maxResponseSeconds() == null ? "n/a" : hours(g.maxResponseSeconds()));
  }

  private static String hours(long seconds) {
    return String.format("%.1f h", seconds / 3600.0);
  }
}

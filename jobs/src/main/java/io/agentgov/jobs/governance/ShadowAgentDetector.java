package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/** {@code shadow_agent}: acting in the logs, absent from the registry snapshot of the event's day. */
final class ShadowAgentDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.SHADOW_AGENT;
  }

  @Override
  Column where() {
    return col("registered").equalTo(lit(false));
  }

  @Override
  Column subject() {
    return lit("unregistered");
  }

  @Override
  String[] counted() {
    return new String[] {"credential_kind", "permission", "on_behalf_of"};
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("%s is not in the registry but acted %,d times (%s), using %s%s", g.agentId(), g.events(),
        g.top("permission", 3), g.top("credential_kind", 2),
        g.highImpact() ? "; some actions were high-impact (irreversible, personal data or money)" : "");
  }
}

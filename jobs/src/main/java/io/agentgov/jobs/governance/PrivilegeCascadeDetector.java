package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * {@code privilege_cascade}: in a delegation chain, a sub-agent acted with a permission outside its
 * own grants (lent by the delegating agent) or outside what the delegation granted it.
 */
final class PrivilegeCascadeDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.PRIVILEGE_CASCADE;
  }

  @Override
  Column where() {
    return col("cascade_problem").isNotNull();
  }

  @Override
  Column subject() {
    return lit("delegated_beyond_grants");
  }

  @Override
  String[] counted() {
    return new String[] {"cascade_problem", "permission", "delegation_parent"};
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("Sub-agent %s acted %,d times beyond its own permissions under delegation from %s: %s",
        g.agentId(), g.events(), g.top("delegation_parent", 3), g.top("permission", 3));
  }
}

package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * {@code decommissioned_acting}: the registry of the event's day says decommissioned or suspended,
 * or the credential used was revoked or had expired ({@link EventRules#lifecycleProblem}); the
 * subject is which.
 */
final class DecommissionedActingDetector extends EventDetector {
  private static final Map<String, String> WHAT = Map.of(
      "decommissioned", "is decommissioned in the registry",
      "suspended", "is suspended in the registry",
      "credential_revoked", "acts with a revoked credential",
      "credential_expired", "acts with an expired credential");

  @Override
  public FindingType type() {
    return FindingType.DECOMMISSIONED_ACTING;
  }

  @Override
  Column where() {
    return col("lifecycle_problem").isNotNull();
  }

  @Override
  Column subject() {
    return col("lifecycle_problem");
  }

  @Override
  String[] counted() {
    return new String[] {"credential_id", "permission"};
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("%s %s, yet acted %,d times (%s); revoke its access", g.agentId(), WHAT.get(g.subject()),
        g.events(), g.top("permission", 3));
  }
}

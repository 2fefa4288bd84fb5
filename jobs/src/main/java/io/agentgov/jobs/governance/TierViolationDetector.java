package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * {@code tier_violation}: the tier recomputed from the event's risk dimensions (amount, data
 * sensitivity, reversibility, regulatory scope, records affected, declared scope) under the policy
 * in force at event time is higher than the tier the gateway gave.
 */
final class TierViolationDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.TIER_VIOLATION;
  }

  @Override
  Column where() {
    return col("tier_violation");
  }

  @Override
  Column subject() {
    return lit("tier_below_policy");
  }

  @Override
  String[] counted() {
    return new String[] {"deciding_rules", "required_tier", "gateway_tier", "permission"};
  }

  /**
   * Critical when the policy required tier 4 (halt and escalate): the gateway let through, with
   * at most a lower tier's oversight, an action that should not have run unless a senior approver
   * approved it. Oversight is judged against the gateway's tier, so this finding carries that case.
   */
  @Override
  FindingType.Severity severity(Evidence.Group g) {
    return g.counts("required_tier").containsKey("4") ? FindingType.Severity.CRITICAL : super.severity(g);
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("The gateway gave %s a lower tier than the policy requires on %,d actions: required tier %s "
        + "(rules %s), gateway tier %s", g.agentId(), g.events(), g.top("required_tier", 2), g.top("deciding_rules", 3),
        g.top("gateway_tier", 2));
  }
}

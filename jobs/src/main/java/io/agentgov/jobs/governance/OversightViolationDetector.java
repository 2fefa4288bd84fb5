package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * {@code oversight_violation}: executed actions without the oversight their tier requires
 * ({@link EventRules#oversightProblem}): tier 3 executed before approval, tier 4 executed despite
 * the halt, approval-requiring actions through a gateway that did not check, tier 2 with nobody
 * notified.
 */
final class OversightViolationDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.OVERSIGHT_VIOLATION;
  }

  @Override
  Column where() {
    return col("oversight_problem").isNotNull();
  }

  @Override
  Column subject() {
    return lit("missing_oversight");
  }

  @Override
  String[] counted() {
    return new String[] {"oversight_problem", "required_tier", "permission"};
  }

  @Override
  FindingType.Severity severity(Evidence.Group g) {
    return g.counts("oversight_problem").containsKey("executed_despite_halt") ? FindingType.Severity.CRITICAL
        : super.severity(g);
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("%s executed %,d actions without the oversight their tier requires: %s", g.agentId(),
        g.events(), g.top("oversight_problem", 4));
  }
}

package io.agentgov.jobs.compliance;

/**
 * M5, EU AI Act Art. 73 serious-incident reporting: not covered. The input contract carries no
 * incident register and no notifications to authorities, so the report says so rather than guess.
 */
final class IncidentReporting implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    return Measurement.notCovered(clause);
  }
}

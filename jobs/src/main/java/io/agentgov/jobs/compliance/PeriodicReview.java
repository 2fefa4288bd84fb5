package io.agentgov.jobs.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * M7, NIST AI RMF GOVERN 1.5 and ISO/IEC 42001 A.6.2.6 periodic review: of the agents active in the
 * registry at the period end, the share whose {@code last_review_at} is at most
 * {@code review_max_age_days} (90) old at the end of the period. Never reviewed is overdue.
 */
final class PeriodicReview implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    int maxAge = (int) clause.parameter("review_max_age_days");
    Instant cutoff = in.endInstant().minus(Duration.ofDays(maxAge));
    List<ComplianceInputs.AgentVersion> active = in.activeAtEnd();
    List<String> overdue = active.stream().filter(a -> !reviewed(a, cutoff)).map(ComplianceInputs.AgentVersion::agentId)
        .toList();
    List<Measurement.Evidence> evidence = List.of(
        in.ids("agents active at the period end not reviewed within " + maxAge + " days", "agent", overdue),
        in.findings("review_overdue findings active in the period (abandoned_agent)", "abandoned_agent",
            f -> "review_overdue".equals(f.subject())));
    List<String> notes = List.of("Registry as of the period end " + in.end + "; reviewed means last_review_at after "
        + cutoff + ".");
    if (active.isEmpty()) {
      return Measurement.noData(clause, "No agent is active in the registry at the period end.", evidence, notes);
    }
    return Measurement.share(clause, UnitBreakdown.shares(clause, active, ComplianceInputs.AgentVersion::unit,
        a -> reviewed(a, cutoff)), evidence, notes);
  }

  static boolean reviewed(ComplianceInputs.AgentVersion a, Instant cutoff) {
    return a.lastReviewAt() != null && a.lastReviewAt().isAfter(cutoff);
  }
}

package io.agentgov.jobs.compliance;

import java.util.List;
import java.util.Map;

/**
 * M9, NIST AI RMF GOVERN 2.1 and ISO/IEC 42001 A.3.2 roles and responsibilities: of the agents
 * active in the registry at the period end, the share with an accountable owner and a sponsor who
 * are both active in the people directory then (the {@code accountability_gap} detector asks the
 * same of the owner alone).
 */
final class Accountability implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Map<String, String> people = in.peopleOn(in.end);
    List<ComplianceInputs.AgentVersion> active = in.activeAtEnd();
    List<Measurement.Evidence> evidence = List.of(
        in.ids("agents active at the period end without an active owner", "agent",
            active.stream().filter(a -> !activePerson(people, a.ownerId())).map(ComplianceInputs.AgentVersion::agentId).toList()),
        in.ids("agents active at the period end without an active sponsor", "agent",
            active.stream().filter(a -> !activePerson(people, a.sponsorId())).map(ComplianceInputs.AgentVersion::agentId).toList()),
        in.findings("accountability_gap findings active in the period", "accountability_gap", f -> true));
    List<String> notes = List.of("Registry and people directory as of the period end " + in.end + ".");
    if (active.isEmpty()) {
      return Measurement.noData(clause, "No agent is active in the registry at the period end.", evidence, notes);
    }
    return Measurement.share(clause, UnitBreakdown.shares(clause, active, ComplianceInputs.AgentVersion::unit,
        a -> activePerson(people, a.ownerId()) && activePerson(people, a.sponsorId())), evidence, notes);
  }

  static boolean activePerson(Map<String, String> people, String personId) {
    return personId != null && "active".equals(people.get(personId));
  }
}

package io.agentgov.jobs.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * M12, ISO/IEC 42001 A.9.2 to A.9.4 (responsible use) and A.10 (third parties): credentials shared
 * between agents, counted as the distinct credentials of the {@code shared_credential} findings
 * active in the period; the pass rule asks for none. Static or standing credentials
 * ({@code standing_credential}) and grants unused over 90 days ({@code unused_permission}, with the
 * permissions to remove) are listed, not judged.
 */
final class LeastPrivilege implements ClauseMetric {
  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    List<ComplianceInputs.ActiveFinding> shared = in.activeFindings().stream()
        .filter(f -> "shared_credential".equals(f.type())).toList();
    Set<String> credentials = new TreeSet<>();
    shared.forEach(f -> credentials.add(credential(f)));
    List<String> unusedGrants = new ArrayList<>();
    in.activeFindings().stream().filter(f -> "unused_permission".equals(f.type()))
        .forEach(f -> unusedGrants.add(f.agentId() + " (" + f.details().getOrDefault("permissions_to_remove", "?") + ")"));
    List<Measurement.Evidence> evidence = List.of(
        in.ids("credentials shared between agents", "credential", credentials),
        in.findings("shared_credential findings active in the period", "shared_credential", f -> true),
        in.findings("standing_credential findings active in the period (static or long-lived)", "standing_credential", f -> true),
        in.findings("unused_permission findings active in the period", "unused_permission", f -> true),
        in.ids("unused grants: agent (permissions to remove)", "grant", unusedGrants));
    List<String> notes = List.of("From the findings active on the " + in.detectNights()
        + " detect night(s) of the period.");
    if (in.detectNights() == 0) {
      return Measurement.noData(clause, "The detectors did not run for any night of the period.", evidence, notes);
    }
    // every unit with an active agent, so a unit without shared credentials shows its 0; no denominator
    Set<String> unitNames = new TreeSet<>(shared.stream().map(ComplianceInputs.ActiveFinding::unit).toList());
    in.activeAtEnd().forEach(a -> unitNames.add(a.unit()));
    List<Measurement.UnitValue> units = new ArrayList<>();
    for (String unit : unitNames) {
      long n = shared.stream().filter(f -> f.unit().equals(unit)).map(LeastPrivilege::credential).distinct().count();
      units.add(new Measurement.UnitValue(unit, (double) n, n, 0, Status.judge(clause.pass(), (double) n)));
    }
    return Measurement.count(clause, credentials.size(), null, units, evidence, notes);
  }

  /** The shared credential of a finding: its details name it, else its subject is it. */
  static String credential(ComplianceInputs.ActiveFinding f) {
    return f.details().getOrDefault("credential_id", f.subject());
  }
}

package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;

import io.agentgov.lakehouse.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * M10, NIST AI RMF MEASURE 2.4 / 2.8 and ISO/IEC 42001 A.6.2.8 monitoring: of the registered agents
 * active at the period end that acted in the period, the share whose latest behavioural baseline of
 * the period ({@code agent_baselines}) is {@code ready}, i.e. their drift is being tested. The
 * clause's other half, drift alerts triaged within an SLA, has no input in the contract: the alerts
 * raised are listed and the measurement says it covers only part of the clause.
 */
final class Monitoring implements ClauseMetric {
  static final String READY = "ready";

  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    Set<String> acting = ComplianceInputs.agents(in.population(clause).where(col("registered")));
    List<ComplianceInputs.AgentVersion> monitored = in.activeAtEnd().stream().filter(a -> acting.contains(a.agentId()))
        .toList();
    Map<String, String> latestStatus = latestBaselineStatus(in);
    List<String> notes = new ArrayList<>();
    notes.add("Partly covered: " + clause.notCoveredPart());
    if (latestStatus.isEmpty()) {
      notes.add("No behavioural baseline was built in the period.");
    }
    List<Measurement.Evidence> evidence = List.of(
        in.ids("agents without a ready baseline", "agent", monitored.stream()
            .filter(a -> !READY.equals(latestStatus.get(a.agentId()))).map(ComplianceInputs.AgentVersion::agentId).toList()),
        driftAlerts(in));
    if (monitored.isEmpty()) {
      return Measurement.noData(clause, "No registered agent active at the period end acted in the period.", evidence,
          notes);
    }
    return Measurement.share(clause, UnitBreakdown.shares(clause, monitored, ComplianceInputs.AgentVersion::unit,
        a -> READY.equals(latestStatus.get(a.agentId()))), evidence, notes);
  }

  /** Agent id -> status of its latest baseline night within the period. */
  private static Map<String, String> latestBaselineStatus(ComplianceInputs in) {
    Map<String, LocalDate> night = new TreeMap<>();
    Map<String, String> status = new TreeMap<>();
    for (Row r : in.read(Tables.AGENT_BASELINES).where(in.inPeriod("baseline_date"))
        .select("agent_id", "baseline_date", "status").collectAsList()) {
      LocalDate d = ComplianceInputs.date(r.get(1));
      if (!night.containsKey(r.getString(0)) || d.isAfter(night.get(r.getString(0)))) {
        night.put(r.getString(0), d);
        status.put(r.getString(0), r.getString(2));
      }
    }
    return status;
  }

  private static Measurement.Evidence driftAlerts(ComplianceInputs in) {
    List<String> ids = new ArrayList<>();
    in.read(Tables.DRIFT_ALERTS).where(in.inPeriod("test_date")).select("alert_id").collectAsList()
        .forEach(r -> ids.add(r.getString(0)));
    return in.ids("drift alerts raised (triage not recorded)", "alert", ids);
  }
}

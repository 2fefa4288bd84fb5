package io.agentgov.jobs.governance;

import io.agentgov.jobs.runtime.RowValues;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** {@link Finding}s to and from rows of the {@code findings} table (Tables.FINDINGS, in definition order). */
final class FindingRows {
  private FindingRows() {}

  static Row toRow(Finding f, String settings, String runId) {
    return RowFactory.create(f.night(), f.findingId(), f.type().wire(), f.subject(), f.agentId(), f.businessUnit(),
        f.severity().wire(), f.previousSeverity() == null ? null : f.previousSeverity().wire(), f.status().wire(),
        f.statusSince(), f.openedOn(), f.resolvedOn(), f.reopenCount(), f.persistence().wire(), f.detectedTonight(),
        f.firstSeen(), f.lastSeen(), f.evidenceEvents(), f.contact().personId(), f.contact().role(), f.explanation(),
        RowValues.map(new TreeMap<>(f.details())), RowValues.seq(f.sampleEventIds()), settings, runId);
  }

  static Finding fromRow(Row r) {
    String previous = r.getAs("previous_severity");
    Map<String, String> details = new TreeMap<>(r.<String, String>getJavaMap(r.fieldIndex("details")));
    List<String> samples = RowValues.list(r, "sample_event_ids");
    return new Finding(r.getAs("detect_date"), r.getAs("finding_id"), FindingType.fromWire(r.getAs("finding_type")),
        r.getAs("subject"), r.getAs("agent_id"), r.getAs("business_unit"), FindingType.Severity.fromWire(r.getAs("severity")),
        previous == null ? null : FindingType.Severity.fromWire(previous), Finding.Status.fromWire(r.getAs("status")),
        r.getAs("status_since"), r.getAs("opened_on"), r.getAs("resolved_on"), r.<Integer>getAs("reopen_count"),
        Detection.Persistence.valueOf(r.<String>getAs("persistence").toUpperCase(java.util.Locale.ROOT)),
        r.<Boolean>getAs("detected_tonight"), r.getAs("first_seen"), r.getAs("last_seen"), r.<Long>getAs("evidence_events"),
        new Finding.Notify(r.getAs("notify_id"), r.getAs("notify_role")), r.getAs("explanation"), details, samples);
  }
}

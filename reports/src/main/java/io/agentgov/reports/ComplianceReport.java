package io.agentgov.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;

/**
 * The data of the compliance evidence report for auditors ({@code templates/compliance-evidence.jrxml}):
 * a period, the as-of time every table was read at, one {@link ComplianceClause} per clause (M1 .. M12),
 * the integrity check per event day, the manifest (tables and snapshots, versions, hashes, policy
 * versions), the seeded evidence samples and what the report does not cover. Everything arrives
 * measured (by the compliance job); this record writes it out and the template lays it out.
 *
 * @param asOf              the knowledge cutoff; also the PDF's creation date, so re-rendering gives the same bytes
 * @param manifest          labelled lines: versions, hashes, ingest runs
 * @param policies          policy versions in force in the period, written out
 * @param integrityAlgorithm the digest scheme the integrity check recomputes
 * @param notes             about the report as a whole (e.g. an as-of before the period end)
 */
public record ComplianceReport(LocalDate periodStart, LocalDate periodEnd, Instant asOf, long seed,
    int samplesPerStratum, List<ComplianceClause> clauses, List<ComplianceTableRead> tables,
    List<ComplianceFact> manifest, List<ComplianceFact> policies, String integrityAlgorithm, List<ComplianceDay> days,
    List<ComplianceSample> samples, List<String> doesNotCover, List<String> notes) {

  public static final String TEMPLATE = "compliance-evidence";

  public ComplianceReport {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(integrityAlgorithm, "integrityAlgorithm");
    clauses = List.copyOf(clauses);
    tables = List.copyOf(tables);
    manifest = List.copyOf(manifest);
    policies = List.copyOf(policies);
    days = List.copyOf(days);
    samples = List.copyOf(samples);
    doesNotCover = List.copyOf(doesNotCover);
    notes = List.copyOf(notes);
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("Cannot report compliance for " + periodStart + " .. " + periodEnd
          + ": the period ends before it starts");
    }
    if (clauses.isEmpty()) {
      throw new IllegalArgumentException("Cannot render a compliance report without clauses");
    }
  }

  /** File name without extension: {@code compliance-evidence-<start>_<end>-as-of-<instant>} (colons as dashes). */
  public String baseName() {
    return TEMPLATE + "-" + periodStart + "_" + periodEnd + "-as-of-"
        + DateTimeFormatter.ISO_INSTANT.format(asOf).replace(':', '-');
  }

  /** The PDF's title metadata. */
  public String title() {
    return "Compliance evidence " + periodStart + " .. " + periodEnd + " as of " + DateTimeFormatter.ISO_INSTANT.format(asOf);
  }

  /** The command that renders this report again from the same snapshots. */
  public String reproduce() {
    return "agentgov report compliance --period " + periodStart + ".." + periodEnd + " --as-of "
        + DateTimeFormatter.ISO_INSTANT.format(asOf) + " --seed " + seed;
  }

  /** Days whose rows changed since ingest digested them (or were never digested). */
  public List<ComplianceDay> changedDays() {
    return days.stream().filter(d -> !"intact".equals(d.verdict())).toList();
  }

  /** The integrity result in one sentence. */
  public String integrityVerdict() {
    if (days.isEmpty()) {
      return "No event day in the period: nothing to check.";
    }
    List<ComplianceDay> changed = changedDays();
    if (changed.isEmpty()) {
      return "Intact: all " + days.size() + " event days of the period match the digests stored at ingest.";
    }
    return "Changed: " + changed.size() + " of " + days.size() + " event days no longer match the digests stored at"
        + " ingest: " + String.join(", ", changed.stream().map(ComplianceDay::getDay).toList()) + ".";
  }

  /** Clauses per result, e.g. {@code 3 pass · 8 fail · 1 not covered}. */
  public String resultCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String s : List.of("pass", "fail", "no data", "not covered")) {
      counts.put(s, 0);
    }
    clauses.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((s, n) -> {
      if (n > 0) {
        parts.add(n + " " + s);
      }
    });
    return String.join(" \u00b7 ", parts);
  }

  /** The template's parameters; a new mutable map and new data sources per fill. */
  public Map<String, Object> parameters() {
    Map<String, Object> p = new HashMap<>();
    p.put("period", periodStart + " to " + periodEnd);
    p.put("asOf", ComplianceFormat.instant(asOf));
    p.put("title", title());
    p.put("reproduce", reproduce());
    p.put("resultCounts", resultCounts());
    p.put("notes", String.join("\n", notes));
    p.put("integrityVerdict", integrityVerdict());
    p.put("integrityIntact", changedDays().isEmpty());
    p.put("integrityAlgorithm", integrityAlgorithm);
    p.put("samplesNote", samplesPerStratum + " event ids per business unit and gateway tier, seed " + seed
        + ": the first in ascending SHA-256 of \"" + seed + ":<event_id>\", so the same seed draws the same ids.");
    p.put("clauseRows", new JRBeanCollectionDataSource(clauses));
    p.put("dayRows", new JRBeanCollectionDataSource(days));
    p.put("noDays", days.isEmpty());
    p.put("tableRows", new JRBeanCollectionDataSource(tables));
    p.put("manifestRows", new JRBeanCollectionDataSource(manifest));
    p.put("policyRows", new JRBeanCollectionDataSource(policies));
    p.put("noPolicies", policies.isEmpty());
    p.put("sampleRows", new JRBeanCollectionDataSource(samples));
    p.put("noSamples", samples.isEmpty());
    List<ComplianceFact> limits = new ArrayList<>();
    for (int i = 0; i < doesNotCover.size(); i++) {
      limits.add(new ComplianceFact((i + 1) + ".", doesNotCover.get(i)));
    }
    p.put("notCoveredRows", new JRBeanCollectionDataSource(limits));
    return p;
  }
}

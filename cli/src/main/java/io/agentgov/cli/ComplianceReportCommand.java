package io.agentgov.cli;

import io.agentgov.jobs.compliance.Clause;
import io.agentgov.jobs.compliance.ComplianceEvidence;
import io.agentgov.jobs.compliance.Manifest;
import io.agentgov.jobs.compliance.Measurement;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.reports.ComplianceClause;
import io.agentgov.reports.ComplianceDay;
import io.agentgov.reports.ComplianceEvidenceLine;
import io.agentgov.reports.ComplianceFact;
import io.agentgov.reports.ComplianceRenderer;
import io.agentgov.reports.ComplianceReport;
import io.agentgov.reports.ComplianceSample;
import io.agentgov.reports.ComplianceTableRead;
import io.agentgov.reports.ComplianceUnit;
import io.agentgov.reports.RenderedReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code agentgov report compliance --period P [--as-of T] [--out DIR] [--seed N]}: the compliance
 * evidence for auditors ({@link ComplianceEvidence}), rendered as PDF and HTML. Every table is read
 * as it stood at T, so the same period, as-of and seed give a byte-identical PDF whenever it is run.
 */
@Command(name = "compliance", mixinStandardHelpOptions = true,
    description = {"Compliance evidence for auditors (EU AI Act, NIST AI RMF, ISO/IEC 42001) for a period, as of a time.",
        "Every table is read at the snapshot current at --as-of; the report prints a manifest of them, the integrity",
        "of each event day, a metric per clause with the rows behind it, seeded samples, what it does not cover and",
        "sign-off fields. Writes compliance-evidence-<start>_<end>-as-of-<T>.pdf and .html."})
final class ComplianceReportCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--period", required = true, paramLabel = "PERIOD",
      description = "A month (yyyy-mm) or a range of days (yyyy-mm-dd..yyyy-mm-dd, both included).")
  String period;

  @Option(names = "--as-of", paramLabel = "TIME", converter = AsOfTime.class,
      description = {"The knowledge cutoff: an RFC 3339 time (2026-04-01T06:00:00Z) or a day (yyyy-mm-dd: the end of",
          "that day, UTC). Default: now, to the second."})
  Instant asOf;

  @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
      description = "Folder the report files are written to (default: ./${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
      description = "Seed of the evidence samples (default: ${DEFAULT-VALUE}); the same seed draws the same ids.")
  long seed;

  @Override
  public Integer call() {
    LocalDate[] days = parsePeriod(period);
    Instant cutoff = asOf == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : asOf;
    ComplianceEvidence.Options options;
    try {
      options = ComplianceEvidence.Options.of(days[0], days[1], cutoff, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ComplianceEvidence.Result result;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      result = new ComplianceEvidence(lake, options).run();
    }
    RenderedReport report = new ComplianceRenderer().render(report(result), out.toAbsolutePath());
    global().print(ReportCommand.paths(report), report.pdf() + "\n" + report.html());
    return 0;
  }

  /** {@code yyyy-mm} (the whole month) or {@code yyyy-mm-dd..yyyy-mm-dd}: first and last day. */
  LocalDate[] parsePeriod(String text) {
    try {
      if (text.contains("..")) {
        String[] ends = text.split("\\.\\.", -1);
        if (ends.length != 2) {
          throw new DateTimeParseException("two days expected", text, 0);
        }
        LocalDate start = LocalDate.parse(ends[0].strip());
        LocalDate end = LocalDate.parse(ends[1].strip());
        if (end.isBefore(start)) {
          throw new ParameterException(spec.commandLine(), "--period " + text + " ends before it starts");
        }
        return new LocalDate[] {start, end};
      }
      YearMonth month = YearMonth.parse(text.strip());
      return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "Cannot read --period \"" + text
          + "\": give a month (yyyy-mm) or a range of days (yyyy-mm-dd..yyyy-mm-dd)");
    }
  }

  /** The job's result as the report's records: values as measured, nothing recomputed. */
  static ComplianceReport report(ComplianceEvidence.Result r) {
    List<ComplianceClause> clauses = new ArrayList<>();
    for (ComplianceEvidence.ClauseResult c : r.clauses()) {
      clauses.add(clause(c));
    }
    Manifest m = r.manifest();
    List<ComplianceTableRead> tables = m.tables().stream()
        .map(t -> new ComplianceTableRead(t.table(), t.snapshotId(), t.committedAt(), t.rows())).toList();
    List<ComplianceFact> manifest = new ArrayList<>();
    manifest.add(new ComplianceFact("Period", r.options().periodStart() + " to " + r.options().periodEnd() + " (UTC days)"));
    manifest.add(new ComplianceFact("As of (knowledge cutoff)", r.options().asOf().toString()));
    manifest.add(new ComplianceFact("Software version (report)", m.softwareVersion()));
    manifest.add(new ComplianceFact("Report configuration hash", m.configHash()));
    manifest.add(new ComplianceFact("Clause file SHA-256", m.clausesSha256()));
    if (m.ingestRuns().isEmpty()) {
      manifest.add(new ComplianceFact("Ingest runs", "none for the period's landing days at the as-of time"));
    }
    for (Manifest.IngestConfig i : m.ingestRuns()) {
      manifest.add(new ComplianceFact("Ingest runs", i.runs() + (i.runs() == 1 ? " run" : " runs") + ", landing days "
          + i.firstLandingDay() + " to " + i.lastLandingDay() + ": software " + i.softwareVersion() + ", configuration hash "
          + i.configHash()));
    }
    List<ComplianceFact> policies = m.policies().stream().map(p -> new ComplianceFact(p.policyId() + " " + p.version(),
        "in force from " + p.effectiveFrom() + (p.supersededOn() == null ? " (the latest version)"
            : " until " + p.supersededOn().minusDays(1)) + "; source SHA-256 " + p.sourceSha256())).toList();
    List<ComplianceDay> days = r.integrity().days().stream().map(d -> new ComplianceDay(d.day(), d.rows(), d.root(),
        d.digestRows(), d.digestRoot(), d.digestComputedAt(), d.rehashMismatches(), d.mismatchedEventIds(), d.verdict()))
        .toList();
    List<ComplianceSample> samples = r.samples().stream()
        .map(s -> new ComplianceSample(s.businessUnit(), s.tier(), s.population(), s.eventIds())).toList();
    return new ComplianceReport(r.options().periodStart(), r.options().periodEnd(), r.options().asOf(),
        r.options().seed(), r.options().samplesPerStratum(), clauses, tables, manifest, policies, r.integrity().algorithm(),
        days, samples, r.doesNotCover(), r.notes());
  }

  private static ComplianceClause clause(ComplianceEvidence.ClauseResult c) {
    Clause clause = c.clause();
    Measurement m = c.measurement();
    Clause.Obligation o = clause.obligation();
    String inForce = switch (c.inForce()) {
      case VOLUNTARY -> "voluntary";
      case IN_FORCE -> "in force";
      case FROM_WITHIN_PERIOD -> "from within period";
      case NOT_YET -> "not yet";
    };
    String appliesTo = clause.appliesTo() == Clause.AppliesTo.EU_HIGH_RISK
        ? "agents whose registry entry says eu_risk_class = high" : "all agents";
    String source = o == null ? null
        : o.source() + (o.originally() == null ? "" : "; first set for " + o.originally());
    List<ComplianceUnit> units = m.byUnit().stream().map(u -> new ComplianceUnit(u.businessUnit(), u.status().wire(),
        u.value(), m.unit(), u.numerator(), u.denominator())).toList();
    List<ComplianceEvidenceLine> evidence = m.evidence().stream()
        .map(e -> new ComplianceEvidenceLine(e.label(), e.count(), e.idKind(), e.sampleIds())).toList();
    return new ComplianceClause(clause.id(), clause.title(), clause.referenceText(), appliesTo, inForce,
        o == null ? null : o.effectiveFrom(), source, clause.metric(), clause.passRule(), m.status().wire(), m.value(),
        m.unit(), m.numerator(), m.denominator(), clause.countOf(), clause.countThat(), c.sentence(), m.notes(), units,
        evidence);
  }
}

package io.agentgov.cli;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GenerationSummary;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.evaluate.DriftEvaluation;
import io.agentgov.jobs.compliance.ComplianceEvidence;
import io.agentgov.jobs.evaluate.FindingsEvaluation;
import io.agentgov.reports.ComplianceRenderer;
import java.time.YearMonth;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.recalibration.RecalibrationJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.RenderedReport;
import io.agentgov.reports.ReportRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run agentgov end to end on the embedded default.",
        "Generates a sample enterprise (a month, about half a million events), runs the nightly pipeline for every",
        "landing day (ingest, features, baselines, drift, governance detectors), recalibrates the auto-approval",
        "thresholds against the month's reviews, prints the tables it built, how the counts reconcile, the drift alerts",
        "and findings against what it planted, scores maturity, and writes the ingest reconciliation report, the",
        "recalibration review, the monthly scorecard and the compliance evidence report."})
final class DemoCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR",
      description = "Working folder: DIR/landing, DIR/truth, DIR/warehouse, DIR/reports are replaced (default: ./demo).")
  Path dir;

  @Option(names = "--seed", description = "Generator seed (default: the demo preset's).")
  Long seed;

  @Option(names = "--small", description = "A few days of data instead of a month (a quick look).")
  boolean small;

  @Override
  public Integer call() throws IOException {
    Instant started = Instant.now();
    Path landing = dir.resolve("landing").toAbsolutePath();
    Path truth = dir.resolve("truth").toAbsolutePath();
    Path reports = dir.resolve("reports").toAbsolutePath();
    for (Path owned : List.of(landing, truth, dir.resolve("warehouse"), reports)) {
      deleteTree(owned);
    }
    GeneratorOptions options = small ? GeneratorOptions.small() : GeneratorOptions.demo();
    if (seed != null) {
      options = options.withSeed(seed);
    }
    global().progress("[1/6] generating a sample enterprise into " + landing);
    GenerationSummary generated = new EnterpriseGenerator(options).generate(landing, truth);
    global().progress("      " + generated.toString().replace("\n", "\n      "));

    List<LocalDate> days = LandingDays.in(landing);
    global().progress("[2/6] nightly pipeline for " + days.size() + " nights (" + days.get(0) + " .. "
        + days.get(days.size() - 1) + "): ingest, features, baselines, drift, detectors");
    List<IngestResult> results = new ArrayList<>();
    Map<String, Object> report = new LinkedHashMap<>();
    RenderedReport rendered;
    RenderedReport review;
    RenderedReport scorecard;
    RenderedReport compliance;
    try (Lakehouse lake = global().open(dir.resolve("warehouse"))) {
      long alerts = 0;
      // A week of data cannot fill a 28-day window: --small tests from the fifth night on a 7-day one.
      // ... and judges unused grants after 4 observed days instead of 14.
      Nightly.Settings settings = small
          ? new Nightly.Settings(DriftOptions.defaults().withWindow(7, 4), DetectOptions.defaults().withMinObservedDays(4))
          : Nightly.Settings.defaults();
      for (LocalDate day : days) {
        Nightly.NightResult night = Nightly.run(lake, landing.toUri().toString(), day, settings);
        results.add(night.ingest());
        alerts += night.drift().alerts();
        global().progress("      " + night.ingest().summary());
        global().progress("      " + night.baselines().summary() + "; " + night.drift().summary());
        global().progress("      " + night.detect().summary());
      }
      LocalDate last = days.get(days.size() - 1);
      global().progress("[3/6] threshold recalibration against " + days.size() + " days of human reviews (as of " + last + ")");
      RecalibrationJob.Result recalibration = new RecalibrationJob(lake, RecalibrationJob.Options.of(last, days.size())).run();
      global().progress("      " + recalibration.summary());
      report.put("recalibration", recalibration);
      global().progress("[4/6] tables in " + lake.options().catalog() + "." + lake.options().namespace()
          + " (warehouse " + lake.options().warehouse() + ")");
      Map<String, Long> counts = new LinkedHashMap<>();
      for (TableDefinition table : Tables.all()) {
        long n = lake.read(table).count();
        counts.put(table.name(), n);
        global().progress(String.format("      %-26s %,12d rows", table.name(), n));
      }
      report.put("tables", counts);
      global().progress("[5/6] drift alerts (" + alerts + " over the period) and governance findings, scored against what the"
          + " generator planted");
      DriftEvaluation.Result scored = DriftEvaluation.evaluate(lake, truth, days.get(0), last);
      global().progress("      " + EvaluateCommand.human(scored).replace("\n", "\n      "));
      report.put("drift", scored);
      FindingsEvaluation.Result findings = FindingsEvaluation.evaluate(lake, truth, days.get(0), last);
      global().progress("      governance " + EvaluateCommand.human(findings).replace("\n", "\n      "));
      global().progress("      list them: bin/agentgov --warehouse " + dir.resolve("warehouse")
          + " findings --status active; one finding's history: findings --history <finding_id>");
      report.put("findings", findings);
      global().progress("[6/6] reports into " + reports);
      rendered = new ReportRenderer().render(ReportCommand.ingestSummary(lake, days.get(0), last), reports);
      review = new ReportRenderer().render(RecalibrationReviews.load(lake, last), reports);
      MonthlyCommand.Result monthly = MonthlyCommand.run(lake, YearMonth.from(last), reports);
      global().progress("      " + monthly.maturity().summary());
      scorecard = monthly.scorecard();
      // The evidence is as of now, to the second: re-rendered later with the same --as-of it is the same file.
      Instant cutoff = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      ComplianceEvidence.Result evidence = new ComplianceEvidence(lake,
          ComplianceEvidence.Options.of(days.get(0), last, cutoff, 1)).run();
      compliance = new ComplianceRenderer().render(ComplianceReportCommand.report(evidence), reports.toAbsolutePath());
      report.put("compliance_as_of", cutoff.toString());
    }
    long read = results.stream().mapToLong(IngestResult::recordsRead).sum();
    long stored = results.stream().mapToLong(IngestResult::eventsStored).sum();
    long duplicates = results.stream().mapToLong(IngestResult::duplicates).sum();
    long quarantined = results.stream().mapToLong(IngestResult::quarantined).sum();
    Map<String, Long> byReason = new TreeMap<>();
    results.forEach(r -> r.quarantinedByReason().forEach((k, v) -> byReason.merge(k, v, Long::sum)));
    String reconciliation = String.format("records read %,d = stored %,d + duplicates %,d + quarantined %,d: %s",
        read, stored, duplicates, quarantined, read == stored + duplicates + quarantined ? "reconciles" : "DOES NOT RECONCILE");
    global().progress("      " + reconciliation);
    global().progress("      quarantined by reason: " + byReason);
    // The generator planned every outcome from the contract on its own; ingest must agree with it.
    boolean matchesTruth = stored == generated.plannedStored() && duplicates == generated.plannedDuplicate()
        && byReason.equals(new TreeMap<>(generated.plannedQuarantined()));
    global().progress("      planted truth (" + truth.resolve("manifest.json") + "): " + (matchesTruth
        ? "every planted duplicate and bad record was found, with its reason"
        : String.format("MISMATCH: planned stored %,d, duplicates %,d, quarantined %s", generated.plannedStored(),
            generated.plannedDuplicate(), generated.plannedQuarantined())));
    global().progress("      ingest reconciliation: " + rendered.pdf());
    global().progress("                             " + rendered.html());
    global().progress("      recalibration review:  " + review.pdf());
    global().progress("                             " + review.html());
    global().progress("      monthly scorecard:     " + scorecard.pdf());
    global().progress("                             " + scorecard.html());
    global().progress("      compliance evidence:   " + compliance.pdf());
    global().progress("                             " + compliance.html());
    global().progress(String.format("done in %.0f s. Look around: bin/agentgov --warehouse %s tables list",
        Duration.between(started, Instant.now()).toMillis() / 1000.0, dir.resolve("warehouse")));
    report.put("landing", landing.toString());
    report.put("truth", truth.toString());
    report.put("records_read", read);
    report.put("events_stored", stored);
    report.put("duplicates", duplicates);
    report.put("quarantined", quarantined);
    report.put("quarantined_by_reason", byReason);
    report.put("report", ReportCommand.paths(rendered));
    report.put("recalibration_review", ReportCommand.paths(review));
    report.put("scorecard", ReportCommand.paths(scorecard));
    report.put("compliance", ReportCommand.paths(compliance));
    report.put("reconciles", read == stored + duplicates + quarantined);
    report.put("matches_planted_truth", matchesTruth);
    if (global().json) {
      global().print(report, "");
    }
    return read == stored + duplicates + quarantined && matchesTruth ? 0 : 1;
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.evaluate.DriftEvaluation;
import io.agentgov.jobs.evaluate.FindingsEvaluation;
import io.agentgov.lakehouse.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score what agentgov found against a generated enterprise's planted truth.",
        "Drift: recall and precision at agent level and detection delay in days.",
        "Findings: precision and recall per finding type at agent level, false positives with their planted faults."})
final class EvaluateCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--truth", defaultValue = "truth", paramLabel = "DIR",
      description = "The generator's truth folder (default: ./truth).")
  Path truth;

  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(truth.resolve("faults.jsonl"))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--truth " + truth + " has no faults.jsonl: point it at a generator's truth folder");
    }
    days.days(spec.commandLine());
    Map<String, Object> results = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      DriftEvaluation.Result drift = DriftEvaluation.evaluate(lake, truth, days.first(), days.last());
      results.put("drift", drift);
      text.append(human(drift));
      if (lake.currentSnapshotId(Tables.FINDINGS) != null) {
        FindingsEvaluation.Result findings = FindingsEvaluation.evaluate(lake, truth, days.first(), days.last());
        results.put("findings", findings);
        text.append(System.lineSeparator()).append(human(findings));
      }
    }
    global().print(results, text.toString());
    return 0;
  }

  /** The findings scores, then each false positive and each missed agent. */
  static String human(FindingsEvaluation.Result result) {
    StringBuilder human = new StringBuilder(result.summary());
    result.falsePositives().forEach(f -> human.append(String.format("%n  FALSE POSITIVE %-20s %-40s %s (planted: %s)",
        f.type(), f.agentId(), f.subjects(), f.plantedFaults().isEmpty() ? "nothing" : f.plantedFaults())));
    result.byType().forEach(s -> s.missed().forEach(agent -> human.append(String.format("%n  MISSED %-28s %s", s.type(), agent))));
    return human.toString();
  }

  /** The evaluation as lines a person reads: the figures, then each planted drift and each other alert. */
  static String human(DriftEvaluation.Result result) {
    StringBuilder human = new StringBuilder(result.summary());
    result.plantedDrift().forEach(p -> human.append(String.format("%n  planted %-12s %-40s from %s: %s", p.metric(),
        p.agentId(), p.fromDay(), p.firstAlert() == null ? "MISSED"
            : "found " + p.firstAlert() + " (+" + p.delayDays() + " d) by " + p.alertMetrics())));
    result.otherAlerts().forEach(f -> human.append(String.format("%n  %-17s %-40s %s from %s (planted: %s)",
        f.explainedBy() == null ? "FALSE ALARM" : "other change", f.agentId(), f.metrics(), f.firstAlert(),
        f.explainedBy() == null ? (f.plantedFaults().isEmpty() ? "nothing" : f.plantedFaults()) : f.explainedBy())));
    return human.toString();
  }
}

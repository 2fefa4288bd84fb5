package io.agentgov.cli;

import io.agentgov.jobs.evaluate.DriftEvaluation;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score what agentgov found against a generated enterprise's planted truth.",
        "Drift: recall and precision at agent level and detection delay in days."})
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
    DriftEvaluation.Result result;
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      result = DriftEvaluation.evaluate(lake, truth, days.first(), days.last());
    }
    global().print(result, human(result));
    return 0;
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

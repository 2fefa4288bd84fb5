package io.agentgov.cli;

import io.agentgov.jobs.recalibration.RecalibrationJob;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "recalibrate", mixinStandardHelpOptions = true,
    description = {"Re-fit auto-approval confidence thresholds against human review, with a guarantee.",
        "Per agent and decision class (pooled when sparse): calibration quality, and the loosest threshold whose rate of",
        "wrongly auto-approved decisions is at most alpha with probability 1 - delta (Learn-then-Test), alpha and delta",
        "from the escalation policy. Writes calibration_reports and threshold_recommendations for the as-of date."})
final class RecalibrateCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--as-of", required = true, description = "Last day of the review window (yyyy-mm-dd).")
  LocalDate asOf;

  @Option(names = "--window", defaultValue = "90d", paramLabel = "DAYS",
      description = "Days of reviews, e.g. 90d or 90 (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--policy", defaultValue = "default", description = "Escalation policy id (default: ${DEFAULT-VALUE}).")
  String policy;

  @Override
  public Integer call() {
    if (!window.matches("\\d+d?")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--window " + window
          + " is not a number of days such as 90d");
    }
    RecalibrationJob.Options options = new RecalibrationJob.Options(asOf, Integer.parseInt(window.replace("d", "")),
        policy, 30);
    RecalibrationJob.Result result;
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      result = new RecalibrationJob(lake, options).run();
    }
    global().print(result, result.summary());
    return 0;
  }
}

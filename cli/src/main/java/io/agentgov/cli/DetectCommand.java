package io.agentgov.cli;

import io.agentgov.jobs.governance.DetectJob;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "detect", mixinStandardHelpOptions = true,
    description = {"Run the governance detectors over the events that landed on a night and update the findings.",
        "A range runs night after night (each night starts from the one before). Needs the night's features."})
final class DetectCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Mixin
  DetectOptionsMixin detect;

  @Override
  public Integer call() {
    List<LocalDate> nights = days.days(spec.commandLine());
    DetectOptions options = detect.options(); // a bad setting fails before Spark starts
    List<DetectJob.Result> results = new ArrayList<>();
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      for (LocalDate night : nights) {
        DetectJob.Result r = new DetectJob(lake, night, options).run();
        results.add(r);
        global().progress(r.summary());
        r.activeByType().forEach((type, n) -> global().progress(String.format("  %-22s %,6d active", type, n)));
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }
}

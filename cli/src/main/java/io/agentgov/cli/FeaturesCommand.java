package io.agentgov.cli;

import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Compute agent_daily_features for event days from the stored events.",
        "A range is computed in one pass and replaces the range's rows."})
final class FeaturesCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Override
  public Integer call() {
    days.days(spec.commandLine());
    FeaturesJob.Result result;
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      result = new FeaturesJob(lake, new FeaturesJob.Options(days.first(), days.last())).run();
    }
    global().print(result, result.summary());
    return 0;
  }
}

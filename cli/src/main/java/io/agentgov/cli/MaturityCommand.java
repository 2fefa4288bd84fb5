package io.agentgov.cli;

import io.agentgov.jobs.maturity.MaturityJob;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "maturity", mixinStandardHelpOptions = true,
    description = {"Score every business unit's maturity stage (1 Ad hoc .. 4 Embedded) for a month from measured",
        "indicators, and write maturity_scores (docs/maturity.md). Run after the month's nightly jobs."})
final class MaturityCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to score.")
  YearMonth month;

  @Override
  public Integer call() {
    MaturityJob.Result result;
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      result = new MaturityJob(lake, month).run();
    }
    StringBuilder human = new StringBuilder(result.summary());
    result.units().forEach(u -> {
      human.append(String.format("%n  %-20s stage %d %-9s%s", u.businessUnit(), u.stage(), u.stageName(),
          u.previousStage() == null ? "" : " (last month " + u.previousStage() + ")"));
      u.gaps().forEach(g -> human.append("%n      to rise: ".formatted()).append(g));
    });
    global().print(result, human.toString());
    return 0;
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.drift.BaselineJob;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "baselines", mixinStandardHelpOptions = true,
    description = {"Build agent_baselines for nights from the stored daily features.",
        "Each night's baseline merges the window before it, days of the same type (weekday or weekend) only."})
final class BaselinesCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Mixin
  DriftOptionsMixin drift;

  @Override
  public Integer call() {
    List<BaselineJob.Result> results = new ArrayList<>();
    List<LocalDate> nights = days.days(spec.commandLine());
    DriftOptions options = drift.options(); // a bad setting fails before Spark starts
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      for (LocalDate night : nights) {
        BaselineJob.Result r = new BaselineJob(lake, night, options).run();
        results.add(r);
        global().progress(r.summary());
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }
}

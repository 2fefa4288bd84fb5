package io.agentgov.cli;

import io.agentgov.jobs.drift.DriftJob;
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

@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {"Test nights' features against their baselines; write drift_tests and drift_alerts.",
        "Benjamini-Hochberg controls the false discovery rate across each night's tests."})
final class DriftCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Mixin
  DriftOptionsMixin drift;

  @Override
  public Integer call() {
    List<DriftJob.Result> results = new ArrayList<>();
    List<LocalDate> nights = days.days(spec.commandLine());
    DriftOptions options = drift.options(); // a bad setting fails before Spark starts
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      for (LocalDate night : nights) {
        DriftJob.Result r = new DriftJob(lake, night, options).run();
        results.add(r);
        global().progress(r.summary());
        r.alertList().forEach(a -> global().progress("  alert " + a.agentId() + " " + a.metric() + ": " + a.explanation()));
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }
}

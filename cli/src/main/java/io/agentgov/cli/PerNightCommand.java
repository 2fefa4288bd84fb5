package io.agentgov.cli;

import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/** A command that runs one job per night, in order, over {@code --date} or {@code --from/--to}. */
abstract class PerNightCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Mixin
  DriftOptionsMixin drift;

  /** Runs the night's job, prints its summary, and returns its result. */
  abstract Object night(Lakehouse lake, LocalDate night, DriftOptions options);

  @Override
  public Integer call() {
    List<LocalDate> nights = days.days(spec.commandLine());
    DriftOptions options = drift.options(); // a bad setting fails before Spark starts
    List<Object> results = new ArrayList<>();
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      for (LocalDate night : nights) {
        results.add(night(lake, night, options));
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }
}

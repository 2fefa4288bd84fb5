package io.agentgov.cli;

import io.agentgov.jobs.drift.BaselineJob;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import java.time.LocalDate;
import picocli.CommandLine.Command;

@Command(name = "baselines", mixinStandardHelpOptions = true,
    description = {"Build agent_baselines for nights from the stored daily features.",
        "Each night's baseline merges the window before it, days of the same type (weekday or weekend) only."})
final class BaselinesCommand extends PerNightCommand {
  @Override
  Object night(Lakehouse lake, LocalDate night, DriftOptions options) {
    BaselineJob.Result r = new BaselineJob(lake, night, options).run();
    global().progress(r.summary());
    return r;
  }
}

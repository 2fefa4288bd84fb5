package io.agentgov.cli;

import io.agentgov.jobs.drift.DriftJob;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.runtime.Lakehouse;
import java.time.LocalDate;
import picocli.CommandLine.Command;

@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {"Test nights' features against their baselines; write drift_tests and drift_alerts.",
        "Benjamini-Hochberg controls the false discovery rate across each night's tests."})
final class DriftCommand extends PerNightCommand {
  @Override
  Object night(Lakehouse lake, LocalDate night, DriftOptions options) {
    DriftJob.Result r = new DriftJob(lake, night, options).run();
    global().progress(r.summary());
    r.alertList().forEach(a -> global().progress("  alert " + a.agentId() + " " + a.metric() + ": " + a.explanation()));
    return r;
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = {"Run the nightly pipeline: ingest -> features -> baselines -> drift -> detectors.",
        "A range runs night after night, as the schedule would. With --stored, ingest is skipped and a range is a",
        "backfill over the stored events: features in one pass, then baselines, drift and detectors night by night."})
final class NightlyCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Option(names = "--landing", defaultValue = "landing", paramLabel = "DIR",
      description = "Landing root, any Hadoop URI (default: ./landing).")
  String landing;

  @Option(names = "--stored", description = "Skip ingest: derive features, baselines and drift from the stored events.")
  boolean stored;

  @Mixin
  DriftOptionsMixin drift;

  @Mixin
  DetectOptionsMixin detect;

  @Override
  public Integer call() {
    List<LocalDate> nights = days.days(spec.commandLine());
    List<Nightly.NightResult> results = new ArrayList<>();
    // a bad setting fails before Spark starts
    Nightly.Settings options = new Nightly.Settings(drift.options(), detect.options());
    if (!stored) {
      IngestCommand.checkLanding(global(), IngestCommand.landingUri(landing), nights);
    }
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      if (stored) {
        results.addAll(Nightly.backfill(lake, nights.get(0), nights.get(nights.size() - 1), options));
        results.forEach(this::show);
      } else {
        for (LocalDate night : nights) {
          Nightly.NightResult r = Nightly.run(lake, IngestCommand.landingUri(landing), night, options);
          results.add(r);
          show(r);
        }
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }

  private void show(Nightly.NightResult r) {
    r.summaries().forEach(global()::progress);
    r.drift().alertList().forEach(a -> global().progress("  alert " + a.agentId() + " " + a.metric() + ": " + a.explanation()));
  }
}

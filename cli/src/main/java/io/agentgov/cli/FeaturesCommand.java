package io.agentgov.cli;

import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Compute agent_daily_features for event days from the stored events.",
        "A range is computed in one pass and replaces the range's rows. --landed D refreshes the days the",
        "ingests of landing day D stored rows into (D and the days of its late events): the nightly step."})
final class FeaturesCommand extends Leaf implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  Days days;

  static final class Days {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DateRange range;

    @Option(names = "--landed", required = true, paramLabel = "DATE",
        description = "Landing day whose ingested event days to refresh (see ingest_runs.event_days).")
    LocalDate landed;
  }

  @Override
  public Integer call() {
    List<FeaturesJob.Result> results;
    if (days.range != null) {
      days.range.days(spec.commandLine());
    }
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      results = days.landed != null
          ? Nightly.featuresOfLanding(lake, days.landed)
          : List.of(new FeaturesJob(lake, new FeaturesJob.Options(days.range.first(), days.range.last())).run());
    }
    results.forEach(r -> global().progress(r.summary()));
    if (global().json) {
      global().print(results.size() == 1 ? results.get(0) : results, "");
    }
    return 0;
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingest landing days into the lakehouse.",
        "Validates against the input contract, quarantines bad records, deduplicates, checks with Deequ and appends.",
        "A date range is a backfill: days are ingested in order, each as its own run."})
final class IngestCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--landing", defaultValue = "landing", paramLabel = "DIR",
      description = "Landing root, any Hadoop URI (default: ./landing).")
  String landing;

  @ArgGroup(multiplicity = "1")
  DateRange days;

  @Option(names = "--max-line-bytes", defaultValue = "1048576", description = "Longer lines are quarantined (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(names = "--dedup-horizon-days", defaultValue = "0",
      description = "Also search stored event days this far around the batch's days for repeated event ids (default: ${DEFAULT-VALUE}).")
  int dedupHorizonDays;

  @Override
  public Integer call() {
    List<LocalDate> dates = dates();
    String root = landingUri(landing);
    checkLanding(global(), root, dates);
    List<IngestResult> results = new ArrayList<>();
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      for (LocalDate day : dates) {
        IngestResult result = new IngestJob(lake, new IngestJob.Options(root, day, maxLineBytes, dedupHorizonDays)).run();
        results.add(result);
        global().progress(result.summary());
      }
    }
    if (global().json) {
      global().print(results, "");
    }
    return 0;
  }

  /**
   * Checks the landing of every day before Spark starts (IngestJob.checkLanding), so a missing day
   * or a bad policy is one line and a backfill over it writes nothing.
   */
  static void checkLanding(GlobalOptions global, String root, List<LocalDate> days) {
    IngestJob.checkLanding(root, days, global.runtime(Path.of("warehouse")).hadoopConfiguration());
  }

  /** A landing root as a URI: Hadoop URIs pass through, local paths become file: URIs. */
  static String landingUri(String landing) {
    return landing.contains("://") ? landing : Path.of(landing).toAbsolutePath().toUri().toString();
  }

  private List<LocalDate> dates() {
    return days.days(spec.commandLine());
  }
}

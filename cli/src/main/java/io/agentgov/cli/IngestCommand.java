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
  Days days;

  static final class Days {
    @Option(names = "--date", required = true, description = "One landing day (yyyy-mm-dd).")
    LocalDate date;

    @ArgGroup(exclusive = false)
    Range range;
  }

  static final class Range {
    @Option(names = "--from", required = true, description = "First landing day of a backfill.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last landing day of a backfill (inclusive).")
    LocalDate to;
  }

  @Option(names = "--max-line-bytes", defaultValue = "1048576", description = "Longer lines are quarantined (default: ${DEFAULT-VALUE}).")
  int maxLineBytes;

  @Option(names = "--dedup-horizon-days", defaultValue = "0",
      description = "Also search stored event days this far around the batch's days for repeated event ids (default: ${DEFAULT-VALUE}).")
  int dedupHorizonDays;

  @Override
  public Integer call() {
    List<LocalDate> dates = dates();
    String root = landing.contains("://") ? landing : Path.of(landing).toAbsolutePath().toUri().toString();
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

  private List<LocalDate> dates() {
    if (days.date != null) {
      return List.of(days.date);
    }
    if (days.range.to.isBefore(days.range.from)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--to " + days.range.to + " is before --from " + days.range.from);
    }
    return days.range.from.datesUntil(days.range.to.plusDays(1)).toList();
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.maturity.MaturityJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.RenderedReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "monthly", mixinStandardHelpOptions = true,
    description = {"The monthly pipeline: score every unit's maturity for the month (maturity_scores), then render the",
        "scorecard for leadership (PDF, HTML) as of the moment the scores were committed."})
final class MonthlyCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to score and report.")
  YearMonth month;

  @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR", description = "Report folder (default: ./reports).")
  Path out;

  /** What a month produced. */
  record Result(MaturityJob.Result maturity, RenderedReport scorecard) {}

  @Override
  public Integer call() {
    Result result;
    try (Lakehouse lake = global().open(Path.of("warehouse"))) {
      result = run(lake, month, out);
    }
    global().print(Map.of("maturity", result.maturity(), "scorecard", ReportCommand.paths(result.scorecard())),
        result.maturity().summary() + System.lineSeparator() + "scorecard: " + result.scorecard().pdf()
            + System.lineSeparator() + "           " + result.scorecard().html());
    return 0;
  }

  /** Maturity, then the scorecard read as of the maturity commit, so it shows exactly these scores. */
  static Result run(Lakehouse lake, YearMonth month, Path out) {
    MaturityJob.Result maturity = new MaturityJob(lake, month).run();
    Instant asOf = lake.committedAt(Tables.MATURITY_SCORES, maturity.snapshotId());
    return new Result(maturity, ScorecardReportCommand.render(lake, month, asOf, out));
  }
}

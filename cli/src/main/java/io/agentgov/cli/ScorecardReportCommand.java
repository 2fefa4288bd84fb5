package io.agentgov.cli;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.reports.RenderedReport;
import io.agentgov.reports.Scorecard;
import io.agentgov.reports.ScorecardRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code agentgov report scorecard --month YYYY-MM [--as-of TIME] [--out DIR]}: the monthly governance
 * scorecard for leadership, from the tables as they stood at one moment. A subcommand of
 * {@code report}.
 */
@Command(name = "scorecard", mixinStandardHelpOptions = true,
    description = {"The monthly governance scorecard for leadership, as PDF and HTML: per business unit the",
        "maturity stage and its trend, the agents (registered, shadow, abandoned, decommissioned), open findings by",
        "severity and age, oversight of tier-3/4 actions (approved before they ran, answered within SLA), drift",
        "alerts, threshold changes not yet applied, and the next actions; then a page per unit and an appendix.",
        "Every table is read as it stood at --as-of (Iceberg time travel): the same month and --as-of give the same",
        "PDF.",
        "Run agentgov maturity --month first (agentgov monthly does both); without it the units have no stage.",
        "Writes scorecard-<YYYY-MM>.pdf and .html."})
final class ScorecardReportCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month to report on.")
  YearMonth month;

  @Option(names = "--as-of", paramLabel = "TIME", converter = AsOfTime.class,
      description = {"Read the tables as they stood then: an RFC 3339 timestamp (2026-04-01T06:00:00Z), or a day",
          "(yyyy-mm-dd) meaning its end (UTC). Default: now. Not before the month starts."})
  Instant asOf;

  @Option(names = "--out", defaultValue = "reports-out", paramLabel = "DIR",
      description = "Folder the report files are written to (default: ./${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    // now to the millisecond, as Iceberg stamps its commits: cut to the second, it could fall before a
    // commit made in the same second, such as the maturity job's just before
    Instant at = asOf != null ? asOf : Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (at.isBefore(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
      throw new ParameterException(spec.commandLine(), "--as-of " + at + " is before " + month
          + " starts: the month's tables cannot be read as they stood then");
    }
    RenderedReport report;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      report = render(lake, month, at, out.toAbsolutePath());
    }
    global().print(result(report, month, at), report.pdf() + "\n" + report.html() + "\n(" + report.pages()
        + " pages; tables as of " + at + ": --as-of " + at + " renders the same report again)");
    return 0;
  }

  /**
   * Reads the month's scorecard at {@code asOf} and renders it into {@code dir}: what this command and
   * {@code agentgov monthly} do after the maturity job.
   */
  static RenderedReport render(Lakehouse lake, YearMonth month, Instant asOf, Path dir) {
    Scorecard card = ScorecardData.build(lake, month, asOf);
    return new ScorecardRenderer().render(card, dir);
  }

  /** The result as printed with --json. */
  static Map<String, Object> result(RenderedReport report, YearMonth month, Instant asOf) {
    Map<String, Object> m = new LinkedHashMap<>(ReportCommand.paths(report));
    m.put("month", month.toString());
    m.put("as_of", asOf.toString());
    return m;
  }
}

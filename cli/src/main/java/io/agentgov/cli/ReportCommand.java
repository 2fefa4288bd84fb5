package io.agentgov.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import io.agentgov.reports.IngestDay;
import io.agentgov.reports.IngestSummary;
import io.agentgov.reports.QuarantineReason;
import io.agentgov.reports.RenderedReport;
import io.agentgov.reports.ReportRenderer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Render reports from the tables as PDF and HTML (reports read tables; they compute nothing new).",
    subcommands = {ReportCommand.Ingest.class, ReportCommand.Recalibration.class, ScorecardReportCommand.class,
        ComplianceReportCommand.class})
final class ReportCommand {

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Ingest reconciliation for a range of landing days, from ingest_runs.",
          "Per landing day its latest run: records read, stored, duplicates, quarantined, late events,",
          "OTel spans not events, files, status and whether it reconciles; totals, a chart, quarantine reasons.",
          "Writes ingest-summary-<FROM>_<TO>.pdf and .html."})
  static final class Ingest extends Leaf implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "First landing day (yyyy-mm-dd).")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last landing day (inclusive).")
    LocalDate to;

    @Option(names = "--out", defaultValue = "reports-out", paramLabel = "DIR",
        description = "Folder the report files are written to (default: ./${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
      if (to.isBefore(from)) {
        throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
      }
      IngestSummary summary;
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        summary = ingestSummary(lake, from, to);
      }
      RenderedReport report = new ReportRenderer().render(summary, out.toAbsolutePath());
      global().print(paths(report), report.pdf() + "\n" + report.html());
      return 0;
    }
  }

  @Command(name = "recalibration", mixinStandardHelpOptions = true,
      description = {"The recalibration review for ML owners, from threshold_recommendations and calibration_reports.",
          "A summary of recommendations and workload, then per pool: what to do and why, the threshold curve with its",
          "bound, and the reliability diagram. Writes recalibration-review-<AS-OF>.pdf and .html."})
  static final class Recalibration extends Leaf implements Callable<Integer> {
    @Option(names = "--as-of", required = true, description = "The as-of date recalibrate ran for (yyyy-mm-dd).")
    LocalDate asOf;

    @Option(names = "--out", defaultValue = "reports-out", paramLabel = "DIR",
        description = "Folder the report files are written to (default: ./${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
      io.agentgov.reports.RecalibrationReview review;
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        review = RecalibrationReviews.load(lake, asOf);
      }
      RenderedReport report = new ReportRenderer().render(review, out.toAbsolutePath());
      global().print(paths(report), report.pdf() + "\n" + report.html());
      return 0;
    }
  }

  /** The report's files as printed with --json. */
  static Map<String, Object> paths(RenderedReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pdf", report.pdf().toString());
    m.put("html", report.html().toString());
    m.put("pages", report.pages());
    return m;
  }

  /** One {@code ingest_runs} row, as far as the report needs it. */
  record Run(LocalDate landingDate, Instant startedAt, String status, long recordsRead, long eventsStored,
      long duplicates, long quarantined, Map<String, Long> quarantinedByReason, long lateEvents,
      long otelSpansNotEvents, long filesIngested, long filesSkipped) {

    /** A run that read something; a re-delivery of known files reads nothing and ingests no file. */
    boolean readSomething() {
      return recordsRead > 0 || filesIngested > 0;
    }
  }

  /**
   * Reads the period's {@code ingest_runs} rows and maps them to the report, dated by the commit
   * time of the snapshot read: rendering again from the same data gives the same bytes.
   */
  static IngestSummary ingestSummary(Lakehouse lake, LocalDate from, LocalDate to) {
    lake.describe("report-ingest", "Read ingest_runs for the ingest reconciliation " + from + " .. " + to);
    // Read at an explicit snapshot, named on the page, so every figure traces to the rows behind it.
    Long snapshot = lake.currentSnapshotId(Tables.INGEST_RUNS);
    String source = lake.name(Tables.INGEST_RUNS) + (snapshot == null ? " (no snapshot yet)" : " @ snapshot " + snapshot);
    List<Row> rows = (snapshot == null ? lake.read(Tables.INGEST_RUNS) : lake.readAt(Tables.INGEST_RUNS, snapshot))
        .where(col("landing_date").geq(lit(java.sql.Date.valueOf(from)))
            .and(col("landing_date").leq(lit(java.sql.Date.valueOf(to)))))
        .select("landing_date", "started_at", "status", "records_read", "events_stored", "duplicates", "quarantined",
            "quarantined_by_reason", "late_events", "otel_spans_not_events", "files")
        .collectAsList();
    List<Run> runs = new ArrayList<>();
    for (Row r : rows) {
      long skipped = 0;
      long ingested = 0;
      for (Row file : r.<Row>getList(10)) {
        if (file.getBoolean(file.fieldIndex("skipped"))) {
          skipped++;
        } else {
          ingested++;
        }
      }
      Map<String, Long> byReason = new TreeMap<>();
      r.<String, Long>getJavaMap(7).forEach(byReason::put);
      runs.add(new Run(localDate(r.get(0)), instant(r.get(1)), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
          r.getLong(6), byReason, r.getLong(8), r.getLong(9), ingested, skipped));
    }
    return summarize(runs, from, to, snapshot == null ? Instant.EPOCH : lake.committedAt(Tables.INGEST_RUNS, snapshot),
        source);
  }

  /**
   * Per landing day the latest run that read something, or else the latest run (a day whose files
   * were all ingested before: "nothing new"); then the totals, whether each row reconciles (records
   * read = stored + duplicates + quarantined) and the quarantine reasons summed over the chosen runs.
   */
  static IngestSummary summarize(List<Run> runs, LocalDate from, LocalDate to, Instant generatedAt, String source) {
    Comparator<Run> latest = Comparator.comparing(Run::startedAt);
    Map<LocalDate, List<Run>> byDay = runs.stream()
        .collect(Collectors.groupingBy(Run::landingDate, TreeMap::new, Collectors.toList()));
    List<Run> chosen = new ArrayList<>();
    byDay.forEach((day, dayRuns) -> chosen.add(dayRuns.stream().filter(Run::readSomething).max(latest)
        .orElseGet(() -> dayRuns.stream().max(latest).orElseThrow())));

    List<IngestDay> days = new ArrayList<>();
    long read = 0, stored = 0, duplicates = 0, quarantined = 0, late = 0, otel = 0, filesIn = 0, filesSkipped = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (Run r : chosen) {
      days.add(new IngestDay(r.landingDate(), r.status(), r.recordsRead(), r.eventsStored(), r.duplicates(),
          r.quarantined(), r.lateEvents(), r.otelSpansNotEvents(), r.filesIngested(), r.filesSkipped(),
          reconciles(r.recordsRead(), r.eventsStored(), r.duplicates(), r.quarantined())));
      read += r.recordsRead();
      stored += r.eventsStored();
      duplicates += r.duplicates();
      quarantined += r.quarantined();
      late += r.lateEvents();
      otel += r.otelSpansNotEvents();
      filesIn += r.filesIngested();
      filesSkipped += r.filesSkipped();
      r.quarantinedByReason().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
    }
    IngestDay totals = new IngestDay(null, "total", read, stored, duplicates, quarantined, late, otel, filesIn,
        filesSkipped, reconciles(read, stored, duplicates, quarantined));
    List<QuarantineReason> byReason = reasons.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> new QuarantineReason(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(QuarantineReason::records).reversed().thenComparing(QuarantineReason::reason))
        .toList();
    return new IngestSummary(from, to, generatedAt, source, days, totals, byReason);
  }

  private static boolean reconciles(long read, long stored, long duplicates, long quarantined) {
    return read == stored + duplicates + quarantined;
  }

  private static LocalDate localDate(Object value) {
    return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
  }

  private static Instant instant(Object value) {
    return value instanceof Instant i ? i : ((Timestamp) value).toInstant();
  }
}

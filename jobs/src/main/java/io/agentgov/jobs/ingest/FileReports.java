package io.agentgov.jobs.ingest;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.AccumulatorV2;

/**
 * What the parse of each landing file yields besides its events, reported to the driver by the
 * task that read the file: counts (events per event day, quarantined per reason, spans that are
 * not agent actions, secrets redacted per kind) and the file's quarantine rows, kept up to a
 * budget of bytes. The events themselves go straight to the staged write, so the parse runs
 * once and nothing is cached (docs/ingest.md, steps 3 and 6).
 *
 * <p>Reports are keyed by file and a new report of a file replaces the old one: a file is read
 * whole by one task, so a task that Spark runs again (a retry, a speculative copy, a recomputed
 * stage) reports the same file again instead of adding to it, and the counts stay exact.
 */
final class FileReports extends AccumulatorV2<FileReports.Report, Map<String, FileReports.Report>> {
  /**
   * Bytes of quarantine rows (raw text and message, UTF-8) the reports of a batch keep in all, by
   * default; Spark conf {@link #BUDGET_CONF} sets another.
   */
  static final long BUDGET_BYTES = 64L << 20;
  static final String BUDGET_CONF = "spark.agentgov.ingest.quarantine-budget-bytes";

  private final Map<String, Report> reports = new ConcurrentHashMap<>();

  /** One file's report. */
  static final class Report implements Serializable {
    final String file;
    final long keepBytes;
    final Map<LocalDate, Long> eventsPerDay = new TreeMap<>();
    final Map<String, Long> quarantinedPerReason = new TreeMap<>();
    final Map<String, Long> secretsPerKind = new TreeMap<>();
    final List<InternalRow> quarantineRows = new ArrayList<>();
    long events;
    long quarantined;
    long notEvents;
    long keptBytes;
    /** More quarantine rows than the budget: none are kept, the file is read again for them. */
    boolean overflowed;

    Report(String file, long keepBytes) {
      this.file = file;
      this.keepBytes = keepBytes;
    }

    long records() {
      return events + quarantined;
    }

    private void quarantined(InternalRow row) {
      quarantined++;
      quarantinedPerReason.merge(row.getUTF8String(QUARANTINE_REASON).toString(), 1L, Long::sum);
      if (overflowed) {
        return;
      }
      keptBytes += bytes(row, QUARANTINE_RAW) + bytes(row, QUARANTINE_MESSAGE);
      if (keptBytes > keepBytes) {
        overflowed = true;
        quarantineRows.clear();
      } else {
        quarantineRows.add(row.copy());
      }
    }

    private static long bytes(InternalRow row, int field) {
      return row.isNullAt(field) ? 0 : row.getUTF8String(field).numBytes();
    }
  }

  private static final int EVENT_DATE = EventRows.EVENT.fieldIndex("event_date");
  private static final int QUARANTINE_REASON = QuarantineRows.QUARANTINE.fieldIndex("reason_code");
  private static final int QUARANTINE_RAW = QuarantineRows.QUARANTINE.fieldIndex("raw_text");
  private static final int QUARANTINE_MESSAGE = QuarantineRows.QUARANTINE.fieldIndex("reason_message");
  private static final int EVENT_FIELDS = EventRows.EVENT.size();
  private static final int QUARANTINE_FIELDS = QuarantineRows.QUARANTINE.size();

  /**
   * The events of one file's staged records ({@link StagedRecords}); everything else they hold is
   * counted, and kept, in the file's report, which is handed to this accumulator once the file has
   * been read to its end.
   */
  Iterator<InternalRow> events(String file, long keepBytes, Iterator<InternalRow> staged) {
    Report report = new Report(file, keepBytes);
    return new PullIterator<>() {
      @Override
      InternalRow pull() {
        while (staged.hasNext()) {
          InternalRow row = staged.next();
          switch (row.getUTF8String(StagedRecords.KIND).toString()) {
            case StagedRecords.EVENT -> {
              InternalRow event = row.getStruct(StagedRecords.EVENT_ROW, EVENT_FIELDS);
              report.events++;
              report.eventsPerDay.merge(LocalDate.ofEpochDay(event.getInt(EVENT_DATE)), 1L, Long::sum);
              return event;
            }
            case StagedRecords.QUARANTINED -> report.quarantined(row.getStruct(StagedRecords.QUARANTINE_ROW, QUARANTINE_FIELDS));
            case StagedRecords.REDACTED ->
                report.secretsPerKind.merge(row.getUTF8String(StagedRecords.SECRET_KIND).toString(), 1L, Long::sum);
            default -> report.notEvents++;
          }
        }
        add(report); // the file was read to its end (pull is not called again after null)
        return null;
      }
    };
  }

  /** The quarantine rows of one file's staged records: how a file whose report overflowed is read again. */
  static Iterator<InternalRow> quarantineRows(Iterator<InternalRow> staged) {
    return new PullIterator<>() {
      @Override
      InternalRow pull() {
        while (staged.hasNext()) {
          InternalRow row = staged.next();
          if (row.getUTF8String(StagedRecords.KIND).equals(StagedRecords.QUARANTINED_KIND)) {
            return row.getStruct(StagedRecords.QUARANTINE_ROW, QUARANTINE_FIELDS);
          }
        }
        return null;
      }
    };
  }

  @Override
  public boolean isZero() {
    return reports.isEmpty();
  }

  @Override
  public FileReports copy() {
    FileReports copy = new FileReports();
    copy.reports.putAll(reports);
    return copy;
  }

  @Override
  public void reset() {
    reports.clear();
  }

  @Override
  public void add(Report report) {
    reports.put(report.file, report);
  }

  @Override
  public void merge(AccumulatorV2<Report, Map<String, Report>> other) {
    reports.putAll(other.value());
  }

  @Override
  public Map<String, Report> value() {
    return reports;
  }
}

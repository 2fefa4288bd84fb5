package io.agentgov.reports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the ingest reconciliation: a landing day's latest ingest run, as stored in
 * {@code ingest_runs}, or the sum of such rows for the period's totals.
 *
 * <p>{@code reconciles} is decided by whoever builds the row (records read = stored + duplicates +
 * quarantined); the template only shows it. The {@code getX()} methods exist because
 * {@code JRBeanCollectionDataSource} reads JavaBean properties, which Java 17 does not derive from
 * record components.
 *
 * @param landingDate the landing day; null on the totals row
 * @param status {@code succeeded}, {@code nothing_new}, or a label such as {@code total}
 */
public record IngestDay(LocalDate landingDate, String status, long recordsRead, long eventsStored, long duplicates,
    long quarantined, long lateEvents, long otelSpansNotEvents, long filesIngested, long filesSkipped,
    boolean reconciles) {

  public IngestDay {
    Objects.requireNonNull(status, "status");
  }

  public String getLandingDay() {
    return landingDate == null ? "" : landingDate.toString();
  }

  /** The status as a reader says it: {@code nothing_new} becomes "nothing new". */
  public String getStatus() {
    return status.replace('_', ' ');
  }

  public Long getRecordsRead() {
    return recordsRead;
  }

  public Long getEventsStored() {
    return eventsStored;
  }

  public Long getDuplicates() {
    return duplicates;
  }

  public Long getQuarantined() {
    return quarantined;
  }

  public Long getLateEvents() {
    return lateEvents;
  }

  public Long getOtelSpansNotEvents() {
    return otelSpansNotEvents;
  }

  public Long getFilesIngested() {
    return filesIngested;
  }

  public Long getFilesSkipped() {
    return filesSkipped;
  }

  public Boolean getReconciles() {
    return reconciles;
  }
}

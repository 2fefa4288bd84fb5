package io.agentgov.jobs.ingest;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one ingest of a landing day did. Reconciles: {@code recordsRead = eventsStored + duplicates
 * + quarantined} (OTel spans that are not agent actions are counted apart and are not records).
 * {@code secretsRedacted} counts, by kind, the secrets replaced by a marker in what the run read
 * (docs/ingest.md, "Secrets").
 */
public record IngestResult(
    String runId,
    LocalDate landingDate,
    String status,
    int filesFound,
    int filesSkipped,
    long recordsRead,
    long eventsStored,
    long duplicates,
    long quarantined,
    Map<String, Long> quarantinedByReason,
    Map<String, Long> secretsRedacted,
    long otelSpansNotEvents,
    long lateEvents,
    List<LocalDate> eventDays,
    Map<String, Long> referenceCounts,
    Map<String, Long> snapshotIds,
    boolean qualityPassed,
    Duration elapsed,
    Map<String, Double> stepSeconds) {

  public boolean reconciles() {
    return recordsRead == eventsStored + duplicates + quarantined;
  }

  /** Human summary: one line of counts and the reconciliation. */
  public String summary() {
    return String.format("%s %s: %,d records read = %,d stored + %,d duplicates + %,d quarantined%s; %d of %d files skipped"
            + " (already ingested); %,d late events; %s%s in %.1f s",
        landingDate, status, recordsRead, eventsStored, duplicates, quarantined, reconciles() ? "" : " (DOES NOT RECONCILE)",
        filesSkipped, filesFound, lateEvents, referenceCounts,
        secretsRedacted.isEmpty() ? "" : "; secrets redacted " + secretsRedacted, elapsed.toMillis() / 1000.0);
  }
}

package io.agentgov.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of {@link EnterpriseGenerator} wrote. Counts are of landing lines and spans;
 * "planned" counts are what ingest should make of them (truth/manifest.json has the same counts
 * per file).
 *
 * @param options              the options of the run
 * @param landing              the landing folder written
 * @param truth                the truth folder written
 * @param filesWritten         landing files written (events, otel, registry, people, reviews, policies)
 * @param bytesWritten         bytes of those files, as stored (gzip compressed for events)
 * @param days                 per landing day
 * @param eventRecords         clean event records generated (JSON Lines and OTel event spans, late ones included)
 * @param jsonlLines           lines of events/ files, dirt included
 * @param otelEventSpans       event spans (execute_tool) in otel/ files, malformed ones included
 * @param otelOtherSpans       other spans (chat) in otel/ files
 * @param plannedStored        lines and event spans ingest should store
 * @param plannedDuplicate     lines ingest should count as exact duplicates
 * @param plannedQuarantined   lines and spans ingest should quarantine, by reason code
 * @param lateEvents           events written to a later day's folder than their event day
 * @param dirtyLines           lines of truth/dirt.jsonl
 * @param reviews              human review rows
 * @param faults               lines of truth/faults.jsonl
 * @param elapsedMillis        wall time of the run
 */
public record GenerationSummary(GeneratorOptions options, Path landing, Path truth, int filesWritten, long bytesWritten,
                                List<Day> days, long eventRecords, long jsonlLines, long otelEventSpans,
                                long otelOtherSpans, long plannedStored, long plannedDuplicate,
                                Map<String, Long> plannedQuarantined, long lateEvents, long dirtyLines, long reviews,
                                int faults, long elapsedMillis) {

  /** One landing day: what arrived in its folders. */
  public record Day(LocalDate day, long eventRecords, long jsonlLines, long otelEventSpans, long otelOtherSpans,
                    long stored, long duplicate, long quarantined, long lateArrived) {}

  public long plannedQuarantinedTotal() {
    return plannedQuarantined.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Clean event records generated per second of wall time. */
  public double eventsPerSecond() {
    return elapsedMillis == 0 ? 0 : eventRecords * 1000.0 / elapsedMillis;
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("landing", landing.toString());
    m.put("truth", truth.toString());
    m.put("options", Manifest.options(options));
    m.put("files_written", filesWritten);
    m.put("bytes_written", bytesWritten);
    m.put("event_records", eventRecords);
    m.put("jsonl_lines", jsonlLines);
    m.put("otel_event_spans", otelEventSpans);
    m.put("otel_other_spans", otelOtherSpans);
    m.put("planned_stored", plannedStored);
    m.put("planned_duplicate", plannedDuplicate);
    m.put("planned_quarantined", plannedQuarantined);
    m.put("late_events", lateEvents);
    m.put("dirty_lines", dirtyLines);
    m.put("reviews", reviews);
    m.put("faults", faults);
    m.put("elapsed_ms", elapsedMillis);
    m.put("events_per_second", Math.round(eventsPerSecond()));
    m.put("days", days.stream().map(d -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("day", d.day().toString());
      x.put("event_records", d.eventRecords());
      x.put("jsonl_lines", d.jsonlLines());
      x.put("otel_event_spans", d.otelEventSpans());
      x.put("otel_other_spans", d.otelOtherSpans());
      x.put("stored", d.stored());
      x.put("duplicate", d.duplicate());
      x.put("quarantined", d.quarantined());
      x.put("late_arrived", d.lateArrived());
      return x;
    }).toList());
    try {
      return Snapshots.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the generation summary as JSON", e);
    }
  }

  @Override
  public String toString() {
    return String.format("generated %d days from %s: %,d event records (%,d JSON Lines lines, %,d OTel event spans), "
            + "%,d dirty lines, %,d late, %,d reviews, %d faults; planned stored %,d, duplicate %,d, quarantined %,d; "
            + "%d files, %,d bytes in %.1f s (%,.0f events/s)",
        days.size(), options.start(), eventRecords, jsonlLines, otelEventSpans, dirtyLines, lateEvents, reviews, faults,
        plannedStored, plannedDuplicate, plannedQuarantinedTotal(), filesWritten, bytesWritten, elapsedMillis / 1000.0,
        eventsPerSecond());
  }
}

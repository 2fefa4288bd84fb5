package io.agentgov.generator;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentgov.contract.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes {@code truth/manifest.json}: seed, options, and per file, per landing day and in total what ingest should see. */
final class Manifest {
  private Manifest() {}

  /** The options that shape the output ({@code threads} does not, so it is left out). */
  static Map<String, Object> options(GeneratorOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", o.seed());
    m.put("start", o.start().toString());
    m.put("days", o.days());
    m.put("business_units", o.businessUnits());
    m.put("agents", o.agents());
    m.put("events_per_day", o.eventsPerDay());
    m.put("otel_share", o.otelShare());
    m.put("dirt_rate", o.dirtRate());
    m.put("plant_faults", o.plantFaults());
    return m;
  }

  /** Sums of the ledger entries of a set of files. */
  static final class Counts {
    long jsonlLines;
    long otelEventSpans;
    long otelOtherSpans;
    long stored;
    long duplicate;
    final Map<String, Long> quarantined = new TreeMap<>();
    long lateArrived;
    long eventsGenerated;
    long registryRows;
    long peopleRows;
    long reviews;

    void add(Ledger.FileEntry f) {
      switch (f.kind) {
        case "events" -> jsonlLines += f.lines;
        case "otel" -> {
          otelEventSpans += f.eventSpans;
          otelOtherSpans += f.otherSpans;
        }
        case "registry" -> registryRows += f.lines;
        case "people" -> peopleRows += f.lines;
        case "reviews" -> reviews += f.lines;
        default -> { }
      }
      stored += f.stored;
      duplicate += f.duplicate;
      for (Map.Entry<ReasonCode, Long> e : f.quarantined.entrySet()) {
        quarantined.merge(e.getKey().code(), e.getValue(), Long::sum);
      }
    }

    long quarantinedTotal() {
      return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("jsonl_lines", jsonlLines);
      m.put("otel_event_spans", otelEventSpans);
      m.put("otel_other_spans", otelOtherSpans);
      Map<String, Object> planned = new LinkedHashMap<>();
      planned.put("stored", stored);
      planned.put("duplicate", duplicate);
      planned.put("quarantined", quarantinedTotal());
      planned.put("quarantined_by_reason", quarantined);
      m.put("planned", planned);
      m.put("late_events_arrived", lateArrived);
      m.put("events_generated", eventsGenerated);
      m.put("registry_rows", registryRows);
      m.put("people_rows", peopleRows);
      m.put("reviews", reviews);
      return m;
    }
  }

  static Map<String, Object> fileMap(Ledger.FileEntry f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.path);
    m.put("kind", f.kind);
    m.put("landing_day", f.landingDay == null ? null : f.landingDay.toString());
    m.put("lines", f.lines);
    if (f.kind.equals("otel")) {
      m.put("event_spans", f.eventSpans);
      m.put("other_spans", f.otherSpans);
    }
    if (f.kind.equals("events") || f.kind.equals("otel")) {
      m.put("stored", f.stored);
      m.put("duplicate", f.duplicate);
      Map<String, Long> q = new TreeMap<>();
      f.quarantined.forEach((k, v) -> q.put(k.code(), v));
      m.put("quarantined_by_reason", q);
    }
    m.put("bytes", f.bytes);
    return m;
  }

  static void write(Path truth, Enterprise ent, List<Ledger.FileEntry> files, Map<LocalDate, Counts> days, Counts total,
                    long lateEvents, long dirtyLines, int faults) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "agentgov-generator");
    m.put("contract_version", "1");
    m.put("seed", ent.options.seed());
    m.put("options", options(ent.options));
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("start", ent.start.toString());
    period.put("end", ent.end.toString());
    m.put("period", period);
    List<Map<String, Object>> policies = new ArrayList<>();
    for (Policy p : ent.policies) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("file", "policies/" + p.fileName);
      pm.put("version", p.version);
      pm.put("effective_from", p.effectiveFrom.toString());
      policies.add(pm);
    }
    m.put("policies", policies);
    Map<String, Object> totals = total.toMap();
    totals.put("files", files.size());
    totals.put("late_events", lateEvents);
    totals.put("dirty_lines", dirtyLines);
    totals.put("faults", faults);
    m.put("totals", totals);
    List<Map<String, Object>> dayList = new ArrayList<>();
    for (Map.Entry<LocalDate, Counts> e : days.entrySet()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("day", e.getKey().toString());
      d.putAll(e.getValue().toMap());
      dayList.add(d);
    }
    m.put("days", dayList);
    m.put("files", files.stream().map(Manifest::fileMap).toList());
    Files.write(truth.resolve("manifest.json"),
        Snapshots.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
  }
}

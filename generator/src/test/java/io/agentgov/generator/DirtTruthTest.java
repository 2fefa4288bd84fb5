package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.contract.CanonicalJson;
import io.agentgov.contract.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dirt truth against the files: every planted line is where truth says and breaks the rule it names. */
class DirtTruthTest {

  /** The reason codes the generator must plant (input contract v1 and the ingest rules). */
  static final Set<String> PLANTED_CODES = Set.of("invalid_json", "not_an_object", "unsupported_schema_version",
      "missing_field", "wrong_type", "invalid_value", "out_of_range", "invalid_timestamp", "invalid_id", "inconsistent",
      "conflicting_duplicate");

  private static String key(String file, long line) {
    return file + ":" + line;
  }

  private static LocalDate day(String path) {
    return LocalDate.parse(path.split("/")[1]);
  }

  private static LocalDate utcDay(String time) {
    return LocalDate.ofInstant(Instant.parse(java.time.OffsetDateTime.parse(time).toInstant().toString()),
        ZoneOffset.UTC);
  }

  @Test
  void smallPlantsEveryReasonCodeAndEveryKindOfDirt() throws Exception {
    List<JsonNode> dirt = Fixtures.jsonLines(Fixtures.small().truth().resolve("dirt.jsonl"));
    Set<String> codes = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();
    for (JsonNode d : dirt) {
      if (!d.get("reason_code").isNull()) {
        codes.add(d.get("reason_code").asText());
      }
      kinds.add(d.get("kind").asText());
    }
    assertTrue(codes.containsAll(PLANTED_CODES), "missing codes: " + diff(PLANTED_CODES, codes));
    assertEquals(Set.of("malformed", "duplicate", "conflict", "late"), kinds);
    assertTrue(dirt.stream().anyMatch(d -> d.get("file").asText().startsWith("otel/")), "no malformed otel span");
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  @Test
  void everyJsonLinesLineIsWhatTruthSays() throws Exception {
    Fixtures.Run run = Fixtures.small();
    Map<String, JsonNode> dirt = new HashMap<>();
    for (JsonNode d : Fixtures.jsonLines(run.truth().resolve("dirt.jsonl"))) {
      JsonNode previous = dirt.put(key(d.get("file").asText(), d.get("line").asLong()), d);
      assertNull(previous, "two truth lines for " + d);
    }
    JsonNode manifest = Fixtures.JSON.readTree(run.truth().resolve("manifest.json").toFile());
    Map<String, JsonNode> manifestFiles = new HashMap<>();
    for (JsonNode f : manifest.get("files")) {
      manifestFiles.put(f.get("path").asText(), f);
    }
    // stored copies by event id (canonical JSON), to check duplicates and conflicts against
    Map<String, String> storedCanonical = new HashMap<>();
    Map<String, List<JsonNode>> conflictCopies = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    int checked = 0;
    for (String path : Fixtures.files(run.landing())) {
      if (!path.startsWith("events/")) {
        continue;
      }
      LocalDate landingDay = day(path);
      List<byte[]> lines = Fixtures.lines(run.landing().resolve(path));
      JsonNode mf = manifestFiles.get(path);
      assertNotNull(mf, "file not in the manifest: " + path);
      assertEquals(lines.size(), mf.get("lines").asLong(), "line count of " + path);
      long stored = 0;
      long duplicate = 0;
      Map<String, Long> quarantined = new TreeMap<>();
      for (int i = 0; i < lines.size(); i++) {
        byte[] line = lines.get(i);
        JsonNode truth = dirt.remove(key(path, i + 1));
        ReasonCode actual = ContractCheck.event(line, landingDay);
        String kind = truth == null ? "clean" : truth.get("kind").asText();
        String where = path + ":" + (i + 1) + " (" + kind + ")";
        checked++;
        switch (kind) {
          case "malformed" -> {
            String code = truth.get("reason_code").asText();
            assertEquals(code, actual == null ? null : actual.code(), "rule broken by " + where + ": "
                + new String(line, StandardCharsets.UTF_8));
            quarantined.merge(code, 1L, Long::sum);
            if (!truth.get("event_id").isNull()) {
              assertTrue(new String(line, StandardCharsets.UTF_8).contains(truth.get("event_id").asText()), where);
            }
          }
          case "clean", "late" -> {
            assertNull(actual, "valid line " + where);
            JsonNode n = Fixtures.JSON.readTree(line);
            String id = n.get("event_id").asText();
            assertTrue(seen.add(id), "event id stored twice: " + where);
            storedCanonical.put(id, CanonicalJson.write(n));
            LocalDate eventDay = utcDay(n.get("event_time").asText());
            if (kind.equals("late")) {
              assertTrue(eventDay.isBefore(landingDay), "late event not late: " + where);
              assertEquals(truth.get("event_day").asText(), eventDay.toString());
            } else {
              assertEquals(landingDay, eventDay, "event outside its landing day: " + where);
            }
            stored++;
          }
          case "duplicate" -> {
            assertNull(actual, where);
            JsonNode n = Fixtures.JSON.readTree(line);
            String id = n.get("event_id").asText();
            assertEquals(truth.get("event_id").asText(), id);
            assertEquals(storedCanonical.get(id), CanonicalJson.write(n), "duplicate differs from its original: " + where);
            assertFalse(new String(line, StandardCharsets.UTF_8).startsWith("{\"schema_version\":\"1\",\"event_id\""),
                "a duplicate must be re-serialised: " + where);
            duplicate++;
          }
          case "conflict" -> {
            assertNull(actual, where);
            JsonNode n = Fixtures.JSON.readTree(line);
            conflictCopies.computeIfAbsent(n.get("event_id").asText(), k -> new ArrayList<>()).add(n);
            if (truth.get("expected").asText().equals("stored")) {
              assertTrue(seen.add(n.get("event_id").asText()), where);
              storedCanonical.put(n.get("event_id").asText(), CanonicalJson.write(n));
              stored++;
            } else {
              assertEquals("conflicting_duplicate", truth.get("reason_code").asText());
              quarantined.merge("conflicting_duplicate", 1L, Long::sum);
            }
          }
          default -> throw new AssertionError("unknown dirt kind " + kind);
        }
      }
      assertEquals(mf.get("stored").asLong(), stored, "stored lines of " + path);
      assertEquals(mf.get("duplicate").asLong(), duplicate, "duplicate lines of " + path);
      Map<String, Long> planned = new TreeMap<>();
      mf.get("quarantined_by_reason").fields().forEachRemaining(e -> planned.put(e.getKey(), e.getValue().asLong()));
      assertEquals(planned, quarantined, "quarantined lines of " + path);
    }
    assertTrue(checked > 3_000);
    for (Map.Entry<String, List<JsonNode>> e : conflictCopies.entrySet()) {
      List<JsonNode> copies = e.getValue();
      assertEquals(2, copies.size(), "a conflict has two copies: " + e.getKey());
      assertEquals(copies.get(0).get("event_time").asText(), copies.get(1).get("event_time").asText());
      assertNotEquals(CanonicalJson.write(copies.get(0)), CanonicalJson.write(copies.get(1)));
    }
    dirt.keySet().removeIf(k -> k.startsWith("otel/"));
    assertTrue(dirt.isEmpty(), "truth lines that point at nothing: " + dirt.keySet());
  }

  @Test
  void everyOtelSpanIsWhatTruthSays() throws Exception {
    Fixtures.Run run = Fixtures.small();
    Map<String, JsonNode> dirt = new HashMap<>();
    for (JsonNode d : Fixtures.jsonLines(run.truth().resolve("dirt.jsonl"))) {
      if (d.get("file").asText().startsWith("otel/")) {
        dirt.put(key(d.get("file").asText(), d.get("line").asLong()), d);
      }
    }
    JsonNode manifest = Fixtures.JSON.readTree(run.truth().resolve("manifest.json").toFile());
    long eventSpans = 0;
    long otherSpans = 0;
    for (String path : Fixtures.files(run.landing())) {
      if (!path.startsWith("otel/")) {
        continue;
      }
      byte[] whole = Fixtures.content(run.landing().resolve(path));
      JsonNode doc = Fixtures.JSON.readTree(whole);
      assertTrue(doc.get("resourceSpans").isArray());
      List<byte[]> lines = Fixtures.lines(run.landing().resolve(path));
      for (int i = 0; i < lines.size(); i++) {
        String text = new String(lines.get(i), StandardCharsets.UTF_8);
        if (!text.startsWith("{\"traceId\"")) {
          continue;
        }
        JsonNode span = Fixtures.JSON.readTree(text.endsWith(",") ? text.substring(0, text.length() - 1) : text);
        String op = ContractCheck.str(ContractCheck.attributes(span), "gen_ai.operation.name");
        JsonNode truth = dirt.remove(key(path, i + 1));
        if (op.equals("chat")) {
          assertNull(truth);
          otherSpans++;
          continue;
        }
        eventSpans++;
        ReasonCode actual = ContractCheck.span(span);
        if (truth == null) {
          assertNull(actual, path + ":" + (i + 1));
        } else {
          assertEquals(truth.get("reason_code").asText(), actual == null ? null : actual.code(), path + ":" + (i + 1));
        }
      }
    }
    assertTrue(dirt.isEmpty(), "otel truth lines that point at no span: " + dirt.keySet());
    assertEquals(manifest.at("/totals/otel_event_spans").asLong(), eventSpans);
    assertEquals(manifest.at("/totals/otel_other_spans").asLong(), otherSpans);
    assertTrue(eventSpans > 100);
  }

  @Test
  void manifestTotalsAddUp() throws Exception {
    Fixtures.Run run = Fixtures.small();
    JsonNode m = Fixtures.JSON.readTree(run.truth().resolve("manifest.json").toFile());
    long stored = 0;
    long duplicate = 0;
    long jsonl = 0;
    for (JsonNode d : m.get("days")) {
      stored += d.at("/planned/stored").asLong();
      duplicate += d.at("/planned/duplicate").asLong();
      jsonl += d.get("jsonl_lines").asLong();
    }
    assertEquals(m.at("/totals/planned/stored").asLong(), stored);
    assertEquals(m.at("/totals/planned/duplicate").asLong(), duplicate);
    assertEquals(m.at("/totals/jsonl_lines").asLong(), jsonl);
    // every clean event is stored exactly once: dirt comes on top
    assertEquals(m.at("/totals/events_generated").asLong(), stored);
    assertEquals(run.summary().eventRecords(), stored);
    long dirtLines = Fixtures.lines(run.truth().resolve("dirt.jsonl")).size();
    assertEquals(m.at("/totals/dirty_lines").asLong(), dirtLines);
    assertEquals(Fixtures.files(run.landing()).size(), m.get("files").size());
    assertArrayEquals(new long[] {m.at("/totals/late_events").asLong()},
        new long[] {m.at("/totals/late_events_arrived").asLong()});
  }
}

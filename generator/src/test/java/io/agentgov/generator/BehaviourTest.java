package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour of the simulated agents: seasonality, delegation, human reviews. */
class BehaviourTest {

  /** Every event ingest should store from the JSON Lines of a run (truth says which lines are dirt). */
  static List<JsonNode> storedEvents(Path landing) throws Exception {
    Path truth = landing.resolveSibling("truth");
    Map<String, String> dirt = new HashMap<>();
    for (JsonNode d : Fixtures.jsonLines(truth.resolve("dirt.jsonl"))) {
      dirt.put(d.get("file").asText() + ":" + d.get("line").asLong(), d.get("expected").asText());
    }
    List<JsonNode> out = new ArrayList<>();
    for (String f : Fixtures.files(landing)) {
      if (!f.startsWith("events/")) {
        continue;
      }
      List<byte[]> lines = Fixtures.lines(landing.resolve(f));
      for (int i = 0; i < lines.size(); i++) {
        String expected = dirt.getOrDefault(f + ":" + (i + 1), "stored");
        if (expected.equals("stored")) {
          out.add(Fixtures.JSON.readTree(lines.get(i)));
        }
      }
    }
    return out;
  }

  /** Event ids of valid OTel event spans. */
  static Set<String> otelEventIds(Path landing) throws Exception {
    Set<String> ids = new HashSet<>();
    for (String f : Fixtures.files(landing)) {
      if (f.startsWith("otel/")) {
        for (JsonNode rs : Fixtures.JSON.readTree(landing.resolve(f).toFile()).get("resourceSpans")) {
          for (JsonNode span : rs.at("/scopeSpans/0/spans")) {
            var attrs = ContractCheck.attributes(span);
            if ("execute_tool".equals(ContractCheck.str(attrs, "gen_ai.operation.name"))
                && ContractCheck.span(span) == null) {
              ids.add(ContractCheck.str(attrs, "agentgov.event_id"));
            }
          }
        }
      }
    }
    return ids;
  }

  /** The UTC days on which each agent has valid OTel event spans. */
  static Map<String, Set<String>> otelEventDays(Path landing) throws Exception {
    Map<String, Set<String>> out = new HashMap<>();
    for (String f : Fixtures.files(landing)) {
      if (f.startsWith("otel/")) {
        for (JsonNode rs : Fixtures.JSON.readTree(landing.resolve(f).toFile()).get("resourceSpans")) {
          String resourceAgent = ContractCheck.str(ContractCheck.attributes(rs.get("resource")), "gen_ai.agent.id");
          for (JsonNode span : rs.at("/scopeSpans/0/spans")) {
            var attrs = ContractCheck.attributes(span);
            if ("execute_tool".equals(ContractCheck.str(attrs, "gen_ai.operation.name"))
                && ContractCheck.span(span) == null) {
              String agent = attrs.containsKey("gen_ai.agent.id") ? ContractCheck.str(attrs, "gen_ai.agent.id")
                  : resourceAgent;
              long nanos = Long.parseLong(span.get("startTimeUnixNano").asText());
              out.computeIfAbsent(agent, k -> new HashSet<>())
                  .add(java.time.Instant.ofEpochMilli(nanos / 1_000_000).toString().substring(0, 10));
            }
          }
        }
      }
    }
    return out;
  }

  static List<JsonNode> reviews(Path landing) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String f : Fixtures.files(landing)) {
      if (f.startsWith("reviews/")) {
        for (JsonNode r : Fixtures.jsonLines(landing.resolve(f))) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("_file", f);
          out.add(r);
        }
      }
    }
    return out;
  }

  @Test
  void weekdaysAreBusierThanWeekends() throws Exception {
    JsonNode m = Fixtures.JSON.readTree(Fixtures.small().truth().resolve("manifest.json").toFile());
    double weekday = 0;
    double weekend = 0;
    for (JsonNode d : m.get("days")) {
      DayOfWeek dow = LocalDate.parse(d.get("day").asText()).getDayOfWeek();
      long n = d.get("events_generated").asLong();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        weekend += n / 2.0;
      } else {
        weekday += n / 5.0;
      }
    }
    assertTrue(weekday > 1.5 * weekend, weekday + " vs " + weekend);
  }

  @Test
  void workingHoursAreBusierThanNights() throws Exception {
    int[] hours = new int[24];
    for (JsonNode e : storedEvents(Fixtures.small().landing())) {
      hours[OffsetDateTime.parse(e.get("event_time").asText()).toInstant().atZone(java.time.ZoneOffset.UTC).getHour()]++;
    }
    int day = 0;
    int night = 0;
    for (int h = 0; h < 24; h++) {
      if (h >= 8 && h < 16) {
        day += hours[h];
      } else if (h < 4 || h >= 20) {
        night += hours[h];
      }
    }
    assertTrue(day > 2 * night, java.util.Arrays.toString(hours));
  }

  @Test
  void delegationTracesReferenceExistingParentSpans() throws Exception {
    List<JsonNode> events = storedEvents(Fixtures.small().landing());
    Map<String, Map<String, String>> spans = new HashMap<>(); // trace -> span -> agent
    Map<String, String> sessions = new HashMap<>(); // trace -> session
    for (JsonNode e : events) {
      spans.computeIfAbsent(e.at("/trace/trace_id").asText(), k -> new HashMap<>())
          .put(e.at("/trace/span_id").asText(), e.get("agent_id").asText());
      String session = e.at("/trace/session_id").asText();
      assertTrue(session.matches("ses_[0-9a-f]{20}") && !session.equals("ses_" + "0".repeat(20)), session);
      assertEquals(sessions.computeIfAbsent(e.at("/trace/trace_id").asText(), k -> session), session,
          "one session per trace: " + e);
    }
    int delegated = 0;
    int deepest = 0;
    for (JsonNode e : events) {
      Map<String, String> trace = spans.get(e.at("/trace/trace_id").asText());
      if (e.at("/trace").has("parent_span_id")) {
        assertNotNull(trace.get(e.at("/trace/parent_span_id").asText()), "parent span missing: " + e);
      }
      if (e.has("delegation")) {
        delegated++;
        int depth = e.at("/delegation/depth").asInt();
        deepest = Math.max(deepest, depth);
        assertTrue(depth >= 1);
        assertTrue(trace.containsValue(e.at("/delegation/parent_agent_id").asText()),
            "the delegating agent acts in the same trace: " + e);
        assertFalse(e.at("/delegation/parent_agent_id").asText().equals(e.get("agent_id").asText()));
        assertTrue(e.at("/delegation/granted_permissions").size() > 0);
      }
    }
    assertTrue(delegated > 100, "delegated events: " + delegated);
    assertEquals(2, deepest, "sub-agents delegate further");
  }

  @Test
  void otelSpansNestInTheirTraces() throws Exception {
    Path landing = Fixtures.small().landing();
    int nested = 0;
    for (String f : Fixtures.files(landing)) {
      if (!f.startsWith("otel/")) {
        continue;
      }
      Set<String> spans = new HashSet<>();
      List<JsonNode> all = new ArrayList<>();
      for (JsonNode rs : Fixtures.JSON.readTree(landing.resolve(f).toFile()).get("resourceSpans")) {
        for (JsonNode span : rs.at("/scopeSpans/0/spans")) {
          spans.add(span.get("traceId").asText() + "/" + span.get("spanId").asText());
          all.add(span);
        }
      }
      for (JsonNode span : all) {
        if (span.has("parentSpanId") && span.get("traceId").asText().length() == 32) {
          assertTrue(spans.contains(span.get("traceId").asText() + "/" + span.get("parentSpanId").asText()),
              "parent not in " + f + ": " + span.get("spanId"));
          nested++;
        }
        assertTrue(Long.parseLong(span.get("endTimeUnixNano").asText())
            >= Long.parseLong(span.get("startTimeUnixNano").asText()));
      }
    }
    assertTrue(nested > 100);
  }

  @Test
  void reviewsFollowTheContract() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    Map<String, JsonNode> events = new HashMap<>();
    for (JsonNode e : storedEvents(run.landing())) {
      events.put(e.get("event_id").asText(), e);
    }
    Set<String> otel = otelEventIds(run.landing());
    Set<String> designs = new HashSet<>();
    Set<String> verdicts = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode r : reviews(run.landing())) {
      String design = r.get("sample_design").asText();
      designs.add(design);
      verdicts.add(r.get("verdict").asText());
      assertTrue(ids.add(r.get("review_id").asText()));
      switch (design) {
        case "census" -> assertEquals(1.0, r.get("inclusion_probability").asDouble());
        case "random", "stratified" -> {
          double p = r.get("inclusion_probability").asDouble();
          assertTrue(p > 0 && p <= 1, r.toString());
        }
        case "targeted" -> assertFalse(r.has("inclusion_probability"), r.toString());
        default -> throw new AssertionError(design);
      }
      if (design.equals("stratified")) {
        assertTrue(r.has("stratum"));
      }
      String eventId = r.get("event_id").asText();
      JsonNode e = events.get(eventId);
      assertTrue(e != null || otel.contains(eventId), "review of an unknown event: " + r);
      OffsetDateTime reviewed = OffsetDateTime.parse(r.get("reviewed_at").asText());
      assertEquals(r.get("_file").asText().substring(8, 18), reviewed.toInstant().toString().substring(0, 10));
      if (e != null) {
        assertTrue(reviewed.toInstant().isAfter(OffsetDateTime.parse(e.get("event_time").asText()).toInstant()));
      }
    }
    assertEquals(Set.of("census", "random", "stratified", "targeted"), designs);
    assertEquals(Set.of("correct", "overturned", "should_have_escalated"), verdicts);
  }
}

package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Planted governance faults: every kind is there in a demo-like run, and the data shows each. */
class FaultsTest {

  private static List<JsonNode> faults(Fixtures.Run run) throws Exception {
    return Fixtures.jsonLines(run.truth().resolve("faults.jsonl"));
  }

  @Test
  void everyKindIsPlantedInADemoLikeRun() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    List<JsonNode> faults = faults(run);
    Set<String> kinds = faults.stream().map(f -> f.get("kind").asText()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = Arrays.stream(FaultKind.values()).map(FaultKind::wire).collect(Collectors.toSet());
    assertEquals(new TreeSet<>(expected), kinds);
    Set<String> reasons = faults.stream().filter(f -> f.get("kind").asText().equals("abandoned_agent"))
        .map(f -> f.at("/details/reason").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("owner_departed", "project_ended_credential_live", "model_changed_without_review",
        "review_overdue"), reasons);
    Set<String> metrics = faults.stream().filter(f -> f.get("kind").asText().equals("drift"))
        .map(f -> f.at("/details/metric").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("volume", "action_mix", "new_target", "tokens", "timing"), metrics);
    Set<String> oversight = new HashSet<>();
    for (JsonNode f : faults) {
      if (f.get("kind").asText().equals("oversight_violation")) {
        f.at("/details/reasons").fields().forEachRemaining(e -> {
          if (e.getValue().asLong() > 0) {
            oversight.add(e.getKey());
          }
        });
      }
    }
    assertTrue(oversight.containsAll(Set.of("executed_before_approval", "not_checked")), oversight.toString());
    LocalDate start = run.summary().options().start();
    LocalDate end = start.plusDays(run.summary().options().days() - 1L);
    for (JsonNode f : faults) {
      LocalDate from = LocalDate.parse(f.get("from_day").asText());
      assertFalse(from.isBefore(start) || from.isAfter(end), f.toString());
      assertTrue(f.get("details").has("business_unit"), f.toString());
    }
  }

  @Test
  void aCleanEnterpriseHasNoFaults() throws Exception {
    Fixtures.Run run = Fixtures.generate(GeneratorOptions.small().withPlantFaults(false).withDirtRate(0));
    assertEquals(List.of(), faults(run));
    assertEquals(0, Fixtures.lines(run.truth().resolve("dirt.jsonl")).size());
  }

  /** All stored events of a run's JSON Lines, by agent id. */
  static Map<String, List<JsonNode>> eventsByAgent(Path landing) throws Exception {
    Map<String, List<JsonNode>> out = new HashMap<>();
    for (JsonNode e : BehaviourTest.storedEvents(landing)) {
      out.computeIfAbsent(e.get("agent_id").asText(), k -> new java.util.ArrayList<>()).add(e);
    }
    return out;
  }

  @Test
  void theDataShowsWhatTheTruthClaims() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    Map<String, List<JsonNode>> events = eventsByAgent(run.landing());
    Set<String> registered = new HashSet<>();
    for (String f : Fixtures.files(run.landing())) {
      if (f.startsWith("registry/")) {
        for (JsonNode a : Fixtures.jsonLines(run.landing().resolve(f))) {
          registered.add(a.get("agent_id").asText());
        }
      }
    }
    Map<String, Set<String>> otelDays = BehaviourTest.otelEventDays(run.landing());
    for (JsonNode f : faults(run)) {
      String agent = f.get("agent_id").asText();
      String from = f.get("from_day").asText();
      switch (f.get("kind").asText()) {
        case "shadow_agent" -> assertFalse(registered.contains(agent), agent);
        case "decommissioned_acting" -> {
          JsonNode reg = registryRow(run.landing(), from, agent);
          assertEquals("decommissioned", reg.get("status").asText());
          assertTrue(events.getOrDefault(agent, List.of()).stream().anyMatch(e -> utcDay(e).compareTo(from) >= 0)
              || otelDays.getOrDefault(agent, Set.of()).stream().anyMatch(d -> d.compareTo(from) >= 0), agent);
        }
        case "tier_violation" -> {
          boolean below = false;
          for (JsonNode e : events.getOrDefault(agent, List.of())) {
            below |= e.at("/policy/checked").asBoolean()
                && e.at("/policy/tier").asInt() < PolicyTest.requiredTier(run.landing(), e);
          }
          assertTrue(below, agent);
        }
        case "privilege_cascade" -> assertTrue(events.get(agent).stream().anyMatch(e -> e.has("delegation")
            && e.at("/delegation/granted_permissions").toString().contains(
                f.at("/details/excess/0/target_system").asText())), agent);
        case "sla_breach" -> assertTrue(f.at("/details/max_response_seconds").asLong()
            > f.at("/details/sla_seconds").asLong() || f.at("/details/events").asLong() > 0);
        default -> { }
      }
    }
  }

  static String utcDay(JsonNode e) {
    return java.time.OffsetDateTime.parse(e.get("event_time").asText()).toInstant().toString().substring(0, 10);
  }

  static JsonNode registryRow(Path landing, String day, String agent) throws Exception {
    for (JsonNode a : Fixtures.jsonLines(landing.resolve("registry/" + day + ".jsonl"))) {
      if (a.get("agent_id").asText().equals(agent)) {
        return a;
      }
    }
    throw new AssertionError(agent + " not in registry/" + day);
  }

  @Test
  void overconfidentAgentsAreOverturnedMoreAtHighConfidence() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    Set<String> overconfident = faults(run).stream().filter(f -> f.get("kind").asText().equals("overconfident"))
        .map(f -> f.get("agent_id").asText()).collect(Collectors.toSet());
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode e : BehaviourTest.storedEvents(run.landing())) {
      byId.put(e.get("event_id").asText(), e);
    }
    long[] over = new long[2];
    long[] rest = new long[2];
    for (JsonNode r : BehaviourTest.reviews(run.landing())) {
      JsonNode e = byId.get(r.get("event_id").asText());
      if (e == null || !e.has("confidence") || e.get("confidence").asDouble() < 0.9
          || r.get("sample_design").asText().equals("targeted")) {
        continue;
      }
      long[] bucket = overconfident.contains(e.get("agent_id").asText()) ? over : rest;
      bucket[0]++;
      if (!r.get("verdict").asText().equals("correct")) {
        bucket[1]++;
      }
    }
    assertTrue(over[0] >= 50 && rest[0] >= 200, Arrays.toString(over) + " " + Arrays.toString(rest));
    double overRate = (double) over[1] / over[0];
    double restRate = (double) rest[1] / rest[0];
    assertTrue(overRate > restRate + 0.1, overRate + " vs " + restRate);
  }
}

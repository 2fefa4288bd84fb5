package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.contract.Vocabulary;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Registry and people directory: full daily snapshots, consistent with the events. */
class SnapshotsTest {
  private static final List<String> REGISTRY_FIELDS = List.of("agent_id", "name", "purpose", "business_unit",
      "owner_id", "sponsor_id", "technical_owner_id", "status", "created_at", "governance_review_passed",
      "deployed_via_pipeline", "declared_scope", "granted_permissions", "credentials", "model", "escalation_policy_id",
      "eu_risk_class", "eu_role", "scope_changes");

  @Test
  void theRegistryIsAFullSnapshotEveryDay() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    GeneratorOptions o = run.summary().options();
    Set<String> previous = Set.of();
    Set<String> statuses = new HashSet<>();
    Set<String> shadows = new HashSet<>();
    for (JsonNode f : Fixtures.jsonLines(run.truth().resolve("faults.jsonl"))) {
      if (f.get("kind").asText().equals("shadow_agent")) {
        shadows.add(f.get("agent_id").asText());
      }
    }
    assertFalse(shadows.isEmpty());
    Map<String, Map<String, Set<String>>> credentialsByDay = new HashMap<>();
    for (int d = 0; d < o.days(); d++) {
      String day = o.start().plusDays(d).toString();
      List<JsonNode> rows = Fixtures.jsonLines(run.landing().resolve("registry/" + day + ".jsonl"));
      Set<String> ids = new HashSet<>();
      Map<String, Set<String>> creds = new HashMap<>();
      for (JsonNode a : rows) {
        for (String field : REGISTRY_FIELDS) {
          assertTrue(a.has(field), field + " missing in " + a);
        }
        assertTrue(ids.add(a.get("agent_id").asText()), "listed twice: " + a.get("agent_id"));
        String status = a.get("status").asText();
        statuses.add(status);
        assertTrue(Vocabulary.allowed(Vocabulary.AgentStatus.class).contains(status));
        assertTrue(Vocabulary.allowed(Vocabulary.EuRiskClass.class).contains(a.get("eu_risk_class").asText()));
        assertEquals(status.equals("decommissioned"), a.has("decommissioned_at"));
        Set<String> c = new HashSet<>();
        for (JsonNode cred : a.get("credentials")) {
          c.add(cred.get("id").asText());
          assertTrue(Vocabulary.allowed(Vocabulary.CredentialKind.class).contains(cred.get("kind").asText()));
        }
        creds.put(a.get("agent_id").asText(), c);
      }
      assertTrue(ids.containsAll(previous), "an agent vanished from the registry on " + day);
      for (String s : shadows) {
        assertFalse(ids.contains(s), "shadow agent in the registry: " + s);
      }
      credentialsByDay.put(day, creds);
      previous = ids;
    }
    assertEquals(Set.of("proposed", "active", "suspended", "decommissioned"), statuses);
    // every registered agent that acts is listed that day, with the credential it uses
    for (JsonNode e : BehaviourTest.storedEvents(run.landing())) {
      String agent = e.get("agent_id").asText();
      if (shadows.contains(agent)) {
        continue;
      }
      Set<String> creds = credentialsByDay.get(FaultsTest.utcDay(e)).get(agent);
      assertTrue(creds != null && creds.contains(e.at("/credential/id").asText()), "credential not registered: " + e);
    }
  }

  @Test
  void peopleJoinAndLeave() throws Exception {
    Fixtures.Run run = Fixtures.small();
    GeneratorOptions o = run.summary().options();
    Map<String, String> status = new HashMap<>();
    int joined = 0;
    int left = 0;
    for (int d = 0; d < o.days(); d++) {
      LocalDate day = o.start().plusDays(d);
      Set<String> ids = new HashSet<>();
      for (JsonNode p : Fixtures.jsonLines(run.landing().resolve("people/" + day + ".jsonl"))) {
        String id = p.get("person_id").asText();
        ids.add(id);
        String s = p.get("status").asText();
        assertEquals(s.equals("departed"), p.has("departed_at"));
        String before = status.put(id, s);
        if (before == null && d > 0) {
          joined++;
        }
        if ("active".equals(before) && s.equals("departed")) {
          left++;
        }
        assertFalse("departed".equals(before) && s.equals("active"), "came back: " + id);
      }
      assertTrue(ids.containsAll(status.keySet()), "someone vanished from the directory on " + day);
    }
    assertTrue(joined > 0 && left > 0, "joined " + joined + ", left " + left);
  }
}

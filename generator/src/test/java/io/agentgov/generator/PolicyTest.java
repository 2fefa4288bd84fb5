package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The policies written, and the gateway decisions in the events, recomputed here independently
 * from the YAML documents and the registry snapshots.
 */
class PolicyTest {

  /** The default policy block of input-contract.md, verbatim. */
  static final String CONTRACT_DEFAULT = """
      policy_id: default
      version: "2026.1"
      effective_from: "2026-01-01"
      oversight: {1: none, 2: on_the_loop, 3: in_the_loop, 4: halt_escalate}
      approval_sla_seconds: 14400          # tier 3, unless the event's oversight.sla_seconds says otherwise
      on_the_loop_window_seconds: 86400    # tier 2: a reversal is still possible within this window
      credentials: {preferred_kinds: [ephemeral_token, agent_token], max_token_lifetime_days: 30}
      auto_approve_min_confidence: {default: 0.80, payment: 0.90, refund: 0.90}   # thresholds to recalibrate
      recalibration: {alpha: 0.02, delta: 0.05}
      lifecycle: {review_max_age_days: 90, idle_days: 30, unused_permission_days: 90}
      rules:
        - {id: amount-500,    tier: 2, when: {amount_above: 500}}
        - {id: amount-10k,    tier: 3, when: {amount_above: 10000}}
        - {id: refund-5k,     tier: 3, when: {action_type: [refund], amount_above: 5000}}
        - {id: confidential,  tier: 2, when: {data_sensitivity: [confidential]}}
        - {id: pii-read,      tier: 2, when: {data_sensitivity: [pii], action_type: [read]}}
        - {id: pii-change,    tier: 3, when: {data_sensitivity: [pii], action_type_not: [read]}}
        - {id: special-read,  tier: 3, when: {data_sensitivity: [special_category], action_type: [read]}}
        - {id: special-change, tier: 4, when: {data_sensitivity: [special_category], action_type_not: [read]}}
        - {id: records-100,   tier: 2, when: {records_above: 100}}
        - {id: records-1k,    tier: 3, when: {records_above: 1000}}
        - {id: records-10k,   tier: 4, when: {records_above: 10000}}
        - {id: pii-at-scale,  tier: 4, when: {data_sensitivity: [pii, special_category], records_above: 1000}}
        - {id: irreversible,  tier: 4, when: {reversible: false}}
        - {id: regulated,     tier: 4, when: {regulatory_scope_any: true}}
        - {id: config-change, tier: 4, when: {action_type: [config_change]}}
        - {id: out-of-scope,  tier: 4, when: {outside_declared_scope: true}}
      """;

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<Path, List<JsonNode>> POLICIES = new HashMap<>();
  private static final Map<String, Map<String, Set<String>>> SCOPES = new HashMap<>();

  @Test
  void theDefaultPolicyIsTheContractsVerbatim() throws Exception {
    assertEquals(CONTRACT_DEFAULT, Files.readString(Fixtures.small().landing().resolve("policies/default-2026.1.yaml")));
  }

  @Test
  void theYamlRulesAreTheRulesTheGatewayApplies() throws Exception {
    Fixtures.Run run = Fixtures.faulty();
    List<JsonNode> docs = policies(run.landing());
    assertEquals(3, docs.size(), "2025.1, 2026.1 and a mid-period 2026.2");
    for (JsonNode doc : docs) {
      Policy p = Policy.v2026_1(LocalDate.of(2026, 3, 2));
      if (doc.get("version").asText().equals("2026.2")) {
        p = Policy.v2026_2(LocalDate.parse(doc.get("effective_from").asText()));
      }
      JsonNode rules = doc.get("rules");
      assertEquals(p.rules.size(), rules.size());
      for (int i = 0; i < rules.size(); i++) {
        Policy.Rule r = p.rules.get(i);
        JsonNode y = rules.get(i);
        assertEquals(r.id(), y.get("id").asText());
        assertEquals(r.tier(), y.get("tier").asInt());
        JsonNode w = y.get("when");
        assertEquals(r.amountAboveCents() == null ? null : r.amountAboveCents() / 100,
            w.has("amount_above") ? w.get("amount_above").asLong() : null, r.id());
        assertEquals(r.recordsAbove(), w.has("records_above") ? w.get("records_above").asLong() : null, r.id());
        assertEquals(r.reversible(), w.has("reversible") ? w.get("reversible").asBoolean() : null, r.id());
        assertEquals(r.actionType() == null ? null : r.actionType().size(), w.has("action_type")
            ? w.get("action_type").size() : null, r.id());
        assertEquals(r.sensitivity() == null ? null : r.sensitivity().size(), w.has("data_sensitivity")
            ? w.get("data_sensitivity").size() : null, r.id());
      }
    }
  }

  static synchronized List<JsonNode> policies(Path landing) throws Exception {
    List<JsonNode> docs = POLICIES.get(landing);
    if (docs == null) {
      docs = new ArrayList<>();
      for (String f : Fixtures.files(landing)) {
        if (f.startsWith("policies/")) {
          docs.add(YAML.readTree(landing.resolve(f).toFile()));
        }
      }
      docs.sort((a, b) -> a.get("effective_from").asText().compareTo(b.get("effective_from").asText()));
      POLICIES.put(landing, docs);
    }
    return docs;
  }

  static JsonNode policyOn(Path landing, String day) throws Exception {
    JsonNode in = null;
    for (JsonNode d : policies(landing)) {
      if (d.get("effective_from").asText().compareTo(day) <= 0) {
        in = d;
      }
    }
    return in;
  }

  /** agent id -> declared "action_type/target_system", from the registry snapshot of {@code day}. */
  static synchronized Map<String, Set<String>> scopes(Path landing, String day) throws Exception {
    String key = landing + "|" + day;
    Map<String, Set<String>> m = SCOPES.get(key);
    if (m == null) {
      m = new HashMap<>();
      for (JsonNode a : Fixtures.jsonLines(landing.resolve("registry/" + day + ".jsonl"))) {
        Set<String> s = new HashSet<>();
        for (JsonNode p : a.get("declared_scope")) {
          s.add(p.get("action_type").asText() + "/" + p.get("target_system").asText());
        }
        m.put(a.get("agent_id").asText(), s);
      }
      SCOPES.put(key, m);
    }
    return m;
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode v : list) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The deciding rule of the policy in force for event {@code e}, or null (tier 1). */
  static JsonNode decidingRule(Path landing, JsonNode e) throws Exception {
    String day = FaultsTest.utcDay(e);
    JsonNode policy = policyOn(landing, day);
    Set<String> scope = scopes(landing, day).get(e.get("agent_id").asText());
    String action = e.at("/action/type").asText();
    boolean outside = scope == null || !scope.contains(action + "/" + e.at("/action/target_system").asText());
    double amount = e.has("amount") ? e.at("/amount/value").asDouble() : Double.NaN;
    long records = e.has("records_affected") ? e.get("records_affected").asLong() : -1;
    String sensitivity = e.get("data_sensitivity").asText();
    JsonNode best = null;
    int bestTier = 1;
    for (JsonNode rule : policy.get("rules")) {
      JsonNode w = rule.get("when");
      boolean match = (!w.has("action_type") || contains(w.get("action_type"), action))
          && (!w.has("action_type_not") || !contains(w.get("action_type_not"), action))
          && (!w.has("amount_above") || amount > w.get("amount_above").asDouble())
          && (!w.has("records_above") || records > w.get("records_above").asLong())
          && (!w.has("data_sensitivity") || contains(w.get("data_sensitivity"), sensitivity))
          && (!w.has("reversible") || e.get("reversible").asBoolean() == w.get("reversible").asBoolean())
          && (!w.has("regulatory_scope_any") || (e.has("regulatory_scope") && e.get("regulatory_scope").size() > 0)
              == w.get("regulatory_scope_any").asBoolean())
          && (!w.has("outside_declared_scope") || outside == w.get("outside_declared_scope").asBoolean());
      if (match && rule.get("tier").asInt() > bestTier) {
        best = rule;
        bestTier = rule.get("tier").asInt();
      }
    }
    return best;
  }

  static int requiredTier(Path landing, JsonNode e) throws Exception {
    JsonNode rule = decidingRule(landing, e);
    return rule == null ? 1 : rule.get("tier").asInt();
  }

  @Test
  void gatewayDecisionsFollowThePolicyInForce() throws Exception {
    for (Fixtures.Run run : List.of(Fixtures.small(), Fixtures.faulty())) {
      Map<String, String> tierFaults = new HashMap<>();
      for (JsonNode f : Fixtures.jsonLines(run.truth().resolve("faults.jsonl"))) {
        if (f.get("kind").asText().equals("tier_violation")) {
          tierFaults.put(f.get("agent_id").asText(), f.get("from_day").asText());
        }
      }
      String[] decisions = {null, "allow", "allow_notify", "require_approval", "halt"};
      int checked = 0;
      int lower = 0;
      Set<String> versions = new HashSet<>();
      for (JsonNode e : BehaviourTest.storedEvents(run.landing())) {
        if (!e.at("/policy/checked").asBoolean()) {
          continue;
        }
        checked++;
        String day = FaultsTest.utcDay(e);
        JsonNode rule = decidingRule(run.landing(), e);
        int required = rule == null ? 1 : rule.get("tier").asInt();
        int tier = e.at("/policy/tier").asInt();
        versions.add(e.at("/policy/policy_version").asText());
        assertEquals(policyOn(run.landing(), day).get("version").asText(), e.at("/policy/policy_version").asText());
        assertEquals(decisions[tier], e.at("/policy/decision").asText(), e.toString());
        String from = tierFaults.get(e.get("agent_id").asText());
        if (from != null && day.compareTo(from) >= 0) {
          assertTrue(tier <= required, e.toString());
          lower += tier < required ? 1 : 0;
        } else {
          assertEquals(required, tier, "gateway tier of " + e);
          assertEquals(rule == null ? "" : rule.get("id").asText(), e.at("/policy/rule_id").asText(""), e.toString());
        }
      }
      assertTrue(checked > 1_000);
      assertTrue(lower > 0 || tierFaults.isEmpty());
      if (run == Fixtures.faulty()) {
        assertEquals(Set.of("2026.1", "2026.2"), versions);
      }
    }
  }
}

package io.agentgov.jobs.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * An independent producer of input contract v1 (../shared/docs/input-contract.md): builds audit
 * events (section 1), OTLP/JSON spans (section 2), registry entries (section 3) and people
 * (section 4) field by field from the contract text, not from agentgov's generator.
 */
final class ContractProducer {
  static final ObjectMapper JSON = new ObjectMapper();

  private ContractProducer() {}

  /** 32 + 16 hex digits derived from a seed: deterministic, never all zero. */
  static String hex(String seed, int digits) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, digits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode permission(String key) {
    String[] p = key.split(":", 2);
    return JSON.createObjectNode().put("action_type", p[0]).put("target_system", p[1]);
  }

  static ArrayNode permissions(List<String> keys) {
    ArrayNode a = JSON.createArrayNode();
    keys.forEach(k -> a.add(permission(k)));
    return a;
  }

  static void write(Path landing, String relative, List<String> lines) throws IOException {
    Path file = landing.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  /** One audit event (contract section 1), a tier-1 allowed, executed action on internal, reversible data. */
  static final class Ev {
    final ObjectNode n = JSON.createObjectNode();
    final String id;
    final String agent;

    /**
     * @param eventTime RFC 3339 with any offset
     * @param permission {@code action_type:target_system}
     */
    Ev(String id, String eventTime, String agent, String credentialId, String credentialKind, String permission) {
      this.id = id;
      this.agent = agent;
      String[] p = permission.split(":", 2);
      n.put("schema_version", "1");
      n.put("event_id", id);
      n.put("event_time", eventTime);
      n.put("agent_id", agent);
      n.putObject("credential").put("id", credentialId).put("kind", credentialKind);
      n.putObject("trace").put("trace_id", hex("trace " + id, 32)).put("span_id", hex("span " + id, 16))
          .put("session_id", "sess-" + hex("session " + agent, 8));
      n.putObject("action").put("type", p[0]).put("tool", p[0] + "_" + p[1].replace('-', '_'))
          .put("target_system", p[1]).put("target_resource", p[1] + "/" + hex("resource " + id, 6));
      n.put("data_sensitivity", "internal");
      n.put("reversible", true);
      n.putObject("policy").put("checked", true).put("decision", "allow").put("policy_version", "2026.1").put("tier", 1);
      n.putObject("outcome").put("status", "success")
          .put("executed_at", OffsetDateTime.parse(eventTime).toInstant().plusSeconds(1).toString());
    }

    Instant eventTime() {
      return OffsetDateTime.parse(n.get("event_time").asText()).toInstant();
    }

    String spanId() {
      return n.get("trace").get("span_id").asText();
    }

    Ev tier(int tier, String decision, String ruleId) {
      ObjectNode policy = (ObjectNode) n.get("policy");
      policy.put("tier", tier).put("decision", decision);
      if (ruleId != null) {
        policy.put("rule_id", ruleId);
      }
      return this;
    }

    Ev sensitivity(String s) {
      n.put("data_sensitivity", s);
      return this;
    }

    Ev reversible(boolean r) {
      n.put("reversible", r);
      return this;
    }

    Ev records(long r) {
      n.put("records_affected", r);
      return this;
    }

    Ev amount(String value, String currency) {
      n.putObject("amount").put("value", value).put("currency", currency);
      return this;
    }

    Ev onBehalfOf(String person) {
      n.put("on_behalf_of", person);
      return this;
    }

    Ev model(String provider, String name, String version) {
      n.putObject("model").put("provider", provider).put("name", name).put("version", version);
      return this;
    }

    /** Oversight; null times and decision are left out. */
    Ev oversight(String mode, String escalatedTo, String requestedAt, String respondedAt, String decision) {
      ObjectNode o = n.putObject("oversight").put("mode", mode);
      if (escalatedTo != null) {
        o.put("escalated_to", escalatedTo);
      }
      if (requestedAt != null) {
        o.put("requested_at", requestedAt);
      }
      if (respondedAt != null) {
        o.put("responded_at", respondedAt);
      }
      if (decision != null) {
        o.put("decision", decision);
      }
      return this;
    }

    Ev executedAt(String t) {
      ((ObjectNode) n.get("outcome")).put("executed_at", t);
      return this;
    }

    /** Stopped by the gateway: not executed, so no {@code executed_at}. */
    Ev blocked() {
      n.putObject("outcome").put("status", "blocked").put("error_code", "HALTED_BY_POLICY");
      return this;
    }

    /** Same trace, child span of {@code parent}'s span. */
    Ev childOf(Ev parent) {
      ((ObjectNode) n.get("trace")).put("trace_id", parent.n.get("trace").get("trace_id").asText())
          .put("parent_span_id", parent.spanId());
      return this;
    }

    Ev delegatedBy(String parentAgent, int depth, List<String> granted) {
      ObjectNode d = n.putObject("delegation").put("parent_agent_id", parentAgent).put("depth", depth);
      d.set("granted_permissions", permissions(granted));
      return this;
    }

    String line() {
      return n.toString();
    }
  }

  /** One registry entry (contract section 3): an active, reviewed, well-documented agent unless changed. */
  static final class Agent {
    final ObjectNode n = JSON.createObjectNode();

    Agent(String id, String businessUnit, String owner, String sponsor, String technicalOwner) {
      n.put("agent_id", id);
      n.put("name", id.replace('-', ' '));
      n.put("purpose", "handles " + id.replace('-', ' ') + " work");
      n.put("business_unit", businessUnit);
      n.put("owner_id", owner);
      n.put("sponsor_id", sponsor);
      n.put("technical_owner_id", technicalOwner);
      n.put("status", "active");
      n.put("created_at", "2026-01-12T09:00:00Z");
      n.put("last_review_at", "2026-04-15T10:00:00Z");
      n.put("governance_review_passed", true);
      n.put("deployed_via_pipeline", true);
      n.putArray("declared_scope");
      n.putArray("granted_permissions");
      n.putArray("credentials");
      n.putObject("model").put("provider", "acme-ai").put("name", "orca-large").put("version", "2026-02");
      n.put("escalation_policy_id", "default");
      n.put("eu_risk_class", "limited");
      n.put("eu_role", "deployer");
      n.putArray("scope_changes").addObject().put("changed_at", "2026-01-20T08:00:00Z").put("reviewed_by", "p-hugo")
          .put("change", "initial scope");
    }

    /** Declared scope and granted permissions alike. */
    Agent scope(String... permissions) {
      n.set("declared_scope", permissions(List.of(permissions)));
      n.set("granted_permissions", permissions(List.of(permissions)));
      return this;
    }

    Agent declared(String... permissions) {
      n.set("declared_scope", permissions(List.of(permissions)));
      return this;
    }

    Agent granted(String... permissions) {
      n.set("granted_permissions", permissions(List.of(permissions)));
      return this;
    }

    Agent credential(String id, String kind, String createdAt, String expiresAt, String revokedAt) {
      ObjectNode c = ((ArrayNode) n.get("credentials")).addObject().put("id", id).put("kind", kind)
          .put("created_at", createdAt);
      if (expiresAt != null) {
        c.put("expires_at", expiresAt);
      }
      if (revokedAt != null) {
        c.put("revoked_at", revokedAt);
      }
      return this;
    }

    Agent set(String field, String value) {
      n.put(field, value);
      return this;
    }

    String line() {
      return n.toString();
    }
  }

  static String person(String id, String unit, String role) {
    return JSON.createObjectNode().put("person_id", id).put("display_name", "Person " + id.substring(2))
        .put("business_unit", unit).put("role", role).put("status", "active").toString();
  }

  static String departed(String id, String unit, String role, String departedAt) {
    return JSON.createObjectNode().put("person_id", id).put("display_name", "Person " + id.substring(2))
        .put("business_unit", unit).put("role", role).put("status", "departed").put("departed_at", departedAt).toString();
  }

  /** An OTLP/JSON {@code KeyValue}. */
  static ObjectNode attr(String key, Object value) {
    ObjectNode kv = JSON.createObjectNode().put("key", key);
    ObjectNode v = kv.putObject("value");
    if (value instanceof Boolean b) {
      v.put("boolValue", b);
    } else if (value instanceof Long l) {
      v.put("intValue", Long.toString(l)); // int64 as a JSON string, as the protobuf JSON mapping writes it
    } else if (value instanceof Integer i) {
      v.put("intValue", i); // or as a number
    } else {
      v.put("stringValue", value.toString());
    }
    return kv;
  }

  static String nanos(String rfc3339) {
    Instant t = OffsetDateTime.parse(rfc3339).toInstant();
    return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }
}

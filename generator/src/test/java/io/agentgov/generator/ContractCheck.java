package io.agentgov.generator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An independent reading of input contract v1, section 1 (and the agentgov.* attributes of
 * section 2) for the tests: it returns the reason code a line must be quarantined with, or null
 * for a valid event. Built on the contract module's {@link JsonObjectReader}, so that "wrong type",
 * "missing" and "out of range" mean what ingest will mean by them.
 */
final class ContractCheck {
  private ContractCheck() {}

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reason code of a JSON Lines line that landed in the folder of {@code landingDay}, or null when valid. */
  static ReasonCode event(byte[] line, LocalDate landingDay) {
    JsonNode n;
    try {
      n = STRICT.readTree(line);
      if (n == null || n.isMissingNode()) {
        return ReasonCode.INVALID_JSON;
      }
    } catch (IOException e) {
      return ReasonCode.INVALID_JSON;
    }
    try {
      JsonObjectReader r = JsonObjectReader.root(n, new Redactions());
      String version = r.requiredString("schema_version");
      if (!version.equals("1")) {
        return ReasonCode.UNSUPPORTED_SCHEMA_VERSION;
      }
      r.requiredString("event_id");
      Instant time = r.requiredTime("event_time");
      r.requiredString("agent_id");
      r.optionalString("agent_version");
      JsonObjectReader model = r.optionalObject("model");
      if (model != null) {
        model.optionalString("provider");
        model.optionalString("name");
        model.optionalString("version");
      }
      JsonObjectReader cred = r.requiredObject("credential");
      cred.requiredString("id");
      cred.requiredEnum("kind", Vocabulary.CredentialKind.class);
      r.optionalString("on_behalf_of");
      JsonObjectReader trace = r.requiredObject("trace");
      hex(trace, "trace_id", 32, true);
      hex(trace, "span_id", 16, true);
      hex(trace, "parent_span_id", 16, false);
      trace.optionalString("session_id");
      JsonObjectReader delegation = r.optionalObject("delegation");
      if (delegation != null) {
        delegation.optionalString("parent_agent_id");
        delegation.optionalLong("depth", 0, 64);
        delegation.optionalObjectList("granted_permissions", p -> {
          p.requiredEnum("action_type", Vocabulary.ActionType.class);
          return p.requiredString("target_system");
        });
      }
      JsonObjectReader action = r.requiredObject("action");
      action.requiredEnum("type", Vocabulary.ActionType.class);
      action.optionalString("tool");
      action.requiredString("target_system");
      action.optionalString("target_resource");
      JsonObjectReader amount = r.optionalObject("amount");
      if (amount != null) {
        amount.optionalDecimal("value", 6);
        amount.optionalString("currency");
      }
      r.optionalLong("records_affected", 0, Long.MAX_VALUE);
      r.requiredEnum("data_sensitivity", Vocabulary.DataSensitivity.class);
      r.requiredBoolean("reversible");
      r.optionalStringList("regulatory_scope");
      r.optionalDouble("confidence", 0, 1);
      JsonObjectReader context = r.optionalObject("input_context");
      if (context != null) {
        context.optionalString("digest");
        context.optionalString("summary");
      }
      JsonObjectReader policy = r.requiredObject("policy");
      boolean checked = policy.requiredBoolean("checked");
      policy.requiredEnum("decision", Vocabulary.PolicyDecision.class);
      policy.optionalString("rule_id");
      policy.optionalString("policy_version");
      if (checked) {
        policy.requiredLong("tier", 1, 4);
      } else {
        policy.optionalLong("tier", 1, 4);
      }
      JsonObjectReader oversight = r.optionalObject("oversight");
      if (oversight != null) {
        oversight.optionalEnum("mode", Vocabulary.OversightMode.class);
        oversight.optionalString("escalated_to");
        oversight.optionalTime("requested_at");
        oversight.optionalTime("responded_at");
        oversight.optionalEnum("decision", Vocabulary.OversightDecision.class);
        oversight.optionalLong("sla_seconds", 0, Long.MAX_VALUE);
      }
      JsonObjectReader outcome = r.requiredObject("outcome");
      String status = outcome.requiredEnum("status", Vocabulary.OutcomeStatus.class);
      outcome.optionalString("error_code");
      if (status.equals("success") || status.equals("partial")) {
        outcome.requiredTime("executed_at");
      } else {
        outcome.optionalTime("executed_at");
      }
      JsonObjectReader usage = r.optionalObject("usage");
      if (usage != null) {
        usage.optionalLong("input_tokens", 0, Long.MAX_VALUE);
        usage.optionalLong("output_tokens", 0, Long.MAX_VALUE);
        usage.optionalLong("latency_ms", 0, Long.MAX_VALUE);
      }
      JsonObjectReader retention = r.optionalObject("retention");
      if (retention != null) {
        retention.optionalString("class");
        retention.optionalDate("retain_until");
      }
      Instant limit = landingDay.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (time.isAfter(limit)) {
        return ReasonCode.INCONSISTENT;
      }
      return null;
    } catch (ContractViolation v) {
      return v.reason();
    }
  }

  private static void hex(JsonObjectReader o, String key, int digits, boolean required) throws ContractViolation {
    String v = required ? o.requiredString(key) : o.optionalString(key);
    if (v != null && !v.matches("[0-9a-f]{" + digits + "}")) {
      throw new ContractViolation(ReasonCode.INVALID_ID, o.path(key), o.path(key) + " is not " + digits + " hex digits");
    }
  }

  private static final Set<String> ACTIONS = Set.copyOf(Vocabulary.allowed(Vocabulary.ActionType.class));
  private static final Set<String> SENSITIVITIES = Set.copyOf(Vocabulary.allowed(Vocabulary.DataSensitivity.class));

  /** The attributes of an OTLP span (or resource) as a flat map of key to the value object. */
  static Map<String, JsonNode> attributes(JsonNode holder) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode a : holder.path("attributes")) {
      m.put(a.get("key").asText(), a.get("value"));
    }
    return m;
  }

  static String str(Map<String, JsonNode> attrs, String key) {
    JsonNode v = attrs.get(key);
    return v == null ? null : v.path("stringValue").asText(null);
  }

  /**
   * Reason code of an OTel event span ({@code execute_tool}) under the agentgov.* mapping, for the
   * fields the generator plants defects in; null when valid.
   */
  static ReasonCode span(JsonNode span) {
    Map<String, JsonNode> a = attributes(span);
    String version = str(a, "agentgov.schema_version");
    if (version != null && !version.equals("1")) {
      return ReasonCode.UNSUPPORTED_SCHEMA_VERSION;
    }
    if (!span.path("traceId").asText().matches("[0-9a-f]{32}") || !span.path("spanId").asText().matches("[0-9a-f]{16}")) {
      return ReasonCode.INVALID_ID;
    }
    for (String required : new String[] {"agentgov.credential.id", "agentgov.credential.kind", "agentgov.action.type",
        "agentgov.action.target_system", "agentgov.data_sensitivity", "agentgov.policy.decision",
        "agentgov.outcome.status"}) {
      if (str(a, required) == null) {
        return ReasonCode.MISSING_FIELD;
      }
    }
    if (!ACTIONS.contains(str(a, "agentgov.action.type"))
        || !SENSITIVITIES.contains(str(a, "agentgov.data_sensitivity"))) {
      return ReasonCode.INVALID_VALUE;
    }
    JsonNode tier = a.get("agentgov.policy.tier");
    if (tier != null) {
      long t = Long.parseLong(tier.get("intValue").asText());
      if (t < 1 || t > 4) {
        return ReasonCode.OUT_OF_RANGE;
      }
    }
    JsonNode confidence = a.get("agentgov.confidence");
    if (confidence != null) {
      double c = confidence.get("doubleValue").asDouble();
      if (c < 0 || c > 1) {
        return ReasonCode.OUT_OF_RANGE;
      }
    }
    return null;
  }
}

package io.agentgov.contract.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.CanonicalJson;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.Records;
import io.agentgov.contract.Vocabulary;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shared pieces of the reference-data validators: readers for the nested objects of a registry line
 * and the canonical JSON / content hash of a validated record (so a loader can tell whether a line
 * changed without comparing field by field).
 */
final class ReferenceJson {
  private ReferenceJson() {}

  // ---------------------------------------------------------------- nested readers

  /** {@code {id, kind, created_at, expires_at, revoked_at}}: id and kind required, times optional. */
  static Records.CredentialGrant credential(JsonObjectReader o) throws ContractViolation {
    return new Records.CredentialGrant(o.requiredString("id"), o.requiredEnum("kind", Vocabulary.CredentialKind.class),
        o.optionalTime("created_at"), o.optionalTime("expires_at"), o.optionalTime("revoked_at"));
  }

  /** {@code {changed_at, reviewed_by, change}}: changed_at required; a missing reviewer is an unreviewed change. */
  static ScopeChange scopeChange(JsonObjectReader o) throws ContractViolation {
    return new ScopeChange(o.requiredTime("changed_at"), o.optionalString("reviewed_by"), o.optionalText("change"));
  }

  /** The unknown fields of a line, keyed by dotted path; sorted so equal records print alike. */
  static Map<String, String> extras(JsonObjectReader root) {
    Map<String, String> extras = new TreeMap<>();
    root.collectExtras(extras);
    return Collections.unmodifiableMap(extras);
  }

  static Map<String, String> immutableExtras(Map<String, String> extras) {
    return extras == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extras));
  }

  static <T> List<T> immutableList(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }

  // ---------------------------------------------------------------- canonical form

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static void put(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  static void put(ObjectNode o, String key, Instant value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }

  static void put(ObjectNode o, String key, Boolean value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  static void put(ObjectNode o, String key, Double value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  static void putPermissions(ObjectNode o, String key, List<Records.Permission> permissions) {
    if (permissions != null) {
      ArrayNode list = o.putArray(key);
      for (Records.Permission p : permissions) {
        ObjectNode item = list.addObject();
        put(item, "action_type", p.actionType());
        put(item, "target_system", p.targetSystem());
      }
    }
  }

  static void putCredentials(ObjectNode o, String key, List<Records.CredentialGrant> credentials) {
    if (credentials != null) {
      ArrayNode list = o.putArray(key);
      for (Records.CredentialGrant c : credentials) {
        ObjectNode item = list.addObject();
        put(item, "id", c.id());
        put(item, "kind", c.kind());
        put(item, "created_at", c.createdAt());
        put(item, "expires_at", c.expiresAt());
        put(item, "revoked_at", c.revokedAt());
      }
    }
  }

  static void putModel(ObjectNode o, String key, Records.Model model) {
    if (model != null) {
      ObjectNode item = o.putObject(key);
      put(item, "provider", model.provider());
      put(item, "name", model.name());
      put(item, "version", model.version());
    }
  }

  static void putScopeChanges(ObjectNode o, String key, List<ScopeChange> changes) {
    if (changes != null) {
      ArrayNode list = o.putArray(key);
      for (ScopeChange c : changes) {
        ObjectNode item = list.addObject();
        put(item, "changed_at", c.changedAt());
        put(item, "reviewed_by", c.reviewedBy());
        put(item, "change", c.change());
      }
    }
  }

  /** Extras as an object of path → canonical JSON text, under {@code extras}, when there are any. */
  static void putExtras(ObjectNode o, Map<String, String> extras) {
    if (!extras.isEmpty()) {
      ObjectNode item = o.putObject("extras");
      extras.forEach(item::put);
    }
  }

  static String canonical(ObjectNode o) {
    return CanonicalJson.write(o);
  }

}

package io.agentgov.contract.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.SecretScrubber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one OTel GenAI span to the JSON of an input-contract §1 audit event (docs/contract.md, "OTel
 * spans"). It checks only what the mapping itself needs (ids and times); contract rules are the
 * {@code EventValidator}'s, which reads mapped spans and JSON Lines events alike.
 *
 * <p>Precedence, one rule throughout: an {@code agentgov.<path>} attribute sets the field at
 * {@code <path>}; the GenAI attribute or span field that also maps there only fills it when it is
 * absent. Span attributes override resource attributes of the same key. A GenAI attribute whose
 * value was not used, and every other attribute, is kept under {@code otel_attributes}.
 */
final class SpanMapper {
  private SpanMapper() {}

  static final String PREFIX = "agentgov.";
  static final String OTEL_ATTRIBUTES = "otel_attributes";
  /** The span's status message when it is not the error code; the name non-OTLP OTel exporters give it. */
  static final String STATUS_DESCRIPTION = "otel.status_description";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** GenAI and OTel attributes with a field in §1 (input contract §2), in bit order. */
  enum Known {
    AGENT_ID("gen_ai.agent.id", "agent_id"),
    AGENT_VERSION("gen_ai.agent.version", "agent_version"),
    PROVIDER_NAME("gen_ai.provider.name", "model.provider"),
    SYSTEM("gen_ai.system", "model.provider"),
    RESPONSE_MODEL("gen_ai.response.model", "model.name"),
    REQUEST_MODEL("gen_ai.request.model", "model.name"),
    TOOL_NAME("gen_ai.tool.name", "action.tool"),
    CONVERSATION_ID("gen_ai.conversation.id", "trace.session_id"),
    INPUT_TOKENS("gen_ai.usage.input_tokens", "usage.input_tokens"),
    OUTPUT_TOKENS("gen_ai.usage.output_tokens", "usage.output_tokens"),
    ERROR_TYPE("error.type", "outcome.error_code");

    final String key;
    final String[] path;
    final int bit;

    Known(String key, String path) {
      this.key = key;
      this.path = path.split("\\.");
      this.bit = 1 << ordinal();
    }

    private static final Map<String, Known> BY_KEY = java.util.Arrays.stream(values())
        .collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k.key, k -> k));

    static Known of(String key) {
      return BY_KEY.get(key);
    }
  }

  /** Top-level fields in the order of input contract §1; others follow, then {@code otel_attributes}. */
  private static final List<String> ORDER = List.of("schema_version", "event_id", "event_time", "agent_id", "agent_version",
      "model", "credential", "on_behalf_of", "trace", "delegation", "action", "amount", "records_affected",
      "data_sensitivity", "reversible", "regulatory_scope", "confidence", "input_context", "policy", "oversight", "outcome",
      "usage", "retention");

  /**
   * Fields of list or object type: an {@code agentgov.*} string value holding JSON text for one of
   * them is parsed, since OTel SDK attributes cannot carry lists of objects.
   */
  private static final Set<String> STRUCTURED = Set.of("regulatory_scope", "delegation.granted_permissions", "model",
      "credential", "trace", "delegation", "action", "amount", "input_context", "policy", "oversight", "outcome", "usage",
      "retention");

  private static final String[] EVENT_ID = {"event_id"};
  private static final String[] SCHEMA_VERSION = {"schema_version"};
  private static final String[] EVENT_TIME = {"event_time"};
  private static final String[] AGENT_ID = {"agent_id"};
  private static final String[] TRACE_ID = {"trace", "trace_id"};
  private static final String[] SPAN_ID = {"trace", "span_id"};
  private static final String[] PARENT_SPAN_ID = {"trace", "parent_span_id"};
  private static final String[] PARENT_AGENT_ID = {"delegation", "parent_agent_id"};
  private static final String[] DEPTH = {"delegation", "depth"};
  private static final String[] LATENCY_MS = {"usage", "latency_ms"};
  private static final String[] STATUS = {"outcome", "status"};
  private static final String[] ERROR_CODE = {"outcome", "error_code"};
  private static final String[] EXECUTED_AT = {"outcome", "executed_at"};

  /** The agent that delegated to an invoked agent, and the delegation depth when the chain reaches a root. */
  record Parent(String agentId, Integer depth) {}

  /** A span's identity and times, already checked: ids lower-case hex, times in Unix nanoseconds (-1: absent). */
  record SpanFacts(String traceId, String spanId, String parentSpanId, long startNanos, long endNanos, boolean error,
                   String statusMessage, boolean invokeAgent) {}

  /**
   * The event of a span, without the delegating agent of an {@code invoke_agent} span, which needs
   * other spans of the file: {@link #needsDelegation}, then {@link #withDelegation}.
   */
  static ObjectNode map(SpanFacts span, AnyValues.Attributes attributes, AnyValues.Attributes resource, ObjectMapper json) {
    ObjectNode event = NODES.objectNode();
    List<String> unmapped = null;
    int used = 0;

    // 1. agentgov.<path>, resource first so the span's value wins
    for (AnyValues.Attributes level : List.of(resource, attributes)) {
      for (Map.Entry<String, JsonNode> attribute : level.values.entrySet()) {
        String key = attribute.getKey();
        if (!key.startsWith(PREFIX) || (level == resource && attributes.values.containsKey(key))) {
          continue;
        }
        Target target = target(key);
        if (target == null || !put(event, target.steps, own(structured(target, attribute.getValue(), json)), true)) {
          if (unmapped == null) {
            unmapped = new ArrayList<>(2);
          }
          unmapped.add(key);
        }
      }
    }

    // 2. the span's own fields and the GenAI attributes fill what agentgov.* left absent
    putIfAbsent(event, EVENT_ID, NODES.textNode(span.traceId + ":" + span.spanId));
    putIfAbsent(event, SCHEMA_VERSION, NODES.textNode("1"));
    if (span.startNanos >= 0) {
      putIfAbsent(event, EVENT_TIME, NODES.textNode(time(span.startNanos)));
    }
    used |= fill(event, Known.AGENT_ID, attributes, resource);
    used |= fill(event, Known.AGENT_VERSION, attributes, resource);
    used |= fill(event, Known.PROVIDER_NAME, attributes, resource);
    used |= fill(event, Known.SYSTEM, attributes, resource);
    used |= fill(event, Known.RESPONSE_MODEL, attributes, resource);
    used |= fill(event, Known.REQUEST_MODEL, attributes, resource);
    putIfAbsent(event, TRACE_ID, NODES.textNode(span.traceId));
    putIfAbsent(event, SPAN_ID, NODES.textNode(span.spanId));
    putIfAbsent(event, PARENT_SPAN_ID, span.parentSpanId == null ? NullNode.instance : NODES.textNode(span.parentSpanId));
    used |= fill(event, Known.CONVERSATION_ID, attributes, resource);
    used |= fill(event, Known.TOOL_NAME, attributes, resource);
    used |= fill(event, Known.INPUT_TOKENS, attributes, resource);
    used |= fill(event, Known.OUTPUT_TOKENS, attributes, resource);
    if (span.startNanos >= 0 && span.endNanos >= span.startNanos) {
      putIfAbsent(event, LATENCY_MS, NODES.numberNode((span.endNanos - span.startNanos) / 1_000_000L));
    }
    putIfAbsent(event, STATUS, NODES.textNode(span.error ? "failure" : "success"));
    used |= fill(event, Known.ERROR_TYPE, attributes, resource);
    boolean messageUsed = false;
    if (span.error && span.statusMessage != null && !span.statusMessage.isBlank() && get(event, ERROR_CODE) == null) {
      messageUsed = put(event, ERROR_CODE, NODES.textNode(span.statusMessage), false);
    }
    JsonNode status = get(event, STATUS);
    if (span.endNanos >= 0 && status != null && ("success".equals(status.textValue()) || "partial".equals(status.textValue()))) {
      putIfAbsent(event, EXECUTED_AT, NODES.textNode(time(span.endNanos)));
    }

    // 3. everything not used, so nothing is lost
    ObjectNode rest = null;
    for (AnyValues.Attributes level : List.of(resource, attributes)) {
      for (Map.Entry<String, JsonNode> attribute : level.values.entrySet()) {
        String key = attribute.getKey();
        boolean isUsed;
        if (key.startsWith(PREFIX)) {
          isUsed = unmapped == null || !unmapped.contains(key);
        } else {
          Known known = Known.of(key);
          isUsed = known != null && (used & known.bit) != 0;
        }
        if (!isUsed && !(level == resource && attributes.values.containsKey(key))) {
          if (rest == null) {
            rest = NODES.objectNode();
          }
          rest.set(key, own(attribute.getValue()));
        }
      }
    }
    if (!messageUsed && span.statusMessage != null && !span.statusMessage.isEmpty()) {
      if (rest == null) {
        rest = NODES.objectNode();
      }
      rest.put(STATUS_DESCRIPTION, span.statusMessage);
    }
    return ordered(event, rest);
  }

  /**
   * Whether the delegating agent of this span is to be found from its ancestors: an
   * {@code invoke_agent} span with a parent, whose {@code agentgov.delegation.parent_agent_id} is absent.
   */
  static boolean needsDelegation(SpanFacts span, ObjectNode event) {
    return span.invokeAgent && span.parentSpanId != null && get(event, PARENT_AGENT_ID) == null;
  }

  /** The acting agent of a mapped event, or null. */
  static String actingAgent(ObjectNode event) {
    JsonNode agent = event.get("agent_id");
    return agent != null && agent.isTextual() ? agent.textValue() : null;
  }

  /** The event with the delegating agent (and depth, unless given) set; the event itself when there is none. */
  static ObjectNode withDelegation(ObjectNode event, Parent parent) {
    if (parent == null || !put(event, PARENT_AGENT_ID, NODES.textNode(parent.agentId), false)) {
      return event;
    }
    if (parent.depth != null) {
      putIfAbsent(event, DEPTH, NODES.numberNode(parent.depth));
    }
    return ordered(event, null);
  }

  /** Sets {@code known}'s field from its attribute when absent; returns its bit when the value is used. */
  private static int fill(ObjectNode event, Known known, AnyValues.Attributes span, AnyValues.Attributes resource) {
    JsonNode value = span.get(known.key);
    if (value == null) {
      value = resource.get(known.key);
    }
    if (value == null || value.isNull()) {
      return 0;
    }
    JsonNode current = get(event, known.path);
    if (current == null) {
      return put(event, known.path, own(value), false) ? known.bit : 0;
    }
    return current.equals(value) ? known.bit : 0;
  }

  /** Resource attribute values are shared by all spans of the resource: containers are copied, never shared. */
  private static JsonNode own(JsonNode value) {
    return value.isContainerNode() ? value.deepCopy() : value;
  }

  /** Where an agentgov.* attribute goes: the path steps, and whether the field is a list or an object. */
  private record Target(String[] steps, boolean structured) {}

  /** The target of an agentgov.* key, or null for one that names no field; the few keys a producer uses are parsed once. */
  private static Target target(String key) {
    Target target = TARGETS.get(key);
    if (target == null) {
      String path = key.substring(PREFIX.length());
      String[] steps = path.split("\\.", -1);
      for (String step : steps) {
        if (step.isEmpty()) {
          return null;
        }
      }
      target = new Target(steps, STRUCTURED.contains(path));
      if (TARGETS.size() < 10_000) {
        TARGETS.put(key, target);
      }
    }
    return target;
  }

  private static final Map<String, Target> TARGETS = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonNode structured(Target target, JsonNode value, ObjectMapper json) {
    if (target.structured && value.isTextual()) {
      String text = value.textValue().strip();
      if (text.startsWith("[") || text.startsWith("{")) {
        try {
          return json.readTree(text);
        } catch (java.io.IOException notJson) {
          return value; // the validator reports the wrong type
        }
      }
    }
    return value;
  }

  /** The node at {@code path}, or null when absent (an explicit JSON null counts as present). */
  private static JsonNode get(ObjectNode event, String[] path) {
    JsonNode node = event;
    for (String step : path) {
      node = node.get(step);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static void putIfAbsent(ObjectNode event, String[] path, JsonNode value) {
    if (get(event, path) == null) {
      put(event, path, value, false);
    }
  }

  /**
   * Sets {@code value} at {@code path}, creating objects on the way; false when a step is already
   * taken by a non-object. With {@code merge}, an object value merges into an object already there.
   */
  private static boolean put(ObjectNode event, String[] path, JsonNode value, boolean merge) {
    ObjectNode node = event;
    for (int i = 0; i < path.length - 1; i++) {
      if (path[i].isEmpty()) {
        return false;
      }
      JsonNode next = node.get(path[i]);
      if (next == null) {
        next = node.putObject(path[i]);
      } else if (!next.isObject()) {
        return false;
      }
      node = (ObjectNode) next;
    }
    String last = path[path.length - 1];
    if (last.isEmpty()) {
      return false;
    }
    JsonNode existing = node.get(last);
    if (merge && existing != null && existing.isObject() && value.isObject()) {
      ((ObjectNode) existing).setAll((ObjectNode) value);
      return true;
    }
    node.set(last, value);
    return true;
  }

  private static ObjectNode ordered(ObjectNode event, ObjectNode rest) {
    ObjectNode result = NODES.objectNode();
    for (String name : ORDER) {
      JsonNode value = event.get(name);
      if (value != null) {
        result.set(name, value);
      }
    }
    if (result.size() < event.size()) {
      event.fields().forEachRemaining(field -> {
        if (!result.has(field.getKey()) && !field.getKey().equals(OTEL_ATTRIBUTES)) {
          result.set(field.getKey(), field.getValue());
        }
      });
      JsonNode otel = event.get(OTEL_ATTRIBUTES);
      if (otel != null) {
        result.set(OTEL_ATTRIBUTES, otel); // last, after the producer's own extras
      }
    }
    if (rest != null) {
      JsonNode existing = result.remove(OTEL_ATTRIBUTES);
      if (existing != null && existing.isObject()) {
        rest.setAll((ObjectNode) existing); // an agentgov.otel_attributes.* attribute wins
      } else if (existing != null) {
        rest.set(PREFIX + OTEL_ATTRIBUTES, existing);
      }
      result.set(OTEL_ATTRIBUTES, rest);
    }
    return result;
  }

  // ---------------------------------------------------------------- ids and times

  /**
   * A trace or span id as lower-case hex: OTLP/JSON writes hex, some exporters write the protobuf
   * JSON default, base64. Null for anything else or for the all-zero id (invalid in W3C Trace Context).
   */
  static String normalizeId(String raw, int bytes) {
    if (raw == null) {
      return null;
    }
    if (raw.length() == bytes * 2) {
      boolean lower = true;
      boolean zero = true;
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c >= 'A' && c <= 'F') {
          lower = false;
        } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
          return null;
        }
        zero &= c == '0';
      }
      return zero ? null : lower ? raw : raw.toLowerCase(java.util.Locale.ROOT);
    }
    if (raw.length() >= (bytes * 4 + 2) / 3 && raw.length() <= (bytes + 2) / 3 * 4) {
      byte[] decoded;
      try {
        decoded = raw.indexOf('-') >= 0 || raw.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(raw) : Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
      if (decoded.length != bytes) {
        return null;
      }
      StringBuilder hex = new StringBuilder(bytes * 2);
      boolean zero = true;
      for (byte b : decoded) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        zero &= b == 0;
      }
      return zero ? null : hex.toString();
    }
    return null;
  }

  /** Whether an id is the all-zero id (hex or base64), which some exporters write for "no parent". */
  static boolean isZeroId(String raw, int bytes) {
    if (raw.length() == bytes * 2) {
      return raw.chars().allMatch(c -> c == '0');
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(raw);
      for (byte b : decoded) {
        if (b != 0) {
          return false;
        }
      }
      return decoded.length == bytes;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** Unix nanoseconds as an RFC 3339 UTC timestamp with the fraction the value has (0, 3, 6 or 9 digits). */
  static String time(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
  }

  /**
   * A {@code *TimeUnixNano} field (fixed64: a decimal string or a number): -1 when absent or 0 (unset
   * in OTLP).
   */
  static long nanos(JsonNode value, String field, String where) throws ContractViolation {
    if (value == null || value.isNull()) {
      return -1;
    }
    long result = -2;
    if (value.isTextual()) {
      String text = value.textValue();
      if (text.isEmpty()) {
        return -1;
      }
      if (text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        result = Long.parseLong(text);
      }
    } else if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
      result = value.longValue();
    }
    if (result == -2) {
      throw new ContractViolation(ReasonCode.INVALID_TIMESTAMP, field, "Cannot map " + where + ": " + field + " is "
          + SecretScrubber.forMessage(value.toString()) + ", not Unix nanoseconds");
    }
    return result == 0 ? -1 : result;
  }

  /** Whether a {@code status.code} is ERROR (2, or its enum name in the protobuf JSON mapping). */
  static boolean isError(JsonNode code) {
    if (code == null) {
      return false;
    }
    if (code.isNumber()) {
      return code.asInt() == 2;
    }
    String text = code.asText();
    return text.equals("2") || text.equals("STATUS_CODE_ERROR") || text.equals("ERROR");
  }
}

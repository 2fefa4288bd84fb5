package io.agentgov.contract.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OTLP/JSON attribute lists and {@code AnyValue}s to plain JSON values. The OTLP/JSON encoding is
 * the protobuf JSON mapping of {@code opentelemetry.proto.common.v1}: int64 may come as a string or a
 * number, and parsers accept the proto field names ({@code string_value}) besides the lowerCamelCase
 * ones (https://protobuf.dev/programming-guides/proto3/#json).
 */
final class AnyValues {
  private AnyValues() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Attribute values by key, in list order; a repeated key keeps its last value. */
  static final class Attributes {
    static final Attributes EMPTY = new Attributes(Map.of());

    final Map<String, JsonNode> values;

    Attributes(Map<String, JsonNode> values) {
      this.values = values;
    }

    JsonNode get(String key) {
      return values.get(key);
    }

    String text(String key) {
      JsonNode value = values.get(key);
      return value != null && value.isTextual() ? value.textValue() : null;
    }
  }

  /**
   * Converts an {@code attributes} field: a list of {@code {key, value: AnyValue}} (OTLP), or, from
   * exporters that write a plain map, an object of key to JSON value.
   *
   * @param where how to name the owner in messages, e.g. {@code span resourceSpans[0]... at f.json:12}
   */
  static Attributes read(JsonNode attributes, String where) throws ContractViolation {
    if (attributes == null || attributes.isNull()) {
      return Attributes.EMPTY;
    }
    if (attributes.isObject()) {
      Map<String, JsonNode> values = new LinkedHashMap<>();
      attributes.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
      return new Attributes(values);
    }
    if (!attributes.isArray()) {
      throw new ContractViolation(ReasonCode.INVALID_OTLP, "attributes",
          "Cannot map " + where + ": attributes is a " + kind(attributes) + ", not a list of {key, value}");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>(attributes.size() * 4 / 3 + 1);
    int i = 0;
    for (JsonNode attribute : attributes) {
      JsonNode key = attribute.get("key");
      if (!attribute.isObject() || key == null || !key.isTextual()) {
        throw new ContractViolation(ReasonCode.INVALID_OTLP, "attributes[" + i + "]",
            "Cannot map " + where + ": attributes[" + i + "] is not a {key, value} pair with a string key");
      }
      values.put(key.textValue(), convert(attribute.get("value"), key.textValue(), where));
      i++;
    }
    return new Attributes(values);
  }

  /** Finds the string value of {@code key} without converting the rest of the list. */
  static String findText(JsonNode attributes, String key) {
    return findTexts(attributes, key, key)[0];
  }

  /** The string values of two keys in one scan of the list, without converting the rest. */
  static String[] findTexts(JsonNode attributes, String first, String second) {
    String[] found = new String[2];
    if (attributes == null) {
      return found;
    }
    if (attributes.isArray()) {
      for (JsonNode attribute : attributes) {
        JsonNode k = attribute.get("key");
        String key = k == null ? null : k.textValue();
        int index = first.equals(key) ? 0 : second.equals(key) ? 1 : -1;
        if (index >= 0) {
          JsonNode any = attribute.get("value");
          JsonNode value = any == null ? null : any.isObject() ? first(any, "stringValue", "string_value") : any;
          found[index] = value != null && value.isTextual() ? value.textValue() : null;
        }
      }
    } else if (attributes.isObject()) {
      found[0] = text(attributes.get(first));
      found[1] = text(attributes.get(second));
    }
    return found;
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /** One {@code AnyValue} to JSON; an empty AnyValue is null. */
  static JsonNode convert(JsonNode any, String key, String where) throws ContractViolation {
    if (any == null || any.isNull()) {
      return NullNode.instance;
    }
    if (!any.isObject()) {
      return any; // a bare JSON value, as lenient exporters write it
    }
    Iterator<Map.Entry<String, JsonNode>> fields = any.fields();
    if (!fields.hasNext()) {
      return NullNode.instance;
    }
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode v = field.getValue();
      switch (field.getKey()) {
        case "stringValue", "string_value", "boolValue", "bool_value", "bytesValue", "bytes_value":
          return v;
        case "intValue", "int_value":
          return int64(v);
        case "doubleValue", "double_value":
          return v.isTextual() && v.textValue().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")
              ? NODES.numberNode(new BigDecimal(v.textValue())) : v; // "NaN", "Infinity" stay text
        case "arrayValue", "array_value":
          return array(v, key, where);
        case "kvlistValue", "kvlist_value":
          return kvlist(v, key, where);
        default:
          // an unknown member next to a known one is skipped; only an AnyValue with no known member fails
      }
    }
    throw new ContractViolation(ReasonCode.INVALID_OTLP, key,
        "Cannot map " + where + ": attribute " + key + " has no stringValue, boolValue, intValue, doubleValue, arrayValue, "
            + "kvlistValue or bytesValue");
  }

  /** int64 of the protobuf JSON mapping: a decimal string or a number. */
  static JsonNode int64(JsonNode v) {
    if (v.isTextual()) {
      String text = v.textValue();
      int n = text.length();
      if (n > 0 && n <= 20 && io.agentgov.contract.JsonObjectReader.isDecimalInteger(text)) {
        try {
          return NODES.numberNode(Long.parseLong(text));
        } catch (NumberFormatException overflow) {
          return v; // beyond int64: left as text for the validator to name
        }
      }
    }
    return v;
  }

  private static JsonNode array(JsonNode v, String key, String where) throws ContractViolation {
    JsonNode values = v == null ? null : v.get("values");
    ArrayNode result = NODES.arrayNode();
    if (values == null || values.isNull()) {
      return result;
    }
    if (!values.isArray()) {
      throw new ContractViolation(ReasonCode.INVALID_OTLP, key,
          "Cannot map " + where + ": attribute " + key + " arrayValue.values is a " + kind(values) + ", not a list");
    }
    for (JsonNode item : values) {
      result.add(convert(item, key, where));
    }
    return result;
  }

  private static JsonNode kvlist(JsonNode v, String key, String where) throws ContractViolation {
    JsonNode values = v == null ? null : v.get("values");
    ObjectNode result = NODES.objectNode();
    if (values == null || values.isNull()) {
      return result;
    }
    if (!values.isArray()) {
      throw new ContractViolation(ReasonCode.INVALID_OTLP, key,
          "Cannot map " + where + ": attribute " + key + " kvlistValue.values is a " + kind(values) + ", not a list");
    }
    for (JsonNode entry : values) {
      JsonNode k = entry.get("key");
      if (k == null || !k.isTextual()) {
        throw new ContractViolation(ReasonCode.INVALID_OTLP, key,
            "Cannot map " + where + ": attribute " + key + " has a kvlistValue entry without a string key");
      }
      result.set(k.textValue(), convert(entry.get("value"), key + "." + k.textValue(), where));
    }
    return result;
  }

  static JsonNode first(JsonNode object, String name, String alternative) {
    JsonNode value = object.get(name);
    return value != null ? value : object.get(alternative);
  }

  static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}

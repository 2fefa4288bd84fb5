package io.agentgov.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical JSON text of a value: object keys sorted, no whitespace, numbers as parsed. Two JSON
 * values that differ only in key order or whitespace have the same canonical text.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** SHA-256 of a text's UTF-8 bytes, hex: the content hash of canonical JSON and of source files. */
  public static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: the JVM lacks SHA-256", e); // every JRE has it
    }
  }

  public static String write(JsonNode value) {
    return sorted(value).toString();
  }

  private static JsonNode sorted(JsonNode value) {
    if (value.isObject()) {
      List<String> names = new ArrayList<>(value.size());
      value.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(value.get(name)));
      }
      return copy;
    }
    if (value.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode(value.size());
      value.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return value;
  }
}

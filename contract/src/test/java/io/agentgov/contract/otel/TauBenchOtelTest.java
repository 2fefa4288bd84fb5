package io.agentgov.contract.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.contract.otel.OtlpEventReader.Item;
import io.agentgov.contract.otel.OtlpEventReader.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader over the real tau-bench airline exports (shared data, never copied into the repo;
 * skipped when absent). Their spans are a share disjoint from the folder's JSON Lines events, so
 * the check is of shape: mapped events carry the fields every JSONL event of the folder carries,
 * only contract fields besides the producer's extras, and pass the same validator, which finds no
 * secret in them (real data without credentials: a redaction would be a false positive).
 */
class TauBenchOtelTest {
  static final Path LANDING = Path.of(System.getProperty("agentgov.tauBenchLanding",
      io.agentgov.contract.reference.TauBenchLanding.DEFAULT));

  /** Input contract v1 §1, top level. */
  static final Set<String> CONTRACT_FIELDS = Set.of("schema_version", "event_id", "event_time", "agent_id", "agent_version",
      "model", "credential", "on_behalf_of", "trace", "delegation", "action", "amount", "records_affected", "data_sensitivity",
      "reversible", "regulatory_scope", "confidence", "input_context", "policy", "oversight", "outcome", "usage", "retention");

  /** Required fields of §1 and its "Precise rules", as JSON pointers. */
  static final List<String> REQUIRED = List.of("/schema_version", "/event_id", "/event_time", "/agent_id", "/credential/id",
      "/credential/kind", "/trace/trace_id", "/trace/span_id", "/action/type", "/action/target_system", "/data_sensitivity",
      "/reversible", "/policy/checked", "/policy/decision", "/outcome/status");

  @Test
  void everyEventSpanMapsToAnEventShapedLikeTheJsonLinesEvents() throws IOException {
    Path otel = LANDING.resolve("otel");
    assumeTrue(Files.isDirectory(otel), "tau-bench data not present at " + LANDING);
    int events = 0;
    int folders = 0;
    Redactions redacted = new Redactions();
    for (Path day : list(otel)) {
      EventValidator validator = new EventValidator(LocalDate.parse(day.getFileName().toString()));
      Set<String> alwaysInJsonl = alwaysPresentFields(LANDING.resolve("events").resolve(day.getFileName()));
      for (Path file : list(day)) {
        List<Item> items = new ArrayList<>();
        try (OtlpEventReader reader = OtlpEventReader.open(() -> Files.newInputStream(file), file.getFileName().toString())) {
          for (Item item = reader.next(); item != null; item = reader.next()) {
            items.add(item);
          }
        }
        assertEquals(countEventSpans(file), items.stream().filter(i -> i.kind() == Kind.EVENT).count(), file.toString());
        assertFalse(items.stream().anyMatch(i -> i.kind() == Kind.REJECTED), file.toString());
        for (Item item : items) {
          if (item.kind() != Kind.EVENT) {
            continue;
          }
          JsonNode event = item.event();
          String where = file.getFileName() + ":" + item.line();
          for (String pointer : REQUIRED) {
            assertFalse(event.at(pointer).isMissingNode() || event.at(pointer).isNull(), where + " lacks " + pointer);
          }
          Set<String> fields = fields(event);
          assertTrue(fields.containsAll(alwaysInJsonl), where + " lacks " + difference(alwaysInJsonl, fields));
          event.fieldNames().forEachRemaining(name -> assertTrue(CONTRACT_FIELDS.contains(name)
              || name.equals(SpanMapper.OTEL_ATTRIBUTES) || name.startsWith("x_"), where + ": unexpected field " + name));
          try {
            validator.validate(event, redacted);
          } catch (ContractViolation e) {
            throw new AssertionError(where + ": " + e.reason() + " " + e.getMessage());
          }
          events++;
        }
      }
      folders++;
    }
    assertTrue(events > 0 && folders > 0);
    assertTrue(redacted.isEmpty(), "false positives of the secret scrubber: " + redacted);
  }

  /** Top-level and one-level nested field names (e.g. {@code outcome.status}) present in every JSONL event of a folder. */
  static Set<String> alwaysPresentFields(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    Set<String> common = null;
    for (Path file : list(folder)) {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        Set<String> fields = fields(OtlpEventReader.JSON.readTree(line));
        fields.retainAll(withNested(CONTRACT_FIELDS, fields));
        if (common == null) {
          common = fields;
        } else {
          common.retainAll(fields);
        }
      }
    }
    if (common == null) {
      return Set.of();
    }
    // present or not by the outcome status, which differs between the two shares
    common.removeAll(Set.of("outcome.executed_at", "outcome.error_code"));
    return common;
  }

  private static Set<String> withNested(Set<String> topLevel, Set<String> fields) {
    Set<String> result = new HashSet<>();
    for (String field : fields) {
      if (topLevel.contains(field.contains(".") ? field.substring(0, field.indexOf('.')) : field)) {
        result.add(field);
      }
    }
    return result;
  }

  static Set<String> fields(JsonNode event) {
    Set<String> fields = new TreeSet<>();
    event.fields().forEachRemaining(field -> {
      fields.add(field.getKey());
      if (field.getValue().isObject()) {
        field.getValue().fieldNames().forEachRemaining(child -> fields.add(field.getKey() + "." + child));
      }
    });
    return fields;
  }

  /** Event spans counted independently of the reader: the whole (small) file as one tree. */
  static long countEventSpans(Path file) throws IOException {
    long count = 0;
    for (JsonNode resourceSpans : OtlpEventReader.JSON.readTree(file.toFile()).get("resourceSpans")) {
      for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
        for (JsonNode span : scopeSpans.get("spans")) {
          for (JsonNode attribute : span.get("attributes")) {
            if (attribute.get("key").asText().equals("gen_ai.operation.name")
                && OtlpEventReader.EVENT_OPERATIONS.contains(attribute.at("/value/stringValue").asText())) {
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> result = new TreeSet<>(a);
    result.removeAll(b);
    return result;
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.sorted().toList();
    }
  }
}

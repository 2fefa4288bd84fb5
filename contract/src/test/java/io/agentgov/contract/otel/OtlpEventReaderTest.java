package io.agentgov.contract.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.contract.otel.OtlpEventReader.Item;
import io.agentgov.contract.otel.OtlpEventReader.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OTLP reader against hand-written exports in {@code src/test/resources/otel/}. Each input
 * {@code X.json} has a golden {@code X.expected.jsonl}: the mapped events, one a line, compared as
 * JSON trees (field order is irrelevant). {@code -Dotel.golden.update=true} rewrites the golden
 * files from the reader's output; every value in them has been checked by hand against the mapping
 * table in docs/contract.md, so review the diff of any rewrite the same way.
 */
class OtlpEventReaderTest {
  /** Every item of each input, in order: kind, ref, line, and for a rejection its reason and field. */
  static final Map<String, List<String>> ITEMS = Map.of(
      "execute-tool.json", List.of(
          "NOT_AN_EVENT resourceSpans[0].scopeSpans[0].spans[0] @39",
          "EVENT resourceSpans[0].scopeSpans[0].spans[1] @81"),
      // the two delegated invoke_agent spans wait for their ancestors and follow the root that completes them
      "invoke-agent-delegation.json", List.of(
          "NOT_AN_EVENT resourceSpans[0].scopeSpans[0].spans[1] @104",
          "NOT_AN_EVENT resourceSpans[0].scopeSpans[0].spans[3] @183",
          "EVENT resourceSpans[0].scopeSpans[0].spans[4] @206",
          "EVENT resourceSpans[0].scopeSpans[0].spans[0] @21",
          "EVENT resourceSpans[0].scopeSpans[0].spans[2] @127",
          "EVENT resourceSpans[0].scopeSpans[0].spans[5] @255"),
      "defaults-and-errors.json", List.of(
          "EVENT resourceSpans[0].scopeSpans[0].spans[0] @33",
          "EVENT resourceSpans[0].scopeSpans[0].spans[1] @131",
          "EVENT resourceSpans[0].scopeSpans[0].spans[2] @212"),
      "concatenated-exports.json", List.of(
          "EVENT resourceSpans[0].scopeSpans[0].spans[0] @1",
          "EVENT [1].resourceSpans[0].scopeSpans[0].spans[0] @2"),
      "any-values.json", List.of(
          "EVENT resourceSpans[0].scopeSpans[0].spans[0] @14"),
      "broken-spans.json", List.of(
          "REJECTED resourceSpans[0].scopeSpans[0].spans[0] @21 invalid_otlp",
          "REJECTED resourceSpans[0].scopeSpans[0].spans[1] @22 invalid_id traceId",
          "REJECTED resourceSpans[0].scopeSpans[0].spans[2] @53 invalid_id spanId",
          "REJECTED resourceSpans[0].scopeSpans[0].spans[3] @84 invalid_timestamp startTimeUnixNano",
          "REJECTED resourceSpans[0].scopeSpans[0].spans[4] @115 invalid_otlp attributes[1]",
          "REJECTED resourceSpans[0].scopeSpans[0].spans[5] @139 invalid_otlp agentgov.event_id",
          "NOT_AN_EVENT resourceSpans[0].scopeSpans[0].spans[6] @164",
          "EVENT resourceSpans[0].scopeSpans[0].spans[7] @183"),
      "truncated.json", List.of(
          "EVENT resourceSpans[0].scopeSpans[0].spans[0] @10",
          "REJECTED null @49 invalid_json"),
      "not-json.json", List.of("REJECTED null @1 invalid_json"),
      "not-otlp.json", List.of("REJECTED null @1 invalid_otlp"));

  static List<String> inputs() {
    return ITEMS.keySet().stream().sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void mapsEveryInputAsItsGoldenFileSays(String input) throws IOException {
    List<Item> items = readAll(input);
    assertEquals(ITEMS.get(input), items.stream().map(OtlpEventReaderTest::describe).toList(), input);

    List<ObjectNode> events = items.stream().filter(i -> i.kind() == Kind.EVENT).map(Item::event).toList();
    String golden = input.replace(".json", ".expected.jsonl");
    if (Boolean.getBoolean("otel.golden.update")) {
      StringBuilder text = new StringBuilder();
      for (ObjectNode event : events) {
        text.append(OtlpEventReader.JSON.writeValueAsString(event)).append('\n');
      }
      Files.writeString(Path.of("src/test/resources/otel", golden), text);
    }
    List<JsonNode> expected = new ArrayList<>();
    try (InputStream in = resource(golden).open()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          expected.add(OtlpEventReader.JSON.readTree(line));
        }
      }
    }
    assertEquals(expected.size(), events.size(), golden);
    for (int i = 0; i < events.size(); i++) {
      // through text, so 1604 read as an int and mapped as a long compare equal
      JsonNode actual = OtlpEventReader.JSON.readTree(OtlpEventReader.JSON.writeValueAsString(events.get(i)));
      assertEquals(expected.get(i), actual, golden + " line " + (i + 1));
    }
    List<JsonNode> documents = documents(input);
    for (Item item : items) {
      if (item.kind() != Kind.NOT_AN_EVENT) {
        assertNotNull(item.rawText(), "raw text of " + describe(item));
      }
      if (item.kind() != Kind.NOT_AN_EVENT && item.ref() != null && documents != null) {
        // cut from the input bytes: the same JSON as the span read independently, on one line
        assertEquals(at(documents, item.ref()), OtlpEventReader.JSON.readTree(item.rawText()), describe(item));
        assertFalse(item.rawText().contains("\n"), describe(item));
      }
    }
  }

  @Test
  void rawTextKeepsStringsAsWrittenAndSkipsAByteOrderMark() throws IOException {
    String span = "{\n  \"traceId\" : \"4bf92f3577b34da6a3ce929d0e0e4736\",\n  \"spanId\": \"00f067aa0ba902b7\",\n"
        + "  \"attributes\": [ {\"key\": \"gen_ai.operation.name\", \"value\": {\"stringValue\": \"execute_tool\"}},\n"
        + "    {\"key\": \"agentgov.input_context.summary\", \"value\": {\"stringValue\": \"said \\\"hi\\\"  \\n twice, caf\u00e9\"}} ]\n}";
    String text = "\uFEFF{\"resourceSpans\": [ {\"resource\": {}, \"scopeSpans\": [ {\"spans\": [\n" + span + "\n]}]}]}";
    try (OtlpEventReader reader = OtlpEventReader.open(bytes(text), "bom.json")) {
      Item item = reader.next();
      assertEquals(Kind.EVENT, item.kind(), String.valueOf(item.violation()));
      assertEquals(2, item.line());
      assertEquals("said \"hi\"  \n twice, caf\u00e9", item.event().at("/input_context/summary").asText());
      assertEquals(OtlpEventReader.JSON.readTree(span), OtlpEventReader.JSON.readTree(item.rawText()));
      assertTrue(item.rawText().contains("said \\\"hi\\\"  \\n twice"), item.rawText());
      assertTrue(item.rawText().startsWith("{\"traceId\":\"4bf9"), item.rawText());
    }
  }

  @Test
  void readsAFileInUtf16ThroughTheTreeInstead() throws IOException {
    String text = new String(resource("concatenated-exports.json").open().readAllBytes(), StandardCharsets.UTF_8);
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    List<Item> items = new ArrayList<>();
    try (OtlpEventReader reader = OtlpEventReader.open(() -> new ByteArrayInputStream(utf16), "utf16.json")) {
      for (Item item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
      }
    }
    assertEquals(2, items.size());
    assertEquals("agt-hr-access", items.get(1).event().get("agent_id").asText());
    assertEquals(OtlpEventReader.JSON.readTree(text.split("\n")[0]).at("/resourceSpans/0/scopeSpans/0/spans/0"),
        OtlpEventReader.JSON.readTree(items.get(0).rawText()));
  }

  @Test
  void readsALargeExportFast() throws IOException {
    Path file = Files.createTempFile("otlp-throughput", ".json");
    try {
      OtlpReaderBenchmark.write(file, 60_000, true);
      OtlpReaderBenchmark.Result result = OtlpReaderBenchmark.run(file, 2);
      System.out.println("OtlpEventReader: " + result);
      assertEquals(60_000, result.spans());
      assertEquals(0, result.rejected());
      // only against a pathological slowdown: ~100k spans/s on an idle core (OtlpReaderBenchmark), far
      // less in a short test on a loaded build machine
      assertTrue(result.spansPerSecond() > 5_000, result.toString());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void completeSpanMapsToAnEventTheValidatorAccepts() throws Exception {
    Item item = readAll("execute-tool.json").get(1);
    new EventValidator(LocalDate.parse("2026-05-07")).validate(item.event(), new Redactions());
    assertEquals(OtlpEventReader.JSON.readTree(item.rawText()).get("spanId").asText(), item.spanId());
  }

  @Test
  void invokeAgentNamesTheDelegatingAgentFromAParentLaterInTheFile() throws IOException {
    AtomicInteger opens = new AtomicInteger();
    Map<String, ObjectNode> events = new java.util.HashMap<>();
    for (Item item : readAll("invoke-agent-delegation.json", opens)) {
      if (item.kind() == Kind.EVENT) {
        events.put(item.spanId(), item.event());
      }
    }
    ObjectNode payments = events.get("53995c3f42cd8ad8");
    assertEquals("agt-payments", payments.get("agent_id").asText());
    // the parent is an HTTP span with no agent; its parent is the travel booker, invoked by the concierge
    assertEquals("agt-travel-booker", payments.at("/delegation/parent_agent_id").asText());
    assertEquals(2, payments.at("/delegation/depth").asInt());
    ObjectNode booker = events.get("00f067aa0ba902b7");
    assertEquals("agt-concierge", booker.at("/delegation/parent_agent_id").asText());
    assertEquals(1, booker.at("/delegation/depth").asInt());
    assertEquals("create", booker.at("/delegation/granted_permissions/0/action_type").asText(), "JSON text in a string attribute");
    assertTrue(events.get("9a1b2c3d4e5f6071").at("/delegation").isMissingNode(), "a root invoke_agent span delegates nothing");
    ObjectNode legacy = events.get("6e0c63257de34c92");
    assertEquals("agt-fare-router", legacy.at("/delegation/parent_agent_id").asText(), "agentgov.* wins");
    assertEquals(3, legacy.at("/delegation/depth").asInt());
    assertEquals(1, opens.get(), "the items waited for their ancestors: one pass");
  }

  @Test
  void readsTwiceOnlyWhenAResourceFollowsItsSpans() throws IOException {
    AtomicInteger opens = new AtomicInteger();
    readAll("execute-tool.json", opens);
    assertEquals(1, opens.get());
    opens.set(0);
    readAll("concatenated-exports.json", opens);
    assertEquals(2, opens.get());
  }

  /**
   * Many invoke_agent spans listed before their parents: up to the limit they wait, beyond it the
   * file is read a second time; both ways give the same events, all of them, each once.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {50, 12_000})
  void delegationIsTheSameWhetherItemsWaitOrTheFileIsReadTwice(int children) throws IOException {
    StringBuilder text = new StringBuilder("{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"spans\":[\n");
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    for (int i = 0; i < children; i++) {
      text.append(String.format("{\"traceId\":\"%s\",\"spanId\":\"%016x\",\"parentSpanId\":\"%016x\",\"startTimeUnixNano\":\"1778146983000000000\","
          + "\"attributes\":[{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"invoke_agent\"}},"
          + "{\"key\":\"gen_ai.agent.id\",\"value\":{\"stringValue\":\"agt-sub-%d\"}}]},%n", trace, 0x10000L + i, 1 + i % 7, i % 3));
    }
    for (int parent = 1; parent <= 7; parent++) { // roots, after all their children
      text.append(String.format("{\"traceId\":\"%s\",\"spanId\":\"%016x\",\"attributes\":[{\"key\":\"gen_ai.agent.id\","
          + "\"value\":{\"stringValue\":\"agt-lead-%d\"}}]}%s%n", trace, parent, parent, parent < 7 ? "," : ""));
    }
    text.append("]}]}]}");
    AtomicInteger opens = new AtomicInteger();
    OtlpEventReader.Source source = bytes(text.toString());
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (OtlpEventReader reader = OtlpEventReader.open(() -> {
      opens.incrementAndGet();
      return source.open();
    }, "many.json")) {
      for (Item item = reader.next(); item != null; item = reader.next()) {
        if (item.kind() == Kind.EVENT) {
          int i = Integer.parseInt(item.spanId(), 16) - 0x10000;
          assertEquals("agt-lead-" + (1 + i % 7), item.event().at("/delegation/parent_agent_id").asText(), item.spanId());
          assertEquals(1, item.event().at("/delegation/depth").asInt());
          assertTrue(seen.add(item.spanId()), "once: " + item.spanId());
        }
      }
    }
    assertEquals(children, seen.size());
    assertEquals(children > 10_000 ? 2 : 1, opens.get());
  }

  @Test
  void fillsDefaultsFromTheSpanAndTheResource() throws IOException {
    List<Item> items = readAll("defaults-and-errors.json");
    ObjectNode failed = items.get(0).event();
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7", failed.get("event_id").asText());
    assertEquals("1", failed.get("schema_version").asText(), "from the resource");
    assertEquals("agt-billing-assist", failed.get("agent_id").asText(), "from the resource");
    assertEquals("failure", failed.at("/outcome/status").asText());
    assertEquals("upstream timeout after 9s", failed.at("/outcome/error_code").asText());
    assertTrue(failed.at("/outcome/executed_at").isMissingNode());
    assertEquals(9000, failed.at("/usage/latency_ms").asLong());
    assertEquals("2026-05-07T10:15:00Z", failed.get("event_time").asText());

    ObjectNode partial = items.get(1).event();
    assertEquals("partial", partial.at("/outcome/status").asText());
    assertEquals("rate_limited", partial.at("/outcome/error_code").asText(), "error.type before status.message");
    assertEquals("2026-05-07T10:15:02.500Z", partial.at("/outcome/executed_at").asText());
    assertEquals("gpt-4.1-2025-04-14", partial.at("/model/name").asText());
    assertEquals("gpt-4.1", partial.at("/otel_attributes/gen_ai.request.model").asText(), "an unused GenAI value is kept");

    ObjectNode base64 = items.get(2).event();
    assertEquals("5b8efff798038103d269b633813fc60c", base64.at("/trace/trace_id").asText());
    assertEquals("eee19b7ec3c1b173", base64.at("/trace/span_id").asText());
    assertTrue(base64.at("/trace/parent_span_id").isNull());
    assertEquals("2", base64.get("schema_version").asText(), "the span's value wins over the resource's");
  }

  @Test
  void rejectsWhatIsNotJsonOrNotOtlpAndStops() throws IOException {
    try (OtlpEventReader reader = OtlpEventReader.open(resource("not-json.json"), "not-json.json")) {
      Item item = reader.next();
      assertEquals(ReasonCode.INVALID_JSON, item.violation().reason());
      assertTrue(item.violation().getMessage().contains("not-json.json"), item.violation().getMessage());
      assertEquals("traceId,spanId,name", item.rawText());
      assertNull(reader.next());
      assertNull(reader.next());
    }
    for (String text : List.of("[1, 2]", "{}", "{\"resourceSpans\": {}}", "\"resourceSpans\"")) {
      try (OtlpEventReader reader = OtlpEventReader.open(bytes(text), "x.json")) {
        assertEquals(ReasonCode.INVALID_OTLP, reader.next().violation().reason(), text);
        assertNull(reader.next(), text);
      }
    }
    try (OtlpEventReader reader = OtlpEventReader.open(bytes(" \n"), "empty.json")) {
      assertNull(reader.next(), "an empty file holds no spans");
    }
  }

  @Test
  void rejectsANonObjectEntryAndReadsOn() throws IOException {
    String text = "{\"resourceSpans\": [7, {\"scopeSpans\": [null, {\"spans\": []}]}, {\"scopeSpans\": \"x\"}]}";
    List<String> seen = new ArrayList<>();
    try (OtlpEventReader reader = OtlpEventReader.open(bytes(text), "x.json")) {
      for (Item item = reader.next(); item != null; item = reader.next()) {
        seen.add(describe(item));
      }
    }
    assertEquals(List.of("REJECTED resourceSpans[0] @1 invalid_otlp", "REJECTED resourceSpans[1].scopeSpans[0] @1 invalid_otlp",
        "REJECTED resourceSpans[2].scopeSpans @1 invalid_otlp"), seen);
  }

  @Test
  void namesTheAttributeBehindAContractField() {
    assertEquals("agentgov.credential.id", OtlpEventReader.attributeFor("credential.id"));
    assertEquals("agentgov.policy.tier", OtlpEventReader.attributeFor("policy.tier"));
    assertEquals("gen_ai.agent.id", OtlpEventReader.attributeFor("agent_id"));
    assertEquals("gen_ai.usage.input_tokens", OtlpEventReader.attributeFor("usage.input_tokens"));
    assertEquals("traceId", OtlpEventReader.attributeFor("trace.trace_id"));
    assertEquals("startTimeUnixNano", OtlpEventReader.attributeFor("event_time"));
    assertEquals("agentgov.delegation.granted_permissions[0].action_type",
        OtlpEventReader.attributeFor("delegation.granted_permissions[0].action_type"));
    assertEquals("service.name", OtlpEventReader.attributeFor("otel_attributes.service.name"));
    assertNull(OtlpEventReader.attributeFor(null));
  }

  @Test
  void normalisesIdsAndTimes() {
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", SpanMapper.normalizeId("4BF92F3577B34DA6A3CE929D0E0E4736", 16));
    assertEquals("eee19b7ec3c1b174", SpanMapper.normalizeId("7uGbfsPBsXQ=", 8));
    assertEquals("eee19b7ec3c1b174", SpanMapper.normalizeId("7uGbfsPBsXQ", 8), "unpadded base64");
    assertNull(SpanMapper.normalizeId("00000000000000000000000000000000", 16), "all zero is invalid");
    assertNull(SpanMapper.normalizeId("eee19b7ec3c1b17", 8));
    assertNull(SpanMapper.normalizeId("eee19b7ec3c1b17g", 8));
    assertNull(SpanMapper.normalizeId("W47/95gDgQPSabYzgT/GDA==", 8), "16 bytes is no span id");
    assertEquals("2026-05-07T09:43:03.123456789Z", SpanMapper.time(1778146983123456789L));
    assertEquals("2026-05-07T09:43:04.480Z", SpanMapper.time(1778146984480000000L));
    assertEquals("2026-05-07T09:43:04Z", SpanMapper.time(1778146984000000000L));
  }

  // ---------------------------------------------------------------- helpers

  /** Every export object of a test input, read whole with plain Jackson; null when it is not JSON. */
  static List<JsonNode> documents(String name) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (InputStream in = resource(name).open();
         com.fasterxml.jackson.databind.MappingIterator<JsonNode> values = OtlpEventReader.JSON.readerFor(JsonNode.class).readValues(in)) {
      while (values.hasNext()) {
        documents.add(values.next());
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException notJson) {
      return null; // MappingIterator.hasNext wraps a syntax error in a RuntimeException
    }
    return documents;
  }

  /** The node a ref names, e.g. {@code [1].resourceSpans[0].scopeSpans[2].spans[7]}. */
  static JsonNode at(List<JsonNode> documents, String ref) {
    int document = 0;
    if (ref.startsWith("[")) {
      document = Integer.parseInt(ref.substring(1, ref.indexOf(']')));
      ref = ref.substring(ref.indexOf('.') + 1);
    }
    return documents.get(document).at("/" + ref.replace("[", "/").replace("]", "").replace(".", "/"));
  }

  static String describe(Item item) {
    String text = item.kind() + " " + item.ref() + " @" + item.line();
    if (item.violation() != null) {
      text += " " + item.violation().reason().code() + (item.violation().field() != null ? " " + item.violation().field() : "");
    }
    return text;
  }

  static List<Item> readAll(String name) throws IOException {
    return readAll(name, new AtomicInteger());
  }

  static List<Item> readAll(String name, AtomicInteger opens) throws IOException {
    OtlpEventReader.Source source = resource(name);
    List<Item> items = new ArrayList<>();
    try (OtlpEventReader reader = OtlpEventReader.open(() -> {
      opens.incrementAndGet();
      return source.open();
    }, name)) {
      for (Item item = reader.next(); item != null; item = reader.next()) {
        items.add(item);
      }
    }
    return items;
  }

  static OtlpEventReader.Source resource(String name) {
    return () -> {
      InputStream in = OtlpEventReaderTest.class.getResourceAsStream("/otel/" + name);
      if (in == null) {
        throw new IOException("no test resource otel/" + name);
      }
      return in;
    };
  }

  static OtlpEventReader.Source bytes(String text) {
    return () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}

package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.maintenance.MaintainJob;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest rules of input contract v1 on a hand-written landing folder (not the generator's
 * output): every quarantine reason, duplicates and conflicts within a batch and against stored
 * days, late events, extras, secrets redacted before hashing, corrupt files, SCD2 history, reviews,
 * policies, reconciliation and idempotent re-runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestRulesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final LocalDate DAY1 = LocalDate.of(2026, 5, 4);
  static final LocalDate DAY2 = LocalDate.of(2026, 5, 5);

  @TempDir
  static Path landing;
  static Lakehouse lake;
  static IngestResult first;
  static IngestResult second;

  static ObjectNode event(String id) throws IOException {
    return (ObjectNode) JSON.readTree("""
        {"schema_version": "1", "event_id": "%s", "event_time": "2026-05-04T09:15:00.123456789+02:00",
         "agent_id": "ag-pay-1", "agent_version": "3.1", "model": {"provider": "acme", "name": "m1", "version": "7"},
         "credential": {"id": "cred-1", "kind": "ephemeral_token"}, "on_behalf_of": "p-1",
         "trace": {"trace_id": "4BF92F3577B34DA6A3CE929D0E0E4736", "span_id": "00f067aa0ba902b7", "session_id": "s-1"},
         "action": {"type": "payment", "tool": "pay", "target_system": "ledger", "target_resource": "inv/1"},
         "amount": {"value": "200.50", "currency": "EUR"}, "records_affected": "3",
         "data_sensitivity": "confidential", "reversible": true, "regulatory_scope": ["sox"], "confidence": 0.93,
         "policy": {"checked": true, "decision": "allow", "rule_id": "amount-500", "policy_version": "2026.1", "tier": 2},
         "oversight": {"mode": "on_the_loop", "sla_seconds": 600},
         "outcome": {"status": "success", "executed_at": "2026-05-04T07:15:01Z"},
         "usage": {"input_tokens": 1200, "output_tokens": 80, "latency_ms": 900},
         "retention": {"class": "audit", "retain_until": "2033-05-04"}}
        """.formatted(id));
  }

  /** An event whose producer left an AWS key in the summary and a credential in an unknown field. */
  static ObjectNode withSecrets(String id, String awsKey) throws IOException {
    ObjectNode e = event(id);
    e.putObject("input_context").put("digest", "ab12").put("summary", "customer pasted " + awsKey + " into the chat");
    e.set("x_headers", JSON.readTree("{\"authorization\": \"Basic dXNlcjpwYXNz\", \"accept\": \"json\"}"));
    return e;
  }

  static String line(ObjectNode node) {
    return node.toString();
  }

  /** The same JSON value with keys in reverse order and extra whitespace. */
  static String reordered(ObjectNode node) throws IOException {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    StringBuilder out = new StringBuilder("{ ");
    for (int i = names.size() - 1; i >= 0; i--) {
      out.append('"').append(names.get(i)).append("\" :  ").append(JSON.writeValueAsString(node.get(names.get(i))));
      out.append(i > 0 ? ",  " : " }");
    }
    return out.toString();
  }

  static void write(String relative, List<String> lines) throws IOException {
    Path file = landing.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  @BeforeAll
  static void land() throws IOException {
    List<String> day1 = new ArrayList<>();
    day1.add(line(event("e1")));
    day1.add(line(event("e2")));
    day1.add(reordered(event("e2")));                                             // duplicate
    day1.add(line(event("e3")));
    day1.add(line((ObjectNode) event("e3").set("outcome", JSON.readTree(
        "{\"status\": \"failure\", \"error_code\": \"E42\"}"))));                  // conflict in batch (both)
    day1.add("{not json");                                                         // invalid_json
    day1.add("[1, 2]");                                                            // not_an_object
    day1.add(line(event("e4").put("schema_version", "2")));                        // unsupported_schema_version
    ObjectNode noCredential = event("e5");
    noCredential.remove("credential");
    day1.add(line(noCredential));                                                  // missing_field
    day1.add(line(event("e6").put("reversible", "yes")));                          // wrong_type
    ObjectNode badAction = event("e7");
    ((ObjectNode) badAction.get("action")).put("type", "launch");
    day1.add(line(badAction));                                                     // invalid_value
    day1.add(line(event("e8").put("confidence", 1.7)));                            // out_of_range
    day1.add(line(event("e9").put("event_time", "yesterday")));                    // invalid_timestamp
    ObjectNode badTrace = event("e10");
    ((ObjectNode) badTrace.get("trace")).put("trace_id", "xyz");
    day1.add(line(badTrace));                                                      // invalid_id
    day1.add(line(event("e11").put("event_time", "2026-06-30T00:00:00Z")));        // inconsistent (future)
    ObjectNode noExecuted = event("e12");
    ((ObjectNode) noExecuted.get("outcome")).remove("executed_at");
    day1.add(line(noExecuted));                                                    // missing_field (conditional)
    day1.add(line(event("e13")).replaceFirst("\"agent_id\"", "\"agent_id\":\"x\",\"agent_id\""));  // duplicate key
    day1.add(line(event("late1").put("event_time", "2026-05-01T23:59:59Z")));      // late: own event day
    day1.add("   ");                                                               // blank: not a record
    day1.add(line(event("x1").put("x_vendor_note", "kept").set("x_vendor", JSON.readTree("{\"b\": 2, \"a\": 1}"))));
    day1.add(line(event("big").put("x_blob", "z".repeat(IngestJob.Options.DEFAULT_MAX_LINE_BYTES))));  // line_too_long
    day1.add(line(withSecrets("s1", "AKIAIOSFODNN7EXAMPLE")));                   // stored with secrets redacted
    write("events/" + DAY1 + "/a.jsonl", day1);
    // OTel: one agent action, one chat span (not an event), and a file that is not OTLP at all
    write("otel/" + DAY1 + "/spans.json", List.of("""
        {"resourceSpans": [{"resource": {"attributes": [{"key": "gen_ai.agent.id", "value": {"stringValue": "ag-otel-1"}}]},
         "scopeSpans": [{"spans": [
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174", "name": "execute_tool lookup",
           "startTimeUnixNano": "1777885200000000000", "endTimeUnixNano": "1777885200250000000",
           "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "execute_tool"}},
            {"key": "gen_ai.tool.name", "value": {"stringValue": "lookup"}},
            {"key": "agentgov.event_id", "value": {"stringValue": "otel-1"}},
            {"key": "agentgov.credential.id", "value": {"stringValue": "cred-9"}},
            {"key": "agentgov.credential.kind", "value": {"stringValue": "agent_token"}},
            {"key": "agentgov.action.type", "value": {"stringValue": "read"}},
            {"key": "agentgov.action.target_system", "value": {"stringValue": "crm"}},
            {"key": "agentgov.data_sensitivity", "value": {"stringValue": "internal"}},
            {"key": "agentgov.reversible", "value": {"boolValue": true}},
            {"key": "agentgov.policy.checked", "value": {"boolValue": true}},
            {"key": "agentgov.policy.decision", "value": {"stringValue": "allow"}},
            {"key": "agentgov.policy.tier", "value": {"intValue": "1"}}]},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "aaa19b7ec3c1b174", "name": "chat m1",
           "startTimeUnixNano": "1777885200000000000", "endTimeUnixNano": "1777885200100000000",
           "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}}]}]}]}]}
        """));
    write("otel/" + DAY1 + "/not-otlp.json", List.of("{\"data\": [{\"traceID\": \"abc\"}]}"));
    Files.write(landing.resolve("otel/" + DAY1 + "/garbled.json.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));
    write("events/" + DAY1 + "/notes.txt", List.of("not a contract file"));

    // a gzip file cut off in the middle: its complete first lines count, the rest is one corrupt record
    byte[] gz = gzip(line(event("g1")) + "\n" + line(event("g2")) + "\n" + line(event("g3")) + "\n");
    Path cut = landing.resolve("events/" + DAY1 + "/b.jsonl.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz, gz.length - 40));

    write("registry/" + DAY1 + ".jsonl", List.of(
        "{\"agent_id\": \"ag-pay-1\", \"status\": \"active\", \"owner_id\": \"p-1\", \"business_unit\": \"finance\"}",
        "{\"agent_id\": \"ag-old\", \"status\": \"active\", \"owner_id\": \"p-2\"}"));
    write("people/" + DAY1 + ".jsonl", List.of("{\"person_id\": \"p-1\", \"status\": \"active\"}"));
    write("reviews/" + DAY1 + "/r.jsonl", List.of(
        "{\"review_id\": \"r1\", \"event_id\": \"e1\", \"reviewer_id\": \"p-9\", \"reviewed_at\": \"2026-05-04T10:00:00Z\","
            + " \"verdict\": \"correct\", \"sample_design\": \"random\", \"inclusion_probability\": 0.1}",
        "{\"review_id\": \"r2\", \"event_id\": \"e2\", \"reviewer_id\": \"p-9\", \"reviewed_at\": \"2026-05-04T10:00:00Z\","
            + " \"verdict\": \"overturned\", \"sample_design\": \"targeted\", \"inclusion_probability\": 0.5}"));
    Files.createDirectories(landing.resolve("policies"));
    try (var in = IngestRulesTest.class.getResourceAsStream("/io/agentgov/contract/default-policy.yaml")) {
      Files.write(landing.resolve("policies/default-2026.1.yaml"), in.readAllBytes());
    }

    write("events/" + DAY2 + "/c.jsonl", List.of(
        reordered(event("e1")),                                                   // duplicate of a stored event
        line(event("e2").put("confidence", 0.11)),                                 // conflict with the stored copy
        line(withSecrets("s1", "AKIAI44QH8DHBEXAMPLE"))));                       // differs only in a secret: duplicate
    write("registry/" + DAY2 + ".jsonl", List.of(
        "{\"agent_id\": \"ag-pay-1\", \"status\": \"active\", \"owner_id\": \"p-3\", \"business_unit\": \"finance\"}",
        "{\"agent_id\": \"ag-new\", \"status\": \"proposed\"}"));
    write("people/" + DAY2 + ".jsonl", List.of(
        "{\"person_id\": \"p-1\", \"status\": \"departed\", \"departed_at\": \"2026-05-05T00:00:00Z\"}"));

    lake = SharedSpark.lakehouse("rules");
    first = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY1)).run();
    second = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY2)).run();
  }

  static byte[] gzip(String text) throws IOException {
    var bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  @Order(1)
  void everyQuarantineReasonIsNamedAndCountsReconcile() {
    Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("conflicting_duplicate", 2L), Map.entry("invalid_json", 2L), Map.entry("not_an_object", 1L),
        Map.entry("unsupported_schema_version", 1L), Map.entry("missing_field", 2L), Map.entry("wrong_type", 1L),
        Map.entry("invalid_value", 1L), Map.entry("out_of_range", 1L), Map.entry("invalid_timestamp", 1L),
        Map.entry("invalid_id", 1L), Map.entry("inconsistent", 1L), Map.entry("corrupt_file", 2L),
        Map.entry("line_too_long", 1L), Map.entry("invalid_otlp", 1L)));
    assertEquals(expected, first.quarantinedByReason(), first.summary());
    // 21 non-blank lines in a.jsonl, 1 OTel event span, 1 non-OTLP file, 1 garbled OTel gzip, plus
    // the cut gzip file's readable lines and its corrupt tail
    long gzipRecords = first.recordsRead() - 24;
    assertTrue(gzipRecords >= 1 && gzipRecords <= 3, first.summary());
    assertTrue(first.reconciles(), first.summary());
    assertEquals(1, first.duplicates());
    // e1, e2, late1, x1, s1 from a.jsonl, otel-1, plus whatever complete lines the cut gzip still gave
    assertEquals(6 + (gzipRecords - 1), first.eventsStored(), first.summary());
    assertEquals(1, first.otelSpansNotEvents(), "the chat span is counted, not stored");
    assertEquals(1, first.lateEvents());
    assertEquals(1, first.referenceCounts().get("unsupported_files"));

    List<Row> rows = lake.read(Tables.QUARANTINE).filter(col("landing_date").equalTo(DAY1)).collectAsList();
    for (Row q : rows) {
      String message = q.getAs("reason_message");
      assertTrue(message.startsWith(q.<String>getAs("source_file")), "message names the file: " + message);
    }
    Row wrongType = rows.stream().filter(q -> q.getAs("reason_code").equals("wrong_type")).findFirst().orElseThrow();
    assertEquals("reversible", wrongType.getAs("field"));
    assertEquals(10L, (long) wrongType.<Long>getAs("line_number"));
    String wrongTypeMessage = wrongType.getAs("reason_message");
    assertTrue(wrongTypeMessage.startsWith("events/2026-05-04/a.jsonl:10: reversible must be"), wrongTypeMessage);
    assertTrue(wrongType.<String>getAs("raw_text").contains("\"e6\""));
    Row duplicateKey = rows.stream().filter(q -> q.<String>getAs("raw_text").contains("\"e13\"")).findFirst().orElseThrow();
    assertEquals("invalid_json", duplicateKey.getAs("reason_code"));
    assertTrue(duplicateKey.<String>getAs("reason_message").endsWith(": not valid JSON: Duplicate field 'agent_id'"),
        duplicateKey.<String>getAs("reason_message"));
  }

  @Test
  @Order(2)
  void storedEventsAreNormalisedAndKeepUnknownFields() {
    Row e1 = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("e1")).first();
    assertEquals(java.time.Instant.parse("2026-05-04T07:15:00.123456Z"), e1.getAs("event_time"), "UTC, microseconds");
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", e1.<Row>getAs("trace").getAs("trace_id"));
    assertEquals(3L, (long) e1.<Long>getAs("records_affected"), "integer sent as a string");
    assertEquals(new java.math.BigDecimal("200.500000000"), e1.<Row>getAs("amount").getAs("value"));
    Row x1 = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("x1")).first();
    scala.collection.Map<String, String> extras = x1.getAs("extras");
    assertEquals("{\"a\":1,\"b\":2}", extras.apply("x_vendor"));
    assertEquals("\"kept\"", extras.apply("x_vendor_note"));
    Row late = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("late1")).first();
    assertEquals(LocalDate.of(2026, 5, 1), late.getAs("event_date"));
    assertEquals(DAY1, late.getAs("landing_date"));
    assertEquals(0, lake.read(Tables.EVENTS).filter(col("event_id").equalTo("e3")).count(), "conflicting copies both quarantined");
    Row otel = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("otel-1")).first();
    assertEquals("ag-otel-1", otel.getAs("agent_id"), "agent from the resource attributes");
    assertEquals("otel", otel.getAs("source_format"));
    assertEquals(250L, (long) otel.<Row>getAs("usage").<Long>getAs("latency_ms"), "end - start");
    Row tooLong = lake.read(Tables.QUARANTINE).filter(col("reason_code").equalTo("line_too_long")).first();
    assertTrue(tooLong.<Boolean>getAs("raw_truncated"), "a huge raw line is kept truncated");
  }

  @Test
  @Order(3)
  void secretsAreRedactedBeforeTheHashSoARedeliveryIsStillADuplicate() {
    Row s1 = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("s1")).first();
    assertEquals("customer pasted [REDACTED:aws_access_key] into the chat", s1.<Row>getAs("input_context").getAs("summary"));
    scala.collection.Map<String, String> extras = s1.getAs("extras");
    assertEquals("{\"accept\":\"json\",\"authorization\":\"[REDACTED:secret_field]\"}", extras.apply("x_headers"));
    Map<String, Long> redacted = Map.of("aws_access_key", 1L, "secret_field", 1L);
    assertEquals(redacted, first.secretsRedacted(), first.summary());
    assertEquals(redacted, second.secretsRedacted(), "a re-delivery is read, so counted: " + second.summary());
    Row run = lake.read(Tables.INGEST_RUNS).filter(col("run_id").equalTo(first.runId())).first();
    assertEquals(redacted, scala.collection.JavaConverters.mapAsJavaMap(run.<scala.collection.Map<String, Long>>getAs(
        "secrets_redacted")));
    // The day-2 copy carries another key: once redacted it is the same event, so a duplicate (counted
    // in duplicatesAndConflictsAgainstStoredDays), not a conflict; the stored row's hash is checked
    // with every other in eventHashesAndDayDigestsRecomputeFromStoredRows.
    assertEquals(1, lake.read(Tables.EVENTS).filter(col("event_id").equalTo("s1")).count());
  }

  @Test
  @Order(4)
  void duplicatesAndConflictsAgainstStoredDays() {
    assertEquals(2, second.duplicates(), "e1 and s1: " + second.summary());
    assertEquals(Map.of("conflicting_duplicate", 1L), second.quarantinedByReason());
    assertEquals(0, second.eventsStored());
    Row e2 = lake.read(Tables.EVENTS).filter(col("event_id").equalTo("e2")).first();
    assertEquals(0.93, e2.<Double>getAs("confidence"), "the first stored copy stays");
    assertEquals(1, lake.read(Tables.EVENTS).filter(col("event_id").equalTo("e2")).count());
  }

  @Test
  @Order(5)
  void eventHashesAndDayDigestsRecomputeFromStoredRows() {
    for (Row row : lake.read(Tables.EVENTS).collectAsList()) {
      assertEquals(row.getAs("event_hash"), EventDigest.hash(row), "hash of the row as read back: " + row.getAs("event_id"));
    }
    List<LocalDate> days = List.of(DAY1, LocalDate.of(2026, 5, 1));
    Map<LocalDate, DayDigests.Digest> recomputed = DayDigests.roots(lake.read(Tables.EVENTS), days);
    for (LocalDate day : days) {
      Row stored = lake.read(Tables.EVENT_DAY_DIGESTS).filter(col("event_date").equalTo(day))
          .orderBy(col("computed_at").desc()).first();
      assertEquals(stored.getAs("merkle_root"), recomputed.get(day).root(), "digest of " + day);
      assertEquals((long) stored.<Long>getAs("row_count"), recomputed.get(day).rows());
      assertEquals(DigestByHand.root(lake, day), recomputed.get(day).root(), "Spark's digest of " + day + " is the documented tree");
    }
  }

  @Test
  @Order(6)
  void registryAndPeopleKeepScd2History() {
    List<Row> versions = lake.read(Tables.AGENTS).orderBy("agent_id", "valid_from").collectAsList();
    assertEquals(4, versions.size(), versions.toString());
    Row oldPay = versions.stream().filter(r -> r.getAs("agent_id").equals("ag-pay-1") && r.getAs("valid_from").equals(DAY1))
        .findFirst().orElseThrow();
    assertEquals(DAY2, oldPay.getAs("valid_to"));
    assertFalse(oldPay.<Boolean>getAs("is_current"));
    Row vanished = versions.stream().filter(r -> r.getAs("agent_id").equals("ag-old")).findFirst().orElseThrow();
    assertEquals(DAY2, vanished.getAs("valid_to"), "an agent absent from the snapshot is closed");
    long currentPay = lake.read(Tables.AGENTS).filter("agent_id = 'ag-pay-1' AND is_current").count();
    assertEquals(1, currentPay);
    assertEquals("p-3", lake.read(Tables.AGENTS).filter("agent_id = 'ag-pay-1' AND is_current").first().getAs("owner_id"));
    Row departed = lake.read(Tables.PEOPLE).filter("person_id = 'p-1' AND is_current").first();
    assertEquals("departed", departed.getAs("status"));
    assertEquals(2, lake.read(Tables.PEOPLE).count());
  }

  @Test
  @Order(7)
  void reviewsAndPoliciesAreValidated() {
    assertEquals(1, lake.read(Tables.REVIEWS).count(), "the targeted review with a probability is quarantined");
    assertEquals(1L, first.referenceCounts().get("reviews_quarantined"));
    assertEquals(1, lake.read(Tables.POLICIES).count());
    assertEquals(1L, first.referenceCounts().get("policies_loaded"));
  }

  @Test
  @Order(8)
  void rerunningADayChangesNothing() {
    long events = lake.read(Tables.EVENTS).count();
    long quarantine = lake.read(Tables.QUARANTINE).count();
    long agents = lake.read(Tables.AGENTS).count();
    List<Row> before = lake.read(Tables.EVENTS).orderBy("event_id").collectAsList();
    IngestResult again = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY2)).run();
    assertEquals("nothing_new", again.status(), again.summary());
    assertEquals(0, again.recordsRead());
    assertEquals(events, lake.read(Tables.EVENTS).count());
    assertEquals(quarantine, lake.read(Tables.QUARANTINE).count());
    assertEquals(agents, lake.read(Tables.AGENTS).count());
    assertEquals(before, lake.read(Tables.EVENTS).orderBy("event_id").collectAsList());
    Row run = lake.read(Tables.INGEST_RUNS).filter(col("run_id").equalTo(again.runId())).first();
    assertNotNull(run.getAs("files"));
  }

  /**
   * A policy is configuration: a landing day whose policies do not load fails before anything is
   * written (no quarantine row, no new snapshot of any table), even with new events waiting.
   */
  @Test
  @Order(8)
  void aBadPolicyFailsTheDayBeforeAnythingIsWritten() throws IOException {
    write("events/" + DAY2 + "/d.jsonl", List.of(line(event("e-new"))));
    Map<String, Long> before = snapshotIds();
    String head = "version: \"1\"\neffective_from: \"2026-01-01\"\nrules:";
    record Bad(String file, String text, String expected) {}
    Path published = landing.resolve("policies/default-2026.1.yaml");
    byte[] original = Files.readAllBytes(published);
    for (Bad bad : List.of(
        new Bad("policies/typo.yaml", "policy_id: typo\n" + head + "\n  - {id: r, tier: 2, when: {amount_abve: 5}}",
            "rules[0].when.amount_abve (rule r): unknown key"),
        new Bad("policies/gap.yaml", "policy_id: gap\n" + head + "\n  - {id: small, tier: 2, when: {amount_above: 500}}"
            + "\n  - {id: large, tier: 4, when: {amount_above: 10000}}", "rules[1].tier (rule large): tiers 2 and 4 leave a gap"),
        // the published file edited in place instead of a new version being published
        new Bad("policies/default-2026.1.yaml", new String(original, StandardCharsets.UTF_8)
            .replace("approval_sla_seconds: 14400", "approval_sla_seconds: 7200"),
            "policy default version 2026.1 is also defined by the policies table"))) {
      write(bad.file(), List.of(bad.text()));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY2)).run());
      assertTrue(e.getMessage().startsWith("Cannot load policy " + bad.file() + ": "), e.getMessage());
      assertTrue(e.getMessage().contains(bad.expected()), e.getMessage());
      assertTrue(e.getMessage().endsWith("and run the ingest again (nothing was ingested)"), e.getMessage());
      assertEquals(before, snapshotIds(), "nothing written for " + bad.file());
      if (bad.file().equals("policies/default-2026.1.yaml")) {
        Files.write(published, original);
      } else {
        Files.delete(landing.resolve(bad.file()));
      }
    }
    IngestResult fixed = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), DAY2)).run();
    assertEquals(1, fixed.eventsStored(), "with the files fixed the day goes in: " + fixed.summary());
  }

  /**
   * A file with more rejected text than its share of the budget keeps none of it in its report and
   * is read a second time for its quarantine rows: with a budget of one byte every file with a bad
   * record is, and the day must come out exactly as with the rows kept.
   */
  @Test
  @Order(9)
  void filesReadAgainForTheirRejectedRecordsGiveTheSameQuarantine() {
    Lakehouse reread = SharedSpark.lakehouse("rules_reread");
    reread.spark().conf().set(FileReports.BUDGET_CONF, "1");
    IngestResult again;
    try {
      again = new IngestJob(reread, IngestJob.Options.of(landing.toUri().toString(), DAY1)).run();
    } finally {
      reread.spark().conf().unset(FileReports.BUDGET_CONF);
    }
    assertEquals(first.quarantinedByReason(), again.quarantinedByReason());
    assertEquals(List.of(first.recordsRead(), first.eventsStored(), first.duplicates(), first.quarantined()),
        List.of(again.recordsRead(), again.eventsStored(), again.duplicates(), again.quarantined()));
    String[] columns = {"source_kind", "source_file", "line_number", "record_ref", "record_key", "reason_code", "field",
        "reason_message", "raw_text", "raw_truncated"};
    List<Row> kept = lake.read(Tables.QUARANTINE).filter(col("run_id").equalTo(first.runId()))
        .selectExpr(columns).orderBy("source_file", "line_number", "record_ref", "reason_code").collectAsList();
    List<Row> readAgain = reread.read(Tables.QUARANTINE)
        .selectExpr(columns).orderBy("source_file", "line_number", "record_ref", "reason_code").collectAsList();
    assertTrue(kept.size() >= 10, "the day has many rejected records: " + kept.size());
    assertEquals(kept, readAgain);
  }

  /**
   * Ingest deleted day 1's duplicates and conflicts from its branch as position deletes; compaction
   * rewrites the files that carry them, whatever their size, and the rows and digests read the same.
   */
  @Test
  @Order(10)
  void compactionAppliesTheDuplicatesPositionDeletes() {
    org.apache.iceberg.Table events = lake.table(Tables.EVENTS);
    events.refresh();
    assertTrue(Long.parseLong(events.currentSnapshot().summary().getOrDefault("total-position-deletes", "0")) > 0,
        "the duplicates were deleted, not rewritten: " + events.currentSnapshot().summary());
    List<String> rows = lake.read(Tables.EVENTS).collectAsList().stream().map(Row::toString).sorted().toList();
    MaintainJob.Options compactEvents = MaintainJob.Options.defaults().withCompaction(0, 1000)
        .withTables(List.of(Tables.EVENTS.name()));
    MaintainJob.Compaction planned = new MaintainJob(lake, compactEvents.withDryRun(true)).run().table("events").compaction();
    assertEquals("planned", planned.status(), "too few small files, but some carry deletes");
    MaintainJob.Compaction done = new MaintainJob(lake, compactEvents).run().table("events").compaction();
    assertEquals("done", done.status());
    assertEquals(planned.filesRewritten(), done.filesRewritten(), "the dry run planned what was rewritten");
    events.refresh();
    assertEquals("0", events.currentSnapshot().summary().getOrDefault("total-position-deletes", "0"));
    assertEquals(rows, lake.read(Tables.EVENTS).collectAsList().stream().map(Row::toString).sorted().toList());
    DayDigests.latest(lake.read(Tables.EVENT_DAY_DIGESTS))
        .forEach((day, digest) -> assertEquals(DigestByHand.root(lake, day), digest.root(), "digest of " + day));
  }

  private static Map<String, Long> snapshotIds() {
    Map<String, Long> ids = new TreeMap<>();
    Tables.all().forEach(t -> ids.put(t.name(), lake.currentSnapshotId(t)));
    return ids;
  }
}

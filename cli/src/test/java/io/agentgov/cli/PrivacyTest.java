package io.agentgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.agentgov.cli.AgentGovCliTest.Run;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * Issue 10, privacy: recognisable secrets planted in a landing day (input context summaries,
 * unknown input-context and top-level fields, a resource URI, OTel attributes and a span's status
 * message, registry, people and review extras, inside rejected lines and spans, and in a policy
 * file whose ingest is refused) never reach a table, a report, an export, a command's output or a log line. The day runs through
 * the nightly pipeline, the ingest, scorecard and compliance reports, {@code tables export},
 * {@code findings} as CSV and JSON Lines, and {@code trace}.
 *
 * <p>Every planted secret but the card number carries a tag (pv01, pv02, ...) found nowhere else; a
 * leak is any output holding a secret, a tag in any case (so a cut or re-cased part of a secret is
 * one too), or the card number's digits however they are spaced. So that the test cannot pass by
 * losing the data, the markers are asserted where the secrets were, and the ingest reconciles and
 * counts every planted secret. No column is allowed to hold a raw value: quarantine.raw_text keeps
 * rejected lines, but with their secrets replaced like everything else.
 */
class PrivacyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DAY = "2026-03-02";
  static final String TRACE_1 = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String TRACE_2 = "5b8efff798038103d269b633813fc60c";
  static final String CARD = "4000 0566 5566 5556";
  static final String AWS_KEY = "AKIAPV01PRIVACYTESTA";
  /** Every planted secret, as it was written. */
  static final List<String> SECRETS = new ArrayList<>();
  static final Pattern TAG = Pattern.compile("pv\\d\\d", Pattern.CASE_INSENSITIVE);
  /** The tags of the planted secrets, lower case. */
  static final Set<String> TAGS = new TreeSet<>();

  /**
   * How often each kind was planted in what ingest stores. The first event is delivered three
   * times (once, as an exact copy, and with another AWS key: both duplicates), and each delivery is
   * read, so counted.
   */
  static final Map<String, Long> PLANTED = new TreeMap<>(Map.ofEntries(
      Map.entry("aws_access_key", 3L + 1 /* rejected span */),
      Map.entry("card_number", 3L),
      Map.entry("jwt", 3L),
      // api_key in the input context and in the resource URI, the Authorization header; OTel
      // authorization attribute; registry api_token; review session_cookie
      Map.entry("secret_field", 3L * 3 + 1 + 1 + 1),
      Map.entry("password", 3L + 1 /* rejected span's db.password */ + 1 /* people */),
      Map.entry("sk_api_key", 3L + 1 /* rejected registry line */),
      Map.entry("connection_password", 3L),
      Map.entry("slack_token", 3L + 1 /* registry purpose */),
      Map.entry("github_token", 1L /* second event */ + 1 /* invalid JSON line */),
      Map.entry("stripe_key", 1L /* rejected enum value */ + 1 /* OTel status message */),
      Map.entry("private_key", 1L),
      Map.entry("google_api_key", 1L)));

  @TempDir
  static Path dir;
  static final StringWriter LOG = new StringWriter();
  static WriterAppender appender;
  static Level agentgovLevel;
  /** What every command printed, and what it wrote (exports, reports as text), by a name saying where. */
  static final Map<String, String> OUTPUTS = new LinkedHashMap<>();
  static JsonNode ingest;
  static Lakehouse lake;

  static String plant(String secret) {
    SECRETS.add(secret);
    Matcher tag = TAG.matcher(secret);
    if (tag.find()) {
      TAGS.add(tag.group().toLowerCase(Locale.ROOT));
    } else {
      assertEquals(CARD, secret, "every planted secret but the card number carries a tag");
    }
    return secret;
  }

  static String warehouse() {
    return dir.resolve("warehouse").toString();
  }

  /** A command as a user runs it, on this test's warehouse, with stdout and stderr kept in {@link #OUTPUTS}. */
  static Run run(String... args) {
    return execute(0, args);
  }

  static Run execute(int expectedExit, String... args) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Run r = AgentGovCliTest.run(Stream.concat(Stream.of("--warehouse", warehouse(), "--master", "local[2]"),
          Stream.of(args)).toArray(String[]::new));
      String command = String.join(" ", args);
      OUTPUTS.put(command + " (stdout)", r.out());
      OUTPUTS.put(command + " (stderr)", r.err() + err.toString(StandardCharsets.UTF_8));
      assertEquals(expectedExit, r.exit(), command + ": " + r.err());
      return r;
    } finally {
      System.setErr(stderr);
    }
  }

  @BeforeAll
  static void runTheDayThroughEverything() throws Exception {
    captureLogs();
    Path landing = dir.resolve("landing");
    land(landing);
    Path reports = dir.resolve("reports");

    // A broken policy fails its ingest before anything is written (a policy is configuration); the
    // one-line error quotes the file's offending value, which carries a secret.
    Path badPolicy = dir.resolve("landing-bad-policy");
    Files.createDirectories(badPolicy.resolve("events/" + DAY));
    write(badPolicy.resolve("policies/broken.yaml"), "policy_id: broken", "version: \"1\"", "effective_from: \"2026-01-01\"",
        "rules:", "  - {id: r, tier: 2, when: {data_sensitivity: [" + plant("AKIAPV22POLICYBROKEN") + "]}}");
    Run refused = execute(1, "ingest", "--landing", badPolicy.toString(), "--date", DAY);
    assertTrue(refused.err().contains("policies/broken.yaml") && refused.err().contains("[REDACTED:aws_access_key]"),
        refused.err());

    Run nightly = run("--json", "nightly", "--landing", landing.toString(), "--date", DAY, "--window-days", "7",
        "--min-history-days", "1", "--min-observed-days", "1");
    ingest = JSON.readTree(nightly.out()).get(0).get("ingest");
    run("report", "ingest", "--from", DAY, "--to", DAY, "--out", reports.toString());
    run("monthly", "--month", DAY.substring(0, 7), "--out", reports.toString());
    run("report", "compliance", "--period", DAY + ".." + DAY, "--out", reports.toString());
    Path export = dir.resolve("export");
    run("tables", "export", "--out", export.toString());
    run("findings", "--format", "csv");
    run("findings", "--format", "jsonl");
    run("trace", TRACE_1, "--date", DAY);
    run("--json", "trace", TRACE_2, "--date", DAY);

    readFiles(export, "export ");
    readFiles(reports, "report ");
    lake = Lakehouse.open(new RuntimeOptions("local[2]", warehouse(), RuntimeOptions.DEFAULT_CATALOG,
        RuntimeOptions.DEFAULT_NAMESPACE, Map.of()));
  }

  @AfterAll
  static void stopCapturing() {
    if (lake != null) {
      lake.close();
    }
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.getConfiguration().getLoggerConfig("io.agentgov").setLevel(agentgovLevel);
    context.updateLoggers();
    appender.stop();
  }

  /**
   * Every log event from here on, as the configured loggers pass them (Spark, Iceberg and Hadoop at
   * their production levels), with agentgov's own loggers opened to every level, so a debug line
   * printing a record would be caught too.
   */
  static void captureLogs() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = WriterAppender.newBuilder().setName("privacy-test").setTarget(LOG)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%throwable").build()).build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, null, null);
    LoggerConfig agentgov = config.getLoggerConfig("io.agentgov");
    assertEquals("io.agentgov", agentgov.getName(), "log4j2.properties configures agentgov's logger (else this is root)");
    agentgovLevel = agentgov.getLevel();
    agentgov.setLevel(Level.ALL);
    context.updateLoggers();
  }

  // ------------------------------------------------------------------------------------ the day

  static void land(Path landing) throws IOException {
    ObjectNode first = event("ev-1", "00f067aa0ba902b7", null);
    ObjectNode context = first.putObject("input_context");
    context.put("digest", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    context.put("summary", "customer pasted " + plant(AWS_KEY) + " and card " + plant(CARD) + " into the chat");
    context.put("raw", plant("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQdjAyIn0.Pv02signatureValue"));
    context.put("api_key", plant("Pv03-plain-value-of-no-known-format"));
    context.put("prompt", "retry with password=" + plant("Pv09Secret!"));
    ((ObjectNode) first.get("action")).put("target_resource",
        "https://api.example.com/v1/refunds?api_key=" + plant("Pv07TargetKey") + "&page=1");
    first.put("prompt", "call the model with " + plant("sk-Pv04abcdefghijklmnopqrstu"));
    first.putObject("headers").put("Authorization", "Basic " + plant("Pv05dXNlcjpwYXNz")).put("accept", "json");
    first.put("db_url", "postgres://svc:" + plant("Pv06Passw0rd") + "@db.internal:5432/ledger");
    first.putObject("x_cfg").put("slack", plant("xoxb-2222222222-Pv08privacy"));

    ObjectNode second = event("ev-2", "00f067aa0ba902b8", "00f067aa0ba902b7");
    second.putObject("input_context").put("summary", "pushed a fix with "
        + plant("ghp_Pv10abcdefghijklmnopqrstuvwxyzABCDEF"));
    ObjectNode badEnum = event("bad-2", "00f067aa0ba902c1", null).put("data_sensitivity", plant("sk_live_Pv24BadEnumValue"));
    ObjectNode badType = event("bad-3", "00f067aa0ba902c2", null).put("reversible", "yes");
    badType.putObject("input_context").put("summary", "key " + plant(
        "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANPv25privacykeymaterial\n-----END PRIVATE KEY-----"));
    write(landing.resolve("events/" + DAY + "/a.jsonl"),
        first.toString(),
        second.toString(),
        event("ev-3", "00f067aa0ba902b9", "00f067aa0ba902b7").toString(),
        "{\"event_id\": \"bad-1\", \"note\": " + plant("ghp_Pv23abcdefghijklmnopqrstuvwxyzABCDEF") + "}",
        badEnum.toString(),
        badType.toString());
    // re-delivered: an exact copy, and a copy with another key that redacts to the same event
    write(landing.resolve("events/" + DAY + "/b.jsonl"),
        first.toString(),
        first.toString().replace(AWS_KEY, plant("AKIAPV11PRIVACYTESTA")));

    long start = Instant.parse(DAY + "T11:00:00Z").getEpochSecond() * 1_000_000_000L;
    write(landing.resolve("otel/" + DAY + "/spans.json"), """
        {"resourceSpans": [{"resource": {"attributes": [{"key": "gen_ai.agent.id", "value": {"stringValue": "agt-pay"}}]},
         "scopeSpans": [{"spans": [
          {"traceId": "%s", "spanId": "eee19b7ec3c1b174", "name": "execute_tool lookup",
           "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "status": {"code": 2, "message": "upstream rejected key %s"},
           "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "execute_tool"}},
            {"key": "gen_ai.tool.name", "value": {"stringValue": "lookup"}},
            {"key": "agentgov.event_id", "value": {"stringValue": "otel-1"}},
            {"key": "agentgov.credential.id", "value": {"stringValue": "cred-pay"}},
            {"key": "agentgov.credential.kind", "value": {"stringValue": "agent_token"}},
            {"key": "agentgov.action.type", "value": {"stringValue": "read"}},
            {"key": "agentgov.action.target_system", "value": {"stringValue": "crm"}},
            {"key": "agentgov.data_sensitivity", "value": {"stringValue": "internal"}},
            {"key": "agentgov.reversible", "value": {"boolValue": true}},
            {"key": "agentgov.policy.checked", "value": {"boolValue": true}},
            {"key": "agentgov.policy.decision", "value": {"stringValue": "allow"}},
            {"key": "agentgov.policy.tier", "value": {"intValue": "1"}},
            {"key": "agentgov.input_context.summary", "value": {"stringValue": "maps key %s"}},
            {"key": "http.request.header.authorization", "value": {"stringValue": "Bearer %s"}}]},
          {"traceId": "xyz", "spanId": "aaa19b7ec3c1b174", "name": "execute_tool leak", "startTimeUnixNano": "%d",
           "attributes": [{"key": "gen_ai.operation.name", "value": {"stringValue": "execute_tool"}},
            {"key": "db.password", "value": {"stringValue": "%s"}},
            {"key": "gen_ai.prompt", "value": {"stringValue": "use %s"}}]}]}]}]}
        """.formatted(TRACE_2, start, start + 250_000_000L, plant("sk_live_Pv14OtelStatus0"),
        plant("AIzaPv13abcdefghijklmnopqrstuvwxyz01234"), plant("Pv12OtelBearerToken"), start,
        plant("Pv15OtelRawPassword"), plant("AKIAPV16PRIVACYTESTA")));

    write(landing.resolve("registry/" + DAY + ".jsonl"),
        "{\"agent_id\": \"agt-pay\", \"status\": \"active\", \"owner_id\": \"p-1\", \"business_unit\": \"finance\","
            + " \"purpose\": \"pays refunds; legacy token " + plant("xoxp-3333333333-Pv17purpose") + "\","
            + " \"api_token\": \"" + plant("Pv18RegistryToken") + "\"}",
        "{\"agent_id\": \"agt-bad\", \"status\": \"" + plant("sk-Pv19registrybadline000000000") + "\"}");
    write(landing.resolve("people/" + DAY + ".jsonl"), "{\"person_id\": \"p-1\", \"status\": \"active\","
        + " \"business_unit\": \"finance\", \"password\": \"" + plant("Pv20PeoplePassword") + "\"}");
    write(landing.resolve("reviews/" + DAY + "/r.jsonl"), "{\"review_id\": \"r1\", \"event_id\": \"ev-1\","
        + " \"reviewer_id\": \"p-1\", \"reviewed_at\": \"" + DAY + "T10:00:00Z\", \"verdict\": \"correct\","
        + " \"sample_design\": \"census\", \"inclusion_probability\": 1.0, \"session_cookie\": \""
        + plant("Pv21ReviewCookie") + "\"}");
  }

  /** A valid refund event of agt-pay in trace 1. */
  static ObjectNode event(String id, String spanId, String parentSpanId) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree("""
        {"schema_version": "1", "event_id": "%s", "event_time": "%sT09:15:00Z", "agent_id": "agt-pay",
         "credential": {"id": "cred-pay", "kind": "agent_token"}, "on_behalf_of": "p-1",
         "trace": {"trace_id": "%s", "span_id": "%s"},
         "action": {"type": "refund", "tool": "refund_order", "target_system": "payments", "target_resource": "orders/1"},
         "amount": {"value": "20.00", "currency": "EUR"}, "data_sensitivity": "internal", "reversible": true,
         "confidence": 0.95, "policy": {"checked": true, "decision": "allow", "policy_version": "2026.1", "tier": 1},
         "outcome": {"status": "success", "executed_at": "%sT09:15:01Z"}}
        """.formatted(id, DAY, TRACE_1, spanId, DAY));
    if (parentSpanId != null) {
      ((ObjectNode) e.get("trace")).put("parent_span_id", parentSpanId);
    }
    return e;
  }

  static void write(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  /** Every file under a folder into {@link #OUTPUTS}: PDFs as the text a reader would extract, the rest as text. */
  static void readFiles(Path root, String prefix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
    for (Path file : files) {
      String name = prefix + root.relativize(file);
      if (file.toString().endsWith(".pdf")) {
        PdfReader pdf = new PdfReader(Files.readAllBytes(file));
        PdfTextExtractor extractor = new PdfTextExtractor(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
          text.append(extractor.getTextFromPage(page)).append('\n');
        }
        pdf.close();
        OUTPUTS.put(name, text.toString());
      } else {
        OUTPUTS.put(name, Files.readString(file, StandardCharsets.ISO_8859_1)); // any bytes, never a decoding error
      }
    }
  }

  // ------------------------------------------------------------------------------------ the checks

  /** A planted secret, its tag in any case, or the card number's digits, if any of them is in the text. */
  static String leakIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String secret : SECRETS) {
      if (text.contains(secret)) {
        return secret;
      }
    }
    for (String tag : TAGS) {
      if (lower.contains(tag)) {
        return tag;
      }
    }
    String digits = CARD.replace(" ", "");
    return text.replaceAll("[ -]", "").contains(digits) ? digits : null;
  }

  @Test
  void theIngestReconcilesAndCountsEveryPlantedSecret() {
    long read = ingest.get("recordsRead").asLong();
    assertEquals(read, ingest.get("eventsStored").asLong() + ingest.get("duplicates").asLong()
        + ingest.get("quarantined").asLong(), ingest.toString());
    assertEquals(4, ingest.get("eventsStored").asLong(), "ev-1, ev-2, ev-3 and otel-1: " + ingest);
    assertEquals(2, ingest.get("duplicates").asLong(), "both re-deliveries of ev-1, the second despite its other key");
    assertEquals(Map.of("invalid_json", 1, "invalid_value", 1, "wrong_type", 1, "invalid_id", 1),
        JSON.convertValue(ingest.get("quarantinedByReason"), Map.class), ingest.toString());
    assertEquals(PLANTED, new TreeMap<>(JSON.convertValue(ingest.get("secretsRedacted"), new TypeReference<Map<String, Long>>() {})),
        ingest.toString());
    Row run = lake.read(Tables.INGEST_RUNS).first();
    assertEquals(PLANTED, new TreeMap<>(JavaConverters.mapAsJavaMap(run.<scala.collection.Map<String, Long>>getAs(
        "secrets_redacted"))));
  }

  @Test
  void noTableHoldsASecretAndTheMarkersAreWhereTheSecretsWere() {
    StringBuilder everything = new StringBuilder();
    for (TableDefinition table : Tables.all()) {
      org.apache.spark.sql.types.StructType schema = lake.read(table).schema();
      for (Row row : lake.read(table).collectAsList()) {
        for (int i = 0; i < schema.size(); i++) {
          List<String> strings = new ArrayList<>();
          strings(row.get(i), strings);
          for (String value : strings) {
            String leak = leakIn(value);
            assertNull(leak, table.name() + "." + schema.fields()[i].name() + " holds " + leak + ": " + value);
            everything.append(value).append('\n');
          }
        }
      }
    }
    String stored = everything.toString();
    for (String kind : PLANTED.keySet()) {
      assertTrue(stored.contains("[REDACTED:" + kind + "]"), "no " + kind + " marker in any table");
    }

    Row first = lake.read(Tables.EVENTS).filter("event_id = 'ev-1'").first();
    assertEquals("customer pasted [REDACTED:aws_access_key] and card [REDACTED:card_number] into the chat",
        first.<Row>getAs("input_context").getAs("summary"));
    assertEquals("https://api.example.com/v1/refunds?api_key=[REDACTED:secret_field]&page=1",
        first.<Row>getAs("action").getAs("target_resource"));
    Map<String, String> extras = JavaConverters.mapAsJavaMap(first.<scala.collection.Map<String, String>>getAs("extras"));
    assertEquals(Map.of(
        "input_context.raw", "\"[REDACTED:jwt]\"",
        "input_context.api_key", "\"[REDACTED:secret_field]\"",
        "input_context.prompt", "\"retry with password=[REDACTED:password]\"",
        "prompt", "\"call the model with [REDACTED:sk_api_key]\"",
        "headers", "{\"Authorization\":\"[REDACTED:secret_field]\",\"accept\":\"json\"}",
        "db_url", "\"postgres://svc:[REDACTED:connection_password]@db.internal:5432/ledger\"",
        "x_cfg", "{\"slack\":\"[REDACTED:slack_token]\"}"), extras);
    Row otel = lake.read(Tables.EVENTS).filter("event_id = 'otel-1'").first();
    assertEquals("upstream rejected key [REDACTED:stripe_key]", otel.<Row>getAs("outcome").getAs("error_code"));
    assertEquals("maps key [REDACTED:google_api_key]", otel.<Row>getAs("input_context").getAs("summary"));
    for (Row q : lake.read(Tables.QUARANTINE).collectAsList()) {
      String raw = q.getAs("raw_text");
      assertTrue(raw.contains("[REDACTED:"), "the rejected record is kept, its secrets redacted: " + q);
    }
  }

  @Test
  void noReportExportOutputOrLogLineHoldsASecret() {
    Map<String, String> outputs = new LinkedHashMap<>(OUTPUTS);
    outputs.put("log", LOG.toString());
    assertTrue(outputs.keySet().stream().filter(k -> k.endsWith(".pdf")).count() >= 3,
        "the ingest, scorecard and compliance reports: " + outputs.keySet());
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      String leak = leakIn(output.getValue());
      assertNull(leak, output.getKey() + " holds " + leak);
    }
    // ...and not because the outputs are empty or unreadable
    String ingestReport = OUTPUTS.entrySet().stream().filter(e -> e.getKey().matches("report ingest-summary.*\\.pdf"))
        .map(Map.Entry::getValue).findFirst().orElseThrow();
    assertTrue(ingestReport.contains("Ingest reconciliation"), "the PDF text is extracted: " + ingestReport);
    String events = OUTPUTS.entrySet().stream().filter(e -> e.getKey().startsWith("export events" + java.io.File.separator))
        .map(Map.Entry::getValue).reduce("", String::concat);
    assertTrue(events.contains("[REDACTED:aws_access_key]") && events.contains("ev-1"), "the events export: " + events);
    String trace = OUTPUTS.get("trace " + TRACE_1 + " --date " + DAY + " (stdout)");
    assertTrue(trace.contains("api_key=[REDACTED:secret_field]"), "trace shows the redacted resource: " + trace);
    assertTrue(OUTPUTS.get("--json trace " + TRACE_2 + " --date " + DAY + " (stdout)").contains("[REDACTED:stripe_key]"));
    assertTrue(outputs.get("log").contains("secrets redacted from producer text before storing it, by kind: "),
        "the ingest logs what it redacted, by kind and count only");
  }

  /** Every string in a value read from a table: in structs, lists and maps (keys too). */
  static void strings(Object value, List<String> out) {
    if (value instanceof String s) {
      out.add(s);
    } else if (value instanceof Row row) {
      for (int i = 0; i < row.size(); i++) {
        strings(row.get(i), out);
      }
    } else if (value instanceof scala.collection.Map<?, ?> map) {
      JavaConverters.mapAsJavaMap(map).forEach((k, v) -> {
        strings(k, out);
        strings(v, out);
      });
    } else if (value instanceof scala.collection.Seq<?> list) {
      JavaConverters.seqAsJavaList(list).forEach(item -> strings(item, out));
    } else if (value instanceof byte[] bytes) {
      out.add(new String(bytes, StandardCharsets.ISO_8859_1));
    }
  }
}

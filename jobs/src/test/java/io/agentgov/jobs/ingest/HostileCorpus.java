package io.agentgov.jobs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentgov.contract.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * A seeded corpus of hostile input for one landing day: valid audit events written field by field
 * from input contract v1 (docs/contract.md, section 1), then mutated line by line (truncated, wrong
 * JSON types, values out of range or unrepresentable, deep nesting, invalid UTF-8, raw control
 * characters and NULs, UTF-16 text, duplicate keys, trailing garbage, non-objects, enormous lines,
 * byte flips, ...), plus whole files that are hostile as files (gzip cut mid-stream or in its
 * header or trailer, empty, CR-only line ends, a BOM, no final newline) and a few OTLP/JSON files.
 * Every record written comes with what ingest must make of it ({@link Expected}); the test checks
 * ingest's output against that, record by record. Files are generated at test time, never checked in.
 */
final class HostileCorpus {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Stands for the bytes a byte-level mutation puts into a serialised line: in a value, a key or between tokens. */
  private static final String MARK = "@@HOSTILE@@";

  /** What ingest must do with one record. */
  enum Fate {
    STORED,
    /** Same content as an earlier line of the same file: counted as a duplicate, neither stored nor quarantined. */
    DUPLICATE,
    QUARANTINED,
    /** A random byte flip: stored or quarantined for any reason, but accounted for exactly once. */
    EITHER
  }

  /**
   * One record of the corpus and its expected fate.
   *
   * @param line    1-based line; null for a whole-file quarantine row (a gzip file that cannot be opened)
   * @param reasons the reason codes allowed for a quarantined record (empty when not quarantined)
   * @param eventId the event_id a stored record must have; null when the line has none readable
   */
  record Expected(String file, Long line, String family, Fate fate, Set<ReasonCode> reasons, String eventId) {}

  /**
   * What was written.
   *
   * @param records        every record with its expected fate, OTel files excluded
   * @param recordsWritten per file (landing-relative), the records ingest must read from it: non-blank lines
   *                       of the bytes written (for a cut gzip file, of the bytes that can still be
   *                       decompressed, plus the corrupt tail), counted from the files' bytes
   * @param mutatedLines   lines written with a mutation (any family but the valid ones)
   * @param otel           the OTel files and the spans each holds
   */
  record Corpus(List<Expected> records, Map<String, Long> recordsWritten, int mutatedLines, List<OtelFile> otel) {}

  /**
   * An OTLP/JSON file and what it holds.
   *
   * @param events       execute_tool spans in the whole file as generated (before any damage)
   * @param notEvents    chat spans (not agent actions: counted, not stored)
   * @param intactEvents the event spans that precede any damage and must be stored
   * @param damaged      whether the file is damaged and must yield at least one quarantine row
   */
  record OtelFile(String file, int events, int notEvents, int intactEvents, boolean damaged) {}

  private final Random random;
  private final LocalDate day;
  private final int maxLineBytes;
  private final List<Expected> records = new ArrayList<>();
  private final Map<String, Long> written = new LinkedHashMap<>();
  private final List<OtelFile> otel = new ArrayList<>();

  HostileCorpus(long seed, LocalDate day, int maxLineBytes) {
    this.random = new Random(seed);
    this.day = day;
    this.maxLineBytes = maxLineBytes;
  }

  // ------------------------------------------------------------------ valid events from the contract text

  private static final String[] ACTION_TYPES = {"read", "create", "update", "delete", "send_message", "payment", "refund",
      "config_change", "export", "other"};
  private static final String[] CREDENTIAL_KINDS = {"ephemeral_token", "agent_token", "service_account", "static_api_key",
      "user_credential"};
  private static final String[] SENSITIVITIES = {"public", "internal", "confidential", "pii", "special_category"};
  private static final String[] DECISIONS = {"allow", "allow_notify", "require_approval", "halt", "deny"};
  private static final String[] OVERSIGHT_MODES = {"none", "on_the_loop", "in_the_loop", "halt_escalate"};
  private static final String[] OVERSIGHT_DECISIONS = {"approved", "rejected", "modified", "reversed", "timed_out"};
  private static final String[] STATUSES = {"success", "failure", "partial", "blocked"};
  private static final String[] OFFSETS = {"Z", "+00:00", "+02:00", "-05:30", "+14:00", "-12:00"};
  private static final String[] SYSTEMS = {"crm", "ledger", "hr-portal", "mail", "payments", "warehouse"};
  private static final String[] SCOPES = {"eu_ai_act_high_risk", "gdpr", "sox", "pci"};

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private String hex(int digits) {
    byte[] bytes = new byte[(digits + 1) / 2];
    random.nextBytes(bytes);
    bytes[0] |= 1; // never all zero
    String h = HexFormat.of().formatHex(bytes).substring(0, digits);
    return chance(0.2) ? h.toUpperCase() : h; // ids are case-insensitive
  }

  /** An RFC 3339 time on the landing day's calendar date, any offset (so up to a day early or late in UTC). */
  private String eventTime() {
    String fraction = switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> "." + (100 + random.nextInt(900));
      case 2 -> "." + (100_000 + random.nextInt(900_000));
      default -> "." + (100_000_000 + random.nextInt(900_000_000)); // nanoseconds: truncated to micros
    };
    return "%sT%02d:%02d:%02d%s%s".formatted(day, random.nextInt(24), random.nextInt(60), random.nextInt(60), fraction,
        pick(OFFSETS));
  }

  private static String plusSeconds(String time, long seconds) {
    return OffsetDateTime.parse(time).toInstant().plusSeconds(seconds).toString();
  }

  /** A valid event with every optional part present or not at random. */
  ObjectNode validEvent(String id) {
    ObjectNode n = NODES.objectNode();
    n.put("schema_version", "1");
    n.put("event_id", id);
    String time = eventTime();
    n.put("event_time", time);
    String agent = "ag-" + random.nextInt(40);
    n.put("agent_id", agent);
    if (chance(0.7)) {
      n.put("agent_version", random.nextInt(5) + "." + random.nextInt(10));
    }
    if (chance(0.6)) {
      n.putObject("model").put("provider", "acme").put("name", "m" + random.nextInt(3)).put("version", "2026-0" + (1 + random.nextInt(5)));
    }
    n.putObject("credential").put("id", "cred-" + random.nextInt(60)).put("kind", pick(CREDENTIAL_KINDS));
    if (chance(0.5)) {
      n.put("on_behalf_of", "p-" + random.nextInt(100));
    }
    ObjectNode trace = n.putObject("trace").put("trace_id", hex(32)).put("span_id", hex(16));
    if (chance(0.3)) {
      trace.put("parent_span_id", hex(16));
    }
    if (chance(0.6)) {
      trace.put("session_id", "sess-" + random.nextInt(1000));
    }
    if (chance(0.25)) {
      ObjectNode delegation = n.putObject("delegation").put("parent_agent_id", "ag-" + random.nextInt(40))
          .put("depth", random.nextInt(4));
      ArrayNode granted = delegation.putArray("granted_permissions");
      for (int i = random.nextInt(3); i >= 0; i--) {
        granted.addObject().put("action_type", pick(ACTION_TYPES)).put("target_system", pick(SYSTEMS));
      }
    }
    String type = pick(ACTION_TYPES);
    ObjectNode action = n.putObject("action").put("type", type);
    if (chance(0.8)) {
      action.put("tool", type + "_tool");
    }
    action.put("target_system", pick(SYSTEMS));
    if (chance(0.7)) {
      action.put("target_resource", "res/" + random.nextInt(100_000));
    }
    if (type.equals("payment") || type.equals("refund") || chance(0.1)) {
      ObjectNode amount = n.putObject("amount");
      String value = random.nextInt(20_000) + "." + (10 + random.nextInt(90));
      if (chance(0.5)) {
        amount.put("value", value); // money as a string
      } else {
        amount.put("value", new BigDecimal(value));
      }
      amount.put("currency", chance(0.7) ? "EUR" : "USD");
    }
    if (chance(0.4)) {
      long records = random.nextInt(5000);
      if (chance(0.3)) {
        n.put("records_affected", Long.toString(records)); // int64 as a string, as protobuf's JSON mapping writes it
      } else {
        n.put("records_affected", records);
      }
    }
    n.put("data_sensitivity", pick(SENSITIVITIES));
    n.put("reversible", chance(0.8));
    if (chance(0.3)) {
      ArrayNode scope = n.putArray("regulatory_scope");
      scope.add(pick(SCOPES));
    }
    if (chance(0.6)) {
      n.put("confidence", Math.round(random.nextDouble() * 1000) / 1000.0);
    }
    if (chance(0.3)) {
      n.putObject("input_context").put("digest", hex(64).toLowerCase()).put("summary", "customer asked about order "
          + random.nextInt(1000));
    }
    boolean checked = chance(0.9);
    ObjectNode policy = n.putObject("policy").put("checked", checked).put("decision", pick(DECISIONS));
    if (chance(0.5)) {
      policy.put("rule_id", "rule-" + random.nextInt(16));
    }
    policy.put("policy_version", "2026.1");
    if (checked || chance(0.3)) {
      policy.put("tier", 1 + random.nextInt(4));
    }
    if (chance(0.4)) {
      ObjectNode oversight = n.putObject("oversight").put("mode", pick(OVERSIGHT_MODES));
      if (chance(0.5)) {
        oversight.put("escalated_to", "p-" + random.nextInt(100)).put("requested_at", plusSeconds(time, 1))
            .put("responded_at", plusSeconds(time, 60 + random.nextInt(3600))).put("decision", pick(OVERSIGHT_DECISIONS));
      }
      if (chance(0.5)) {
        oversight.put("sla_seconds", 14_400);
      }
    }
    String status = pick(STATUSES);
    ObjectNode outcome = n.putObject("outcome").put("status", status);
    if (status.equals("failure") && chance(0.7)) {
      outcome.put("error_code", "E" + random.nextInt(100));
    }
    if (status.equals("success") || status.equals("partial") || chance(0.2)) {
      outcome.put("executed_at", plusSeconds(time, 1 + random.nextInt(120)));
    }
    if (chance(0.5)) {
      n.putObject("usage").put("input_tokens", random.nextInt(5000)).put("output_tokens", random.nextInt(500))
          .put("latency_ms", random.nextInt(10_000));
    }
    if (chance(0.3)) {
      n.putObject("retention").put("class", "audit").put("retain_until", day.plusYears(7).toString());
    }
    if (chance(0.2)) {
      n.put("x_gateway", "gw-" + random.nextInt(4)); // unknown fields are kept, never a reason to reject
    }
    return n;
  }

  // ------------------------------------------------------------------ fields, by the JSON type the contract gives them

  private enum Kind { TEXT, ENUM, TIME, DATE, HEX, LONG, DOUBLE, DECIMAL, BOOL, OBJECT, TEXT_LIST, OBJECT_LIST }

  /** A field of section 1; {@code required} as the contract's table says (conditions are checked per event). */
  private record Field(String path, Kind kind, boolean required) {}

  private static final List<Field> FIELDS = List.of(
      new Field("schema_version", Kind.TEXT, true), new Field("event_id", Kind.TEXT, true),
      new Field("event_time", Kind.TIME, true), new Field("agent_id", Kind.TEXT, true),
      new Field("agent_version", Kind.TEXT, false), new Field("model", Kind.OBJECT, false),
      new Field("model.provider", Kind.TEXT, false), new Field("model.name", Kind.TEXT, false),
      new Field("credential", Kind.OBJECT, true), new Field("credential.id", Kind.TEXT, true),
      new Field("credential.kind", Kind.ENUM, true), new Field("on_behalf_of", Kind.TEXT, false),
      new Field("trace", Kind.OBJECT, true), new Field("trace.trace_id", Kind.HEX, true),
      new Field("trace.span_id", Kind.HEX, true), new Field("trace.parent_span_id", Kind.HEX, false),
      new Field("trace.session_id", Kind.TEXT, false), new Field("delegation", Kind.OBJECT, false),
      new Field("delegation.parent_agent_id", Kind.TEXT, false), new Field("delegation.depth", Kind.LONG, false),
      new Field("delegation.granted_permissions", Kind.OBJECT_LIST, false), new Field("action", Kind.OBJECT, true),
      new Field("action.type", Kind.ENUM, true), new Field("action.tool", Kind.TEXT, false),
      new Field("action.target_system", Kind.TEXT, true), new Field("action.target_resource", Kind.TEXT, false),
      new Field("amount", Kind.OBJECT, false), new Field("amount.value", Kind.DECIMAL, false),
      new Field("amount.currency", Kind.TEXT, false), new Field("records_affected", Kind.LONG, false),
      new Field("data_sensitivity", Kind.ENUM, true), new Field("reversible", Kind.BOOL, true),
      new Field("regulatory_scope", Kind.TEXT_LIST, false), new Field("confidence", Kind.DOUBLE, false),
      new Field("input_context", Kind.OBJECT, false), new Field("input_context.summary", Kind.TEXT, false),
      new Field("policy", Kind.OBJECT, true), new Field("policy.checked", Kind.BOOL, true),
      new Field("policy.decision", Kind.ENUM, true), new Field("policy.rule_id", Kind.TEXT, false),
      new Field("policy.tier", Kind.LONG, false), new Field("oversight", Kind.OBJECT, false),
      new Field("oversight.mode", Kind.ENUM, false), new Field("oversight.requested_at", Kind.TIME, false),
      new Field("oversight.responded_at", Kind.TIME, false), new Field("oversight.decision", Kind.ENUM, false),
      new Field("oversight.sla_seconds", Kind.LONG, false), new Field("outcome", Kind.OBJECT, true),
      new Field("outcome.status", Kind.ENUM, true), new Field("outcome.error_code", Kind.TEXT, false),
      new Field("outcome.executed_at", Kind.TIME, false), new Field("usage", Kind.OBJECT, false),
      new Field("usage.input_tokens", Kind.LONG, false), new Field("usage.latency_ms", Kind.LONG, false),
      new Field("retention", Kind.OBJECT, false), new Field("retention.retain_until", Kind.DATE, false));

  /** Values of the wrong JSON type for a kind (null never: null is the same as absent). */
  private static List<JsonNode> wrongTypes(Kind kind) {
    JsonNode obj = NODES.objectNode().put("v", "x");
    JsonNode arr = NODES.arrayNode().add("x");
    return switch (kind) {
      case TEXT, ENUM, TIME, DATE, HEX -> List.of(IntNode.valueOf(7), BooleanNode.TRUE, arr, obj, DecimalNode.valueOf(new BigDecimal("1.5")));
      case LONG -> List.of(BooleanNode.TRUE, TextNode.valueOf("many"), TextNode.valueOf("12.5"), DecimalNode.valueOf(new BigDecimal("12.5")),
          TextNode.valueOf("1e3"), arr, obj);
      case DOUBLE -> List.of(TextNode.valueOf("0.5"), BooleanNode.FALSE, NODES.arrayNode().add(0.5), obj);
      case DECIMAL -> List.of(BooleanNode.TRUE, TextNode.valueOf("12,50"), TextNode.valueOf("1e3"), TextNode.valueOf("EUR 5"), arr, obj);
      case BOOL -> List.of(TextNode.valueOf("true"), IntNode.valueOf(1), IntNode.valueOf(0), TextNode.valueOf("yes"), arr);
      case OBJECT -> List.of(TextNode.valueOf("x"), IntNode.valueOf(1), BooleanNode.TRUE, NODES.arrayNode(),
          NODES.arrayNode().add(NODES.objectNode()));
      case TEXT_LIST -> List.of(TextNode.valueOf("gdpr"), NODES.arrayNode().add(1), NODES.arrayNode().add(NODES.arrayNode().add("gdpr")), obj);
      case OBJECT_LIST -> List.of(NODES.objectNode().put("action_type", "read"), NODES.arrayNode().add("read:crm"),
          NODES.arrayNode().add(1), TextNode.valueOf("x"));
    };
  }

  private static final Map<Kind, List<String>> INVALID_VALUES = Map.of(
      Kind.ENUM, List.of("Payment", "secret", "", " read", "READ", "allow\u0000", "success;DROP TABLE events"),
      Kind.TIME, List.of("2026-05-04 09:15:00Z", "2026-05-04T09:15:00", "yesterday", "2026-02-30T10:00:00Z",
          "2026-05-04T25:00:00Z", "1777885200", "", "2026-05-04T09:15:00+24:00", "-999999999-01-01T00:00:00Z",
          "+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "20260504T091500Z"),
      Kind.DATE, List.of("2033-13-01", "+999999999-12-31", "-999999999-01-01", "2033/05/04", "20330504", "2033-05-04T00:00:00Z",
          "forever"),
      Kind.HEX, List.of("4bf92f3577b34da6a3ce929d0e0e473", "00000000000000000000000000000000", "0000000000000000",
          "zz", "4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "g".repeat(32), "00f067aa0ba902b7 "));

  private static String[] steps(String path) {
    return path.split("\\.");
  }

  private static JsonNode at(ObjectNode n, String path) {
    JsonNode node = n;
    for (String step : steps(path)) {
      node = node == null || !node.isObject() ? null : node.get(step);
    }
    return node;
  }

  private static ObjectNode parentOf(ObjectNode n, String path) {
    String[] s = steps(path);
    JsonNode node = n;
    for (int i = 0; i < s.length - 1; i++) {
      node = node.get(s[i]);
    }
    return (ObjectNode) node;
  }

  private static String leaf(String path) {
    String[] s = steps(path);
    return s[s.length - 1];
  }

  private static void set(ObjectNode n, String path, JsonNode value) {
    parentOf(n, path).set(leaf(path), value);
  }

  private static boolean present(ObjectNode n, String path) {
    JsonNode v = at(n, path);
    return v != null && !v.isNull();
  }

  /** Required in this event: the table's required fields, plus tier when checked and executed_at when it took effect. */
  private static boolean requiredHere(ObjectNode n, Field f) {
    if (f.path().equals("policy.tier")) {
      return at(n, "policy.checked").asBoolean();
    }
    if (f.path().equals("outcome.executed_at")) {
      String status = at(n, "outcome.status").asText();
      return status.equals("success") || status.equals("partial");
    }
    return f.required();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private Field presentField(ObjectNode n, java.util.function.Predicate<Field> which) {
    List<Field> candidates = FIELDS.stream().filter(which).filter(f -> present(n, f.path())).toList();
    return pick(candidates);
  }

  // ------------------------------------------------------------------ mutations

  /** One line to write: its bytes, what ingest must do with it, and the event_id a stored copy carries. */
  private record Line(byte[] bytes, String family, Fate fate, Set<ReasonCode> reasons, String eventId) {
    static Line stored(byte[] bytes, String family, String eventId) {
      return new Line(bytes, family, Fate.STORED, Set.of(), eventId);
    }

    static Line quarantined(byte[] bytes, String family, ReasonCode first, ReasonCode... more) {
      return new Line(bytes, family, Fate.QUARANTINED, EnumSet.of(first, more), null);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** {@code line} with the first occurrence of {@code target} replaced by {@code replacement}. */
  private static byte[] replace(byte[] line, byte[] target, byte[] replacement) {
    int i = indexOf(line, target);
    if (i < 0) {
      throw new IllegalStateException("no " + new String(target, StandardCharsets.UTF_8) + " in the line");
    }
    return concat(Arrays.copyOfRange(line, 0, i), replacement, Arrays.copyOfRange(line, i + target.length, line.length));
  }

  /** Where byte-level damage goes: inside a string value, inside a key, or between two tokens. */
  private byte[] inject(ObjectNode n, byte[] damage, boolean betweenTokensToo) {
    int where = random.nextInt(betweenTokensToo ? 3 : 2);
    if (where == 0) {
      String path = pick(List.of("agent_id", "action.target_system", "credential.id", "event_id"));
      set(n, path, TextNode.valueOf("v-" + MARK + "-w"));
    } else if (where == 1) {
      n.put("x_" + MARK, 1);
    }
    byte[] line = bytes(n);
    return where == 2 ? replace(line, utf8(",\"agent_id\""), concat(utf8(","), damage, utf8("\"agent_id\"")))
        : replace(line, utf8(MARK), damage);
  }

  /** {@code n} with the value of {@code path} written as the raw JSON text {@code raw}. */
  private static byte[] raw(ObjectNode n, String path, String raw) {
    set(n, path, TextNode.valueOf(MARK));
    return replace(bytes(n), utf8("\"" + MARK + "\""), utf8(raw));
  }

  /** Invalid UTF-8 (RFC 3629): a bad start byte, a lone continuation, a cut sequence, overlong forms, surrogates, above U+10FFFF. */
  private static final byte[][] BAD_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xBF, (byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

  /** Control characters JSON never allows raw, anywhere (TAB and CR are white space between tokens, so not here; LF ends the line). */
  private byte control() {
    byte[] controls = {0x01, 0x02, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F};
    return controls[random.nextInt(controls.length)];
  }

  private String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  /** The mutation families; each returns the lines it writes (one, or two for a line split by a raw newline). */
  private List<Line> mutate(String family, String id) {
    ObjectNode n = validEvent(id);
    return switch (family) {
      case "valid" -> List.of(Line.stored(bytes(n), family, id));
      case "valid_late" -> {
        String time = day.minusDays(1) + "T23:59:59.999999Z"; // a late event: its own event day
        n.put("event_time", time);
        if (present(n, "outcome.executed_at")) {
          n.with("outcome").put("executed_at", plusSeconds(time, 1));
        }
        if (present(n, "oversight.requested_at")) {
          n.with("oversight").put("requested_at", plusSeconds(time, 1)).put("responded_at", plusSeconds(time, 2));
        }
        yield List.of(Line.stored(bytes(n), family, id));
      }
      case "valid_escaped_controls" -> {
        // escaped control characters, terminal escapes, line separators and markup are valid JSON string content
        String nasty = pick(List.of("a\u0000b", "\u001b[31mred\u001b[0m", "line\u2028sep\u2029", "tab\there\r\nnext",
            "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "\u202Egnp.exe", "\\u0000 literally"));
        set(n, pick(List.of("agent_id", "action.target_system", "credential.id")), TextNode.valueOf(nasty));
        yield List.of(Line.stored(bytes(n), family, id));
      }
      case "valid_unicode" -> {
        String text = pick(List.of("ü-ß-é", "代理-七", "\uD83E\uDD16-bot", "עברית", "\uFEFFzero-width-bom", "\uFFFD"));
        set(n, pick(List.of("agent_id", "action.target_resource", "credential.id")), TextNode.valueOf(text));
        yield List.of(Line.stored(bytes(n), family, id));
      }
      case "valid_whitespace" -> {
        // CR and TAB are white space between tokens; trailing blanks are not text after the object
        byte[] line = replace(bytes(n), utf8(",\"agent_id\":"), utf8(" ,\r\t\"agent_id\" :\t "));
        yield List.of(Line.stored(concat(utf8(" \t"), line, utf8(pick(List.of("  ", "\t", " \r")))), family, id));
      }
      case "valid_bom" -> // RFC 8259 section 8.1: a parser may ignore a UTF-8 byte order mark
          List.of(Line.stored(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(n)), family, id));
      case "valid_deep_extras" -> List.of(Line.stored(raw(n, "x_deep", nestedArrays(900)), family, id));
      case "valid_numbers" -> {
        switch (random.nextInt(6)) {
          case 0 -> n.put("records_affected", "9223372036854775807"); // the largest int64, as protobuf JSON writes it
          case 1 -> n.put("records_affected", new BigDecimal("12.000"));
          case 2 -> n.put("confidence", new BigDecimal("1E-400")); // below a double's range: 0, in [0, 1]
          case 3 -> n.putObject("amount").put("value", "-0.000000001").put("currency", "EUR");
          case 4 -> n.putObject("amount").put("value", new BigDecimal("99999999999999999999999999999.999999999"));
          default -> n.put("records_affected", new BigDecimal("5E+2"));
        }
        yield List.of(Line.stored(bytes(n), family, id));
      }
      case "truncated" -> {
        byte[] line = bytes(n);
        yield List.of(Line.quarantined(Arrays.copyOf(line, 1 + random.nextInt(line.length - 1)), family, ReasonCode.INVALID_JSON));
      }
      case "wrong_type" -> {
        Field f = presentField(n, x -> true);
        set(n, f.path(), pick(wrongTypes(f.kind())));
        yield List.of(Line.quarantined(bytes(n), family + ":" + f.path(), ReasonCode.WRONG_TYPE));
      }
      case "missing_field" -> {
        Field f = presentField(n, x -> requiredHere(n, x));
        int how = random.nextInt(f.kind() == Kind.TEXT || f.kind() == Kind.HEX ? 3 : 2);
        if (how == 0) {
          parentOf(n, f.path()).remove(leaf(f.path()));
        } else if (how == 1) {
          parentOf(n, f.path()).putNull(leaf(f.path()));
        } else {
          set(n, f.path(), TextNode.valueOf(pick(List.of("", "   ", "\t")))); // a required string must not be blank
        }
        yield List.of(Line.quarantined(bytes(n), family + ":" + f.path(), ReasonCode.MISSING_FIELD));
      }
      case "invalid_value" -> {
        if (present(n, "amount") && chance(0.3)) {
          n.with("amount").put("currency", pick(List.of("euro", "eu", "EURO", "€", "eur")));
          yield List.of(Line.quarantined(bytes(n), family + ":amount.currency", ReasonCode.INVALID_VALUE));
        }
        Field f = presentField(n, x -> x.kind() == Kind.ENUM);
        set(n, f.path(), TextNode.valueOf(pick(INVALID_VALUES.get(Kind.ENUM))));
        yield List.of(Line.quarantined(bytes(n), family + ":" + f.path(), ReasonCode.INVALID_VALUE));
      }
      case "invalid_timestamp" -> {
        Field f = presentField(n, x -> x.kind() == Kind.TIME || x.kind() == Kind.DATE);
        set(n, f.path(), TextNode.valueOf(pick(INVALID_VALUES.get(f.kind()))));
        yield List.of(Line.quarantined(bytes(n), family + ":" + f.path(), ReasonCode.INVALID_TIMESTAMP));
      }
      case "invalid_id" -> {
        String path = pick(List.of("trace.trace_id", "trace.span_id", "trace.parent_span_id"));
        set(n, path, TextNode.valueOf(pick(INVALID_VALUES.get(Kind.HEX))));
        yield List.of(Line.quarantined(bytes(n), family + ":" + path, ReasonCode.INVALID_ID));
      }
      case "out_of_range" -> {
        if (chance(0.1)) { // a literal beyond a double's range: read as infinite, still a number out of range
          String path = pick(List.of("records_affected", "confidence"));
          yield List.of(Line.quarantined(raw(n, path, pick(List.of("1e99999999999", "-1E+400"))), family + ":" + path,
              ReasonCode.OUT_OF_RANGE));
        }
        String path;
        JsonNode value;
        switch (random.nextInt(6)) {
          case 0 -> {
            path = "confidence";
            value = pick(List.of(DecimalNode.valueOf(new BigDecimal("1.5")), DecimalNode.valueOf(new BigDecimal("-0.01")),
                DecimalNode.valueOf(new BigDecimal("1E+400")), DecimalNode.valueOf(new BigDecimal("-1E+400"))));
          }
          case 1 -> {
            n.with("policy").put("checked", true);
            path = "policy.tier";
            value = pick(List.of(IntNode.valueOf(0), IntNode.valueOf(5), TextNode.valueOf("9"),
                DecimalNode.valueOf(new BigDecimal("1E+30")), IntNode.valueOf(-1)));
          }
          case 2 -> {
            path = "records_affected";
            value = pick(List.of(IntNode.valueOf(-1), TextNode.valueOf("-5"), BigIntegerNode.valueOf(BigInteger.TEN.pow(30)),
                TextNode.valueOf("123456789012345678901234567890"), DecimalNode.valueOf(new BigDecimal("1E+400")),
                TextNode.valueOf("9223372036854775808")));
          }
          case 3 -> {
            n.putObject("delegation").put("depth", 0);
            path = "delegation.depth";
            value = pick(List.of(IntNode.valueOf(1001), IntNode.valueOf(-1), DecimalNode.valueOf(new BigDecimal("1E+19"))));
          }
          case 4 -> {
            n.putObject("usage").put("latency_ms", 1);
            path = "usage.latency_ms";
            value = pick(List.of(IntNode.valueOf(-3), DecimalNode.valueOf(new BigDecimal("-1E+400"))));
          }
          default -> {
            n.putObject("amount").put("currency", "EUR").put("value", 1);
            path = "amount.value";
            value = pick(List.of(DecimalNode.valueOf(new BigDecimal("1E+40")), TextNode.valueOf("123456789012345678901234567890.5"),
                DecimalNode.valueOf(new BigDecimal("0.0000000001")), DecimalNode.valueOf(new BigDecimal("1.5E-999999999")),
                DecimalNode.valueOf(new BigDecimal("1E+400")), TextNode.valueOf("0." + "3".repeat(40))));
          }
        }
        set(n, path, value);
        yield List.of(Line.quarantined(bytes(n), family + ":" + path, ReasonCode.OUT_OF_RANGE));
      }
      case "inconsistent" -> {
        n.put("event_time", pick(List.of(day.plusDays(2) + "T00:00:00.000001Z", day.plusDays(3) + "T12:00:00+02:00",
            "9999-12-31T23:59:59Z")));
        yield List.of(Line.quarantined(bytes(n), family, ReasonCode.INCONSISTENT));
      }
      case "unrepresentable_number" -> {
        // valid JSON grammar, beyond what the parser represents: an exponent past int range, more than 1000 digits
        String path = pick(List.of("records_affected", "confidence", "x_number"));
        String number = pick(List.of("1e-2147483648", "-1E-99999999999", "7".repeat(1500),
            "0." + "1".repeat(1200)));
        yield List.of(Line.quarantined(raw(n, path, number), family, ReasonCode.INVALID_JSON));
      }
      case "deep_nesting" -> {
        int depth = pick(List.of(1001, 1500, 5000, 20_000));
        String deep = chance(0.5) ? nestedArrays(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        yield List.of(Line.quarantined(raw(n, pick(List.of("x_deep", "model", "action.target_resource")), deep), family,
            ReasonCode.INVALID_JSON));
      }
      case "invalid_utf8" -> List.of(Line.quarantined(inject(n, BAD_UTF8[random.nextInt(BAD_UTF8.length)], true), family,
          ReasonCode.INVALID_JSON));
      case "raw_control" -> List.of(Line.quarantined(inject(n, new byte[] {control()}, true), family, ReasonCode.INVALID_JSON));
      case "raw_tab_or_cr_in_string" -> {
        set(n, "agent_id", TextNode.valueOf("ag" + MARK + "1"));
        byte[] line = replace(bytes(n), utf8(MARK), new byte[] {chance(0.5) ? (byte) '\t' : (byte) '\r'});
        yield List.of(Line.quarantined(line, family, ReasonCode.INVALID_JSON));
      }
      case "nul_byte" -> {
        byte[] line = chance(0.3) ? concat(new byte[] {0}, bytes(n)) : inject(n, new byte[] {0}, true);
        yield List.of(Line.quarantined(line, family, ReasonCode.INVALID_JSON));
      }
      case "utf16_or_32" -> {
        // JSON Lines are UTF-8; a line in another Unicode encoding (BOM or not) is not valid UTF-8 JSON
        Charset charset = pick(List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
            Charset.forName("UTF-32")));
        yield List.of(Line.quarantined(n.toString().getBytes(charset), family, ReasonCode.INVALID_JSON));
      }
      case "schema_version" -> {
        int which = random.nextInt(9);
        switch (which) {
          case 0 -> n.remove("schema_version");
          case 1 -> n.putNull("schema_version");
          case 2 -> n.put("schema_version", "");
          case 3 -> n.put("schema_version", 1);
          case 4 -> n.put("schema_version", true);
          default -> n.put("schema_version", pick(List.of("2", "1.0", " 1", "v1", "\uFF11", "0", "1\u0000")));
        }
        ReasonCode reason = which <= 2 ? ReasonCode.MISSING_FIELD : which <= 4 ? ReasonCode.WRONG_TYPE
            : ReasonCode.UNSUPPORTED_SCHEMA_VERSION;
        yield List.of(Line.quarantined(bytes(n), family, reason));
      }
      case "duplicate_key" -> {
        byte[] line = bytes(n);
        byte[] damaged = switch (random.nextInt(3)) {
          case 0 -> replace(line, utf8("{"), utf8("{\"agent_id\":\"ag-other\","));
          case 1 -> replace(line, utf8("\"credential\":{"), utf8("\"credential\":{\"kind\":\"agent_token\","));
          default -> replace(line, utf8(",\"reversible\":"), utf8(",\"reversible\":" + at(n, "reversible") + ",\"reversible\":"));
        };
        yield List.of(Line.quarantined(damaged, family, ReasonCode.INVALID_JSON));
      }
      case "trailing_garbage" -> {
        String tail = pick(List.of(" x", "{}", ",", "]", " // comment", " null", "\"", "}", " " + n));
        yield List.of(Line.quarantined(concat(bytes(n), utf8(tail)), family, ReasonCode.INVALID_JSON));
      }
      case "not_an_object" -> {
        String text = pick(List.of("[" + n + "]", "\"event\"", "42", "true", "null", "[]", "-0.5e3",
            TextNode.valueOf(n.toString()).toString())); // a JSON string holding JSON
        yield List.of(Line.quarantined(utf8(text), family, ReasonCode.NOT_AN_OBJECT));
      }
      case "empty_object" -> List.of(Line.quarantined(utf8(pick(List.of("{}", "{ }", "{\"x\":1}"))), family,
          ReasonCode.MISSING_FIELD));
      case "split_line" -> {
        // a raw line feed inside a string ends the line: both halves are broken JSON, two records
        set(n, "agent_id", TextNode.valueOf("ag-" + MARK + "-9"));
        byte[] line = bytes(n);
        byte[] mark = utf8(MARK);
        int at = indexOf(line, mark);
        byte[] first = Arrays.copyOf(line, at);
        byte[] second = Arrays.copyOfRange(line, at + mark.length, line.length);
        yield List.of(Line.quarantined(first, family, ReasonCode.INVALID_JSON),
            Line.quarantined(second, family, ReasonCode.INVALID_JSON));
      }
      case "garbage" -> {
        byte[] junk;
        do {
          junk = new byte[1 + random.nextInt(300)];
          random.nextBytes(junk);
          for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n') {
              junk[i] = '?';
            }
          }
        } while (isBlank(junk));
        yield List.of(Line.quarantined(junk, family, ReasonCode.INVALID_JSON, ReasonCode.NOT_AN_OBJECT));
      }
      case "byte_flip" -> {
        byte[] line = bytes(n);
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          byte b;
          do {
            b = (byte) random.nextInt(256);
          } while (b == '\n');
          line[random.nextInt(line.length)] = b;
        }
        yield List.of(new Line(line, family, Fate.EITHER, Set.of(), id));
      }
      default -> throw new IllegalArgumentException("unknown family " + family);
    };
  }

  private static int indexOf(byte[] line, byte[] part) {
    for (int i = 0; i + part.length <= line.length; i++) {
      if (Arrays.equals(line, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Families of the main files and their weights; valid ones are a minority, so most lines are mutated. */
  private static final Map<String, Integer> WEIGHTS = weights();

  private static Map<String, Integer> weights() {
    Map<String, Integer> w = new LinkedHashMap<>();
    w.put("valid", 8);
    w.put("valid_late", 1);
    w.put("valid_escaped_controls", 2);
    w.put("valid_unicode", 2);
    w.put("valid_whitespace", 1);
    w.put("valid_bom", 1);
    w.put("valid_deep_extras", 1);
    w.put("valid_numbers", 2);
    w.put("truncated", 8);
    w.put("wrong_type", 10);
    w.put("missing_field", 8);
    w.put("invalid_value", 6);
    w.put("invalid_timestamp", 6);
    w.put("invalid_id", 4);
    w.put("out_of_range", 8);
    w.put("inconsistent", 2);
    w.put("unrepresentable_number", 3);
    w.put("deep_nesting", 2);
    w.put("invalid_utf8", 6);
    w.put("raw_control", 4);
    w.put("raw_tab_or_cr_in_string", 2);
    w.put("nul_byte", 3);
    w.put("utf16_or_32", 2);
    w.put("schema_version", 5);
    w.put("duplicate_key", 4);
    w.put("trailing_garbage", 4);
    w.put("not_an_object", 3);
    w.put("empty_object", 1);
    w.put("split_line", 2);
    w.put("garbage", 3);
    w.put("byte_flip", 6);
    return w;
  }

  private String family() {
    int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
    int r = random.nextInt(total);
    for (Map.Entry<String, Integer> e : WEIGHTS.entrySet()) {
      r -= e.getValue();
      if (r < 0) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("weights");
  }

  // ------------------------------------------------------------------ files

  /** Lines of one JSON Lines file being built, with the expectations of the records they hold. */
  private final class FileBuilder {
    final String file;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<Expected> expected = new ArrayList<>();
    /** Valid lines of this file not yet copied: a duplicate or a conflict refers back to one of them. */
    final List<Integer> copyable = new ArrayList<>();
    final List<ObjectNode> copyableEvents = new ArrayList<>();
    /** Line of a valid original to the line of its conflicting copy. */
    final Map<Long, Long> conflicts = new java.util.HashMap<>();
    long line;
    String newline = "\n";

    FileBuilder(String file) {
      this.file = file;
    }

    void add(Line l) {
      out.writeBytes(l.bytes());
      out.writeBytes(utf8(newline));
      line++;
      expected.add(new Expected(file, line, l.family(), l.fate(), l.reasons(), l.eventId()));
    }

    void addMixed(int lines) {
      for (int i = 0; i < lines; i++) {
        String id = "fz-" + file.replaceAll("\\W", "") + "-" + (line + 1) + "-" + Integer.toHexString(random.nextInt());
        if (!copyable.isEmpty() && chance(0.02)) {
          copy();
          continue;
        }
        String family = family();
        if (family.equals("valid")) {
          ObjectNode n = validEvent(id);
          copyable.add(expected.size());
          copyableEvents.add(n);
          add(Line.stored(bytes(n), family, id));
        } else {
          mutate(family, id).forEach(this::add);
        }
      }
    }

    /** The same event again: same content with its keys reversed (a duplicate), or different content (a conflict). */
    private void copy() {
      int k = random.nextInt(copyable.size());
      int index = copyable.remove(k);
      ObjectNode original = copyableEvents.remove(k);
      Expected first = expected.get(index);
      if (chance(0.5)) {
        ObjectNode reversed = NODES.objectNode();
        List<String> names = new ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
          reversed.set(names.get(i), original.get(names.get(i)));
        }
        add(new Line(bytes(reversed), "duplicate", Fate.DUPLICATE, Set.of(), first.eventId()));
      } else {
        ObjectNode changed = original.deepCopy().put("reversible", !original.get("reversible").asBoolean());
        expected.set(index, new Expected(file, first.line(), "conflict", Fate.QUARANTINED,
            Set.of(ReasonCode.CONFLICTING_DUPLICATE), first.eventId()));
        add(Line.quarantined(bytes(changed), "conflict", ReasonCode.CONFLICTING_DUPLICATE));
        conflicts.put(first.line(), line);
      }
    }

    byte[] content() {
      return out.toByteArray();
    }
  }

  private static Path write(Path landing, String relative, byte[] bytes) throws IOException {
    Path path = landing.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
    return path;
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Non-blank lines of a file's content: how many records ingest reads from it. */
  static long nonBlankLines(byte[] content) {
    long count = 0;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (!isBlank(Arrays.copyOfRange(content, start, i))) {
          count++;
        }
        start = i + 1;
      }
    }
    return count;
  }

  /**
   * The bytes a cut gzip file still decompresses to: everything the deflate stream yields before its
   * input runs out (read with a raw Inflater past the 10-byte header GZIPOutputStream writes).
   */
  static byte[] recoverable(byte[] cutGzip) {
    Inflater inflater = new Inflater(true);
    inflater.setInput(cutGzip, 10, cutGzip.length - 10);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    try {
      while (true) {
        int n = inflater.inflate(buffer);
        if (n > 0) {
          out.write(buffer, 0, n);
        } else if (inflater.finished() || inflater.needsInput()) {
          break;
        }
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("the cut must fall in the stream, not corrupt it", e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private String events(String name) {
    return "events/" + day + "/" + name;
  }

  private void plain(Path landing, FileBuilder b) throws IOException {
    write(landing, b.file, b.content());
    records.addAll(b.expected);
    written.put(b.file, nonBlankLines(b.content()));
  }

  /**
   * Writes the corpus under {@code landing}: {@code plainFiles} JSON Lines files of {@code linesPerFile}
   * mixed lines each, gzip files of {@code gzipLines} mixed lines (whole, in two members, cut), the
   * hostile files, and the OTel files.
   */
  Corpus write(Path landing, int plainFiles, int linesPerFile, int gzipLines) throws IOException {
    for (int f = 0; f < plainFiles; f++) {
      FileBuilder b = new FileBuilder(events("mixed-" + f + ".jsonl"));
      b.addMixed(linesPerFile);
      plain(landing, b);
    }
    FileBuilder crlf = new FileBuilder(events("crlf.jsonl"));
    crlf.newline = "\r\n";
    crlf.addMixed(200);
    plain(landing, crlf);

    gzipFiles(landing, gzipLines);
    heavyFile(landing);
    oddFiles(landing);
    otelFiles(landing);
    int mutated = (int) records.stream().filter(r -> !r.family().startsWith("valid") && !r.family().equals("duplicate")).count();
    return new Corpus(List.copyOf(records), Map.copyOf(written), mutated, List.copyOf(otel));
  }

  private void gzipFiles(Path landing, int lines) throws IOException {
    FileBuilder whole = new FileBuilder(events("whole.jsonl.gz"));
    whole.addMixed(lines);
    write(landing, whole.file, gzip(whole.content()));
    records.addAll(whole.expected);
    written.put(whole.file, nonBlankLines(whole.content()));

    // two gzip members in one file (what `cat a.gz b.gz` gives): both are read
    FileBuilder members = new FileBuilder(events("members.jsonl.gz"));
    members.addMixed(lines / 4);
    int firstMember = members.out.size();
    members.addMixed(lines / 4);
    byte[] content = members.content();
    write(landing, members.file, concat(gzip(Arrays.copyOf(content, firstMember)),
        gzip(Arrays.copyOfRange(content, firstMember, content.length))));
    records.addAll(members.expected);
    written.put(members.file, nonBlankLines(content));

    // cut mid-stream: the complete lines still decompressible are records, the rest one corrupt_file row
    FileBuilder cut = new FileBuilder(events("cut-mid-stream.jsonl.gz"));
    cut.addMixed(lines);
    byte[] gz = gzip(cut.content());
    byte[] cutBytes = Arrays.copyOf(gz, gz.length / 3 + random.nextInt(gz.length / 3));
    truncatedGzip(landing, cut, cutBytes);

    // the deflate stream is whole, the 8-byte trailer (CRC and length) is missing
    FileBuilder trailer = new FileBuilder(events("cut-trailer.jsonl.gz"));
    trailer.addMixed(lines / 8);
    byte[] gzTrailer = gzip(trailer.content());
    truncatedGzip(landing, trailer, Arrays.copyOf(gzTrailer, gzTrailer.length - 8));

    // files that are not gzip streams at all: one corrupt_file row without a line each
    Map<String, byte[]> unopenable = new LinkedHashMap<>();
    unopenable.put(events("zero-bytes.jsonl.gz"), new byte[0]);
    unopenable.put(events("cut-header.jsonl.gz"), Arrays.copyOf(gz, 6));
    unopenable.put(events("not-gzip.jsonl.gz"), utf8("{\"schema_version\": \"1\"}\n"));
    for (Map.Entry<String, byte[]> e : unopenable.entrySet()) {
      write(landing, e.getKey(), e.getValue());
      records.add(new Expected(e.getKey(), null, "gzip_unopenable", Fate.QUARANTINED, Set.of(ReasonCode.CORRUPT_FILE), null));
      written.put(e.getKey(), 1L);
    }
    // a valid gzip stream of nothing: no records
    write(landing, events("empty-content.jsonl.gz"), gzip(new byte[0]));
    written.put(events("empty-content.jsonl.gz"), 0L);
  }

  private void truncatedGzip(Path landing, FileBuilder b, byte[] cutBytes) throws IOException {
    write(landing, b.file, cutBytes);
    byte[] readable = recoverable(cutBytes);
    long completeLines = 0;
    for (byte x : readable) {
      if (x == '\n') {
        completeLines++;
      }
    }
    byte[] whole = Arrays.copyOf(readable, lastNewline(readable) + 1);
    for (Expected e : b.expected) {
      if (e.line() <= completeLines) {
        // a conflict whose other copy was cut off is a plain stored line again
        Long copy = b.conflicts.get(e.line());
        records.add(copy != null && copy > completeLines
            ? new Expected(e.file(), e.line(), "valid", Fate.STORED, Set.of(), e.eventId()) : e);
      }
    }
    records.add(new Expected(b.file, completeLines + 1, "gzip_truncated", Fate.QUARANTINED, Set.of(ReasonCode.CORRUPT_FILE), null));
    written.put(b.file, nonBlankLines(whole) + 1);
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Few lines, big ones: enormous lines around --max-line-bytes, huge strings and numbers, very deep nesting. */
  private void heavyFile(Path landing) throws IOException {
    FileBuilder b = new FileBuilder(events("heavy.jsonl"));
    String id = "fz-heavy-";
    // exactly at the limit: read; one byte over: line_too_long
    ObjectNode atLimit = validEvent(id + "at-limit");
    atLimit.put("x_pad", "");
    int pad = maxLineBytes - bytes(atLimit).length;
    atLimit.put("x_pad", "p".repeat(pad));
    b.add(Line.stored(bytes(atLimit), "valid_at_line_limit", id + "at-limit"));
    ObjectNode overLimit = atLimit.deepCopy().put("event_id", id + "over-limit");
    overLimit.put("x_pad", "p".repeat(pad)); // the new id is longer: now past the limit
    b.add(Line.quarantined(bytes(overLimit), "enormous", ReasonCode.LINE_TOO_LONG));
    ObjectNode big = validEvent(id + "2mib");
    big.putObject("input_context").put("summary", "b".repeat(2 << 20));
    b.add(Line.quarantined(bytes(big), "enormous", ReasonCode.LINE_TOO_LONG));
    b.add(Line.quarantined(utf8("A".repeat(3 << 19)), "enormous", ReasonCode.LINE_TOO_LONG));
    // bad bytes and NULs, but too long first: the limit is checked before anything else
    b.add(Line.quarantined(concat(new byte[] {(byte) 0xC0}, new byte[maxLineBytes + 1]), "enormous", ReasonCode.LINE_TOO_LONG));
    b.add(Line.quarantined(utf8("[".repeat(100_000)), "deep_nesting", ReasonCode.INVALID_JSON));
    b.add(Line.quarantined(utf8("{\"a\":".repeat(100_000)), "deep_nesting", ReasonCode.INVALID_JSON));
    ObjectNode hugeString = validEvent(id + "huge-string");
    hugeString.with("action").put("target_resource", "r".repeat(200_000));
    b.add(Line.stored(bytes(hugeString), "valid_huge_string", id + "huge-string"));
    ObjectNode hugeId = validEvent(id + "huge-id");
    hugeId.with("trace").put("trace_id", "a".repeat(200_000));
    b.add(Line.quarantined(bytes(hugeId), "invalid_id:huge", ReasonCode.INVALID_ID));
    ObjectNode hugeVersion = validEvent(id + "huge-version");
    hugeVersion.put("schema_version", "9".repeat(200_000));
    b.add(Line.quarantined(bytes(hugeVersion), "schema_version:huge", ReasonCode.UNSUPPORTED_SCHEMA_VERSION));
    ObjectNode hugeDecimal = validEvent(id + "huge-decimal");
    hugeDecimal.putObject("amount").put("value", "0." + "7".repeat(200_000)).put("currency", "EUR");
    b.add(Line.quarantined(bytes(hugeDecimal), "out_of_range:huge_decimal_text", ReasonCode.OUT_OF_RANGE));
    ObjectNode hugeInteger = validEvent(id + "huge-integer");
    hugeInteger.put("records_affected", "9".repeat(200_000));
    b.add(Line.quarantined(bytes(hugeInteger), "out_of_range:huge_integer_text", ReasonCode.OUT_OF_RANGE));
    ObjectNode hugeTime = validEvent(id + "huge-time");
    hugeTime.put("event_time", "2026-05-04T09:15:00." + "1".repeat(200_000) + "Z");
    b.add(Line.quarantined(bytes(hugeTime), "invalid_timestamp:huge", ReasonCode.INVALID_TIMESTAMP));
    plain(landing, b);
  }

  /** Files hostile as files: empty, only blank lines, a BOM, CR-only line ends, no final newline. */
  private void oddFiles(Path landing) throws IOException {
    write(landing, events("empty.jsonl"), new byte[0]);
    written.put(events("empty.jsonl"), 0L);
    write(landing, events("blank.jsonl"), utf8("\n   \n\t\n\r\n \r\n\n"));
    written.put(events("blank.jsonl"), 0L);

    FileBuilder bom = new FileBuilder(events("bom.jsonl"));
    String bomId = "fz-bom-1";
    bom.out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bom.add(Line.stored(bytes(validEvent(bomId)), "valid_bom_file", bomId));
    bom.addMixed(20);
    plain(landing, bom);

    // classic Mac line ends: no line feed at all, so the whole file is one line with text after its first object
    FileBuilder cr = new FileBuilder(events("cr-only.jsonl"));
    byte[] crLine = concat(bytes(validEvent("fz-cr-1")), utf8("\r"), bytes(validEvent("fz-cr-2")), utf8("\r"),
        bytes(validEvent("fz-cr-3")));
    cr.add(Line.quarantined(crLine, "cr_line_ends", ReasonCode.INVALID_JSON));
    plain(landing, cr);

    FileBuilder last = new FileBuilder(events("no-final-newline.jsonl"));
    last.addMixed(10);
    String lastId = "fz-last-line";
    last.add(Line.stored(bytes(validEvent(lastId)), "valid_no_final_newline", lastId));
    byte[] content = last.content();
    write(landing, last.file, Arrays.copyOf(content, content.length - 1));
    records.addAll(last.expected);
    written.put(last.file, nonBlankLines(content));
  }

  // ------------------------------------------------------------------ OTel (contract section 2)

  private static ObjectNode attribute(String key, String type, Object value) {
    ObjectNode a = NODES.objectNode().put("key", key);
    ObjectNode v = a.putObject("value");
    switch (type) {
      case "stringValue" -> v.put(type, (String) value);
      case "boolValue" -> v.put(type, (Boolean) value);
      default -> v.put(type, value.toString()); // intValue: int64 as a string
    }
    return a;
  }

  /** One execute_tool span with the governance attributes section 1 requires, on one line. */
  private String toolSpan(int i, long startNanos) {
    ObjectNode span = NODES.objectNode().put("traceId", hex(32).toLowerCase()).put("spanId", hex(16).toLowerCase())
        .put("name", "execute_tool lookup").put("startTimeUnixNano", Long.toString(startNanos))
        .put("endTimeUnixNano", Long.toString(startNanos + 250_000_000L));
    ArrayNode attributes = span.putArray("attributes");
    attributes.add(attribute("gen_ai.operation.name", "stringValue", "execute_tool"));
    attributes.add(attribute("gen_ai.tool.name", "stringValue", "lookup"));
    attributes.add(attribute("agentgov.event_id", "stringValue", "fz-otel-" + i + "-" + hex(8).toLowerCase()));
    attributes.add(attribute("agentgov.credential.id", "stringValue", "cred-otel"));
    attributes.add(attribute("agentgov.credential.kind", "stringValue", "agent_token"));
    attributes.add(attribute("agentgov.action.type", "stringValue", "read"));
    attributes.add(attribute("agentgov.action.target_system", "stringValue", "crm"));
    attributes.add(attribute("agentgov.data_sensitivity", "stringValue", "internal"));
    attributes.add(attribute("agentgov.reversible", "boolValue", true));
    attributes.add(attribute("agentgov.policy.checked", "boolValue", true));
    attributes.add(attribute("agentgov.policy.decision", "stringValue", "allow"));
    attributes.add(attribute("agentgov.policy.tier", "intValue", 1));
    return span.toString();
  }

  private String chatSpan(long startNanos) {
    ObjectNode span = NODES.objectNode().put("traceId", hex(32).toLowerCase()).put("spanId", hex(16).toLowerCase())
        .put("name", "chat m1").put("startTimeUnixNano", Long.toString(startNanos))
        .put("endTimeUnixNano", Long.toString(startNanos + 1000));
    span.putArray("attributes").add(attribute("gen_ai.operation.name", "stringValue", "chat"));
    return span.toString();
  }

  /** An OTLP/JSON export, one span a line (so a damaged line is a damaged span): header, spans, footer. */
  private List<String> otelDocument(int events, int chats) {
    long start = day.atTime(9, 0).toInstant(ZoneOffset.UTC).getEpochSecond() * 1_000_000_000L;
    List<String> lines = new ArrayList<>();
    lines.add("{\"resourceSpans\": [{\"resource\": {\"attributes\": [{\"key\": \"gen_ai.agent.id\", \"value\": "
        + "{\"stringValue\": \"ag-otel-1\"}}]},");
    lines.add(" \"scopeSpans\": [{\"spans\": [");
    for (int i = 0; i < events + chats; i++) {
      String span = i < events ? toolSpan(i, start + i * 1_000_000_000L) : chatSpan(start + i);
      lines.add(span + (i < events + chats - 1 ? "," : ""));
    }
    lines.add("]}]}]}");
    return lines;
  }

  private void otelFiles(Path landing) throws IOException {
    String dir = "otel/" + day + "/";
    write(landing, dir + "spans-ok.json", utf8(String.join("\n", otelDocument(20, 3)) + "\n"));
    otel.add(new OtelFile(dir + "spans-ok.json", 20, 3, 20, false));

    // cut in the middle of the 12th span: the 11 before it are whole
    List<String> cut = otelDocument(20, 0);
    String cutText = String.join("\n", cut.subList(0, 13)) + "\n" + cut.get(13).substring(0, cut.get(13).length() / 2);
    write(landing, dir + "spans-cut.json", utf8(cutText));
    otel.add(new OtelFile(dir + "spans-cut.json", 20, 0, 11, true));

    // overlong UTF-8 in an attribute value of the 6th span
    List<String> utf = otelDocument(10, 0);
    byte[] utfBytes = utf8(String.join("\n", utf) + "\n");
    utfBytes = replace(utfBytes, utf8("\"lookup\"}},{\"key\":\"agentgov.event_id\",\"value\":{\"stringValue\":\"fz-otel-5-"),
        concat(utf8("\"look"), new byte[] {(byte) 0xC0, (byte) 0xAF},
            utf8("\"}},{\"key\":\"agentgov.event_id\",\"value\":{\"stringValue\":\"fz-otel-5-")));
    write(landing, dir + "spans-bad-utf8.json", utfBytes);
    otel.add(new OtelFile(dir + "spans-bad-utf8.json", 10, 0, 5, true));

    // an attribute value nested 5,000 levels deep in the 4th span
    List<String> deep = otelDocument(10, 0);
    String nested = "{\"kvlistValue\": {\"values\": [{\"key\": \"k\", \"value\": ".repeat(5000) + "{\"stringValue\": \"x\"}"
        + "}]}}".repeat(5000);
    deep.set(5, deep.get(5).replace("\"attributes\":[", "\"attributes\":[{\"key\":\"x_deep\",\"value\":" + nested + "},"));
    write(landing, dir + "spans-deep.json", utf8(String.join("\n", deep) + "\n"));
    otel.add(new OtelFile(dir + "spans-deep.json", 10, 0, 3, true));

    write(landing, dir + "empty.json", new byte[0]);
    otel.add(new OtelFile(dir + "empty.json", 0, 0, 0, false));
  }
}

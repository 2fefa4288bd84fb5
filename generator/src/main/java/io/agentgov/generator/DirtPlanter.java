package io.agentgov.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The dirt planted in gateway JSON Lines: malformed lines (one defect each, so the reason code is
 * unambiguous), exact duplicates, conflicting duplicates and late events. Variants are taken in a
 * fixed round robin over categories (one planter per chunk, starting at a seeded category), so even
 * a small run contains every reason code.
 */
final class DirtPlanter {

  enum Category {
    INVALID_JSON, NOT_AN_OBJECT, UNSUPPORTED_SCHEMA_VERSION, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE, OUT_OF_RANGE,
    INVALID_TIMESTAMP, INVALID_ID, INCONSISTENT, DUPLICATE, CONFLICT, LATE
  }

  enum Need { NONE, CHECKED, EXECUTED, AMOUNT, CONFIDENCE, ONE_DAY_LEFT, TWO_DAYS_LEFT }

  enum Variant {
    TRUNCATED(Category.INVALID_JSON, Need.NONE, "line cut short"),
    LOG_LINE(Category.INVALID_JSON, Need.NONE, "a plain-text log line"),
    INVALID_UTF8(Category.INVALID_JSON, Need.NONE, "invalid UTF-8 bytes inside action.tool"),
    DUPLICATE_KEY(Category.INVALID_JSON, Need.NONE, "agent_id key twice"),
    ARRAY(Category.NOT_AN_OBJECT, Need.NONE, "the event wrapped in a JSON array"),
    NUMBER(Category.NOT_AN_OBJECT, Need.NONE, "a JSON number"),
    STRING(Category.NOT_AN_OBJECT, Need.NONE, "a JSON string"),
    VERSION_2(Category.UNSUPPORTED_SCHEMA_VERSION, Need.NONE, "schema_version \"2\""),
    VERSION_0_9(Category.UNSUPPORTED_SCHEMA_VERSION, Need.NONE, "schema_version \"0.9\""),
    NO_EVENT_ID(Category.MISSING_FIELD, Need.NONE, "event_id absent"),
    NO_EVENT_TIME(Category.MISSING_FIELD, Need.NONE, "event_time absent"),
    NULL_AGENT_ID(Category.MISSING_FIELD, Need.NONE, "agent_id null"),
    BLANK_AGENT_ID(Category.MISSING_FIELD, Need.NONE, "agent_id blank"),
    NO_CREDENTIAL_ID(Category.MISSING_FIELD, Need.NONE, "credential.id absent"),
    NO_CREDENTIAL_KIND(Category.MISSING_FIELD, Need.NONE, "credential.kind absent"),
    NO_TRACE(Category.MISSING_FIELD, Need.NONE, "trace absent"),
    NO_SPAN_ID(Category.MISSING_FIELD, Need.NONE, "trace.span_id absent"),
    NO_ACTION_TYPE(Category.MISSING_FIELD, Need.NONE, "action.type absent"),
    NO_TARGET_SYSTEM(Category.MISSING_FIELD, Need.NONE, "action.target_system absent"),
    NO_SENSITIVITY(Category.MISSING_FIELD, Need.NONE, "data_sensitivity absent"),
    NO_REVERSIBLE(Category.MISSING_FIELD, Need.NONE, "reversible absent"),
    NO_DECISION(Category.MISSING_FIELD, Need.NONE, "policy.decision absent"),
    NO_STATUS(Category.MISSING_FIELD, Need.NONE, "outcome.status absent"),
    NO_TIER_WHEN_CHECKED(Category.MISSING_FIELD, Need.CHECKED, "policy.tier absent although policy.checked is true"),
    NO_EXECUTED_AT(Category.MISSING_FIELD, Need.EXECUTED, "outcome.executed_at absent although the status is success or partial"),
    NO_SCHEMA_VERSION(Category.MISSING_FIELD, Need.NONE, "schema_version absent"),
    REVERSIBLE_YES(Category.WRONG_TYPE, Need.NONE, "reversible \"yes\""),
    CONFIDENCE_HIGH(Category.WRONG_TYPE, Need.NONE, "confidence \"high\""),
    RECORDS_DECIMAL(Category.WRONG_TYPE, Need.NONE, "records_affected 12.5"),
    ACTION_STRING(Category.WRONG_TYPE, Need.NONE, "action is a string"),
    CHECKED_STRING(Category.WRONG_TYPE, Need.NONE, "policy.checked \"true\" (a string)"),
    TOKENS_WORD(Category.WRONG_TYPE, Need.NONE, "usage.input_tokens \"many\""),
    AMOUNT_WORD(Category.WRONG_TYPE, Need.AMOUNT, "amount.value \"lots\""),
    LAUNCH_MISSILES(Category.INVALID_VALUE, Need.NONE, "action.type \"launch_missiles\""),
    SECRET(Category.INVALID_VALUE, Need.NONE, "data_sensitivity \"secret\""),
    PASSWORD(Category.INVALID_VALUE, Need.NONE, "credential.kind \"password\""),
    DECISION_MAYBE(Category.INVALID_VALUE, Need.NONE, "policy.decision \"maybe\""),
    STATUS_DONE(Category.INVALID_VALUE, Need.NONE, "outcome.status \"done\""),
    CONFIDENCE_1_7(Category.OUT_OF_RANGE, Need.NONE, "confidence 1.7"),
    TIER_7(Category.OUT_OF_RANGE, Need.CHECKED, "policy.tier 7"),
    RECORDS_NEGATIVE(Category.OUT_OF_RANGE, Need.NONE, "records_affected -5"),
    TOKENS_NEGATIVE(Category.OUT_OF_RANGE, Need.NONE, "usage.output_tokens -12"),
    TIER_0(Category.OUT_OF_RANGE, Need.CHECKED, "policy.tier 0"),
    CONFIDENCE_NEGATIVE(Category.OUT_OF_RANGE, Need.NONE, "confidence -0.2"),
    MONTH_13(Category.INVALID_TIMESTAMP, Need.NONE, "event_time 2024-13-45T99:00:00Z"),
    YESTERDAY(Category.INVALID_TIMESTAMP, Need.NONE, "event_time \"yesterday\""),
    NO_OFFSET(Category.INVALID_TIMESTAMP, Need.NONE, "event_time without offset"),
    EXECUTED_AT_GARBAGE(Category.INVALID_TIMESTAMP, Need.EXECUTED, "outcome.executed_at not RFC 3339"),
    TRACE_ID_SHORT(Category.INVALID_ID, Need.NONE, "trace.trace_id 31 hex digits"),
    TRACE_ID_NON_HEX(Category.INVALID_ID, Need.NONE, "trace.trace_id with a non-hex digit"),
    SPAN_ID_SHORT(Category.INVALID_ID, Need.NONE, "trace.span_id 15 hex digits"),
    FROM_FUTURE(Category.INCONSISTENT, Need.NONE, "event_time 4 days after the landing day"),
    DUPLICATE_SAME_FILE(Category.DUPLICATE, Need.NONE, "exact duplicate later in the same file, keys reordered"),
    DUPLICATE_LATER_DAY(Category.DUPLICATE, Need.ONE_DAY_LEFT, "exact duplicate in the next day's folder, keys reordered"),
    CONFLICT_SAME_DAY(Category.CONFLICT, Need.NONE, "same event_id and event_time, different content, same day"),
    CONFLICT_LATER_DAY(Category.CONFLICT, Need.ONE_DAY_LEFT, "same event_id and event_time, different content, next day"),
    LATE_ONE_DAY(Category.LATE, Need.ONE_DAY_LEFT, "arrives one day late"),
    LATE_TWO_DAYS(Category.LATE, Need.TWO_DAYS_LEFT, "arrives two days late");

    final Category category;
    final Need need;
    final String detail;

    Variant(Category category, Need need, String detail) {
      this.category = category;
      this.need = need;
      this.detail = detail;
    }

    /** The reason code ingest must give this line, or null when it is not quarantined for itself. */
    ReasonCode reason() {
      return switch (category) {
        case DUPLICATE, LATE -> null;
        case CONFLICT -> ReasonCode.CONFLICTING_DUPLICATE;
        default -> ReasonCode.valueOf(category.name());
      };
    }

    boolean malformed() {
      return category.ordinal() <= Category.INCONSISTENT.ordinal();
    }
  }

  private static final Category[] CATEGORIES = Category.values();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private int category;
  private final int[] variantCursor = new int[CATEGORIES.length];

  DirtPlanter(int startCategory) {
    this.category = Math.floorMod(startCategory, CATEGORIES.length);
  }

  private static boolean applies(Variant v, Event e, long daysLeft) {
    return switch (v.need) {
      case NONE -> true;
      case CHECKED -> e.checked;
      case EXECUTED -> e.executedAt >= 0;
      case AMOUNT -> e.amountCents >= 0;
      case CONFIDENCE -> e.confidenceMilli >= 0;
      case ONE_DAY_LEFT -> daysLeft >= 1;
      case TWO_DAYS_LEFT -> daysLeft >= 2;
    };
  }

  /** The next variant that applies to {@code e}, or null when none does. */
  Variant next(Event e, long daysLeft) {
    for (int k = 0; k < CATEGORIES.length; k++) {
      Category c = CATEGORIES[(category + k) % CATEGORIES.length];
      Variant[] variants = variantsOf(c);
      for (int j = 0; j < variants.length; j++) {
        Variant v = variants[(variantCursor[c.ordinal()] + j) % variants.length];
        if (applies(v, e, daysLeft)) {
          variantCursor[c.ordinal()] += j + 1;
          category = (category + k + 1) % CATEGORIES.length;
          return v;
        }
      }
    }
    return null;
  }

  private static final Variant[][] BY_CATEGORY = new Variant[CATEGORIES.length][];

  static {
    for (Category c : CATEGORIES) {
      BY_CATEGORY[c.ordinal()] = java.util.Arrays.stream(Variant.values()).filter(v -> v.category == c)
          .toArray(Variant[]::new);
    }
  }

  private static Variant[] variantsOf(Category c) {
    return BY_CATEGORY[c.ordinal()];
  }

  /**
   * The malformed line for variant {@code v} of the clean line {@code clean} (the compact JSON of an
   * event with a fresh event id, whose event time is {@code eventTime}).
   */
  static byte[] malformed(Variant v, byte[] clean, long eventTime, SplittableRandom r) {
    String text = new String(clean, StandardCharsets.UTF_8);
    switch (v) {
      case TRUNCATED -> {
        int cut = 10 + r.nextInt(Math.max(1, clean.length - 12));
        return java.util.Arrays.copyOf(clean, cut);
      }
      case LOG_LINE -> {
        return ("WARN policy-gateway gw-" + r.nextInt(16) + ": upstream timeout after 30000 ms, request dropped")
            .getBytes(StandardCharsets.UTF_8);
      }
      case INVALID_UTF8 -> {
        int at = text.indexOf("\"tool\":\"") + 8;
        byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[clean.length + 2];
        System.arraycopy(clean, 0, out, 0, prefix.length);
        out[prefix.length] = (byte) 0xC3;
        out[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(clean, prefix.length, out, prefix.length + 2, clean.length - prefix.length);
        return out;
      }
      case DUPLICATE_KEY -> {
        int at = text.indexOf("\"agent_id\":");
        int end = text.indexOf(',', at);
        String pair = text.substring(at, end);
        return (text.substring(0, end + 1) + pair + "," + text.substring(end + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case ARRAY -> {
        return ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
      }
      case NUMBER -> {
        return Long.toString(1_700_000_000L + r.nextInt(100_000_000)).getBytes(StandardCharsets.UTF_8);
      }
      case STRING -> {
        return ("\"" + text.substring(text.indexOf("evt_"), text.indexOf("evt_") + 20) + "\"")
            .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return tree(v, text, eventTime);
      }
    }
  }

  private static ObjectNode obj(ObjectNode root, String field) {
    return (ObjectNode) root.get(field);
  }

  private static byte[] tree(Variant v, String text, long eventTime) {
    try {
      ObjectNode n = (ObjectNode) MAPPER.readTree(text);
      switch (v) {
        case VERSION_2 -> n.put("schema_version", "2");
        case VERSION_0_9 -> n.put("schema_version", "0.9");
        case NO_EVENT_ID -> n.remove("event_id");
        case NO_EVENT_TIME -> n.remove("event_time");
        case NULL_AGENT_ID -> n.putNull("agent_id");
        case BLANK_AGENT_ID -> n.put("agent_id", "  ");
        case NO_CREDENTIAL_ID -> obj(n, "credential").remove("id");
        case NO_CREDENTIAL_KIND -> obj(n, "credential").remove("kind");
        case NO_TRACE -> n.remove("trace");
        case NO_SPAN_ID -> obj(n, "trace").remove("span_id");
        case NO_ACTION_TYPE -> obj(n, "action").remove("type");
        case NO_TARGET_SYSTEM -> obj(n, "action").remove("target_system");
        case NO_SENSITIVITY -> n.remove("data_sensitivity");
        case NO_REVERSIBLE -> n.remove("reversible");
        case NO_DECISION -> obj(n, "policy").remove("decision");
        case NO_STATUS -> obj(n, "outcome").remove("status");
        case NO_TIER_WHEN_CHECKED -> obj(n, "policy").remove("tier");
        case NO_EXECUTED_AT -> obj(n, "outcome").remove("executed_at");
        case NO_SCHEMA_VERSION -> n.remove("schema_version");
        case REVERSIBLE_YES -> n.put("reversible", "yes");
        case CONFIDENCE_HIGH -> n.put("confidence", "high");
        case RECORDS_DECIMAL -> n.put("records_affected", 12.5);
        case ACTION_STRING -> n.put("action", obj(n, "action").get("type").asText());
        case CHECKED_STRING -> obj(n, "policy").put("checked", "true");
        case TOKENS_WORD -> obj(n, "usage").put("input_tokens", "many");
        case AMOUNT_WORD -> obj(n, "amount").put("value", "lots");
        case LAUNCH_MISSILES -> obj(n, "action").put("type", "launch_missiles");
        case SECRET -> n.put("data_sensitivity", "secret");
        case PASSWORD -> obj(n, "credential").put("kind", "password");
        case DECISION_MAYBE -> obj(n, "policy").put("decision", "maybe");
        case STATUS_DONE -> obj(n, "outcome").put("status", "done");
        case CONFIDENCE_1_7 -> n.put("confidence", 1.7);
        case TIER_7 -> obj(n, "policy").put("tier", 7);
        case RECORDS_NEGATIVE -> n.put("records_affected", -5);
        case TOKENS_NEGATIVE -> obj(n, "usage").put("output_tokens", -12);
        case TIER_0 -> obj(n, "policy").put("tier", 0);
        case CONFIDENCE_NEGATIVE -> n.put("confidence", -0.2);
        case MONTH_13 -> n.put("event_time", "2024-13-45T99:00:00Z");
        case YESTERDAY -> n.put("event_time", "yesterday");
        case NO_OFFSET -> n.put("event_time",
            LocalDateTime.ofInstant(Instant.ofEpochMilli(eventTime), ZoneOffset.UTC).withNano(0).toString());
        case EXECUTED_AT_GARBAGE -> obj(n, "outcome").put("executed_at", "2026-03-02 25:61");
        case TRACE_ID_SHORT -> {
          ObjectNode t = obj(n, "trace");
          t.put("trace_id", t.get("trace_id").asText().substring(1));
        }
        case TRACE_ID_NON_HEX -> {
          ObjectNode t = obj(n, "trace");
          t.put("trace_id", "g" + t.get("trace_id").asText().substring(1));
        }
        case SPAN_ID_SHORT -> {
          ObjectNode t = obj(n, "trace");
          t.put("span_id", t.get("span_id").asText().substring(1));
        }
        default -> throw new IllegalStateException("Cannot plant " + v + ": not a tree defect");
      }
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plant " + v + ": the clean line does not parse", e);
    }
  }

  /** The event id a reader can still find in a malformed line, or null. */
  static String readableEventId(Variant v, String eventId) {
    return switch (v.category) {
      case INVALID_JSON, NOT_AN_OBJECT -> null;
      default -> v == Variant.NO_EVENT_ID ? null : eventId;
    };
  }
}

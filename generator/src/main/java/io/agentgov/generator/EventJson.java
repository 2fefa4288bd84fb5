package io.agentgov.generator;

import java.time.LocalDate;

/**
 * Writes an {@link Event} as one line of input contract v1, section 1. The canonical layout is
 * compact with the fields in the contract's order; the alternative layouts (used for planted
 * exact duplicates) permute the top-level keys and put a space after every separator, which
 * changes the bytes but not the JSON value.
 */
final class EventJson {
  static final int SCHEMA_VERSION = 0;
  static final int EVENT_ID = 1;
  static final int EVENT_TIME = 2;
  static final int AGENT_ID = 3;
  static final int AGENT_VERSION = 4;
  static final int MODEL = 5;
  static final int CREDENTIAL = 6;
  static final int ON_BEHALF_OF = 7;
  static final int TRACE = 8;
  static final int DELEGATION = 9;
  static final int ACTION = 10;
  static final int AMOUNT = 11;
  static final int RECORDS = 12;
  static final int SENSITIVITY = 13;
  static final int REVERSIBLE = 14;
  static final int REGULATORY = 15;
  static final int CONFIDENCE = 16;
  static final int INPUT_CONTEXT = 17;
  static final int POLICY = 18;
  static final int OVERSIGHT = 19;
  static final int OUTCOME = 20;
  static final int USAGE = 21;
  static final int RETENTION = 22;
  /** An extra the contract does not define (ingest keeps it): the region of the unit's gateway, for US units. */
  static final int GATEWAY_REGION = 23;

  static final int[] CANONICAL = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};

  /** Key orders of re-serialised duplicates. */
  static final int[][] ALTERNATIVE = {
      {23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
      {1, 0, 3, 2, 10, 8, 6, 5, 4, 7, 9, 11, 12, 13, 14, 15, 16, 17, 20, 19, 18, 21, 23, 22},
      {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4}};

  private static final byte[][] KEYS = keys("schema_version", "event_id", "event_time", "agent_id", "agent_version",
      "model", "credential", "on_behalf_of", "trace", "delegation", "action", "amount", "records_affected",
      "data_sensitivity", "reversible", "regulatory_scope", "confidence", "input_context", "policy", "oversight", "outcome",
      "usage", "retention", "x_gateway_region");

  static final byte[][] DECISIONS = quotedAll("allow", "allow_notify", "require_approval", "halt", "deny");
  static final byte[][] MODES = quotedAll("none", "on_the_loop", "in_the_loop", "halt_escalate");
  static final byte[][] OVERSIGHT_DECISIONS = quotedAll("approved", "rejected", "modified", "reversed", "timed_out");
  static final byte[][] STATUSES = quotedAll("success", "failure", "partial", "blocked");
  static final String[] ERROR_CODES = {"TIMEOUT", "UPSTREAM_5XX", "VALIDATION_ERROR", "RATE_LIMITED", "NOT_FOUND"};
  static final byte[][] ERRORS = quotedAll(ERROR_CODES);

  private static final byte[] ONE = ByteSink.quoted("1");
  private static final byte[] US_EAST = ByteSink.quoted("us-east-1");
  private static final byte[] TRUE = ByteSink.utf8("true");
  private static final byte[] FALSE = ByteSink.utf8("false");
  private static final byte[] RETENTION_CLASS = ByteSink.utf8("{\"class\":\"audit-7y\",\"retain_until\":\"");

  private static byte[][] keys(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = ByteSink.quoted(names[i]);
    }
    return out;
  }

  static byte[][] quotedAll(String... values) {
    return keys(values);
  }

  private final long idKey;
  private final boolean spaced;
  private long cachedRetainDay = Long.MIN_VALUE;
  private byte[] cachedRetain;

  EventJson(long idKey, boolean spaced) {
    this.idKey = idKey;
    this.spaced = spaced;
  }

  /** The event id of {@code uid}: unique because {@link Seeds#permute} is a bijection. */
  static void eventId(ByteSink s, long idKey, long uid) {
    s.raw('"').ascii("evt_").hex(Seeds.permute(idKey, uid), 16).raw('"');
  }

  static String eventIdString(long idKey, long uid) {
    return "evt_" + Seeds.hex(Seeds.permute(idKey, uid), 16);
  }

  private static boolean present(Event e, int field) {
    return switch (field) {
      case DELEGATION -> e.delegator != null;
      case ON_BEHALF_OF -> e.onBehalfPerson != null || e.onBehalfCustomer >= 0;
      case AMOUNT -> e.amountCents >= 0;
      case RECORDS -> e.records >= 0;
      case REGULATORY -> e.tool.regulatoryJson != null;
      case CONFIDENCE -> e.confidenceMilli >= 0;
      case INPUT_CONTEXT -> e.context;
      case OVERSIGHT -> e.mode >= 0;
      case RETENTION -> e.retention;
      case GATEWAY_REGION -> e.agent.unit.spec.offsetMinutes() < 0;
      case MODEL -> e.modelJson != null;
      default -> true;
    };
  }

  /** Appends the event as one JSON object (no newline). */
  void write(Event e, ByteSink s, int[] order) {
    s.raw('{');
    boolean first = true;
    for (int f : order) {
      if (!present(e, f)) {
        continue;
      }
      if (!first) {
        s.raw(',');
        if (spaced) {
          s.raw(' ');
        }
      }
      first = false;
      s.raw(KEYS[f]).raw(':');
      if (spaced) {
        s.raw(' ');
      }
      value(e, s, f);
    }
    s.raw('}');
  }

  private static final byte[] K_ID = ByteSink.utf8("{\"id\":");
  private static final byte[] K_KIND = ByteSink.utf8(",\"kind\":");
  private static final byte[] K_TRACE = ByteSink.utf8("{\"trace_id\":\"");
  private static final byte[] K_SPAN = ByteSink.utf8("\",\"span_id\":\"");
  private static final byte[] K_PARENT = ByteSink.utf8("\",\"parent_span_id\":\"");
  private static final byte[] K_SESSION = ByteSink.utf8("\",\"session_id\":\"ses_");
  private static final byte[] K_DELEGATION = ByteSink.utf8("{\"parent_agent_id\":");
  private static final byte[] K_DEPTH = ByteSink.utf8(",\"depth\":");
  private static final byte[] K_GRANTED = ByteSink.utf8(",\"granted_permissions\":");
  private static final byte[] K_TYPE = ByteSink.utf8("{\"type\":");
  private static final byte[] K_TOOL = ByteSink.utf8(",\"tool\":");
  private static final byte[] K_TARGET = ByteSink.utf8(",\"target_system\":");
  private static final byte[] K_RESOURCE = ByteSink.utf8(",\"target_resource\":\"");
  private static final byte[] K_VALUE = ByteSink.utf8("{\"value\":");
  private static final byte[] K_CURRENCY = ByteSink.utf8(",\"currency\":");
  private static final byte[] K_DIGEST = ByteSink.utf8("{\"digest\":\"");
  private static final byte[] K_SUMMARY = ByteSink.utf8("\",\"summary\":");
  private static final byte[] K_CHECKED_TRUE = ByteSink.utf8("{\"checked\":true,\"decision\":");
  private static final byte[] K_CHECKED_FALSE = ByteSink.utf8("{\"checked\":false,\"decision\":");
  private static final byte[] K_RULE = ByteSink.utf8(",\"rule_id\":");
  private static final byte[] K_POLICY_VERSION = ByteSink.utf8(",\"policy_version\":");
  private static final byte[] K_TIER = ByteSink.utf8(",\"tier\":");
  private static final byte[] K_MODE = ByteSink.utf8("{\"mode\":");
  private static final byte[] K_ESCALATED = ByteSink.utf8(",\"escalated_to\":");
  private static final byte[] K_REQUESTED = ByteSink.utf8(",\"requested_at\":");
  private static final byte[] K_RESPONDED = ByteSink.utf8(",\"responded_at\":");
  private static final byte[] K_DECISION = ByteSink.utf8(",\"decision\":");
  private static final byte[] K_SLA = ByteSink.utf8(",\"sla_seconds\":");
  private static final byte[] K_STATUS = ByteSink.utf8("{\"status\":");
  private static final byte[] K_ERROR = ByteSink.utf8(",\"error_code\":");
  private static final byte[] K_EXECUTED = ByteSink.utf8(",\"executed_at\":");
  private static final byte[] K_INPUT = ByteSink.utf8("{\"input_tokens\":");
  private static final byte[] K_OUTPUT = ByteSink.utf8(",\"output_tokens\":");
  private static final byte[] K_LATENCY = ByteSink.utf8(",\"latency_ms\":");

  private void value(Event e, ByteSink s, int field) {
    switch (field) {
      case SCHEMA_VERSION -> s.raw(ONE);
      case EVENT_ID -> eventId(s, idKey, e.uid);
      case EVENT_TIME -> s.timestamp(e.time, e.offsetMinutes);
      case AGENT_ID -> s.raw(e.agent.idJson);
      case AGENT_VERSION -> s.raw(e.agent.versionJson);
      case MODEL -> s.raw(e.modelJson);
      case CREDENTIAL -> s.raw(K_ID).raw(e.credentialIdJson).raw(K_KIND).raw(e.credentialKindJson).raw('}');
      case ON_BEHALF_OF -> {
        if (e.onBehalfPerson != null) {
          s.raw(e.onBehalfPerson);
        } else {
          s.raw('"').ascii("cus_").num(e.onBehalfCustomer).raw('"');
        }
      }
      case TRACE -> {
        s.raw(K_TRACE).hex(e.traceHi, 16).hex(e.traceLo, 16).raw(K_SPAN).hex(e.spanId, 16);
        if (e.hasParent) {
          s.raw(K_PARENT).hex(e.parentSpanId, 16);
        }
        s.raw(K_SESSION).hex(e.sessionHi, 8).hex(e.sessionLo, 12).raw('"').raw('}');
      }
      case DELEGATION -> s.raw(K_DELEGATION).raw(e.delegator.idJson).raw(K_DEPTH).num(e.depth).raw(K_GRANTED)
          .raw(e.delegationGrantedJson).raw('}');
      case ACTION -> s.raw(K_TYPE).raw(e.tool.actionJson).raw(K_TOOL).raw(e.tool.nameJson).raw(K_TARGET)
          .raw(e.tool.targetJson).raw(K_RESOURCE).raw(e.tool.resourcePrefix).num(e.resourceNo).raw('"').raw('}');
      case AMOUNT -> s.raw(K_VALUE).cents(e.amountCents).raw(K_CURRENCY).raw(e.currencyJson).raw('}');
      case RECORDS -> s.num(e.records);
      case SENSITIVITY -> s.raw(e.tool.sensitivityJson);
      case REVERSIBLE -> s.raw(e.tool.reversible ? TRUE : FALSE);
      case REGULATORY -> s.raw(e.tool.regulatoryJson);
      case CONFIDENCE -> s.thousandths(e.confidenceMilli);
      case INPUT_CONTEXT -> s.raw(K_DIGEST).hex(e.digest0, 16).hex(e.digest1, 16).hex(e.digest2, 16).hex(e.digest3, 16)
          .raw(K_SUMMARY).raw(e.tool.summaryJson).raw('}');
      case POLICY -> {
        if (e.checked) {
          s.raw(K_CHECKED_TRUE).raw(DECISIONS[e.decision]);
          if (e.ruleIndex >= 0) {
            s.raw(K_RULE).raw(e.policy.ruleIdJson[e.ruleIndex]);
          }
          s.raw(K_POLICY_VERSION).raw(e.policy.versionJson).raw(K_TIER).num(e.tier).raw('}');
        } else {
          s.raw(K_CHECKED_FALSE).raw(DECISIONS[e.decision]).raw('}');
        }
      }
      case OVERSIGHT -> {
        s.raw(K_MODE).raw(MODES[e.mode]);
        if (e.escalatedTo != null) {
          s.raw(K_ESCALATED).raw(e.escalatedTo.idJson);
        }
        if (e.requestedAt >= 0) {
          s.raw(K_REQUESTED).timestamp(e.requestedAt, e.offsetMinutes);
        }
        if (e.respondedAt >= 0) {
          s.raw(K_RESPONDED).timestamp(e.respondedAt, e.offsetMinutes);
        }
        if (e.oversightDecision >= 0) {
          s.raw(K_DECISION).raw(OVERSIGHT_DECISIONS[e.oversightDecision]);
        }
        if (e.slaSeconds >= 0) {
          s.raw(K_SLA).num(e.slaSeconds);
        }
        s.raw('}');
      }
      case OUTCOME -> {
        s.raw(K_STATUS).raw(STATUSES[e.status]);
        if (e.errorCode >= 0) {
          s.raw(K_ERROR).raw(ERRORS[e.errorCode]);
        }
        if (e.executedAt >= 0) {
          s.raw(K_EXECUTED).timestamp(e.executedAt, e.offsetMinutes);
        }
        s.raw('}');
      }
      case USAGE -> s.raw(K_INPUT).num(e.inputTokens).raw(K_OUTPUT).num(e.outputTokens).raw(K_LATENCY).num(e.latencyMs)
          .raw('}');
      case RETENTION -> {
        if (e.retainUntilEpochDay != cachedRetainDay) {
          cachedRetain = ByteSink.utf8(LocalDate.ofEpochDay(e.retainUntilEpochDay) + "\"}");
          cachedRetainDay = e.retainUntilEpochDay;
        }
        s.raw(RETENTION_CLASS).raw(cachedRetain);
      }
      case GATEWAY_REGION -> s.raw(US_EAST);
      default -> throw new IllegalStateException("Cannot write field " + field + ": unknown");
    }
  }
}

package io.agentgov.generator;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes one OTLP/JSON trace export ({@code resourceSpans[].scopeSpans[].spans[]}) with one span
 * object per line, so that a line number names a span. Event spans are {@code execute_tool} spans
 * carrying the GenAI semantic-convention attributes and the {@code agentgov.*} attributes that
 * mirror input contract section 1; {@code chat} spans are the model calls around them (not events).
 */
final class OtelDocument implements Closeable {

  /** Planted defects of malformed event spans (exactly one per span). */
  enum Defect {
    NONE(null),
    NO_CREDENTIAL_ID(io.agentgov.contract.ReasonCode.MISSING_FIELD),
    NO_ACTION_TYPE(io.agentgov.contract.ReasonCode.MISSING_FIELD),
    SHORT_TRACE_ID(io.agentgov.contract.ReasonCode.INVALID_ID),
    SHORT_SPAN_ID(io.agentgov.contract.ReasonCode.INVALID_ID),
    UNKNOWN_ACTION_TYPE(io.agentgov.contract.ReasonCode.INVALID_VALUE),
    UNKNOWN_SENSITIVITY(io.agentgov.contract.ReasonCode.INVALID_VALUE),
    TIER_7(io.agentgov.contract.ReasonCode.OUT_OF_RANGE),
    CONFIDENCE_1_7(io.agentgov.contract.ReasonCode.OUT_OF_RANGE),
    SCHEMA_VERSION_2(io.agentgov.contract.ReasonCode.UNSUPPORTED_SCHEMA_VERSION);

    final io.agentgov.contract.ReasonCode reason;

    Defect(io.agentgov.contract.ReasonCode reason) {
      this.reason = reason;
    }
  }

  private final OutputStream out;
  private final ByteSink s = new ByteSink(1 << 18);
  private final long idKey;
  private int line = 1;
  private boolean inResource;
  private boolean anyResource;
  private boolean anySpan;
  private long bytes;
  int eventSpans;
  int otherSpans;

  OtelDocument(Path path, long idKey) throws IOException {
    this.out = new FileOutputStream(path.toFile());
    this.idKey = idKey;
    s.ascii("{\"resourceSpans\":[");
    newline();
  }

  private void newline() {
    s.raw('\n');
    line++;
  }

  private void flushIfFull() throws IOException {
    if (s.length() > (1 << 17)) {
      out.write(s.array(), 0, s.length());
      bytes += s.length();
      s.reset();
    }
  }

  /** Lines written so far (the document ends with a newline). */
  int lines() {
    return line - 1;
  }

  long bytes() {
    return bytes;
  }

  /** Starts the spans of {@code agent} (one resource per agent run). */
  void beginResource(Agent agent) throws IOException {
    endResource();
    if (anyResource) {
      s.raw(',');
      newline();
    }
    anyResource = true;
    inResource = true;
    anySpan = false;
    s.ascii("{\"resource\":{\"attributes\":[");
    str(K_SERVICE_NAME, agent.name, true);
    str(K_SERVICE_VERSION, agent.agentVersion, false);
    str(K_ENVIRONMENT, "production", false);
    str(K_SCHEMA, "1", false);
    if (agent.index % 2 == 0) {
      str(K_AGENT_ID, agent.id, false);
    }
    s.ascii("]},\"scopeSpans\":[{\"scope\":{\"name\":\"agentgov-otel-bridge\",\"version\":\"1.4.0\"},\"spans\":[");
    newline();
  }

  private void endResource() {
    if (inResource) {
      if (anySpan) {
        newline();
      }
      s.ascii("]}]}");
      inResource = false;
    }
  }

  private int beginSpan() {
    if (anySpan) {
      s.raw(',');
      newline();
    }
    anySpan = true;
    return line;
  }

  /** A {@code chat} span: the model call that reads the tool's result, a child of the tool span (not an event). */
  void chat(Event e, long chatSpanId, long start, long end) throws IOException {
    beginSpan();
    s.ascii("{\"traceId\":\"").hex(e.traceHi, 16).hex(e.traceLo, 16).ascii("\",\"spanId\":\"").hex(chatSpanId, 16)
        .ascii("\",\"parentSpanId\":\"").hex(e.spanId, 16);
    s.ascii("\",\"name\":\"chat ").ascii(e.model.name()).ascii("\",\"kind\":3,\"startTimeUnixNano\":").nanosString(start, 0)
        .ascii(",\"endTimeUnixNano\":").nanosString(end, 0).ascii(",\"attributes\":[");
    str(K_OPERATION, "chat", true);
    str(K_REQUEST_MODEL, e.model.name(), false);
    str(K_AGENT_ID, e.agent.id, false);
    intAttr(K_INPUT_TOKENS, e.inputTokens / 2 + 200);
    intAttr(K_OUTPUT_TOKENS, e.outputTokens + 20);
    s.ascii("],\"status\":{\"code\":0}}");
    otherSpans++;
    flushIfFull();
  }

  /** An {@code execute_tool} event span; returns the line it starts on. */
  int span(Event e, Defect defect) throws IOException {
    int at = beginSpan();
    s.ascii("{\"traceId\":\"");
    if (defect == Defect.SHORT_TRACE_ID) {
      s.hex(e.traceHi, 14).hex(e.traceLo, 16);
    } else {
      s.hex(e.traceHi, 16).hex(e.traceLo, 16);
    }
    s.ascii("\",\"spanId\":\"").hex(e.spanId, defect == Defect.SHORT_SPAN_ID ? 15 : 16);
    if (e.hasParent) {
      s.ascii("\",\"parentSpanId\":\"").hex(e.parentSpanId, 16);
    }
    s.ascii("\",\"name\":").raw(e.tool.chatNameJson).ascii(",\"kind\":1,\"startTimeUnixNano\":").nanosString(e.time, 0)
        .ascii(",\"endTimeUnixNano\":").nanosString(e.time + e.latencyMs, 0).ascii(",\"attributes\":[");
    str(K_OPERATION, "execute_tool", true);
    if (e.agent.index % 2 != 0) {
      raw(K_AGENT_ID, e.agent.idJson);
    }
    str(K_AGENT_NAME, e.agent.name, false);
    raw(K_AGENT_VERSION, e.agent.versionJson);
    raw(K_TOOL_NAME, e.tool.nameJson);
    s.raw(',').raw(K_CALL_ID).ascii("{\"stringValue\":\"call_").hex(e.spanId ^ e.traceLo, 16).ascii("\"}}");
    s.raw(',').raw(K_CONVERSATION).ascii("{\"stringValue\":\"ses_").hex(e.sessionHi, 8).hex(e.sessionLo, 12).ascii("\"}}");
    str(e.agent.index % 3 == 0 ? K_SYSTEM : K_PROVIDER, e.model.provider(), false);
    str(K_REQUEST_MODEL, e.model.name(), false);
    str(K_RESPONSE_MODEL, e.model.name(), false);
    intAttr(K_INPUT_TOKENS, e.inputTokens);
    intAttr(K_OUTPUT_TOKENS, e.outputTokens);
    s.raw(',').raw(K_EVENT_ID).ascii("{\"stringValue\":");
    EventJson.eventId(s, idKey, e.uid);
    s.ascii("}}");
    if (defect == Defect.SCHEMA_VERSION_2) {
      str(K_SCHEMA, "2", false);
    }
    str(K_MODEL_VERSION, e.model.version(), false);
    if (defect != Defect.NO_CREDENTIAL_ID) {
      raw(K_CREDENTIAL_ID, e.credentialIdJson);
    }
    raw(K_CREDENTIAL_KIND, e.credentialKindJson);
    if (e.onBehalfPerson != null) {
      raw(K_ON_BEHALF, e.onBehalfPerson);
    } else if (e.onBehalfCustomer >= 0) {
      s.raw(',').raw(K_ON_BEHALF).ascii("{\"stringValue\":\"cus_").num(e.onBehalfCustomer).ascii("\"}}");
    }
    if (defect == Defect.UNKNOWN_ACTION_TYPE) {
      str(K_ACTION_TYPE, "launch_missiles", false);
    } else if (defect != Defect.NO_ACTION_TYPE) {
      raw(K_ACTION_TYPE, e.tool.actionJson);
    }
    raw(K_ACTION_TOOL, e.tool.nameJson);
    raw(K_TARGET_SYSTEM, e.tool.targetJson);
    s.raw(',').raw(K_TARGET_RESOURCE).ascii("{\"stringValue\":\"").raw(e.tool.resourcePrefix).num(e.resourceNo).ascii("\"}}");
    if (e.amountCents >= 0) {
      s.raw(',').raw(K_AMOUNT_VALUE).ascii("{\"doubleValue\":").cents(e.amountCents).ascii("}}");
      raw(K_AMOUNT_CURRENCY, e.currencyJson);
    }
    if (e.records >= 0) {
      intAttr(K_RECORDS, e.records);
    }
    if (defect == Defect.UNKNOWN_SENSITIVITY) {
      str(K_SENSITIVITY, "secret", false);
    } else {
      raw(K_SENSITIVITY, e.tool.sensitivityJson);
    }
    s.raw(',').raw(K_REVERSIBLE).ascii(e.tool.reversible ? "{\"boolValue\":true}}" : "{\"boolValue\":false}}");
    if (e.tool.regulated) {
      s.raw(',').raw(K_REGULATORY).ascii("{\"arrayValue\":{\"values\":[");
      var scopes = e.tool.spec.regulatory();
      for (int i = 0; i < scopes.size(); i++) {
        if (i > 0) {
          s.raw(',');
        }
        s.ascii("{\"stringValue\":").string(scopes.get(i)).raw('}');
      }
      s.ascii("]}}}");
    }
    if (defect == Defect.CONFIDENCE_1_7) {
      s.raw(',').raw(K_CONFIDENCE).ascii("{\"doubleValue\":1.7}}");
    } else if (e.confidenceMilli >= 0) {
      s.raw(',').raw(K_CONFIDENCE).ascii("{\"doubleValue\":").thousandths(e.confidenceMilli).ascii("}}");
    }
    if (e.context) {
      s.raw(',').raw(K_DIGEST).ascii("{\"stringValue\":\"").hex(e.digest0, 16).hex(e.digest1, 16).hex(e.digest2, 16).hex(e.digest3, 16)
          .ascii("\"}}");
      raw(K_SUMMARY, e.tool.summaryJson);
    }
    s.raw(',').raw(K_CHECKED).ascii(e.checked ? "{\"boolValue\":true}}" : "{\"boolValue\":false}}");
    raw(K_DECISION, EventJson.DECISIONS[e.decision]);
    if (e.checked) {
      if (e.ruleIndex >= 0) {
        raw(K_RULE, e.policy.ruleIdJson[e.ruleIndex]);
      }
      raw(K_POLICY_VERSION, e.policy.versionJson);
      intAttr(K_TIER, defect == Defect.TIER_7 ? 7 : e.tier);
    }
    if (e.mode >= 0) {
      raw(K_MODE, EventJson.MODES[e.mode]);
      if (e.escalatedTo != null) {
        raw(K_ESCALATED, e.escalatedTo.idJson);
      }
      if (e.requestedAt >= 0) {
        time(K_REQUESTED, e.requestedAt);
      }
      if (e.respondedAt >= 0) {
        time(K_RESPONDED, e.respondedAt);
      }
      if (e.oversightDecision >= 0) {
        raw(K_OVERSIGHT_DECISION, EventJson.OVERSIGHT_DECISIONS[e.oversightDecision]);
      }
      if (e.slaSeconds >= 0) {
        intAttr(K_SLA, e.slaSeconds);
      }
    }
    raw(K_STATUS, EventJson.STATUSES[e.status]);
    if (e.errorCode >= 0) {
      raw(K_ERROR, EventJson.ERRORS[e.errorCode]);
    }
    if (e.executedAt >= 0) {
      time(K_EXECUTED, e.executedAt);
    }
    intAttr(K_LATENCY, e.latencyMs);
    s.ascii("],\"status\":{\"code\":").num(e.status == Event.FAILURE ? 2 : 1).ascii("}}");
    eventSpans++;
    flushIfFull();
    return at;
  }

  // ------------------------------------------------------------------ attributes

  private static byte[] key(String k) {
    return ByteSink.utf8("{\"key\":\"" + k + "\",\"value\":");
  }

  private void str(byte[] key, String value, boolean first) {
    if (!first) {
      s.raw(',');
    }
    s.raw(key).ascii("{\"stringValue\":").string(value).ascii("}}");
  }

  private void raw(byte[] key, byte[] quotedValue) {
    s.raw(',').raw(key).ascii("{\"stringValue\":").raw(quotedValue).ascii("}}");
  }

  private void intAttr(byte[] key, long value) {
    s.raw(',').raw(key).ascii("{\"intValue\":\"").num(value).ascii("\"}}");
  }

  private void time(byte[] key, long millis) {
    s.raw(',').raw(key).ascii("{\"stringValue\":").timestamp(millis, 0).ascii("}}");
  }

  private static final byte[] K_SERVICE_NAME = key("service.name");
  private static final byte[] K_SERVICE_VERSION = key("service.version");
  private static final byte[] K_ENVIRONMENT = key("deployment.environment.name");
  private static final byte[] K_SCHEMA = key("agentgov.schema_version");
  private static final byte[] K_OPERATION = key("gen_ai.operation.name");
  private static final byte[] K_AGENT_ID = key("gen_ai.agent.id");
  private static final byte[] K_AGENT_NAME = key("gen_ai.agent.name");
  private static final byte[] K_AGENT_VERSION = key("gen_ai.agent.version");
  private static final byte[] K_TOOL_NAME = key("gen_ai.tool.name");
  private static final byte[] K_CALL_ID = key("gen_ai.tool.call.id");
  private static final byte[] K_CONVERSATION = key("gen_ai.conversation.id");
  private static final byte[] K_PROVIDER = key("gen_ai.provider.name");
  private static final byte[] K_SYSTEM = key("gen_ai.system");
  private static final byte[] K_REQUEST_MODEL = key("gen_ai.request.model");
  private static final byte[] K_RESPONSE_MODEL = key("gen_ai.response.model");
  private static final byte[] K_INPUT_TOKENS = key("gen_ai.usage.input_tokens");
  private static final byte[] K_OUTPUT_TOKENS = key("gen_ai.usage.output_tokens");
  private static final byte[] K_EVENT_ID = key("agentgov.event_id");
  private static final byte[] K_MODEL_VERSION = key("agentgov.model.version");
  private static final byte[] K_CREDENTIAL_ID = key("agentgov.credential.id");
  private static final byte[] K_CREDENTIAL_KIND = key("agentgov.credential.kind");
  private static final byte[] K_ON_BEHALF = key("agentgov.on_behalf_of");
  private static final byte[] K_ACTION_TYPE = key("agentgov.action.type");
  private static final byte[] K_ACTION_TOOL = key("agentgov.action.tool");
  private static final byte[] K_TARGET_SYSTEM = key("agentgov.action.target_system");
  private static final byte[] K_TARGET_RESOURCE = key("agentgov.action.target_resource");
  private static final byte[] K_AMOUNT_VALUE = key("agentgov.amount.value");
  private static final byte[] K_AMOUNT_CURRENCY = key("agentgov.amount.currency");
  private static final byte[] K_RECORDS = key("agentgov.records_affected");
  private static final byte[] K_SENSITIVITY = key("agentgov.data_sensitivity");
  private static final byte[] K_REVERSIBLE = key("agentgov.reversible");
  private static final byte[] K_REGULATORY = key("agentgov.regulatory_scope");
  private static final byte[] K_CONFIDENCE = key("agentgov.confidence");
  private static final byte[] K_DIGEST = key("agentgov.input_context.digest");
  private static final byte[] K_SUMMARY = key("agentgov.input_context.summary");
  private static final byte[] K_CHECKED = key("agentgov.policy.checked");
  private static final byte[] K_DECISION = key("agentgov.policy.decision");
  private static final byte[] K_RULE = key("agentgov.policy.rule_id");
  private static final byte[] K_POLICY_VERSION = key("agentgov.policy.policy_version");
  private static final byte[] K_TIER = key("agentgov.policy.tier");
  private static final byte[] K_MODE = key("agentgov.oversight.mode");
  private static final byte[] K_ESCALATED = key("agentgov.oversight.escalated_to");
  private static final byte[] K_REQUESTED = key("agentgov.oversight.requested_at");
  private static final byte[] K_RESPONDED = key("agentgov.oversight.responded_at");
  private static final byte[] K_OVERSIGHT_DECISION = key("agentgov.oversight.decision");
  private static final byte[] K_SLA = key("agentgov.oversight.sla_seconds");
  private static final byte[] K_STATUS = key("agentgov.outcome.status");
  private static final byte[] K_ERROR = key("agentgov.outcome.error_code");
  private static final byte[] K_EXECUTED = key("agentgov.outcome.executed_at");
  private static final byte[] K_LATENCY = key("agentgov.usage.latency_ms");

  @Override
  public void close() throws IOException {
    try {
      endResource();
      if (anyResource) {
        newline();
      }
      s.ascii("]}");
      newline();
      out.write(s.array(), 0, s.length());
      bytes += s.length();
      s.reset();
    } finally {
      out.close();
    }
  }
}

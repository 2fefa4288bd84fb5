package io.agentgov.generator;

/**
 * One audit event while it is being generated: a mutable struct reused for every event of a
 * chunk, so generating ten million events allocates almost nothing. Absent optional values are
 * negative (or null).
 */
final class Event {
  // codes for the closed value sets (indexes into EventJson's tables)
  static final int ALLOW = 0;
  static final int ALLOW_NOTIFY = 1;
  static final int REQUIRE_APPROVAL = 2;
  static final int HALT = 3;

  static final int MODE_ON_THE_LOOP = 1;
  static final int MODE_IN_THE_LOOP = 2;
  static final int MODE_HALT_ESCALATE = 3;

  static final int APPROVED = 0;
  static final int REJECTED = 1;
  static final int MODIFIED = 2;
  static final int REVERSED = 3;
  static final int TIMED_OUT = 4;

  static final int SUCCESS = 0;
  static final int FAILURE = 1;
  static final int PARTIAL = 2;
  static final int BLOCKED = 3;

  long uid;
  long time;
  int offsetMinutes;
  Agent agent;
  Tool tool;
  /** Index of the tool among the agent's tools; -1 for a tool it borrowed (privilege cascade). */
  int toolIndex;
  byte[] modelJson;
  Catalog.Model model;
  byte[] credentialIdJson;
  byte[] credentialKindJson;
  String credentialId;
  /** on_behalf_of: a person (pre-encoded) or a customer number, or neither. */
  byte[] onBehalfPerson;
  long onBehalfCustomer = -1;
  long traceHi;
  long traceLo;
  long spanId;
  long parentSpanId;
  boolean hasParent;
  long sessionHi;
  long sessionLo;
  Agent delegator;
  int depth;
  byte[] delegationGrantedJson;
  boolean cascade;
  long resourceNo;
  long amountCents = -1;
  byte[] currencyJson;
  long records = -1;
  int confidenceMilli = -1;
  boolean context;
  long digest0;
  long digest1;
  long digest2;
  long digest3;
  boolean checked;
  int decision;
  Policy policy;
  int ruleIndex = -1;
  int tier;
  int requiredTier;
  boolean outsideScope;
  int mode = -1;
  Person escalatedTo;
  long requestedAt = -1;
  long respondedAt = -1;
  int oversightDecision = -1;
  int slaSeconds = -1;
  int status;
  int errorCode = -1;
  long executedAt = -1;
  int inputTokens;
  int outputTokens;
  int latencyMs;
  boolean retention;
  long retainUntilEpochDay;

  boolean executed() {
    return status == SUCCESS || status == PARTIAL;
  }

  /** Copies every field of {@code o} into this event. */
  void copyFrom(Event o) {
    uid = o.uid;
    time = o.time;
    offsetMinutes = o.offsetMinutes;
    agent = o.agent;
    tool = o.tool;
    toolIndex = o.toolIndex;
    modelJson = o.modelJson;
    model = o.model;
    credentialIdJson = o.credentialIdJson;
    credentialKindJson = o.credentialKindJson;
    credentialId = o.credentialId;
    onBehalfPerson = o.onBehalfPerson;
    onBehalfCustomer = o.onBehalfCustomer;
    traceHi = o.traceHi;
    traceLo = o.traceLo;
    spanId = o.spanId;
    parentSpanId = o.parentSpanId;
    hasParent = o.hasParent;
    sessionHi = o.sessionHi;
    sessionLo = o.sessionLo;
    delegator = o.delegator;
    depth = o.depth;
    delegationGrantedJson = o.delegationGrantedJson;
    cascade = o.cascade;
    resourceNo = o.resourceNo;
    amountCents = o.amountCents;
    currencyJson = o.currencyJson;
    records = o.records;
    confidenceMilli = o.confidenceMilli;
    context = o.context;
    digest0 = o.digest0;
    digest1 = o.digest1;
    digest2 = o.digest2;
    digest3 = o.digest3;
    checked = o.checked;
    decision = o.decision;
    policy = o.policy;
    ruleIndex = o.ruleIndex;
    tier = o.tier;
    requiredTier = o.requiredTier;
    outsideScope = o.outsideScope;
    mode = o.mode;
    escalatedTo = o.escalatedTo;
    requestedAt = o.requestedAt;
    respondedAt = o.respondedAt;
    oversightDecision = o.oversightDecision;
    slaSeconds = o.slaSeconds;
    status = o.status;
    errorCode = o.errorCode;
    executedAt = o.executedAt;
    inputTokens = o.inputTokens;
    outputTokens = o.outputTokens;
    latencyMs = o.latencyMs;
    retention = o.retention;
    retainUntilEpochDay = o.retainUntilEpochDay;
  }

  /** Moves every time of the event by {@code deltaMillis}. */
  void shift(long deltaMillis) {
    time += deltaMillis;
    if (requestedAt >= 0) {
      requestedAt += deltaMillis;
    }
    if (respondedAt >= 0) {
      respondedAt += deltaMillis;
    }
    if (executedAt >= 0) {
      executedAt += deltaMillis;
    }
  }
}

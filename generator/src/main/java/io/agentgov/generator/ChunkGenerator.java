package io.agentgov.generator;

import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Records.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Simulates one chunk of one day and writes it: gateway JSON Lines to
 * {@code events/<day>/gw-<chunk>.jsonl.gz}, OTel-instrumented agents to
 * {@code otel/<day>/spans-<chunk>.json}. Its random stream is seeded from (seed, day, chunk)
 * alone, so its files are the same whichever thread runs it and whenever. Events are streamed
 * through one reused {@link Event}; only dirt records, reviews, statistics and lines bound for
 * later days are kept.
 */
final class ChunkGenerator implements Callable<ChunkGenerator.Result> {

  /** What a chunk wrote and saw. */
  static final class Result {
    final List<Ledger.FileEntry> files = new ArrayList<>(2);
    final List<Ledger.Dirt> dirt = new ArrayList<>();
    final List<Ledger.Carry> carries = new ArrayList<>();
    final List<Ledger.Review> reviews = new ArrayList<>();
    final AgentStats stats;
    long events;
    long lateOut;

    Result(int agents) {
      stats = new AgentStats(agents);
    }
  }

  /** Per-agent state for this day, computed once per chunk. */
  private static final class Ctx {
    Agent a;
    String credentialId;
    String credentialKind;
    byte[] credentialIdJson;
    byte[] credentialKindJson;
    Catalog.Model model;
    byte[] modelJson;
    double[] cumulative;
    int[] coverage;
    int coverageNext;
    double[] hourCdf;
    double tokens;
    Policy.Dimension tierIgnore;
    boolean executeBeforeApproval;
    boolean slaBreach;
    boolean cascade;
    boolean decommissioned;
    boolean modelMismatch;
    byte[] currencyJson;
    Person[] approvers;
    Person[] seniors;
    Person[] staff;
    byte[] delegationJson;
    boolean hasSession;
    boolean credentialSeen;
    long sessionHi;
    long sessionLo;
  }

  private static final int[] TIER_DECISION = {Event.ALLOW, Event.ALLOW, Event.ALLOW_NOTIFY, Event.REQUIRE_APPROVAL,
      Event.HALT};
  static final String[] STRATA = {"confidence<0.80", "confidence 0.80-0.90", "confidence 0.90-0.95",
      "confidence 0.95-0.98", "confidence>=0.98"};
  private static final long REVIEW_SALT = 0x52455649455753L;

  private final Enterprise ent;
  private final GeneratorOptions o;
  private final DayPlan plan;
  private final int chunk;
  private final Path landing;
  private final SplittableRandom r;
  private final long dayEnd;
  private final long daysLeft;
  private final Event e = new Event();
  private final Event x = new Event();
  private final EventJson json;
  private final EventJson spacedJson;
  private final ByteSink line = new ByteSink(4096);
  private final ByteSink scratch = new ByteSink(4096);
  private final ByteSink out = new ByteSink(1 << 18);
  private final List<byte[]> tailLines = new ArrayList<>();
  private final List<Ledger.Dirt> tailDirt = new ArrayList<>();
  private final Ctx[] contexts;
  private final DirtPlanter planter;
  private int otelDefect;
  private final Result res;
  private final long uidBase;
  private long seq;
  private long cloneSeq;
  private GzipWriter gz;
  private Ledger.FileEntry gzFile;
  private OtelDocument otel;
  private Ledger.FileEntry otelFile;
  private Agent otelAgent;
  // trace state
  private long traceHi;
  private long traceLo;
  /** The session of the current trace: every agent of a delegation chain works in it. */
  private long sessionHi;
  private long sessionLo;
  private long clock;
  private long produced;
  private long budget;
  private boolean dayOver;

  ChunkGenerator(Enterprise ent, DayPlan plan, int chunk, Path landing) {
    this.ent = ent;
    this.o = ent.options;
    this.plan = plan;
    this.chunk = chunk;
    this.landing = landing;
    this.r = Seeds.random(o.seed(), Seeds.CHUNK, plan.epochDay, chunk);
    this.dayEnd = plan.startMillis + Agent.DAY_MS;
    this.daysLeft = ent.end.toEpochDay() - plan.epochDay;
    this.json = new EventJson(ent.idKey, false);
    this.spacedJson = new EventJson(ent.idKey, true);
    this.contexts = new Ctx[ent.agents.size()];
    this.planter = new DirtPlanter(r.nextInt(DirtPlanter.Category.values().length));
    this.otelDefect = r.nextInt(OtelDocument.Defect.values().length - 1);
    this.res = new Result(ent.agents.size());
    this.uidBase = ((long) plan.dayIndex << 48) | ((long) chunk << 36);
  }

  static String eventsFile(LocalDate day, int chunk) {
    return String.format("events/%s/gw-%03d.jsonl.gz", day, chunk);
  }

  static String otelFile(LocalDate day, int chunk) {
    return String.format("otel/%s/spans-%03d.json", day, chunk);
  }

  @Override
  public Result call() throws IOException {
    long lo = chunk * plan.chunkSize;
    long hi = Math.min(plan.total, lo + plan.chunkSize);
    for (Agent a : ent.agents) {
      long n = plan.counts[a.index];
      if (n == 0) {
        continue;
      }
      long aLo = plan.offsets[a.index];
      long from = Math.max(lo, aLo);
      long to = Math.min(hi, aLo + n);
      if (from >= to) {
        continue;
      }
      Ctx c = ctx(a);
      c.coverageNext = plan.coverage[a.index] && from == aLo ? 0 : c.coverage.length;
      long left = to - from;
      while (left > 0) {
        left -= trace(c, left);
      }
    }
    finish();
    return res;
  }

  // ------------------------------------------------------------------ per-agent day state

  private Ctx ctx(Agent a) {
    Ctx c = contexts[a.index];
    if (c != null) {
      return c;
    }
    c = new Ctx();
    c.a = a;
    LocalDate day = plan.day;
    Agent.Credential cred = a.credentialOn(plan.epochDay);
    c.credentialId = cred.id();
    c.credentialKind = cred.kind().wire();
    c.credentialIdJson = ByteSink.quoted(cred.id());
    c.credentialKindJson = ByteSink.quoted(c.credentialKind);
    c.model = a.eventModel(day);
    ByteSink m = new ByteSink(96);
    m.ascii("{\"provider\":").string(c.model.provider()).ascii(",\"name\":").string(c.model.name())
        .ascii(",\"version\":").string(c.model.version()).raw('}');
    c.modelJson = m.toByteArray();
    double[] w = a.weightsAfter != null && Agent.onOrAfter(day, a.weightsSwitchDay) ? a.weightsAfter : a.weights;
    c.cumulative = new double[w.length];
    double acc = 0;
    int positive = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i];
      c.cumulative[i] = acc;
      positive += w[i] > 0 ? 1 : 0;
    }
    c.coverage = new int[positive];
    for (int i = 0, k = 0; i < w.length; i++) {
      if (w[i] > 0) {
        c.coverage[k++] = i;
      }
    }
    c.hourCdf = a.hourCdfAfter != null && Agent.onOrAfter(day, a.timingDriftDay) ? a.hourCdfAfter : a.hourCdf;
    c.tokens = Agent.onOrAfter(day, a.tokensDriftDay) ? a.tokensAfter : 1.0;
    c.tierIgnore = Agent.onOrAfter(day, a.tierIgnoreFrom) ? a.tierIgnore : null;
    c.executeBeforeApproval = Agent.onOrAfter(day, a.executeBeforeApprovalFrom);
    c.slaBreach = Agent.onOrAfter(day, a.slaBreachFrom);
    c.cascade = a.cascadeTool != null && Agent.onOrAfter(day, a.cascadeFrom);
    c.decommissioned = a.decommissionDay != null && !day.isBefore(a.decommissionDay);
    c.modelMismatch = a.registered && !c.model.equals(a.registryModel(day));
    c.currencyJson = ByteSink.quoted(a.unit.spec.currency());
    c.approvers = plan.approvers[a.unit.index];
    c.seniors = plan.seniors[a.unit.index];
    c.staff = plan.staff[a.unit.index];
    List<Permission> grant = new ArrayList<>(a.granted);
    if (c.cascade && !grant.contains(a.cascadeTool.permission)) {
      grant.add(a.cascadeTool.permission);
    }
    ByteSink g = new ByteSink(256);
    g.raw('[');
    for (int i = 0; i < grant.size(); i++) {
      if (i > 0) {
        g.raw(',');
      }
      g.ascii("{\"action_type\":").string(grant.get(i).actionType()).ascii(",\"target_system\":")
          .string(grant.get(i).targetSystem()).raw('}');
    }
    g.raw(']');
    c.delegationJson = g.toByteArray();
    contexts[a.index] = c;
    return c;
  }

  // ------------------------------------------------------------------ traces

  private int geometric(double mean) {
    int n = 0;
    double p = mean / (1 + mean);
    while (n < 40 && r.nextDouble() < p) {
      n++;
    }
    return n;
  }

  private long sampleTime(Ctx c) {
    double u = r.nextDouble();
    int h = 0;
    while (h < 23 && c.hourCdf[h] <= u) {
      h++;
    }
    return plan.startMillis + h * 3_600_000L + r.nextInt(3_600_000);
  }

  private int pickTool(Ctx c) {
    if (c.coverageNext < c.coverage.length) {
      return c.coverage[c.coverageNext++];
    }
    double u = r.nextDouble() * c.cumulative[c.cumulative.length - 1];
    int i = 0;
    while (i < c.cumulative.length - 1 && c.cumulative[i] <= u) {
      i++;
    }
    return i;
  }

  /** One trace rooted at {@code c}'s agent; returns the events it produced (at least one). */
  private long trace(Ctx c, long left) throws IOException {
    Agent a = c.a;
    traceHi = r.nextLong();
    traceLo = r.nextLong();
    if (!c.hasSession || r.nextDouble() >= 0.25) {
      c.sessionHi = r.nextLong();
      c.sessionLo = r.nextLong();
      c.hasSession = true;
    }
    sessionHi = c.sessionHi;
    sessionLo = c.sessionLo;
    clock = sampleTime(c);
    produced = 0;
    budget = left;
    dayOver = false;
    int len = 1 + geometric(a.traceLength - 1);
    long rootSpan = 0;
    long lastSpan = 0;
    for (int step = 0; step < len && produced < budget && !dayOver; step++) {
      if (step > 0 && !a.subAgents.isEmpty() && r.nextDouble() < a.delegateProb) {
        delegate(c, ctx(a.subAgents.get(r.nextInt(a.subAgents.size()))), lastSpan, 1);
        continue;
      }
      int tool = pickTool(c);
      long span = r.nextLong();
      begin(span, step == 0 ? 0 : rootSpan, step > 0);
      fill(c, a.tools[tool], tool);
      emit(c);
      if (step == 0) {
        rootSpan = span;
      }
      lastSpan = span;
    }
    return produced;
  }

  /** The agent of {@code parent} hands part of the task to {@code sub} (same trace, one level deeper). */
  private void delegate(Ctx parent, Ctx sub, long parentSpan, int depth) throws IOException {
    Agent s = sub.a;
    int len = 1 + geometric(s.traceLength - 1);
    long firstSpan = 0;
    long lastSpan = 0;
    for (int i = 0; i < len && produced < budget && !dayOver; i++) {
      if (i > 0 && depth < 3 && !s.subAgents.isEmpty() && r.nextDouble() < s.delegateProb) {
        delegate(sub, ctx(s.subAgents.get(r.nextInt(s.subAgents.size()))), lastSpan, depth + 1);
        continue;
      }
      Tool tool;
      int index;
      if (sub.cascade && r.nextDouble() < 0.3) {
        tool = s.cascadeTool;
        index = -1;
      } else {
        index = pickTool(sub);
        tool = s.tools[index];
      }
      long span = r.nextLong();
      begin(span, i == 0 ? parentSpan : firstSpan, true);
      e.delegator = parent.a;
      e.depth = depth;
      e.delegationGrantedJson = sub.delegationJson;
      e.cascade = sub.cascade;
      fill(sub, tool, index);
      emit(sub);
      if (i == 0) {
        firstSpan = span;
      }
      lastSpan = span;
    }
  }

  private void begin(long span, long parentSpan, boolean hasParent) {
    e.uid = uidBase | seq++;
    e.traceHi = traceHi;
    e.traceLo = traceLo;
    e.spanId = span;
    e.parentSpanId = parentSpan;
    e.hasParent = hasParent;
    e.sessionHi = sessionHi;
    e.sessionLo = sessionLo;
    e.delegator = null;
    e.depth = 0;
    e.delegationGrantedJson = null;
    e.cascade = false;
  }

  private static long bounded(double v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, Math.round(v)));
  }

  /** Fills the event's content: action, risk dimensions, gateway decision, oversight and outcome. */
  private void fill(Ctx c, Tool tool, int toolIndex) {
    Agent a = c.a;
    long t = clock;
    e.time = t;
    e.offsetMinutes = a.unit.spec.offsetMinutes();
    e.agent = a;
    e.tool = tool;
    e.toolIndex = toolIndex;
    e.model = c.model;
    e.modelJson = c.modelJson;
    e.credentialId = c.credentialId;
    e.credentialIdJson = c.credentialIdJson;
    e.credentialKindJson = c.credentialKindJson;
    e.onBehalfPerson = null;
    e.onBehalfCustomer = -1;
    switch (tool.spec.behalf()) {
      case CUSTOMER -> e.onBehalfCustomer = 1_000_000 + r.nextInt(2_000_000);
      case EMPLOYEE -> e.onBehalfPerson = c.staff[r.nextInt(c.staff.length)].idJson;
      default -> { }
    }
    e.resourceNo = 100_000 + r.nextInt(9_900_000);
    e.amountCents = Behaviour.amountCents(r, tool.spec.money());
    e.currencyJson = c.currencyJson;
    e.records = Behaviour.records(r, tool.spec.records());
    if (a.registered || r.nextBoolean()) {
      double z = a.confidenceLogit + a.confidenceSpread * r.nextGaussian();
      e.confidenceMilli = (int) bounded(1000 / (1 + Math.exp(-z)), 50, 999);
    } else {
      e.confidenceMilli = -1;
    }
    e.context = a.contextLogged;
    if (e.context) {
      e.digest0 = r.nextLong();
      e.digest1 = r.nextLong();
      e.digest2 = r.nextLong();
      e.digest3 = r.nextLong();
    }
    e.inputTokens = (int) bounded(Behaviour.lognormal(r, a.tokensIn * c.tokens, 0.45), 20, 500_000);
    e.outputTokens = (int) bounded(Behaviour.lognormal(r, a.tokensOut, 0.6), 1, 50_000);
    e.latencyMs = (int) bounded(Behaviour.lognormal(r, a.latencyMs, 0.55), 15, 120_000);
    e.retention = a.retention;
    e.retainUntilEpochDay = plan.retainUntilEpochDay;

    // the tier the default policy requires, and the one the gateway decided
    Policy p = plan.policy;
    e.policy = p;
    e.outsideScope = !a.registered || toolIndex < 0 || !a.toolInScope[toolIndex];
    int rule = p.decidingRule(tool.action, e.amountCents, e.records, tool.sensitivity, tool.reversible, tool.regulated,
        e.outsideScope, null);
    e.requiredTier = p.tierOf(rule);
    e.checked = a.checked;
    if (a.checked) {
      if (c.tierIgnore != null) {
        rule = p.decidingRule(tool.action, e.amountCents, e.records, tool.sensitivity, tool.reversible, tool.regulated,
            e.outsideScope, c.tierIgnore);
      }
      e.ruleIndex = rule;
      e.tier = p.tierOf(rule);
      e.decision = TIER_DECISION[e.tier];
    } else {
      e.ruleIndex = -1;
      e.tier = 0;
      e.decision = Event.ALLOW;
    }
    oversightAndOutcome(c);
  }

  private void normalOutcome() {
    double u = r.nextDouble();
    if (u < 0.955 || (u >= 0.99 && e.records <= 1)) {
      e.status = Event.SUCCESS;
      e.executedAt = e.time + e.latencyMs;
    } else if (u < 0.99) {
      e.status = Event.FAILURE;
      e.errorCode = r.nextInt(EventJson.ERROR_CODES.length);
    } else {
      e.status = Event.PARTIAL;
      e.executedAt = e.time + e.latencyMs;
    }
  }

  private void oversightAndOutcome(Ctx c) {
    Agent a = c.a;
    e.mode = -1;
    e.escalatedTo = null;
    e.requestedAt = -1;
    e.respondedAt = -1;
    e.oversightDecision = -1;
    e.slaSeconds = -1;
    e.errorCode = -1;
    e.executedAt = -1;
    if (!e.checked || e.tier == 1) {
      normalOutcome();
      return;
    }
    if (e.tier == 2) {
      // on the loop: the approver is notified as the action runs; a response, if any, comes later
      e.mode = Event.MODE_ON_THE_LOOP;
      e.escalatedTo = c.approvers[r.nextInt(c.approvers.length)];
      normalOutcome();
      if (e.executedAt >= 0 && r.nextDouble() < 0.3) {
        e.respondedAt = e.executedAt + bounded(Behaviour.lognormal(r, 7_200_000, 1.0), 60_000, 20 * 3_600_000L);
        e.oversightDecision = r.nextDouble() < 0.97 ? Event.APPROVED : Event.REVERSED;
      }
      return;
    }
    boolean halt = e.tier == 4;
    e.mode = halt ? Event.MODE_HALT_ESCALATE : Event.MODE_IN_THE_LOOP;
    e.escalatedTo = halt ? c.seniors[r.nextInt(c.seniors.length)] : c.approvers[r.nextInt(c.approvers.length)];
    e.requestedAt = e.time;
    e.slaSeconds = a.slaSeconds;
    long sla = a.slaSeconds * 1000L;
    long exec = 300 + r.nextInt(3_000);
    if (!halt && c.executeBeforeApproval && r.nextDouble() < 0.4) {
      // executed straight away; the approval, if any, comes after the fact
      e.status = Event.SUCCESS;
      e.executedAt = e.time + e.latencyMs;
      if (r.nextDouble() < 0.75) {
        e.respondedAt = e.executedAt + bounded(Behaviour.lognormal(r, 1_200_000, 0.8), 30_000, sla * 9 / 10);
        e.oversightDecision = Event.APPROVED;
      }
      return;
    }
    if (c.slaBreach && r.nextDouble() < 0.5) {
      if (r.nextDouble() < 0.3) {
        e.oversightDecision = Event.TIMED_OUT;
        e.status = Event.BLOCKED;
      } else {
        e.respondedAt = e.time + (long) (sla * (1.1 + 2.4 * r.nextDouble()));
        e.oversightDecision = Event.APPROVED;
        e.status = Event.SUCCESS;
        e.executedAt = e.respondedAt + exec;
      }
      return;
    }
    double median = a.unit.maturity.approvalMedianMinutes * 60_000.0 * (halt ? 1.5 : 1.0);
    e.respondedAt = e.time + bounded(Behaviour.lognormal(r, median, 0.9), 20_000, sla * 9 / 10);
    double u = r.nextDouble();
    if (halt) {
      e.oversightDecision = u < 0.55 ? Event.APPROVED : Event.REJECTED;
    } else {
      e.oversightDecision = u < 0.86 ? Event.APPROVED : u < 0.9 ? Event.MODIFIED : Event.REJECTED;
    }
    if (e.oversightDecision == Event.REJECTED) {
      e.status = Event.BLOCKED;
    } else if (r.nextDouble() < 0.98) {
      e.status = Event.SUCCESS;
      e.executedAt = e.respondedAt + exec;
    } else {
      e.status = Event.FAILURE;
      e.errorCode = r.nextInt(EventJson.ERROR_CODES.length);
    }
  }

  // ------------------------------------------------------------------ emitting

  private void emit(Ctx c) throws IOException {
    produced++;
    res.events++;
    observe(c);
    review(c);
    if (c.a.otel) {
      emitOtel(c);
    } else {
      line.reset();
      json.write(e, line, EventJson.CANONICAL);
      if (o.dirtRate() > 0 && r.nextDouble() < o.dirtRate()) {
        plantDirt();
      } else {
        writeClean();
      }
    }
    long next = Math.max(e.time + e.latencyMs, Math.max(e.executedAt, e.respondedAt));
    clock = next + 400 + (long) Behaviour.lognormal(r, 2_500, 0.9);
    if (clock >= dayEnd) {
      dayOver = true;
    }
  }

  /** Records what the event shows, for the truth of event-level faults. */
  private void observe(Ctx c) {
    Agent a = c.a;
    AgentStats s = res.stats;
    int i = a.index;
    long day = plan.epochDay;
    s.add(i, AgentStats.Stat.EVENTS, day);
    if (!c.credentialSeen) {
      s.credential(c.credentialId, c.credentialKind, i, day);
      c.credentialSeen = true;
    }
    boolean executed = e.executed();
    if (executed) {
      s.add(i, AgentStats.Stat.EXECUTED, day);
    }
    if (!a.registered) {
      return;
    }
    if (e.outsideScope) {
      s.add(i, AgentStats.Stat.SCOPE_CREEP, day);
    }
    if (e.checked && e.tier < e.requiredTier) {
      s.add(i, AgentStats.Stat.TIER_VIOLATION, day);
    }
    if (executed) {
      boolean approvedBefore = e.respondedAt >= 0 && e.respondedAt <= e.executedAt
          && (e.oversightDecision == Event.APPROVED || e.oversightDecision == Event.MODIFIED);
      if (!e.checked && e.requiredTier >= 3) {
        s.add(i, AgentStats.Stat.NOT_CHECKED, day);
      } else if (e.checked && e.tier == 3 && !approvedBefore) {
        s.add(i, AgentStats.Stat.EXECUTED_BEFORE_APPROVAL, day);
      } else if (e.checked && e.tier == 4 && !approvedBefore) {
        s.add(i, AgentStats.Stat.EXECUTED_DESPITE_HALT, day);
      }
    }
    if (e.checked && e.tier >= 3) {
      long response = e.respondedAt >= 0 ? e.respondedAt - e.requestedAt : -1;
      if (e.oversightDecision == Event.TIMED_OUT || response > e.slaSeconds * 1000L) {
        s.add(i, AgentStats.Stat.SLA_BREACH, day);
      }
      if (response > 0) {
        s.maxResponseSeconds[i] = Math.max(s.maxResponseSeconds[i], response / 1000);
      }
    }
    if (e.cascade) {
      s.add(i, AgentStats.Stat.CASCADE, day);
    }
    if (c.decommissioned) {
      s.add(i, AgentStats.Stat.AFTER_DECOMMISSION, day);
    }
    if (c.modelMismatch) {
      s.add(i, AgentStats.Stat.MODEL_MISMATCH, day);
    }
    int grant = e.toolIndex >= 0 ? a.toolGrant[e.toolIndex] : a.grantIndex(e.tool.permission);
    if (grant >= 0) {
      s.usedGrants[i] |= 1L << grant;
    }
  }

  private static int stratum(int confidenceMilli) {
    return confidenceMilli < 800 ? 0 : confidenceMilli < 900 ? 1 : confidenceMilli < 950 ? 2 : confidenceMilli < 980 ? 3
        : 4;
  }

  /** Human review: census, stratified or random samples of executed decisions, and targeted picks. */
  private void review(Ctx c) {
    Agent a = c.a;
    if (!a.registered || a.unit.maturity.reviews == Maturity.ReviewProgramme.NONE) {
      return;
    }
    Maturity.ReviewProgramme prog = a.unit.maturity.reviews;
    boolean executed = e.executed();
    String design = null;
    double p = Double.NaN;
    String stratum = null;
    if (executed && a.census && e.checked && e.tier >= 3) {
      design = "census";
      p = 1.0;
      stratum = "high_risk_tier_3_4";
    } else if (executed && prog == Maturity.ReviewProgramme.STRATIFIED) {
      int b = stratum(e.confidenceMilli);
      if (r.nextDouble() < a.strataRate[b]) {
        design = "stratified";
        p = a.strataRate[b];
        stratum = STRATA[b];
      }
    } else if (executed && prog == Maturity.ReviewProgramme.RANDOM) {
      if (r.nextDouble() < a.reviewRate) {
        design = "random";
        p = a.reviewRate;
      }
    }
    if (design == null) {
      String why = e.status == Event.FAILURE ? "failure" : e.confidenceMilli >= 0 && e.confidenceMilli < 600
          ? "low_confidence" : e.amountCents > 500_000 ? "high_amount" : null;
      if (why == null || r.nextDouble() >= 0.3) {
        return;
      }
      design = "targeted";
      stratum = why;
    }
    double confidence = e.confidenceMilli >= 0 ? e.confidenceMilli / 1000.0 : 0.9;
    double q = Behaviour.correctness(a.calibration, confidence) * (e.status == Event.FAILURE ? 0.6 : 1.0);
    String verdict;
    if (r.nextDouble() < q) {
      verdict = "correct";
    } else {
      verdict = (!e.checked || e.tier <= 2) && r.nextDouble() < 0.4 ? "should_have_escalated" : "overturned";
    }
    long after = Math.max(e.time, Math.max(e.executedAt, e.respondedAt));
    double median = design.equals("census") ? 3 * 3_600_000.0 : 20 * 3_600_000.0;
    long reviewedAt = after + bounded(Behaviour.lognormal(r, median, 0.8), 300_000, 9 * Agent.DAY_MS);
    long reviewDay = Math.floorDiv(reviewedAt, Agent.DAY_MS);
    int pick = r.nextInt(1 << 20);
    if (reviewDay > ent.end.toEpochDay()) {
      return; // reviewed after the period: not in the data yet
    }
    List<Person> reviewers = a.unit.active("qa_reviewer", LocalDate.ofEpochDay(reviewDay));
    if (reviewers.isEmpty()) {
      reviewers = ent.compliance(LocalDate.ofEpochDay(reviewDay));
    }
    String reviewId = "rev_" + Seeds.hex(Seeds.permute(ent.idKey ^ REVIEW_SALT, e.uid), 16);
    res.reviews.add(new Ledger.Review(reviewId, EventJson.eventIdString(ent.idKey, e.uid),
        reviewers.get(pick % reviewers.size()).id, reviewedAt, a.unit.spec.offsetMinutes(), verdict, design, p, stratum,
        a.unit.id()));
    res.stats.add(a.index, AgentStats.Stat.REVIEWS, plan.epochDay);
  }

  // ------------------------------------------------------------------ output

  private void openEvents() throws IOException {
    if (gz == null) {
      String path = eventsFile(plan.day, chunk);
      Path file = landing.resolve(path);
      Files.createDirectories(file.getParent());
      gz = new GzipWriter(file);
      gzFile = new Ledger.FileEntry(path, "events", plan.day);
      res.files.add(gzFile);
    }
  }

  /** Appends one line to the chunk's JSON Lines file; returns its 1-based line number. */
  private long append(byte[] b, int n) throws IOException {
    openEvents();
    out.raw(b, 0, n).raw('\n');
    gzFile.lines++;
    if (out.length() > (1 << 17)) {
      gz.write(out.array(), 0, out.length());
      out.reset();
    }
    return gzFile.lines;
  }

  private long writeClean() throws IOException {
    long n = append(line.array(), line.length());
    gzFile.stored++;
    return n;
  }

  private String currentId() {
    return EventJson.eventIdString(ent.idKey, e.uid);
  }

  /** A copy of the current event with a fresh id and span: the base of a malformed line or a same-day conflict. */
  private void cloneCurrent() {
    x.copyFrom(e);
    x.uid = uidBase | (1L << 35) | cloneSeq++;
    x.spanId = r.nextLong();
  }

  private byte[] canonical(Event ev) {
    scratch.reset();
    json.write(ev, scratch, EventJson.CANONICAL);
    return scratch.toByteArray();
  }

  /** Changes the content of {@code ev} but not its id or time: the second copy of a conflict. */
  private static void vary(Event ev) {
    if (ev.amountCents >= 0) {
      ev.amountCents += 1_000;
    } else if (ev.status == Event.SUCCESS) {
      ev.status = Event.PARTIAL;
    } else if (ev.records >= 0) {
      ev.records += 1;
    } else {
      ev.outputTokens += 1;
    }
  }

  private void plantDirt() throws IOException {
    DirtPlanter.Variant v = planter.next(e, daysLeft);
    if (v == null) {
      writeClean();
      return;
    }
    String id = currentId();
    String file = gzFile == null ? eventsFile(plan.day, chunk) : gzFile.path;
    switch (v) {
      case LATE_ONE_DAY, LATE_TWO_DAYS -> {
        int k = v == DirtPlanter.Variant.LATE_ONE_DAY ? 1 : 2;
        res.carries.add(new Ledger.Carry(plan.day.plusDays(k), line.toByteArray(), id, "late", "stored", null, v.detail,
            plan.day));
        res.lateOut++;
      }
      case DUPLICATE_SAME_FILE, DUPLICATE_LATER_DAY -> {
        writeClean();
        scratch.reset();
        spacedJson.write(e, scratch, EventJson.ALTERNATIVE[r.nextInt(EventJson.ALTERNATIVE.length)]);
        byte[] copy = scratch.toByteArray();
        if (v == DirtPlanter.Variant.DUPLICATE_SAME_FILE) {
          tailLines.add(copy);
          tailDirt.add(new Ledger.Dirt(null, 0, id, "duplicate", "duplicate", null, v.detail, plan.day));
        } else {
          res.carries.add(new Ledger.Carry(plan.day.plusDays(1), copy, id, "duplicate", "duplicate", null, v.detail,
              plan.day));
        }
      }
      case CONFLICT_SAME_DAY -> {
        writeClean();
        cloneCurrent();
        String cloneId = EventJson.eventIdString(ent.idKey, x.uid);
        byte[] first = canonical(x);
        long n = append(first, first.length);
        gzFile.quarantine(ReasonCode.CONFLICTING_DUPLICATE);
        res.dirt.add(new Ledger.Dirt(gzFile.path, n, cloneId, "conflict", "quarantined",
            ReasonCode.CONFLICTING_DUPLICATE.code(), v.detail, plan.day));
        vary(x);
        tailLines.add(canonical(x));
        tailDirt.add(new Ledger.Dirt(null, 0, cloneId, "conflict", "quarantined",
            ReasonCode.CONFLICTING_DUPLICATE.code(), v.detail, plan.day));
      }
      case CONFLICT_LATER_DAY -> {
        long n = writeClean();
        res.dirt.add(new Ledger.Dirt(gzFile.path, n, id, "conflict", "stored", null,
            "first copy of a conflict; the later copy is quarantined", plan.day));
        x.copyFrom(e);
        vary(x);
        res.carries.add(new Ledger.Carry(plan.day.plusDays(1), canonical(x), id, "conflict", "quarantined",
            ReasonCode.CONFLICTING_DUPLICATE, v.detail, plan.day));
      }
      default -> {
        writeClean();
        cloneCurrent();
        if (v == DirtPlanter.Variant.FROM_FUTURE) {
          x.shift(4 * Agent.DAY_MS);
        }
        byte[] clean = canonical(x);
        byte[] bad = v == DirtPlanter.Variant.FROM_FUTURE ? clean : DirtPlanter.malformed(v, clean, x.time, r);
        long n = append(bad, bad.length);
        gzFile.quarantine(v.reason());
        res.dirt.add(new Ledger.Dirt(file, n, DirtPlanter.readableEventId(v,
            EventJson.eventIdString(ent.idKey, x.uid)), "malformed", "quarantined", v.reason().code(), v.detail,
            plan.day));
      }
    }
  }

  private void emitOtel(Ctx c) throws IOException {
    if (otel == null) {
      String path = otelFile(plan.day, chunk);
      Path file = landing.resolve(path);
      Files.createDirectories(file.getParent());
      otel = new OtelDocument(file, ent.idKey);
      otelFile = new Ledger.FileEntry(path, "otel", plan.day);
      res.files.add(otelFile);
    }
    if (otelAgent != c.a) {
      otel.beginResource(c.a);
      otelAgent = c.a;
    }
    otel.span(e, OtelDocument.Defect.NONE);
    otelFile.stored++;
    if (r.nextDouble() < 0.5) {
      long start = e.time + e.latencyMs + 20;
      otel.chat(e, r.nextLong(), start, start + 300 + r.nextInt(2_500));
    }
    if (o.dirtRate() > 0 && r.nextDouble() < o.dirtRate()) {
      OtelDocument.Defect[] defects = OtelDocument.Defect.values();
      OtelDocument.Defect d = defects[1 + otelDefect++ % (defects.length - 1)];
      if (d == OtelDocument.Defect.TIER_7 && !e.checked) {
        d = OtelDocument.Defect.CONFIDENCE_1_7;
      }
      cloneCurrent();
      int at = otel.span(x, d);
      otelFile.quarantine(d.reason);
      res.dirt.add(new Ledger.Dirt(otelFile.path, at, EventJson.eventIdString(ent.idKey, x.uid), "malformed",
          "quarantined", d.reason.code(), "otel span: " + d.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          plan.day));
    }
  }

  private void finish() throws IOException {
    for (int i = 0; i < tailLines.size(); i++) {
      byte[] b = tailLines.get(i);
      long n = append(b, b.length);
      Ledger.Dirt d = tailDirt.get(i);
      if (d.kind().equals("duplicate")) {
        gzFile.duplicate++;
      } else {
        gzFile.quarantine(ReasonCode.CONFLICTING_DUPLICATE);
      }
      res.dirt.add(new Ledger.Dirt(gzFile.path, n, d.eventId(), d.kind(), d.expected(), d.reasonCode(), d.detail(),
          d.eventDay()));
    }
    if (gz != null) {
      gz.write(out.array(), 0, out.length());
      out.reset();
      gz.close();
      gzFile.bytes = gz.compressedBytes();
    }
    if (otel != null) {
      otel.close();
      otelFile.lines = otel.lines();
      otelFile.eventSpans = otel.eventSpans;
      otelFile.otherSpans = otel.otherSpans;
      otelFile.bytes = otel.bytes();
    }
  }
}

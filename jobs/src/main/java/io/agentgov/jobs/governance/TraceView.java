package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The incident view of one workflow: every event of a trace at one events snapshot, as the chain of
 * agents and actions that made it, with the gateway's policy decision, the person asked to decide
 * and what they answered, and the places where the log is broken (a span whose parent is missing).
 */
public final class TraceView {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String ALL_ZERO = "0".repeat(32);
  /**
   * Far more events than a workflow has: a trace id reused by a broken producer could otherwise
   * pull a whole table onto the driver.
   */
  private static final int MAX_EVENTS = 100_000;

  /** What a step shows, flattened out of the event structs. */
  private static final Column[] COLUMNS = {
      col("event_id"), col("event_time"), col("agent_id"),
      col("trace.span_id").as("span_id"), col("trace.parent_span_id").as("parent_span_id"),
      col("delegation.parent_agent_id").as("parent_agent_id"), col("delegation.depth").as("delegation_depth"),
      col("delegation.granted_permissions").as("granted_permissions"),
      col("action.type").as("action_type"), col("action.tool").as("tool"),
      col("action.target_system").as("target_system"), col("action.target_resource").as("target_resource"),
      col("amount.value").as("amount_value"), col("amount.currency").as("amount_currency"),
      col("records_affected"), col("data_sensitivity"), col("credential.kind").as("credential_kind"),
      col("policy.checked").as("policy_checked"), col("policy.decision").as("policy_decision"),
      col("policy.tier").as("policy_tier"), col("policy.rule_id").as("rule_id"),
      col("policy.policy_version").as("policy_version"),
      col("oversight").isNotNull().as("has_oversight"), col("oversight.mode").as("oversight_mode"),
      col("oversight.escalated_to").as("escalated_to"), col("oversight.requested_at").as("requested_at"),
      col("oversight.responded_at").as("responded_at"), col("oversight.decision").as("oversight_decision"),
      col("oversight.sla_seconds").as("sla_seconds"),
      col("outcome.status").as("outcome_status"), col("outcome.executed_at").as("executed_at"),
      col("outcome.error_code").as("error_code"), col("source_file"), col("source_line")};

  private TraceView() {}

  public record Action(String type, String tool, String targetSystem, String targetResource) {}

  public record Amount(BigDecimal value, String currency) {}

  public record Policy(boolean checked, String decision, Integer tier, String ruleId, String policyVersion) {}

  /**
   * @param responseSeconds from the request (or, for a notification that recorded none, from the
   *     event) to the answer; null without an answer
   */
  public record Oversight(String mode, String escalatedTo, Instant requestedAt, Instant respondedAt, String decision,
      Long slaSeconds, Long responseSeconds) {
    /** A person was asked to decide (in the loop, halt and escalate), not only told. */
    boolean escalation() {
      return requestedAt != null || "in_the_loop".equals(mode) || "halt_escalate".equals(mode);
    }
  }

  public record Outcome(String status, Instant executedAt, String errorCode) {}

  /** @param grantedPermissions how many permissions the delegation granted; null when it lists none */
  public record Delegation(String parentAgentId, Integer depth, Integer grantedPermissions) {}

  /**
   * One event of the trace.
   *
   * @param spanDepth depth in the trace's span tree (0 for a root, and for a span whose parent is
   *     missing); {@link Delegation#depth} is the producer's delegation depth
   * @param source landing file and line, {@code file:line}
   */
  public record Step(String eventId, Instant eventTime, String agentId, int spanDepth, String spanId,
      String parentSpanId, Action action, Amount amount, Long recordsAffected, String dataSensitivity,
      String credentialKind, Policy policy, Oversight oversight, Outcome outcome, Delegation delegation, String source) {
    boolean escalated() {
      return oversight != null && oversight.escalation();
    }
  }

  /** An agent of the trace, in order of first appearance; delegatedBy lists the agents that delegated to it. */
  public record TraceAgent(String agentId, List<String> delegatedBy, Instant firstSeen, long events) {}

  public record Counts(long events, long agents, long escalations, long blocked, long failures) {}

  /** A span whose parent span is not among the trace's events: the log lost (or never had) the parent. */
  public record LogGap(String eventId, String agentId, String spanId, String missingParentSpanId) {}

  /**
   * The trace as it stood at one events snapshot.
   *
   * @param from first day read, null for no lower bound
   * @param to last day read, null for no upper bound
   * @param snapshotId the events snapshot read; null while the events table has none
   * @param steps ordered by event time, then by position in the span tree (a parent before its child)
   */
  public record Result(String traceId, LocalDate from, LocalDate to, Long snapshotId, Instant start, Instant end,
      List<Step> steps, List<TraceAgent> agents, Counts counts, List<LogGap> logGaps) {
    public Result {
      steps = List.copyOf(steps);
      agents = List.copyOf(agents);
      logGaps = List.copyOf(logGaps);
    }

    public String summary() {
      if (steps.isEmpty()) {
        return snapshotId == null
            ? "No events found for trace " + traceId + ": the events table has no snapshot yet (ingest first)"
            : "No events found for trace " + traceId + range() + " at events snapshot " + snapshotId
                + (from == null && to == null ? ": check the trace id" : ": check the trace id or widen the date range");
      }
      return String.format(Locale.ROOT, "trace %s: %s by %s, %s (%s), %s, %,d blocked, %s, %s (events snapshot %d)",
          traceId, Render.count(counts.events(), "event"), Render.count(counts.agents(), "agent"), Render.period(start, end),
          Render.duration(Duration.between(start, end).toSeconds()), Render.count(counts.escalations(), "escalation"),
          counts.blocked(), Render.count(counts.failures(), "failure"), Render.count(logGaps.size(), "log gap"),
          snapshotId);
    }

    /** What an incident responder reads: a header, then the span tree, one block per event. */
    public String render() {
      return steps.isEmpty() ? summary() : new Render(this).text();
    }

    String range() {
      if (from == null && to == null) {
        return "";
      }
      if (from != null && from.equals(to)) {
        return " on " + from;
      }
      return from == null ? " up to " + to : to == null ? " from " + from : " between " + from + " and " + to;
    }
  }

  /**
   * The events of a trace at the current events snapshot.
   *
   * @param from first event day to read, or null for no lower bound; the days filter the event_date
   *     partitions, and traces rarely span more than a day or two, so naming them spares a full scan
   * @param to last event day to read (inclusive), or null for no upper bound
   */
  public static Result of(Lakehouse lake, String traceId, LocalDate from, LocalDate to) {
    String id = traceId(traceId);
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("Cannot read trace " + id + ": the last day " + to + " is before the first " + from);
    }
    lake.describe("trace-" + id, "agentgov trace " + id);
    Long snapshot = lake.currentSnapshotId(Tables.EVENTS);
    if (snapshot == null) {
      return build(id, from, to, null, List.of());
    }
    Dataset<Row> events = lake.readAt(Tables.EVENTS, snapshot).where(col("trace.trace_id").equalTo(lit(id)));
    if (from != null) {
      events = events.where(col("event_date").geq(lit(from)));
    }
    if (to != null) {
      events = events.where(col("event_date").leq(lit(to)));
    }
    List<Row> rows = events.select(COLUMNS).limit(MAX_EVENTS + 1).collectAsList();
    if (rows.size() > MAX_EVENTS) {
      throw new IllegalStateException("Cannot show trace " + id + ": it has more than " + MAX_EVENTS
          + " events at events snapshot " + snapshot + ", more than any workflow: is a producer reusing the trace id?"
          + " Narrow it with a date range");
    }
    return build(id, from, to, snapshot, rows);
  }

  /** A trace id as stored (lower case), or an IllegalArgumentException naming what is wrong with it. */
  public static String traceId(String traceId) {
    String id = traceId == null ? "" : traceId.trim().toLowerCase(Locale.ROOT);
    if (!TRACE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Trace id '" + traceId + "' is not 32 hexadecimal digits");
    }
    if (id.equals(ALL_ZERO)) {
      throw new IllegalArgumentException("Trace id '" + traceId + "' is all zeros, which no valid event carries");
    }
    return id;
  }

  private static Result build(String traceId, LocalDate from, LocalDate to, Long snapshot, List<Row> rows) {
    List<Row> byTime = new ArrayList<>(rows);
    byTime.sort(Comparator.comparing((Row r) -> r.<Instant>getAs("event_time"))
        .thenComparing(r -> r.<String>getAs("span_id")).thenComparing(r -> r.<String>getAs("event_id")));
    SpanTree tree = SpanTree.of(byTime.stream().map(r -> r.<String>getAs("span_id")).toList(),
        byTime.stream().map(r -> r.<String>getAs("parent_span_id")).toList());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < byTime.size(); i++) {
      order.add(i);
    }
    // same instant: the parent span first, as the tree walk puts it
    order.sort(Comparator.comparing((Integer i) -> byTime.get(i).<Instant>getAs("event_time"))
        .thenComparingInt(tree::position));
    List<Step> steps = order.stream().map(i -> step(byTime.get(i), tree.depth(i))).toList();

    Set<String> spans = new HashSet<>();
    steps.forEach(s -> spans.add(s.spanId()));
    List<LogGap> gaps = steps.stream().filter(s -> s.parentSpanId() != null && !spans.contains(s.parentSpanId()))
        .map(s -> new LogGap(s.eventId(), s.agentId(), s.spanId(), s.parentSpanId())).toList();
    List<TraceAgent> agents = agents(steps);
    Counts counts = new Counts(steps.size(), agents.size(), steps.stream().filter(Step::escalated).count(),
        steps.stream().filter(s -> "blocked".equals(s.outcome().status())).count(),
        steps.stream().filter(s -> "failure".equals(s.outcome().status())).count());
    Instant start = steps.isEmpty() ? null : steps.get(0).eventTime();
    Instant end = steps.isEmpty() ? null : steps.get(steps.size() - 1).eventTime();
    return new Result(traceId, from, to, snapshot, start, end, steps, agents, counts, gaps);
  }

  private static List<TraceAgent> agents(List<Step> steps) {
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    Map<String, Set<String>> delegators = new HashMap<>();
    Map<String, Long> events = new HashMap<>();
    for (Step s : steps) {
      firstSeen.putIfAbsent(s.agentId(), s.eventTime());
      events.merge(s.agentId(), 1L, Long::sum);
      Set<String> by = delegators.computeIfAbsent(s.agentId(), a -> new LinkedHashSet<>());
      if (s.delegation() != null && s.delegation().parentAgentId() != null) {
        by.add(s.delegation().parentAgentId());
      }
    }
    return firstSeen.entrySet().stream().map(e -> new TraceAgent(e.getKey(), List.copyOf(delegators.get(e.getKey())),
        e.getValue(), events.get(e.getKey()))).toList();
  }

  private static Step step(Row r, int spanDepth) {
    Instant eventTime = r.getAs("event_time");
    Amount amount = r.getAs("amount_value") == null && r.getAs("amount_currency") == null ? null
        : new Amount(r.getAs("amount_value"), r.getAs("amount_currency"));
    Oversight oversight = null;
    if (r.<Boolean>getAs("has_oversight")) {
      Instant requested = r.getAs("requested_at");
      Instant responded = r.getAs("responded_at");
      Instant asked = requested != null ? requested : eventTime;
      oversight = new Oversight(r.getAs("oversight_mode"), r.getAs("escalated_to"), requested, responded,
          r.getAs("oversight_decision"), r.getAs("sla_seconds"),
          responded == null ? null : Duration.between(asked, responded).toSeconds());
    }
    int permissionsIndex = r.fieldIndex("granted_permissions");
    Integer permissions = r.isNullAt(permissionsIndex) ? null : r.getList(permissionsIndex).size();
    Delegation delegation = r.getAs("parent_agent_id") == null && r.getAs("delegation_depth") == null
        && permissions == null ? null : new Delegation(r.getAs("parent_agent_id"), r.getAs("delegation_depth"), permissions);
    return new Step(r.getAs("event_id"), eventTime, r.getAs("agent_id"), spanDepth, r.getAs("span_id"),
        r.getAs("parent_span_id"),
        new Action(r.getAs("action_type"), r.getAs("tool"), r.getAs("target_system"), r.getAs("target_resource")),
        amount, r.getAs("records_affected"), r.getAs("data_sensitivity"), r.getAs("credential_kind"),
        new Policy(r.getAs("policy_checked"), r.getAs("policy_decision"), r.getAs("policy_tier"), r.getAs("rule_id"),
            r.getAs("policy_version")),
        oversight, new Outcome(r.getAs("outcome_status"), r.getAs("executed_at"), r.getAs("error_code")), delegation,
        r.getAs("source_file") + ":" + r.<Long>getAs("source_line"));
  }

  /**
   * The span tree of a trace's events, given in time order: a span hangs under the first event
   * carrying its parent span id; spans without a parent in the trace are roots. The walk puts roots
   * first, each followed by its subtree, siblings by time. Spans caught in a parent cycle (a broken
   * producer) are reached from none of the roots; they start walks of their own, so every event is
   * shown once.
   */
  private static final class SpanTree {
    private final int[] position;
    private final int[] depth;
    private final List<Integer> walk = new ArrayList<>();

    private SpanTree(int size) {
      position = new int[size];
      depth = new int[size];
    }

    static SpanTree of(List<String> spanIds, List<String> parentSpanIds) {
      int n = spanIds.size();
      Map<String, Integer> firstWithSpan = new HashMap<>();
      for (int i = 0; i < n; i++) {
        firstWithSpan.putIfAbsent(spanIds.get(i), i);
      }
      List<List<Integer>> children = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        children.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        Integer parent = parentSpanIds.get(i) == null ? null : firstWithSpan.get(parentSpanIds.get(i));
        if (parent == null || parent == i) {
          starts.add(i);
        } else {
          children.get(parent).add(i);
        }
      }
      for (int i = 0; i < n; i++) {
        starts.add(i); // after the roots: only spans no root reached start a walk here
      }
      SpanTree tree = new SpanTree(n);
      boolean[] seen = new boolean[n];
      // iterative, so a long chain of spans cannot overflow the stack
      Deque<int[]> stack = new ArrayDeque<>();
      for (int start : starts) {
        if (seen[start]) {
          continue;
        }
        stack.push(new int[] {start, 0});
        while (!stack.isEmpty()) {
          int[] next = stack.pop();
          int i = next[0];
          if (seen[i]) {
            continue;
          }
          seen[i] = true;
          tree.depth[i] = next[1];
          tree.position[i] = tree.walk.size();
          tree.walk.add(i);
          List<Integer> kids = children.get(i);
          for (int k = kids.size() - 1; k >= 0; k--) {
            stack.push(new int[] {kids.get(k), next[1] + 1});
          }
        }
      }
      return tree;
    }

    int position(int index) {
      return position[index];
    }

    int depth(int index) {
      return depth[index];
    }

    /** Indices in walk order. */
    List<Integer> walk() {
      return walk;
    }
  }

  /** The human text of a trace: header, agents, then one block per event in span-tree order. */
  private static final class Render {
    static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    private static final String INDENT = "  ";

    private final Result trace;
    /** Clock times alone when everything happened on one UTC day, else dates too. */
    private final DateTimeFormatter time;
    private final Map<String, Step> bySpan = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    Render(Result trace) {
      this.trace = trace;
      this.time = oneDay(trace) ? CLOCK : FULL;
      trace.steps().forEach(s -> bySpan.putIfAbsent(s.spanId(), s));
    }

    String text() {
      out.append(trace.summary()).append("\nagents, in order of appearance:");
      for (TraceAgent a : trace.agents()) {
        out.append("\n").append(INDENT).append(a.agentId()).append("  ").append(count(a.events(), "event"))
            .append(a.delegatedBy().isEmpty() ? "" : ", delegated by " + String.join(", ", a.delegatedBy()));
      }
      out.append('\n');
      List<Step> steps = trace.steps();
      SpanTree tree = SpanTree.of(steps.stream().map(Step::spanId).toList(),
          steps.stream().map(Step::parentSpanId).toList());
      for (int i : tree.walk()) {
        block(steps.get(i), INDENT.repeat(tree.depth(i)));
      }
      return out.toString();
    }

    /** A headline (when, who, what, the gateway, the person, the outcome), then what an investigator checks next. */
    private void block(Step s, String indent) {
      Oversight o = s.oversight();
      out.append('\n').append(indent).append(time.format(s.eventTime())).append("  ").append(s.agentId()).append("  ")
          .append(action(s.action())).append("  ").append(policy(s.policy()));
      if (o != null && !o.escalation() && o.escalatedTo() != null) {
        out.append(", ").append(o.escalatedTo()).append(" notified");
      }
      if (o != null && o.escalation()) {
        out.append(" -> ").append(answer(o));
      }
      out.append("  -> ").append(outcome(s.outcome()));
      if (o != null && !o.escalation() && o.decision() != null) {
        out.append(", then ").append(answer(o)); // on the loop: the person answers after the action ran
      }
      String detail = "\n" + indent + " ".repeat(time.format(s.eventTime()).length() + 2);
      Step parent = s.parentSpanId() == null ? null : bySpan.get(s.parentSpanId());
      if (s.parentSpanId() != null && parent == null) {
        out.append(detail).append("! span ").append(s.spanId()).append(" points at parent ").append(s.parentSpanId())
            .append(", which is not in the log").append(trace.range());
      }
      Delegation d = s.delegation();
      // the hand-off: the first span of a sub-agent under another agent's span (or with no parent to show)
      if (d != null && d.parentAgentId() != null && (parent == null || !parent.agentId().equals(s.agentId()))) {
        out.append(detail).append("delegated by ").append(d.parentAgentId())
            .append(d.depth() == null ? "" : ", delegation depth " + d.depth())
            .append(d.grantedPermissions() == null ? "" : ", " + count(d.grantedPermissions(), "permission") + " granted");
      }
      if (o != null && o.escalation()) {
        escalation(s, o, detail);
      }
      out.append(detail).append(facts(s));
    }

    /** The oversight events of an escalation: the request, the answer, and an action that did not wait for it. */
    private void escalation(Step s, Oversight o, String detail) {
      out.append(detail).append("escalation requested from ").append(person(o))
          .append(o.requestedAt() == null ? "" : " at " + time.format(o.requestedAt()))
          .append(" (").append(o.mode() == null ? "no mode" : o.mode())
          .append(o.slaSeconds() == null ? "" : ", SLA " + duration(o.slaSeconds())).append(')');
      if (o.respondedAt() != null) {
        boolean late = o.slaSeconds() != null && o.responseSeconds() > o.slaSeconds();
        out.append(detail).append("answered at ").append(time.format(o.respondedAt())).append(": ")
            .append(o.decision() == null ? "no decision recorded" : o.decision())
            .append(late ? ", past the SLA" : "");
      } else if (o.decision() == null) {
        out.append(detail).append("no answer recorded");
      } else {
        out.append(detail).append("timed_out".equals(o.decision()) ? "no answer: timed out"
            : "decision " + o.decision() + ", with no answer time recorded");
      }
      Instant executed = s.outcome().executedAt();
      if (executed != null && (o.respondedAt() == null || executed.isBefore(o.respondedAt()))) {
        out.append(detail).append("! executed at ").append(time.format(executed)).append(", before the answer");
      }
    }

    private static String person(Oversight o) {
      return o.escalatedTo() == null ? "nobody named" : o.escalatedTo();
    }

    private static String action(Action a) {
      String target = a.targetResource() != null ? a.targetResource() : a.targetSystem();
      return a.type() + " " + target + (a.tool() == null ? "" : " via " + a.tool());
    }

    private static String policy(Policy p) {
      if (!p.checked()) {
        return "policy not checked (" + p.decision() + (p.tier() == null ? "" : ", tier " + p.tier()) + ")";
      }
      return (p.tier() == null ? "" : "tier " + p.tier() + " ") + p.decision();
    }

    /** Who decided what, and how fast. */
    private static String answer(Oversight o) {
      if (o.decision() == null) {
        return "no answer from " + person(o);
      }
      if ("timed_out".equals(o.decision())) {
        return "timed out waiting for " + person(o);
      }
      return o.decision() + " by " + person(o) + (o.responseSeconds() == null ? "" : " after " + duration(o.responseSeconds()));
    }

    private String outcome(Outcome o) {
      return o.status() + (o.executedAt() == null ? "" : " (executed " + time.format(o.executedAt()) + ")")
          + (o.errorCode() == null ? "" : " (error " + o.errorCode() + ")");
    }

    private static String facts(Step s) {
      List<String> facts = new ArrayList<>();
      Policy p = s.policy();
      if (p.ruleId() != null) {
        facts.add("rule " + p.ruleId());
      }
      if (p.policyVersion() != null) {
        facts.add("policy " + p.policyVersion());
      }
      if (s.amount() != null && s.amount().value() != null) {
        facts.add(s.amount().value().stripTrailingZeros().toPlainString()
            + (s.amount().currency() == null ? "" : " " + s.amount().currency()));
      }
      if (s.recordsAffected() != null) {
        facts.add(count(s.recordsAffected(), "record"));
      }
      facts.add(s.dataSensitivity() + " data");
      facts.add(s.credentialKind() + " credential");
      facts.add("span " + s.spanId());
      facts.add(s.source());
      return String.join(", ", facts);
    }

    private static boolean oneDay(Result trace) {
      LocalDate day = LocalDate.ofInstant(trace.start(), ZoneOffset.UTC);
      List<Instant> times = new ArrayList<>();
      for (Step s : trace.steps()) {
        times.add(s.eventTime());
        times.add(s.outcome().executedAt());
        if (s.oversight() != null) {
          times.add(s.oversight().requestedAt());
          times.add(s.oversight().respondedAt());
        }
      }
      return times.stream().filter(t -> t != null).allMatch(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).equals(day));
    }

    /** 2026-03-08 10:19:00Z .. 16:32:54Z, with the second date only when it differs. */
    static String period(Instant start, Instant end) {
      boolean sameDay = LocalDate.ofInstant(start, ZoneOffset.UTC).equals(LocalDate.ofInstant(end, ZoneOffset.UTC));
      return FULL.format(start) + " .. " + (sameDay ? CLOCK : FULL).format(end);
    }

    static String count(long n, String noun) {
      return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** 45s, 6m12s, 2h05m, 3d04h: the precision an incident timeline needs. */
    static String duration(long seconds) {
      long s = Math.abs(seconds);
      String sign = seconds < 0 ? "-" : "";
      if (s < 60) {
        return sign + s + "s";
      }
      if (s < 3600) {
        return String.format(Locale.ROOT, "%s%dm%02ds", sign, s / 60, s % 60);
      }
      if (s < 86_400) {
        return String.format(Locale.ROOT, "%s%dh%02dm", sign, s / 3600, s % 3600 / 60);
      }
      return String.format(Locale.ROOT, "%s%dd%02dh", sign, s / 86_400, s % 86_400 / 3600);
    }
  }
}

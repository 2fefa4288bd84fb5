package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.jobs.GeneratedLake;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace view on a generated enterprise (orchestrators delegating to sub-agents), on a log that
 * lost an event, and on real tau-bench conversations when they are present.
 */
class TraceViewTest {
  static final Path TAU_BENCH = Path.of(System.getProperty("user.dir")).getParent()
      .resolveSibling("shared/data/tau-bench-airline/landing");

  static Lakehouse lake;
  /**
   * A generated trace in which an orchestrator delegated: one with an escalation to a person if any
   * has one, then the one with most agents, then most events.
   */
  static String traceId;
  static TraceView.Result trace;

  @BeforeAll
  static void readADelegatedTrace() {
    lake = GeneratedLake.lake();
    Dataset<Row> events = lake.read(Tables.EVENTS);
    Dataset<Row> delegated = events.where(col("delegation.parent_agent_id").isNotNull())
        .select(col("trace.trace_id").as("trace_id")).distinct();
    traceId = events.withColumn("trace_id", col("trace.trace_id")).join(delegated, "trace_id").groupBy("trace_id")
        .agg(max(col("oversight.requested_at").isNotNull()).as("escalated"), countDistinct("agent_id").as("agents"),
            count(lit(1)).as("events"))
        .orderBy(col("escalated").desc(), col("agents").desc(), col("events").desc(), col("trace_id")).first().getString(0);
    trace = TraceView.of(lake, traceId, null, null);
  }

  @Test
  void everyEventOfTheTraceIsAStepInTimeOrder() {
    List<String> stored = lake.read(Tables.EVENTS).where(col("trace.trace_id").equalTo(traceId)).select("event_id")
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    assertTrue(stored.size() >= 3, "a delegated trace has a few events: " + stored);
    assertEquals(stored, trace.steps().stream().map(TraceView.Step::eventId).sorted().toList());
    assertEquals(stored.size(), trace.counts().events());
    for (int i = 1; i < trace.steps().size(); i++) {
      assertFalse(trace.steps().get(i).eventTime().isBefore(trace.steps().get(i - 1).eventTime()),
          "step " + i + " is earlier than the one before it");
    }
    assertEquals(lake.currentSnapshotId(Tables.EVENTS), trace.snapshotId());
    assertEquals(trace.steps().get(0).eventTime(), trace.start());
    assertEquals(0, trace.logGaps().size(), "a generated trace has every parent span: " + trace.logGaps());
  }

  @Test
  void delegatingAgentsComeBeforeTheirSubAgents() {
    List<String> agents = trace.agents().stream().map(TraceView.TraceAgent::agentId).toList();
    assertTrue(agents.size() >= 2, "the trace has an orchestrator and a sub-agent: " + agents);
    assertEquals(agents.size(), trace.counts().agents());
    assertTrue(trace.agents().get(0).delegatedBy().isEmpty(), "the first agent started the workflow: " + trace.agents());
    for (TraceView.TraceAgent agent : trace.agents()) {
      for (String parent : agent.delegatedBy()) {
        assertTrue(agents.indexOf(parent) >= 0 && agents.indexOf(parent) < agents.indexOf(agent.agentId()),
            parent + " delegated to " + agent.agentId() + " so it comes first: " + agents);
      }
    }
  }

  @Test
  void subAgentStepsHangUnderTheSpanThatDelegated() {
    Map<String, TraceView.Step> bySpan = new HashMap<>();
    trace.steps().forEach(s -> bySpan.putIfAbsent(s.spanId(), s));
    List<TraceView.Step> subSteps = trace.steps().stream()
        .filter(s -> s.delegation() != null && s.delegation().parentAgentId() != null).toList();
    assertFalse(subSteps.isEmpty());
    for (TraceView.Step s : subSteps) {
      // up the span tree from a sub-agent's step, one level at a time, to a step of the agent that delegated
      TraceView.Step parent = bySpan.get(s.parentSpanId());
      assertEquals(s.spanDepth() - 1, parent.spanDepth(), "one level below its parent span: " + s.eventId());
      TraceView.Step up = parent;
      while (up != null && !up.agentId().equals(s.delegation().parentAgentId())) {
        up = up.parentSpanId() == null ? null : bySpan.get(up.parentSpanId());
      }
      assertTrue(up != null, s.agentId() + " at " + s.spanId() + " hangs under a span of " + s.delegation().parentAgentId());
    }

    // in the text: each block sits right under its parent's block, one indent deeper
    List<String> lines = trace.render().lines().toList();
    int rootIndent = indent(lines.get(factsLine(lines, trace.steps().get(0).spanId())));
    for (TraceView.Step s : trace.steps()) {
      int line = factsLine(lines, s.spanId());
      if (s.parentSpanId() == null) {
        assertEquals(rootIndent, indent(lines.get(line)), "a root is not indented:\n" + trace.render());
        continue;
      }
      int parentLine = factsLine(lines, s.parentSpanId());
      assertTrue(parentLine < line, "the parent's block comes first:\n" + trace.render());
      assertEquals(indent(lines.get(parentLine)) + 2, indent(lines.get(line)), "indented under its parent:\n"
          + trace.render());
    }
    assertTrue(lines.get(0).startsWith("trace " + traceId + ": " + trace.steps().size() + " events by "), lines.get(0));
  }

  @Test
  void escalationsShowWhoWasAskedAndWhatTheyAnswered() {
    long asked = lake.read(Tables.EVENTS).where(col("trace.trace_id").equalTo(traceId)
        .and(col("oversight.requested_at").isNotNull().or(col("oversight.mode").isin("in_the_loop", "halt_escalate"))))
        .count();
    assertTrue(asked > 0, "the generated enterprise has a delegated trace with an escalation");
    assertEquals(asked, trace.counts().escalations());
    String text = trace.render();
    for (TraceView.Step s : trace.steps()) {
      TraceView.Oversight o = s.oversight();
      if (o != null && o.requestedAt() != null) {
        assertTrue(text.contains("escalation requested from " + o.escalatedTo()), "the request to " + o.escalatedTo()
            + " is shown:\n" + text);
        if (o.respondedAt() != null) {
          assertTrue(o.responseSeconds() >= 0, s.eventId() + " answered before it was asked");
          assertTrue(text.contains(o.decision() + " by " + o.escalatedTo() + " after "), "the answer is shown:\n" + text);
        }
      }
    }
  }

  /** The line of a step's block that names its span (the last one of the block). */
  private static int factsLine(List<String> lines, String spanId) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("span " + spanId + ",")) {
        return i;
      }
    }
    throw new AssertionError("no block names span " + spanId + ":\n" + String.join("\n", lines));
  }

  private static int indent(String line) {
    return line.length() - line.stripLeading().length();
  }

  @Test
  void aDateRangeNarrowsTheRead() {
    LocalDate first = LocalDate.ofInstant(trace.start(), java.time.ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(trace.end(), java.time.ZoneOffset.UTC);
    TraceView.Result inRange = TraceView.of(lake, traceId.toUpperCase(), first, last);
    assertEquals(trace.steps(), inRange.steps(), "upper case ids and the trace's own days find the same events");

    TraceView.Result outside = TraceView.of(lake, traceId, GeneratedLake.LAST.plusDays(1), GeneratedLake.LAST.plusDays(2));
    assertEquals(0, outside.steps().size());
    assertEquals("No events found for trace " + traceId + " between " + GeneratedLake.LAST.plusDays(1) + " and "
        + GeneratedLake.LAST.plusDays(2) + " at events snapshot " + trace.snapshotId()
        + ": check the trace id or widen the date range", outside.summary());

    IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
        () -> TraceView.of(lake, traceId, last, first.minusDays(1)));
    assertTrue(backwards.getMessage().contains("is before the first " + last), backwards.getMessage());
  }

  @Test
  void anInvalidIdIsRejectedByName() {
    for (String bad : List.of("not-a-trace", traceId.substring(1), traceId + "0", "0".repeat(32))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceView.of(lake, bad, null, null));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void anUnknownIdHasNoSteps() {
    String unknown = "0123456789abcdef0123456789abcdef";
    TraceView.Result none = TraceView.of(lake, unknown, null, null);
    assertEquals(List.of(), none.steps());
    assertEquals(new TraceView.Counts(0, 0, 0, 0, 0), none.counts());
    assertEquals("No events found for trace " + unknown + " at events snapshot " + none.snapshotId()
        + ": check the trace id", none.summary());
    assertEquals(none.summary(), none.render());
  }

  /** The trace without its root event, as a log that lost a line would hold it: its children are log gaps. */
  @Test
  void aLostParentSpanIsALogGap() {
    Lakehouse broken = SharedSpark.lakehouse("trace_view_lost_root");
    TraceView.Step root = trace.steps().get(0);
    broken.append(Tables.EVENTS, lake.readAt(Tables.EVENTS, trace.snapshotId())
        .where(col("trace.trace_id").equalTo(traceId).and(col("event_id").notEqual(root.eventId()))));

    TraceView.Result result = TraceView.of(broken, traceId, null, null);
    Set<String> orphans = trace.steps().stream().filter(s -> root.spanId().equals(s.parentSpanId()))
        .map(TraceView.Step::eventId).collect(Collectors.toSet());
    assertFalse(orphans.isEmpty());
    assertEquals(orphans, result.logGaps().stream().map(TraceView.LogGap::eventId).collect(Collectors.toSet()));
    result.logGaps().forEach(g -> assertEquals(root.spanId(), g.missingParentSpanId()));
    assertEquals(trace.steps().size() - 1, result.steps().size());
    TraceView.LogGap gap = result.logGaps().get(0);
    assertTrue(result.render().contains("! span " + gap.spanId() + " points at parent " + root.spanId()
        + ", which is not in the log"), result.render());
  }

  /** A real conversation (tau-bench airline, one agent): its trace holds every tool call, in the order it was made. */
  @Test
  void aTauBenchConversationIsRebuiltInOrder() throws IOException {
    assumeTrue(Files.isDirectory(TAU_BENCH), "tau-bench data not present at " + TAU_BENCH);
    LocalDate day = LocalDate.parse("2024-05-06");
    Map<String, List<JsonNode>> conversations = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(TAU_BENCH.resolve("events/" + day + "/tau-gpt-4o-airline.jsonl"))) {
      JsonNode event = json.readTree(line);
      conversations.computeIfAbsent(event.at("/trace/trace_id").asText(), k -> new ArrayList<>()).add(event);
    }
    // the longest conversation of the day, with its tool calls in the order they were made
    Map.Entry<String, List<JsonNode>> longest = conversations.entrySet().stream()
        .max(Comparator.comparingInt((Map.Entry<String, List<JsonNode>> e) -> e.getValue().size())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow();
    List<JsonNode> calls = longest.getValue().stream()
        .sorted(Comparator.comparing(e -> OffsetDateTime.parse(e.get("event_time").asText()).toInstant())).toList();

    Lakehouse tau = SharedSpark.lakehouse("trace_view_taubench");
    IngestResult ingest = new IngestJob(tau, IngestJob.Options.of(TAU_BENCH.toUri().toString(), day)).run();
    assertTrue(ingest.reconciles(), ingest.summary());
    TraceView.Result conversation = TraceView.of(tau, longest.getKey(), null, null);

    assertEquals(calls.stream().map(e -> e.get("event_id").asText()).toList(),
        conversation.steps().stream().map(TraceView.Step::eventId).toList());
    assertEquals(calls.stream().map(e -> e.at("/action/tool").asText()).toList(),
        conversation.steps().stream().map(s -> s.action().tool()).toList());
    assertEquals(List.of("tau-gpt-4o-airline"), conversation.agents().stream().map(TraceView.TraceAgent::agentId).toList());
    assertEquals(List.of(), conversation.logGaps());
    long escalations = calls.stream().filter(e -> e.at("/oversight/requested_at").isTextual()).count();
    assertEquals(escalations, conversation.counts().escalations());
    Instant lastCall = OffsetDateTime.parse(calls.get(calls.size() - 1).get("event_time").asText()).toInstant();
    assertEquals(lastCall, conversation.end());
    assertEquals(calls.size(), conversation.render().lines()
        .filter(l -> l.contains("  tau-gpt-4o-airline  ") && l.contains(" -> ")).count(),
        "one headline per tool call:\n" + conversation.render());
  }
}

package io.agentgov.cli;

import static io.agentgov.cli.AgentGovCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgov trace} as a user meets it, on one generated and ingested day. */
class TraceCommandTest {
  static final String DAY = "2026-03-02";

  @TempDir
  static Path dir;
  static String warehouse;
  /** A trace in which an orchestrator delegated to a sub-agent, and its event ids in the landing files. */
  static String traceId;
  static List<String> traceEvents;

  @BeforeAll
  static void ingestOneGeneratedDay() throws IOException {
    Run generated = run("generate", "--preset", "small", "--days", "1", "--events-per-day", "400", "--dirt-rate", "0",
        "--out", dir.toString());
    assertEquals(0, generated.exit(), generated.err());
    warehouse = dir.resolve("warehouse").toString();
    Run ingested = run("--warehouse", warehouse, "ingest", "--landing", dir.resolve("landing").toString(), "--date", DAY);
    assertEquals(0, ingested.exit(), ingested.err());

    Map<String, List<String>> eventsByTrace = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir.resolve("landing/events/" + DAY))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl.gz")).sorted().toList()) {
        for (String line : gunzip(file).split("\n")) {
          JsonNode event = json.readTree(line);
          String trace = event.at("/trace/trace_id").asText();
          eventsByTrace.computeIfAbsent(trace, t -> new ArrayList<>()).add(event.get("event_id").asText());
          if (traceId == null && event.at("/delegation/parent_agent_id").isTextual()) {
            traceId = trace;
          }
        }
      }
    }
    assertTrue(traceId != null, "the generated day has a delegation");
    traceEvents = eventsByTrace.get(traceId);
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void printsTheChainOfAgents() {
    Run r = run("--warehouse", warehouse, "trace", traceId.toUpperCase());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("trace " + traceId + ": " + traceEvents.size() + " event"), r.out());
    assertTrue(r.out().contains("delegated by "), r.out());
  }

  @Test
  void printsEveryEventInOrderAsJson() throws IOException {
    Run r = run("--json", "--warehouse", warehouse, "trace", traceId, "--date", DAY);
    assertEquals(0, r.exit(), r.err());
    JsonNode result = new ObjectMapper().readTree(r.out());
    assertEquals(traceId, result.get("traceId").asText());
    List<String> eventIds = new ArrayList<>();
    Instant previous = Instant.MIN;
    for (JsonNode step : result.get("steps")) {
      eventIds.add(step.get("eventId").asText());
      Instant time = Instant.parse(step.get("eventTime").asText());
      assertFalse(time.isBefore(previous), "steps in time order: " + r.out());
      previous = time;
    }
    assertEquals(traceEvents.stream().sorted().toList(), eventIds.stream().sorted().toList());
    assertEquals(0, result.get("logGaps").size(), r.out());
    assertTrue(result.get("snapshotId").isNumber(), r.out());
  }

  @Test
  void anUnknownTraceExitsOneSayingSo() {
    String unknown = "0123456789abcdef0123456789abcdef";
    Run r = run("--warehouse", warehouse, "trace", unknown, "--from", DAY, "--to", "2026-03-03");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("agentgov trace: error: No events found for trace " + unknown + " between " + DAY
        + " and 2026-03-03 at events snapshot "), r.err());
  }

  @Test
  void badArgumentsExitTwoNamingThem() {
    Run badId = run("--warehouse", warehouse, "trace", "abc123");
    assertEquals(2, badId.exit());
    assertTrue(badId.err().contains("Trace id 'abc123' is not 32 hexadecimal digits"), badId.err());
    Run backwards = run("--warehouse", warehouse, "trace", traceId, "--from", "2026-03-05", "--to", "2026-03-01");
    assertEquals(2, backwards.exit());
    assertTrue(backwards.err().contains("--to 2026-03-01 is before --from 2026-03-05"), backwards.err());
  }
}

package io.agentgov.cli;

import static io.agentgov.cli.AgentGovCliTest.run;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.lakehouse.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentgov findings} over a warehouse with two nights: A (a shadow agent) opens on night 1
 * and turns high on night 2, when B (a shared credential, explained with a comma and quotes) opens.
 */
class FindingsCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String B_EXPLANATION = "Credential \"cred-7\" is used by agent-2, agent-3";

  @TempDir
  static Path dir;

  /** {@code findings} with this test's warehouse. */
  static Run findings(String... args) {
    return run(Stream.concat(Stream.of("--warehouse", warehouse(), "--master", "local[2]", "findings"), Stream.of(args))
        .toArray(String[]::new));
  }

  static String warehouse() {
    return dir.resolve("warehouse").toString();
  }

  @BeforeAll
  static void writeTwoNights() {
    RuntimeOptions options = new RuntimeOptions("local[2]", warehouse(), RuntimeOptions.DEFAULT_CATALOG,
        RuntimeOptions.DEFAULT_NAMESPACE, Map.of());
    try (Lakehouse lake = Lakehouse.open(options)) {
      write(lake, "2026-03-01", finding("2026-03-01", "fnd-a", "shadow_agent", "agent-1", "medium", null,
          "agent-1 acts unregistered"));
      write(lake, "2026-03-02",
          finding("2026-03-02", "fnd-a", "shadow_agent", "agent-1", "high", "medium", "agent-1 acts unregistered"),
          finding("2026-03-02", "fnd-b", "shared_credential", "agent-2", "medium", null, B_EXPLANATION));
    }
  }

  /** An open finding as one JSON line of the findings columns, which Spark reads with the table schema. */
  static String finding(String night, String id, String type, String agent, String severity, String previous,
      String explanation) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("detect_date", night);
    f.put("finding_id", id);
    f.put("finding_type", type);
    f.put("subject", type + "-subject");
    f.put("agent_id", agent);
    f.put("severity", severity);
    f.put("previous_severity", previous);
    f.put("status", "open");
    String opened = id.equals("fnd-a") ? "2026-03-01" : "2026-03-02";
    f.put("status_since", opened);
    f.put("opened_on", opened);
    f.put("reopen_count", 0);
    f.put("persistence", "condition");
    f.put("detected_tonight", true);
    f.put("first_seen", "2026-03-01T08:00:00Z");
    f.put("last_seen", night + "T09:00:00Z");
    f.put("evidence_events", 3);
    f.put("notify_role", "governance_office");
    f.put("explanation", explanation);
    f.put("details", Map.of("reason", "test"));
    f.put("sample_event_ids", List.of("e-1", "e-2"));
    f.put("settings", "{}");
    f.put("run_id", "run-" + night);
    try {
      return JSON.writeValueAsString(f);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Lakehouse lake, String night, String... findings) {
    var rows = lake.spark().read().schema(Lakehouse.sparkSchema(Tables.FINDINGS))
        .json(lake.spark().createDataset(List.of(findings), Encoders.STRING()));
    lake.overwrite(Tables.FINDINGS, rows, col("detect_date").equalTo(lit(LocalDate.parse(night))));
  }

  @Test
  void listsTheLatestNightAsATableNamingNightAndSnapshot() {
    Run r = findings();
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("2 findings as of night 2026-03-02 (findings snapshot "), lines[0]);
    assertTrue(lines[1].matches("finding_id +severity +type +agent +status +since +notify +explanation"), lines[1]);
    assertTrue(lines[2].startsWith("fnd-a       high"), "high first: " + lines[2]);
    assertTrue(lines[3].startsWith("fnd-b       medium"), lines[3]);
  }

  @Test
  void jsonPrintsTheWholeResultAndItsCommitTimeReproducesIt() throws Exception {
    Run json = findings("--json");
    assertEquals(0, json.exit(), json.err());
    JsonNode result = JSON.readTree(json.out());
    assertEquals("2026-03-02", result.get("night").asText());
    assertEquals(2, result.get("rows").size());
    Run then = findings("--as-of", result.get("committedAt").asText());
    assertEquals(0, then.exit(), then.err());
    assertTrue(then.out().startsWith("2 findings as of night 2026-03-02 (findings snapshot "
        + result.get("snapshotId").asLong() + ","), then.out());
  }

  @Test
  void csvAndJsonlCarryTheFilteredRowsAndKeepProvenanceOnStderr() throws Exception {
    Run csv = findings("--type", "shared_credential", "--format", "csv");
    assertEquals(0, csv.exit(), csv.err());
    String[] lines = csv.out().split("\r\n");
    assertEquals(2, lines.length, csv.out());
    assertTrue(lines[0].startsWith("detect_date,finding_id,"), lines[0]);
    assertTrue(lines[1].contains(",\"Credential \"\"cred-7\"\" is used by agent-2, agent-3\","), lines[1]);
    assertTrue(csv.err().startsWith("1 finding as of night 2026-03-02"), csv.err());

    Run jsonl = findings("--status", "active", "--agent", "agent-1", "--as-of", "2026-03-01", "--format", "jsonl");
    assertEquals(0, jsonl.exit(), jsonl.err());
    String[] objects = jsonl.out().split("\n");
    assertEquals(1, objects.length, jsonl.out());
    JsonNode a = JSON.readTree(objects[0]);
    assertEquals("2026-03-01", a.get("detect_date").asText());
    assertEquals("medium", a.get("severity").asText());
    assertEquals("2026-03-01T09:00:00Z", a.get("last_seen").asText());
  }

  @Test
  void historyPrintsTheTransitions() {
    Run r = findings("--history", "fnd-a");
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(lines[0].startsWith("finding fnd-a: shadow_agent of agent-1 (shadow_agent-subject), findings snapshot "),
        lines[0]);
    assertTrue(lines[1].matches("night +change +status +severity +explanation"), lines[1]);
    assertTrue(lines[2].matches("2026-03-01 +opened +open +medium +agent-1 acts unregistered"), lines[2]);
    assertTrue(lines[3].matches("2026-03-02 +severity medium -> high +open +high +agent-1 acts unregistered"), lines[3]);
    assertEquals(4, lines.length, r.out());

    Run unknown = findings("--history", "fnd-zzz");
    assertEquals(2, unknown.exit(), unknown.err());
    assertTrue(unknown.err().contains("Cannot find finding fnd-zzz"), unknown.err());
  }

  @Test
  void nothingAsOfTheTimeFailsNamingWhatToRun() {
    Run r = findings("--as-of", "2026-02-01");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("agentgov findings: error: no findings as of 2026-02-01"), r.err());
    assertTrue(r.err().contains("run `agentgov detect --date 2026-02-01` first"), r.err());
  }

  @Test
  void badValuesAreUsageErrorsNamingTheAllowedOnes() {
    Run type = findings("--type", "shadow");
    assertEquals(2, type.exit());
    assertTrue(type.err().contains("Unknown finding type \"shadow\": allowed are shadow_agent, decommissioned_acting,"),
        type.err());
    assertTrue(type.err().contains("accountability_gap"), type.err());
    Run status = findings("--status", "closed");
    assertEquals(2, status.exit());
    assertTrue(status.err().contains("Unknown status \"closed\": allowed are open, reopened, resolved, active"),
        status.err());
    Run format = findings("--format", "xml");
    assertEquals(2, format.exit());
    assertTrue(format.err().contains("Unknown format \"xml\": allowed are table, csv, jsonl"), format.err());
    Run asOf = findings("--as-of", "yesterday");
    assertEquals(2, asOf.exit());
    assertTrue(asOf.err().contains("Cannot read as-of \"yesterday\""), asOf.err());
    Run historyWithFilter = findings("--history", "fnd-a", "--type", "shadow_agent");
    assertEquals(2, historyWithFilter.exit());
    assertTrue(historyWithFilter.err().contains("drop --type"), historyWithFilter.err());
  }
}

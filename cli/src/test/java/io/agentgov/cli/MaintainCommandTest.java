package io.agentgov.cli;

import static io.agentgov.cli.AgentGovCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgov maintain} and {@code agentgov hold} as a user meets them. */
class MaintainCommandTest {

  @Test
  void badUsageExitsTwoBeforeSparkStarts() {
    Run shortHorizon = run("maintain", "--horizon-days", "30");
    assertEquals(2, shortHorizon.exit(), shortHorizon.err());
    assertTrue(shortHorizon.err().contains("at least 184"), shortHorizon.err());
    Run youngOrphans = run("maintain", "--orphans-older-than", "2h");
    assertEquals(2, youngOrphans.exit(), youngOrphans.err());
    assertTrue(youngOrphans.err().contains("at least one day"), youngOrphans.err());
    Run badAge = run("maintain", "--orphans-older-than", "soon");
    assertEquals(2, badAge.exit());
    assertTrue(badAge.err().contains("is not an age such as 3d"), badAge.err());
    Run unknownTable = run("maintain", "--table", "no_such_table");
    assertEquals(2, unknownTable.exit());
    assertTrue(unknownTable.err().contains("Cannot find table no_such_table"), unknownTable.err());
    Run holdUnknown = run("hold", "set", "--table", "no_such_table", "--reason", "M-1", "--by", "p-1");
    assertEquals(2, holdUnknown.exit());
    assertTrue(holdUnknown.err().contains("Cannot find table no_such_table"), holdUnknown.err());
    Run backwards = run("hold", "set", "--table", "*", "--from", "2026-02-01", "--to", "2026-01-01", "--reason", "M-1",
        "--by", "p-1");
    assertEquals(2, backwards.exit());
    assertTrue(backwards.err().contains("--to 2026-01-01 is before --from 2026-02-01"), backwards.err());
    Run noReason = run("hold", "set", "--table", "events", "--by", "p-1");
    assertEquals(2, noReason.exit());
    assertTrue(noReason.err().contains("--reason"), noReason.err());
  }

  @Test
  void holdsAreSetListedAndLiftedAndMaintainHonoursThem(@TempDir Path dir) throws Exception {
    String wh = dir.resolve("warehouse").toString();
    ObjectMapper json = new ObjectMapper();
    Run set = run("--warehouse", wh, "--json", "hold", "set", "--table", "events", "--from", "2026-01-01", "--agent",
        "agent-7", "--reason", "matter M-17", "--by", "p-1");
    assertEquals(0, set.exit(), set.err());
    JsonNode hold = json.readTree(set.out());
    String id = hold.get("holdId").asText();
    assertTrue(id.startsWith("hold-"), set.out());
    assertEquals("events", hold.get("table").asText());
    assertEquals("2026-01-01", hold.get("fromDate").asText());
    assertTrue(hold.get("liftedAt").isNull());

    Run dry = run("--warehouse", wh, "--json", "maintain", "--dry-run", "--table", "events", "--table", "agents", "--table",
        "legal_holds");
    assertEquals(0, dry.exit(), dry.err());
    JsonNode result = json.readTree(dry.out());
    assertTrue(result.get("dryRun").asBoolean());
    assertEquals(3, result.get("tables").size(), "the tables asked for");
    JsonNode holdsTable = null;
    for (JsonNode t : result.get("tables")) {
      boolean events = t.get("table").asText().equals("events");
      assertEquals(events ? "[\"" + id + "\"]" : "[]", t.get("holds").toString(), t.toString());
      if (t.get("table").asText().equals("legal_holds")) {
        holdsTable = t;
      }
    }
    assertEquals(1, holdsTable.get("snapshotsBefore").asInt(), "legal_holds has the hold's append: " + holdsTable);
    assertEquals("current", holdsTable.at("/kept/0/keptBecause").asText());
    assertEquals(0, holdsTable.get("snapshotsExpired").asInt());

    Run lift = run("--warehouse", wh, "hold", "lift", id, "--by", "p-2");
    assertEquals(0, lift.exit(), lift.err());
    assertTrue(lift.out().contains("hold " + id + " lifted"), lift.out());
    Run again = run("--warehouse", wh, "hold", "lift", id, "--by", "p-2");
    assertEquals(1, again.exit());
    assertTrue(again.err().startsWith("agentgov lift: error: Cannot lift hold " + id + ": it was lifted at "), again.err());
    Run active = run("--warehouse", wh, "hold", "list");
    assertEquals("no hold is in force", active.out().strip());
    Run all = run("--warehouse", wh, "hold", "list", "--all");
    assertTrue(all.out().contains(id) && all.out().contains("lifted") && all.out().contains("by p-2"), all.out());

    Run maintain = run("--warehouse", wh, "maintain", "--table", "legal_holds", "--table", "events");
    assertEquals(0, maintain.exit(), maintain.err());
    assertTrue(maintain.out().startsWith("maintain as of "), maintain.out());
    assertTrue(maintain.out().contains("legal_holds                snapshots 2 -> 2 (expired 0; kept current 1, horizon 1)"),
        maintain.out());
    assertFalse(maintain.out().contains("holds hold-"), "the lifted hold no longer counts: " + maintain.out());
    System.out.println(maintain.out());
  }
}

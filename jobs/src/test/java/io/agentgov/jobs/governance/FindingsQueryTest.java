package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.governance.FindingsFormat.Format;
import io.agentgov.jobs.governance.FindingsQuery.AsOf;
import io.agentgov.jobs.governance.FindingsQuery.Filter;
import io.agentgov.jobs.governance.FindingsQuery.FindingRow;
import io.agentgov.jobs.governance.FindingsQuery.Findings;
import io.agentgov.jobs.governance.FindingsQuery.History;
import io.agentgov.jobs.governance.FindingsQuery.Transition;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RowValues;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Findings written night by night as the detectors would: A opens on night 1, turns high on night 2
 * and resolves on night 3; B opens on night 2. Night 2 is re-run after a recorded instant, so a
 * timestamp as-of must travel back to the snapshot before the re-run.
 */
class FindingsQueryTest {
  static final LocalDate NIGHT1 = LocalDate.parse("2026-03-01");
  static final LocalDate NIGHT2 = LocalDate.parse("2026-03-02");
  static final LocalDate NIGHT3 = LocalDate.parse("2026-03-03");
  static final String B_EXPLANATION = "Credential \"cred-7\" is used by agent-2, agent-3 and agent-4";
  static final String B_RERUN = "Credential cred-7 is used by 3 agents";

  static Lakehouse lake;
  static FindingsQuery query;
  static Instant beforeFirstCommit;
  static Instant betweenCommits;
  static long night2Snapshot;
  static long currentSnapshot;

  @BeforeAll
  static void writeThreeNights() throws InterruptedException {
    lake = SharedSpark.lakehouse("findings_query");
    lake.tables();
    query = new FindingsQuery(lake);
    beforeFirstCommit = Instant.now();
    Thread.sleep(20);
    write(NIGHT1, a(NIGHT1, "medium", null, "open", null));
    night2Snapshot = write(NIGHT2, a(NIGHT2, "high", "medium", "open", null), b(NIGHT2, B_EXPLANATION));
    // Iceberg stamps commits in milliseconds: keep the recorded instant clear of both neighbours.
    Thread.sleep(20);
    betweenCommits = Instant.now();
    Thread.sleep(20);
    write(NIGHT2, a(NIGHT2, "high", "medium", "open", null), b(NIGHT2, B_RERUN));
    currentSnapshot = write(NIGHT3, a(NIGHT3, "high", "medium", "resolved", NIGHT3), b(NIGHT3, B_RERUN));
  }

  /** FindingRow A: a shadow agent, opened night 1, medium then high, resolved on {@code resolvedOn}. */
  static FindingRow a(LocalDate night, String severity, String previous, String status, LocalDate resolvedOn) {
    LocalDate since = status.equals("resolved") ? resolvedOn : NIGHT1;
    return new FindingRow(night, "fnd-a", "shadow_agent", "unregistered", "agent-1", null, severity, previous, status,
        since, NIGHT1, resolvedOn, 0, "condition", resolvedOn == null, Instant.parse("2026-03-01T10:15:30Z"),
        Instant.parse("2026-03-02T11:00:00.123456Z"), 40, null, "governance_office",
        "agent-1 acts but the registry does not list it", new TreeMap<>(Map.of("reason", "not_in_registry")),
        List.of("e-3", "e-2"), "{\"quiet_days\":7}", "run-" + night);
  }

  /** FindingRow B: a shared credential, opened night 2, still open. */
  static FindingRow b(LocalDate night, String explanation) {
    return new FindingRow(night, "fnd-b", "shared_credential", "cred-7", "agent-2", "payments", "medium", null, "open",
        NIGHT2, NIGHT2, null, 0, "evidence", true, Instant.parse("2026-03-02T08:00:00Z"),
        Instant.parse("2026-03-02T09:30:00Z"), 12, "p-17", "owner", explanation,
        new TreeMap<>(Map.of("credential_id", "cred-7", "agents", "agent-2,agent-3,agent-4")), List.of("e-9", "e-8"),
        "{\"quiet_days\":7}", "run-" + night);
  }

  /** Replaces a night's partition with these findings, as a detector run does; returns the commit. */
  static long write(LocalDate night, FindingRow... findings) {
    List<Row> rows = java.util.Arrays.stream(findings).map(FindingsQueryTest::row).toList();
    return lake.overwrite(Tables.FINDINGS, lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(Tables.FINDINGS)),
        col("detect_date").equalTo(lit(night)));
  }

  static Row row(FindingRow f) {
    return RowFactory.create(f.detectDate(), f.findingId(), f.findingType(), f.subject(), f.agentId(), f.businessUnit(),
        f.severity(), f.previousSeverity(), f.status(), f.statusSince(), f.openedOn(), f.resolvedOn(), f.reopenCount(),
        f.persistence(), f.detectedTonight(), f.firstSeen(), f.lastSeen(), f.evidenceEvents(), f.notifyId(),
        f.notifyRole(), f.explanation(), RowValues.map(f.details()), RowValues.seq(f.sampleEventIds()), f.settings(),
        f.runId());
  }

  static List<String> ids(Findings found) {
    return found.rows().stream().map(FindingRow::findingId).toList();
  }

  @Test
  void theLatestNightIsTheStateAndRowsComeBackWhole() {
    Findings latest = query.list(Filter.all());
    assertEquals(NIGHT3, latest.night());
    assertEquals(currentSnapshot, latest.snapshotId());
    assertEquals(List.of("fnd-a", "fnd-b"), ids(latest), "high before medium");
    assertEquals(a(NIGHT3, "high", "medium", "resolved", NIGHT3), latest.rows().get(0), "every column reads back");
    assertEquals(b(NIGHT3, B_RERUN), latest.rows().get(1));
  }

  @Test
  void filtersNarrowTheNight() {
    assertEquals(List.of("fnd-b"), ids(query.list(new Filter(null, "active", null, null))));
    assertEquals(List.of("fnd-b"), ids(query.list(new Filter(null, "open", null, null))));
    assertEquals(List.of("fnd-a"), ids(query.list(new Filter(null, "resolved", null, null))));
    assertEquals(List.of(), ids(query.list(new Filter(null, "reopened", null, null))));
    assertEquals(List.of("fnd-b"), ids(query.list(new Filter("shared_credential", null, null, null))));
    assertEquals(List.of("fnd-a"), ids(query.list(new Filter(null, null, "agent-1", null))));
    assertEquals(List.of(), ids(query.list(new Filter("shadow_agent", "active", "agent-1", null))));
  }

  @Test
  void aDateAsOfTakesTheLatestNightAtOrBeforeItAtTheCurrentSnapshot() {
    Findings night2 = query.list(new Filter(null, null, null, AsOf.parse("2026-03-02")));
    assertEquals(NIGHT2, night2.night());
    assertEquals(currentSnapshot, night2.snapshotId());
    assertEquals(List.of("fnd-a", "fnd-b"), ids(night2));
    assertEquals("open", night2.rows().get(0).status());
    assertEquals(B_RERUN, night2.rows().get(1).explanation(), "the current snapshot holds the re-run");

    assertEquals(NIGHT1, query.list(new Filter(null, null, null, AsOf.parse("2026-03-01"))).night());
    assertEquals(NIGHT3, query.list(new Filter(null, null, null, AsOf.parse("2026-03-09"))).night(),
        "nights not run are skipped: the latest one before counts");
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> query.list(new Filter(null, null, null, AsOf.parse("2026-02-28"))));
    assertTrue(none.getMessage().startsWith("no findings as of 2026-02-28"), none.getMessage());
    assertTrue(none.getMessage().endsWith("run `agentgov detect --date 2026-02-28` first"), none.getMessage());
  }

  @Test
  void aTimestampAsOfTravelsToTheSnapshotCurrentThen() {
    Findings then = query.list(new Filter(null, null, null, AsOf.parse(betweenCommits.toString())));
    assertEquals(night2Snapshot, then.snapshotId(), "the commit before the instant");
    assertFalse(then.committedAt().isAfter(betweenCommits), then.committedAt() + " after " + betweenCommits);
    assertEquals(NIGHT2, then.night(), "night 3 was not written yet");
    assertEquals(B_EXPLANATION, then.rows().get(1).explanation(), "what was reported before the re-run");

    String offset = betweenCommits.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
    assertEquals(night2Snapshot, query.list(new Filter(null, null, null, AsOf.parse(offset))).snapshotId(),
        "an offset names the same instant");
    IllegalStateException early = assertThrows(IllegalStateException.class,
        () -> query.list(new Filter(null, null, null, AsOf.parse(beforeFirstCommit.toString()))));
    assertTrue(early.getMessage().startsWith("no findings as of " + beforeFirstCommit), early.getMessage());
    assertTrue(early.getMessage().contains("the first commit to"), early.getMessage());
  }

  @Test
  void historyShowsOpenedThenSeverityChangeThenResolved() {
    History history = query.history("fnd-a");
    assertEquals(currentSnapshot, history.snapshotId());
    assertEquals("shadow_agent", history.findingType());
    String explanation = "agent-1 acts but the registry does not list it";
    assertEquals(List.of(
        new Transition(NIGHT1, "opened", "open", "medium", explanation),
        new Transition(NIGHT2, "severity medium -> high", "open", "high", explanation),
        new Transition(NIGHT3, "resolved", "resolved", "high", explanation)), history.transitions());
    assertEquals(1, query.history("fnd-b").transitions().size(), "a re-run that changes only the explanation is no transition");

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> query.history("fnd-zzz"));
    assertTrue(unknown.getMessage().contains("fnd-zzz"), unknown.getMessage());
  }

  @Test
  void csvQuotesCommasAndQuotesAndFlattensDetails() {
    Findings night2 = query.list(new Filter(null, null, null, AsOf.parse(betweenCommits.toString())));
    String csv = FindingsFormat.findings(night2.rows(), Format.CSV);
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, csv);
    assertTrue(lines[0].startsWith("detect_date,finding_id,finding_type,subject,agent_id,"), lines[0]);
    assertTrue(lines[2].contains(",\"Credential \"\"cred-7\"\" is used by agent-2, agent-3 and agent-4\","), lines[2]);
    assertTrue(lines[2].contains(",\"agents=agent-2,agent-3,agent-4; credential_id=cred-7\",e-9 e-8,"), lines[2]);
    assertTrue(lines[1].startsWith("2026-03-02,fnd-a,shadow_agent,unregistered,agent-1,,high,medium,open,2026-03-01,"),
        lines[1]);
    assertTrue(lines[1].contains(",2026-03-01T10:15:30Z,2026-03-02T11:00:00.123456Z,40,,governance_office,"), lines[1]);
  }

  @Test
  void jsonlParsesBackWithEveryColumn() throws Exception {
    Findings latest = query.list(Filter.all());
    String[] lines = FindingsFormat.findings(latest.rows(), Format.JSONL).split("\n");
    assertEquals(2, lines.length);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode a = mapper.readTree(lines[0]);
    assertEquals(25, a.size(), "every column of findings");
    assertEquals("2026-03-03", a.get("detect_date").asText());
    assertEquals("resolved", a.get("status").asText());
    assertEquals("2026-03-03", a.get("resolved_on").asText());
    assertEquals("2026-03-02T11:00:00.123456Z", a.get("last_seen").asText());
    assertTrue(a.get("notify_id").isNull());
    assertEquals(40, a.get("evidence_events").asLong());
    assertTrue(a.get("detected_tonight").isBoolean());
    assertEquals("not_in_registry", a.at("/details/reason").asText());
    JsonNode b = mapper.readTree(lines[1]);
    assertEquals(B_RERUN, b.get("explanation").asText());
    assertEquals(List.of("e-9", "e-8"), List.of(b.at("/sample_event_ids/0").asText(), b.at("/sample_event_ids/1").asText()));

    String beforeRerun = FindingsFormat.findings(query.list(new Filter(null, null, null,
        AsOf.parse(betweenCommits.toString()))).rows(), Format.JSONL);
    assertEquals(B_EXPLANATION, mapper.readTree(beforeRerun.split("\n")[1]).get("explanation").asText(),
        "quotes survive the round trip");
  }

  @Test
  void theTableAlignsItsColumns() {
    String[] lines = FindingsFormat.findings(query.list(Filter.all()).rows(), Format.TABLE).split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].matches("finding_id +severity +type +agent +status +since +notify +explanation"), lines[0]);
    int explanation = lines[0].indexOf("explanation");
    assertTrue(lines[1].substring(explanation).startsWith("agent-1 acts"), lines[1]);
    assertTrue(lines[1].contains("governance_office"), "no person to notify: the role shows");
    assertTrue(lines[2].substring(explanation).startsWith(B_RERUN), lines[2]);
  }

  @Test
  void badValuesAreRejectedNamingWhatIsAllowed() {
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> new Filter("shadow", null, null, null));
    assertTrue(type.getMessage().contains("\"shadow\""), type.getMessage());
    FindingsQuery.TYPES.forEach(t -> assertTrue(type.getMessage().contains(t), t + " in " + type.getMessage()));
    assertEquals(12, FindingsQuery.TYPES.size());
    IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
        () -> new Filter(null, "closed", null, null));
    assertTrue(status.getMessage().contains("open, reopened, resolved, active"), status.getMessage());
    IllegalArgumentException asOf = assertThrows(IllegalArgumentException.class, () -> AsOf.parse("yesterday"));
    assertTrue(asOf.getMessage().contains("\"yesterday\""), asOf.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AsOf.parse("2026-03-02T06:00:00"), "a timestamp needs its offset");
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> Format.fromWire("xml"));
    assertTrue(format.getMessage().contains("table, csv, jsonl"), format.getMessage());
  }
}

package io.agentgov.cli;

import static io.agentgov.cli.AgentGovCliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentgov report scorecard} as a user meets it, after three generated nights and the maturity job. */
class ScorecardReportCommandTest {

  @TempDir
  static Path dir;
  static String warehouse;

  @BeforeAll
  static void threeNightsAndTheMaturityJob() {
    Run generated = run("generate", "--preset", "small", "--days", "3", "--events-per-day", "500", "--dirt-rate", "0",
        "--out", dir.toString());
    assertEquals(0, generated.exit(), generated.err());
    warehouse = dir.resolve("warehouse").toString();
    Run nightly = run("--warehouse", warehouse, "nightly", "--landing", dir.resolve("landing").toString(), "--from",
        "2026-03-02", "--to", "2026-03-04");
    assertEquals(0, nightly.exit(), nightly.err());
    Run maturity = run("--warehouse", warehouse, "maturity", "--month", "2026-03");
    assertEquals(0, maturity.exit(), maturity.err());
  }

  @Test
  void rendersTheMonthAndTheSameAsOfGivesTheSamePdf() throws Exception {
    String asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    Run r = run("--json", "--warehouse", warehouse, "report", "scorecard", "--month", "2026-03", "--as-of", asOf, "--out",
        dir.resolve("out1").toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode result = new ObjectMapper().readTree(r.out());
    assertEquals("2026-03", result.get("month").asText());
    assertEquals(asOf, result.get("as_of").asText());
    Path pdf = Path.of(result.get("pdf").asText());
    assertEquals("scorecard-2026-03.pdf", pdf.getFileName().toString());
    byte[] bytes = Files.readAllBytes(pdf);
    assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(result.get("pages").asInt() >= 3, r.out());
    String html = Files.readString(Path.of(result.get("html").asText()));
    assertTrue(html.contains("Agent governance scorecard March 2026"), "the title");
    assertTrue(html.contains("customer-service") && html.contains("finance"), "the units");
    assertFalse(html.contains("The maturity job has not run for March 2026"), "the maturity job scored March");
    assertTrue(html.contains("vs February 2026") && html.contains("new: first score"), "stages, first scored this month");
    assertTrue(html.contains("@ snapshot"), "the tables read, with their snapshots");
    Path sample = Path.of("target", "scorecard-cli-sample"); // kept for a person to look at after mvn test
    Files.createDirectories(sample);
    Files.copy(pdf, sample.resolve(pdf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Run again = run("--json", "--warehouse", warehouse, "report", "scorecard", "--month", "2026-03", "--as-of", asOf,
        "--out", dir.resolve("out2").toString());
    assertEquals(0, again.exit(), again.err());
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("out2/scorecard-2026-03.pdf")),
        "the same month and --as-of give the same PDF");
  }

  @Test
  void aMonthTheMaturityJobDidNotScoreStillRenders() throws Exception {
    Run r = run("--warehouse", warehouse, "report", "scorecard", "--month", "2026-04", "--out", dir.resolve("april").toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(dir.resolve("april/scorecard-2026-04.html"));
    assertTrue(html.contains("The maturity job has not run for April 2026"), "said on page 1");
  }

  @Test
  void badUsageExitsTwoWithTheProblemNamed(@TempDir Path empty) {
    Run badMonth = run("report", "scorecard", "--month", "2026-13");
    assertEquals(2, badMonth.exit(), badMonth.err());
    assertTrue(badMonth.err().contains("--month"), badMonth.err());
    Run early = run("--warehouse", empty.toString(), "report", "scorecard", "--month", "2026-03", "--as-of",
        "2026-02-27T00:00:00Z");
    assertEquals(2, early.exit(), early.err());
    assertTrue(early.err().contains("--as-of 2026-02-27T00:00:00Z is before 2026-03 starts"), early.err());
    Run garbled = run("report", "scorecard", "--month", "2026-03", "--as-of", "last tuesday");
    assertEquals(2, garbled.exit(), garbled.err());
    assertTrue(garbled.err().contains("Cannot read --as-of \"last tuesday\": give an RFC 3339 time"), garbled.err());
  }
}

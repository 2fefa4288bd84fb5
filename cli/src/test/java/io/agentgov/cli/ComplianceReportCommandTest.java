package io.agentgov.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.drift.DriftOptions;
import io.agentgov.jobs.governance.DetectOptions;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.lakehouse.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentgov report compliance} over a warehouse of the small generated enterprise (planted
 * faults and dirt), two nights run through the nightly pipeline before T: the PDF rendered as of T
 * is byte-identical after a third night has landed, and nothing of any event's input context is
 * in the output. Then rows of two past days are changed directly with SQL: the report as of now
 * says which days, in the PDF's own text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplianceReportCommandTest {
  static final GeneratorOptions ENTERPRISE = GeneratorOptions.small().withDays(3);
  static final LocalDate DAY1 = ENTERPRISE.start();
  static final Nightly.Settings SETTINGS = new Nightly.Settings(DriftOptions.defaults().withWindow(7, 1),
      DetectOptions.defaults().withMinObservedDays(1));

  @TempDir
  static Path dir;
  static Instant t;

  /** The CLI as AgentGovCliTest runs it, on this test's warehouse. */
  static Run run(String... args) {
    return AgentGovCliTest.run(Stream.concat(Stream.of("--warehouse", warehouse(), "--master", "local[2]"),
        Stream.of(args)).toArray(String[]::new));
  }

  static String warehouse() {
    return dir.resolve("warehouse").toString();
  }

  static Lakehouse open() {
    return Lakehouse.open(new RuntimeOptions("local[2]", warehouse(), RuntimeOptions.DEFAULT_CATALOG,
        RuntimeOptions.DEFAULT_NAMESPACE, Map.of()));
  }

  static void night(LocalDate day) {
    try (Lakehouse lake = open()) {
      Nightly.run(lake, dir.resolve("landing").toUri().toString(), day, SETTINGS);
    }
  }

  @BeforeAll
  static void twoNights() throws Exception {
    new EnterpriseGenerator(ENTERPRISE).generate(dir.resolve("landing"), dir.resolve("truth"));
    night(DAY1);
    night(DAY1.plusDays(1));
    Thread.sleep(5);
    t = Instant.now();
    Thread.sleep(5);
  }

  @Test
  @Order(1)
  void thePdfAsOfTIsByteIdenticalAfterMoreDataLands() throws Exception {
    String period = DAY1 + ".." + DAY1.plusDays(2);
    Run first = run("--json", "report", "compliance", "--period", period, "--as-of", t.toString(), "--seed", "7",
        "--out", dir.resolve("first").toString());
    assertEquals(0, first.exit(), first.err());
    JsonNode paths = new ObjectMapper().readTree(first.out());
    Path pdf = Path.of(paths.get("pdf").asText());
    Path html = Path.of(paths.get("html").asText());
    assertTrue(pdf.getFileName().toString().startsWith("compliance-evidence-2026-03-02_2026-03-04-as-of-"), pdf.toString());
    assertTrue(paths.get("pages").asInt() >= 5, first.out());

    night(DAY1.plusDays(2)); // more events, findings, baselines after T

    Run second = run("report", "compliance", "--period", period, "--as-of", t.toString(), "--seed", "7",
        "--out", dir.resolve("second").toString());
    assertEquals(0, second.exit(), second.err());
    Path pdf2 = dir.resolve("second").resolve(pdf.getFileName()).toAbsolutePath();
    assertEquals(pdf2 + "\n" + pdf2.resolveSibling(html.getFileName()) + "\n", second.out());
    assertArrayEquals(Files.readAllBytes(pdf), Files.readAllBytes(pdf2), "same period, as-of and seed: same bytes");
    assertEquals(Files.readString(html), Files.readString(pdf2.resolveSibling(html.getFileName())));

    Run now = run("report", "compliance", "--period", period, "--seed", "7", "--out", dir.resolve("now").toString());
    assertEquals(0, now.exit(), now.err());
    Path pdfNow = Path.of(now.out().split("\n")[0]);
    assertNotEquals(pdf.getFileName(), pdfNow.getFileName(), "now is another as-of");

    // kept for a person to look at after mvn test
    Path sample = Path.of("target", "compliance-sample");
    Files.createDirectories(sample);
    Files.copy(pdf, sample.resolve(pdf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(html, sample.resolve(html.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pdfNow, sample.resolve("now-" + pdfNow.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    String text = Files.readString(html);
    assertFalse(text.contains("input_context"), "no input context column");
    List<String> summaries;
    try (Lakehouse lake = open()) {
      summaries = lake.read(Tables.EVENTS).where(col("input_context.summary").isNotNull())
          .select(col("input_context.summary")).distinct().as(Encoders.STRING()).collectAsList();
    }
    assertFalse(summaries.isEmpty(), "the generated events carry input context summaries");
    for (String summary : summaries) {
      assertFalse(text.contains(summary), "an input context summary is in the report: " + summary);
    }
    for (String expected : List.of("M1", "M12", "Preparer", "What this report does not cover",
        "Intact: all ", "not yet aligned with NIST AI RMF", "--seed 7")) {
      assertTrue(text.contains(expected) || text.contains(expected.replace(" ", "&nbsp;")), expected);
    }
    assertFalse(text.toLowerCase().contains("compliant with"));
  }

  /** Runs after the third night has landed (order 1): three digested days, two of them tampered with here. */
  @Test
  @Order(2)
  void daysTamperedWithInTheTableAreNamedInThePdf() throws Exception {
    LocalDate day2 = DAY1.plusDays(1);
    LocalDate day3 = DAY1.plusDays(2);
    String edited;
    try (Lakehouse lake = open()) {
      String events = lake.name(Tables.EVENTS);
      String first = "SELECT min(event_id) FROM " + events + " WHERE event_date = DATE '%s'";
      edited = lake.spark().sql(first.formatted(DAY1)).first().getString(0);
      String deleted = lake.spark().sql(first.formatted(day2)).first().getString(0);
      lake.spark().sql("UPDATE " + events + " SET confidence = 0.5 * coalesce(confidence, 1.0) WHERE event_id = '" + edited + "'");
      lake.spark().sql("DELETE FROM " + events + " WHERE event_id = '" + deleted + "'");
    }
    Thread.sleep(1_000); // "as of now" is truncated to the second: let the second of the last commit pass
    Run r = run("--json", "report", "compliance", "--period", DAY1 + ".." + day3, "--seed", "7", "--out",
        dir.resolve("tampered").toString());
    assertEquals(0, r.exit(), r.err());
    Path pdf = Path.of(new ObjectMapper().readTree(r.out()).get("pdf").asText());
    String text;
    try (PdfReader reader = new PdfReader(pdf.toString())) {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder pages = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        pages.append(extractor.getTextFromPage(page)).append('\n');
      }
      text = pages.toString().replaceAll("\\s+", " ");
    }
    assertTrue(text.contains("Changed: 2 of 3 event days no longer match the digests stored at ingest: " + DAY1 + ", " + day2
        + "."), text);
    assertTrue(text.contains("1 row edited: " + edited), "the edited row is named: " + text);
    assertTrue(text.contains("rows removed (1)"), "the deleted row is counted: " + text);
    Path sample = Path.of("target", "compliance-sample");
    Files.createDirectories(sample);
    Files.copy(pdf, sample.resolve("tampered-" + pdf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(3)
  void badPeriodsAndTimesAreUsageErrors() {
    Run month = run("report", "compliance", "--period", "2026-13");
    assertEquals(2, month.exit());
    assertTrue(month.err().contains("Cannot read --period \"2026-13\""), month.err());
    Run backwards = run("report", "compliance", "--period", "2026-03-05..2026-03-01");
    assertEquals(2, backwards.exit());
    assertTrue(backwards.err().contains("ends before it starts"), backwards.err());
    Run time = run("report", "compliance", "--period", "2026-03", "--as-of", "yesterday");
    assertEquals(2, time.exit());
    assertTrue(time.err().contains("Cannot read --as-of \"yesterday\""), time.err());
    Run early = run("report", "compliance", "--period", "2026-03", "--as-of", "2026-02-27");
    assertEquals(2, early.exit());
    assertTrue(early.err().contains("before the period starts"), early.err());
  }
}

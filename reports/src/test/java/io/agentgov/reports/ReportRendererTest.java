package io.agentgov.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.sf.jasperreports.engine.JasperPrint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest reconciliation rendered from hand-made rows, checked as a reader would get it. */
class ReportRendererTest {

  static final LocalDate FROM = LocalDate.of(2026, 3, 2);

  /** Three landing days; the third is a re-delivery that brought nothing new. Totals summed by hand. */
  static IngestSummary summary() {
    List<IngestDay> days = List.of(
        new IngestDay(FROM, "succeeded", 12_000, 11_900, 40, 60, 7, 300, 6, 0, true),
        new IngestDay(FROM.plusDays(1), "succeeded", 13_500, 13_370, 55, 75, 11, 320, 6, 0, true),
        new IngestDay(FROM.plusDays(2), "nothing_new", 0, 0, 0, 0, 0, 0, 0, 6, true));
    IngestDay totals = new IngestDay(null, "total", 25_500, 25_270, 95, 135, 18, 620, 12, 6, true);
    List<QuarantineReason> reasons = List.of(new QuarantineReason("schema_violation", 90),
        new QuarantineReason("unparseable_json", 45));
    return new IngestSummary(FROM, FROM.plusDays(2), Instant.parse("2026-03-05T06:00:00Z"), "agentgov.gov.ingest_runs",
        days, totals, reasons);
  }

  /** Kept under target/ so a person can open the sample after {@code mvn test}. */
  @Test
  void rendersPdfAndHtmlWithTheTotals() throws Exception {
    Path dir = Path.of("target", "rendered-sample");
    RenderedReport report = new ReportRenderer().render(summary(), dir);

    assertEquals(dir.resolve("ingest-summary-2026-03-02_2026-03-04.pdf"), report.pdf());
    byte[] pdf = Files.readAllBytes(report.pdf());
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(report.pages() >= 1, "pages: " + report.pages());
    String raw = new String(pdf, StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("agentgov"), "the creator metadata names agentgov");
    assertTrue(raw.contains("DejaVu"), "DejaVu is embedded");

    String html = Files.readString(report.html());
    for (String total : List.of("25,500", "25,270", "135", "620", "12 / 6", "Total")) {
      assertTrue(html.contains(total), "the HTML carries the total " + total);
    }
    assertTrue(html.contains("schema_violation") && html.contains("90"), "quarantine reasons are listed");
    assertTrue(html.contains("nothing new"), "a day with nothing new says so");
  }

  @Test
  void fillGivesPagesAndAnEmptyPeriodStillRenders(@TempDir Path dir) {
    ReportRenderer renderer = new ReportRenderer();
    IngestSummary s = summary();
    JasperPrint print = renderer.fill(IngestSummary.TEMPLATE, s.parameters(), s.days());
    assertFalse(print.getPages().isEmpty());

    IngestSummary empty = new IngestSummary(FROM, FROM, Instant.EPOCH, "t", List.of(),
        new IngestDay(null, "total", 0, 0, 0, 0, 0, 0, 0, 0, true), List.of());
    RenderedReport report = renderer.render(empty, dir);
    assertTrue(report.pages() >= 1);
  }
}

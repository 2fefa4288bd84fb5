package io.agentgov.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Input text that looks like markup comes out of a report as the text it is. The compliance
 * evidence report's styled fields (markup="styled": JasperReports reads tags in them) print the ids
 * of edited event rows, which are input, next to the template's own tags; the clause wording goes
 * there too. The report is rendered twice, with hostile values and with harmless look-alikes
 * ({@code <} as {@code [}, {@code >} as {@code ]}, {@code &} as {@code +}): each hostile value must
 * appear in the PDF's text exactly as often as its look-alike, so wherever it is printed it is
 * printed as text. The HTML must carry none of it as markup.
 */
class HostileMarkupTest {
  /** Well-formed markup: a styled field would interpret it (red bold text, bold, a link). */
  static final List<String> MARKUP = List.of("<style forecolor=\"#FF0000\" isBold=\"true\">PWNED</style>", "<b>x</b>",
      "<a href=\"http://evil\">y</a>", "=cmd|' /C calc'!A0");
  /** Malformed markup: a styled field that fails to parse prints its template's own tags. */
  static final String MALFORMED = "Risk & <Controls>";
  /** A terminal escape: valid input (JSON "\\u001b"), but not a character XML allows. */
  static final String CONTROL = "evt-\u001b[31m-red";
  static final UnaryOperator<String> LOOK_ALIKE = s -> s.replace('<', '[').replace('>', ']').replace('&', '+');

  /** Every value the report is given, in the roles it has there. */
  static List<String> values(UnaryOperator<String> as) {
    List<String> values = new ArrayList<>(MARKUP.stream().map(as).toList()); // edited event ids, one day
    values.add(as.apply(MALFORMED));                                           // edited event ids, another day
    values.add("Record-keeping " + as.apply(MARKUP.get(1)));                   // clause title
    values.add("EU AI Act Art. 12 " + as.apply(MARKUP.get(2)));                // references
    values.add("agents seen acting " + as.apply(MALFORMED));                   // what the count counts
    values.add("were " + as.apply(MARKUP.get(0)));                             // what the counted rows did
    return values;
  }

  static ComplianceReport report(List<String> v) {
    List<ComplianceDay> days = new ArrayList<>(ComplianceReportTest.days(false));
    days.set(3, changed(days.get(3), v.subList(0, 4)));
    days.set(4, changed(days.get(4), List.of(v.get(4))));
    days.set(5, changed(days.get(5), List.of(CONTROL)));
    List<ComplianceClause> clauses = List.of(ComplianceReportTest.clause("M1", v.get(5), v.get(6), "voluntary", "fail", 3.0,
        "count", 3L, 80L, v.get(7), v.get(8), List.of()));
    ComplianceReport base = ComplianceReportTest.report(days);
    return new ComplianceReport(base.periodStart(), base.periodEnd(), base.asOf(), base.seed(), base.samplesPerStratum(),
        clauses, base.tables(), base.manifest(), base.policies(), base.integrityAlgorithm(), days, base.samples(),
        base.doesNotCover(), base.notes());
  }

  static ComplianceDay changed(ComplianceDay day, List<String> editedIds) {
    return new ComplianceDay(day.day(), day.rows(), "cd".repeat(32), day.digestRows(), day.digestRoot(),
        day.digestComputedAt(), editedIds.size(), editedIds, "changed");
  }

  @Test
  void markupInInputIsPrintedAsText() throws Exception {
    Path dir = Path.of("target", "hostile-markup-sample"); // kept, so a person can look at it
    RenderedReport hostile = new ComplianceRenderer().render(report(values(UnaryOperator.identity())), dir);
    RenderedReport harmless = new ComplianceRenderer().render(report(values(LOOK_ALIKE)), dir.resolve("look-alike"));

    String hostileText = squeeze(text(hostile.pdf()));
    String harmlessText = squeeze(text(harmless.pdf()));
    List<String> hostileValues = values(UnaryOperator.identity());
    List<String> lookAlikes = values(LOOK_ALIKE);
    for (int i = 0; i < hostileValues.size(); i++) {
      int expected = occurrences(harmlessText, squeeze(lookAlikes.get(i)));
      assertTrue(expected > 0, "the report prints " + lookAlikes.get(i));
      assertEquals(expected, occurrences(hostileText, squeeze(hostileValues.get(i))),
          "printed as text wherever its look-alike is: " + hostileValues.get(i));
    }
    assertFalse(hostileText.contains("isBold=\"false\"") || hostileText.contains("size=\"9.5\""),
        "the template's own tags never show");
    assertTrue(hostileText.contains("1rowedited:evt-\\u001B[31m-red"), "a control character is shown, not dropped");

    String html = Files.readString(hostile.html());
    for (String tag : List.of("<style forecolor=\"#FF0000\"", "<b>x</b>", "<a href=\"http://evil\"", "<Controls>")) {
      assertFalse(html.contains(tag), "the HTML carries no " + tag);
    }
  }

  static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  /** Every page's text as OpenPDF (the library JasperReports writes PDFs with) extracts it. */
  static String text(Path pdf) throws IOException {
    PdfReader reader = new PdfReader(pdf.toString());
    try {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    } finally {
      reader.close();
    }
  }

  /** Without white space: a value wrapped onto several lines of a narrow cell still matches. */
  static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }
}

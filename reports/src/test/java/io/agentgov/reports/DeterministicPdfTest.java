package io.agentgov.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-rendering the same report later, from the same data, gives byte-identical PDF and HTML files
 * (auditor evidence): the PDF's dates and file id come from the report's as-of time, and the font
 * subset prefixes from the font names ({@link DeterministicPdfProducerFactory}).
 */
class DeterministicPdfTest {

  private static final Pattern CREATION_DATE = Pattern.compile("/CreationDate\\((D:[^)]*)\\)");
  private static final Pattern MOD_DATE = Pattern.compile("/ModDate\\((D:[^)]*)\\)");
  private static final Pattern TRAILER_ID = Pattern.compile("/ID ?\\[<([0-9a-fA-F]+)><([0-9a-fA-F]+)>\\]");
  private static final Pattern SUBSET = Pattern.compile("/FontName/([A-Z]{6})\\+([A-Za-z-]+)");

  @Test
  void theSameIngestSummaryRendersToIdenticalBytes(@TempDir Path tmp) throws Exception {
    RenderedReport a = new ReportRenderer().render(ReportRendererTest.summary(), tmp.resolve("a"));
    RenderedReport b = new ReportRenderer().render(ReportRendererTest.summary(), tmp.resolve("b"));

    assertIdentical(a.pdf(), b.pdf());
    assertIdentical(a.html(), b.html());
    String raw = latin1(a.pdf());
    assertTrue(raw.contains("/CreationDate(D:20260305060000Z)"), "the PDF is dated at generatedAt: " + info(raw));
    assertTrue(raw.contains("/ModDate(D:20260305060000Z)"), "and modified then: " + info(raw));
    assertTrue(raw.contains("/Creator(agentgov)"), info(raw));
    assertTrue(SUBSET.matcher(raw).find(), "fonts are embedded as subsets");
  }

  /** Several pages, charts drawn as vectors with their own text, a subreport. */
  @Test
  void theSameRecalibrationReviewRendersToIdenticalBytes(@TempDir Path tmp) throws Exception {
    RecalibrationReview review = RecalibrationReviewTest.review();
    RenderedReport a = new ReportRenderer().render(review, tmp.resolve("a"));
    RenderedReport b = new ReportRenderer().render(review, tmp.resolve("b"));

    assertIdentical(a.pdf(), b.pdf());
    assertIdentical(a.html(), b.html());
    assertTrue(latin1(a.pdf()).contains("/CreationDate(D:20260601053000Z)"), info(latin1(a.pdf())));
  }

  @Test
  void theAsOfTimeGivesTheDatesAndTheFileId(@TempDir Path tmp) throws Exception {
    ReportRenderer renderer = new ReportRenderer();
    IngestSummary s = ReportRendererTest.summary();
    JasperPrint print = renderer.fill(IngestSummary.TEMPLATE, s.parameters(), s.days());
    String title = "Ingest reconciliation";

    String may = latin1(renderer.export(print, tmp.resolve("may"), "r", title, Instant.parse("2026-05-31T00:00:00Z")).pdf());
    String june = latin1(renderer.export(print, tmp.resolve("june"), "r", title, Instant.parse("2026-06-30T23:59:59Z")).pdf());
    String mayAgain = latin1(renderer.export(print, tmp.resolve("again"), "r", title, Instant.parse("2026-05-31T00:00:00Z")).pdf());

    assertEquals("D:20260531000000Z", group(CREATION_DATE, may, 1), info(may));
    assertEquals("D:20260531000000Z", group(MOD_DATE, may, 1), info(may));
    assertTrue(may.contains("/CreationDate(D:2026"), "the info dictionary carries the as-of date");
    assertEquals("D:20260630235959Z", group(CREATION_DATE, june, 1), info(june));
    assertNotEquals(group(CREATION_DATE, may, 1), group(CREATION_DATE, june, 1), "a different as-of, a different date");
    assertNotEquals(group(TRAILER_ID, may, 1), group(TRAILER_ID, june, 1), "and a different file id");
    assertEquals(group(TRAILER_ID, may, 1), group(TRAILER_ID, may, 2), "both halves of the id are the same");
    assertEquals(subsets(may), subsets(june), "font subset prefixes do not depend on the as-of time");
    assertEquals(may, mayAgain, "the same as-of, the same bytes");

    String otherName = latin1(renderer.export(print, tmp.resolve("other"), "q", title, Instant.parse("2026-05-31T00:00:00Z")).pdf());
    assertNotEquals(group(TRAILER_ID, may, 1), group(TRAILER_ID, otherName, 1), "another document, another file id");
  }

  /** Callers that give no as-of time get the epoch: still byte-identical, the date says nothing. */
  @Test
  void theFourArgumentExportIsDeterministicToo(@TempDir Path tmp) throws Exception {
    ReportRenderer renderer = new ReportRenderer();
    IngestSummary s = ReportRendererTest.summary();
    JasperPrint print = renderer.fill(IngestSummary.TEMPLATE, s.parameters(), s.days());
    RenderedReport a = renderer.export(print, tmp.resolve("a"), s.baseName(), "t");
    RenderedReport b = renderer.export(print, tmp.resolve("b"), s.baseName(), "t");
    assertIdentical(a.pdf(), b.pdf());
    assertIdentical(a.html(), b.html());
    assertEquals("D:19700101000000Z", group(CREATION_DATE, latin1(a.pdf()), 1));
  }

  /**
   * Fonts are shared by every export in the JVM; neither exports running at the same time nor a
   * stock (non-deterministic) export in between change the subset prefixes.
   */
  @Test
  void concurrentAndStockExportsDoNotDisturbIt(@TempDir Path tmp) throws Exception {
    ReportRenderer renderer = new ReportRenderer();
    IngestSummary s = ReportRendererTest.summary();
    JasperPrint print = renderer.fill(IngestSummary.TEMPLATE, s.parameters(), s.days());
    Instant asOf = s.generatedAt();
    byte[] reference = Files.readAllBytes(renderer.export(print, tmp.resolve("ref"), "r", "t", asOf).pdf());

    JRPdfExporter stock = new JRPdfExporter();
    stock.setExporterInput(new SimpleExporterInput(print));
    try (OutputStream out = Files.newOutputStream(tmp.resolve("stock.pdf"))) {
      stock.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
      stock.exportReport();
    }

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Path>> renders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path dir = tmp.resolve("t" + i);
        // Each thread exports its own filled report: a JasperPrint holds chart objects (JFreeChart) that are not
        // safe to draw from two threads at once, while the fonts the producer seeds are shared by every export.
        renders.add(pool.submit(() -> renderer.export(renderer.fill(IngestSummary.TEMPLATE, s.parameters(), s.days()),
            dir, "r", "t", asOf).pdf()));
      }
      for (Future<Path> f : renders) {
        assertArrayEquals(reference, Files.readAllBytes(f.get(5, TimeUnit.MINUTES)), "a concurrent render");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A fresh JVM (fonts loaded anew, other hash codes, another clock) writes the same bytes. */
  @Test
  void aSecondJvmRendersTheSameBytes(@TempDir Path tmp) throws Exception {
    RenderedReport here = new ReportRenderer().render(ReportRendererTest.summary(), tmp.resolve("here"));

    Path there = tmp.resolve("there");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), DeterministicRenderMain.class.getName(), there.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("child.log").toFile());
    Process child = pb.start();
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the second JVM finishes");
    assertEquals(0, child.exitValue(), () -> "the second JVM failed:\n" + readQuietly(tmp.resolve("child.log")));

    assertIdentical(here.pdf(), there.resolve(here.pdf().getFileName()));
    assertIdentical(here.html(), there.resolve(here.html().getFileName()));
  }

  private static void assertIdentical(Path expected, Path actual) throws Exception {
    byte[] e = Files.readAllBytes(expected);
    byte[] a = Files.readAllBytes(actual);
    assertTrue(e.length > 0, expected + " is empty");
    if (!java.util.Arrays.equals(e, a)) {
      int i = java.util.Arrays.mismatch(e, a);
      String around = new String(e, Math.max(0, i - 60), Math.min(e.length, i + 60) - Math.max(0, i - 60),
          StandardCharsets.ISO_8859_1);
      String aroundActual = new String(a, Math.max(0, i - 60), Math.min(a.length, i + 60) - Math.max(0, i - 60),
          StandardCharsets.ISO_8859_1);
      throw new AssertionError(actual + " differs from " + expected + " at byte " + i + ":\n  " + around
          + "\nvs\n  " + aroundActual);
    }
    System.out.println("sha256 " + sha256(e) + "  " + expected.getFileName() + " (both renders, " + e.length + " bytes)");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String latin1(Path file) throws Exception {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }

  private static String group(Pattern p, String raw, int group) {
    Matcher m = p.matcher(raw);
    assertTrue(m.find(), "no " + p + " in the PDF: " + info(raw));
    return m.group(group);
  }

  private static List<String> subsets(String raw) {
    List<String> out = new ArrayList<>();
    Matcher m = SUBSET.matcher(raw);
    while (m.find()) {
      out.add(m.group(1) + "+" + m.group(2));
    }
    return out;
  }

  /** The info dictionary and trailer, for assertion messages. */
  private static String info(String raw) {
    int i = raw.lastIndexOf("/Producer");
    int t = raw.lastIndexOf("trailer");
    return (i < 0 ? "" : raw.substring(Math.max(0, i - 300), Math.min(raw.length(), i + 200)))
        + (t < 0 ? "" : " ... " + raw.substring(t, Math.min(raw.length(), t + 200)));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}

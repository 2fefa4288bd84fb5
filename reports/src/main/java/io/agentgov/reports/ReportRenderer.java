package io.agentgov.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;
import net.sf.jasperreports.engine.export.HtmlExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleHtmlExporterOutput;
import net.sf.jasperreports.export.SimpleHtmlReportConfiguration;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import net.sf.jasperreports.pdf.SimplePdfReportConfiguration;

/**
 * Fills a template from plain Java rows and writes it as PDF and HTML.
 *
 * <p>Templates are the {@code .jrxml} files under {@code templates/} on the classpath; each is
 * compiled once per JVM and shared. Fonts come from {@code jasperreports-fonts} (DejaVu), embedded in
 * every PDF, and a missing font is an error rather than a silent substitution, so a report looks the
 * same on every machine. Numbers and dates are formatted in {@link Locale#US} and UTC.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReportRenderer {

  /** The PDF creator metadata; set explicitly because the shaded jar loses the library's version string. */
  public static final String CREATOR = "agentgov";

  /**
   * The as-of time of {@link #export(JasperPrint, Path, String, String)}, which is not told one: the
   * epoch, as reproducible builds do, so that its PDFs are byte-identical too.
   */
  public static final Instant DEFAULT_AS_OF = Instant.EPOCH;

  private static final Map<String, JasperReport> COMPILED = new ConcurrentHashMap<>();

  private final SimpleJasperReportsContext context;

  public ReportRenderer() {
    SimpleJasperReportsContext c = new SimpleJasperReportsContext(DefaultJasperReportsContext.getInstance());
    c.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
    c.setProperty("net.sf.jasperreports.default.font.name", "DejaVu Sans");
    c.setProperty("net.sf.jasperreports.default.pdf.embedded", "true");
    c.setProperty("net.sf.jasperreports.default.pdf.encoding", "Identity-H");
    c.setProperty("net.sf.jasperreports.export.pdf.metadata.creator", CREATOR);
    this.context = c;
  }

  /**
   * Renders the ingest reconciliation into {@code dir} as {@code <baseName>.pdf} and {@code .html}. The
   * PDF's dates are the summary's {@link IngestSummary#generatedAt() generatedAt} (the time its title
   * shows), so rendering the same summary again gives the same bytes.
   */
  public RenderedReport render(IngestSummary summary, Path dir) {
    JasperPrint print = fill(IngestSummary.TEMPLATE, summary.parameters(), summary.days());
    return export(print, dir, summary.baseName(),
        "Ingest reconciliation " + summary.from() + " .. " + summary.to(), summary.generatedAt());
  }

  /**
   * Renders the recalibration review into {@code dir} as {@code <baseName>.pdf} and {@code .html}:
   * a summary page, then one page per pool. The PDF's dates are the review's
   * {@link RecalibrationReview#generatedAt() generatedAt} (the time its title shows), so rendering the
   * same review again gives the same bytes.
   */
  public RenderedReport render(RecalibrationReview review, Path dir) {
    Map<String, Object> parameters = review.parameters();
    parameters.put(RecalibrationReview.TABLE_PARAMETER, template(RecalibrationReview.TABLE_TEMPLATE));
    JasperPrint print = fill(RecalibrationReview.TEMPLATE, parameters, review.pages());
    return export(print, dir, review.baseName(), "Recalibration review as of " + review.asOf(), review.generatedAt());
  }

  /**
   * Fills a template. {@code parameters} is copied into a mutable map because the fill manager puts
   * its own entries into it.
   */
  public JasperPrint fill(String template, Map<String, ?> parameters, List<?> rows) {
    Map<String, Object> p = new HashMap<>(parameters);
    p.put(JRParameter.REPORT_LOCALE, Locale.US);
    p.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
    try {
      return JasperFillManager.getInstance(context).fill(compiled(template), p, new JRBeanCollectionDataSource(rows));
    } catch (JRException e) {
      throw new IllegalStateException("Cannot fill report template " + template + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code print} to {@code dir/<baseName>.pdf} and {@code dir/<baseName>.html} (images embedded),
   * as of {@link #DEFAULT_AS_OF}: the same as {@link #export(JasperPrint, Path, String, String, Instant)}
   * with that as-of time, so the PDF is byte-identical across renders but its creation date says
   * nothing. Prefer the five-argument form with the report's as-of time.
   */
  public RenderedReport export(JasperPrint print, Path dir, String baseName, String title) {
    return export(print, dir, baseName, title, DEFAULT_AS_OF);
  }

  /**
   * Writes {@code print} to {@code dir/<baseName>.pdf} and {@code dir/<baseName>.html} (images embedded).
   * The PDF's creation and modification dates are {@code asOf} and its file id is derived from
   * {@code asOf} and {@code baseName}; nothing in either file depends on the clock, a random number or
   * the JVM, so the same print with the same arguments gives byte-identical files
   * ({@link DeterministicPdfProducerFactory}).
   *
   * @param asOf the report's as-of time, e.g. when the data it shows was made
   */
  public RenderedReport export(JasperPrint print, Path dir, String baseName, String title, Instant asOf) {
    Objects.requireNonNull(asOf, "asOf");
    Path pdf = dir.resolve(baseName + ".pdf");
    Path html = dir.resolve(baseName + ".html");
    try {
      Files.createDirectories(dir);
      JRPdfExporter pdfExporter =
          new JRPdfExporter(DeterministicPdfProducerFactory.context(context, asOf, baseName, CREATOR));
      pdfExporter.setExporterInput(new SimpleExporterInput(print));
      // Break lines where the fill measured them: the PDF library's own line breaking can need one
      // more line than the fill gave a stretched cell (text with many '<', '=', '"', as in input ids),
      // and the text past it would be cut off.
      SimplePdfReportConfiguration lines = new SimplePdfReportConfiguration();
      lines.setForceLineBreakPolicy(true);
      pdfExporter.setConfiguration(lines);
      SimplePdfExporterConfiguration config = new SimplePdfExporterConfiguration();
      config.setMetadataCreator(CREATOR);
      config.setMetadataTitle(title);
      config.setDisplayMetadataTitle(true);
      pdfExporter.setConfiguration(config);
      try (OutputStream out = Files.newOutputStream(pdf)) {
        pdfExporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        pdfExporter.exportReport();
      }

      HtmlExporter htmlExporter = new HtmlExporter(context);
      htmlExporter.setExporterInput(new SimpleExporterInput(print));
      SimpleHtmlReportConfiguration htmlConfig = new SimpleHtmlReportConfiguration();
      htmlConfig.setEmbedImage(true); // one self-contained file: the chart travels with the page
      htmlConfig.setConvertSvgToImage(true);
      htmlExporter.setConfiguration(htmlConfig);
      try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
        htmlExporter.setExporterOutput(new SimpleHtmlExporterOutput(out));
        htmlExporter.exportReport();
      }
    } catch (JRException e) {
      throw new IllegalStateException("Cannot export report " + baseName + " to " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report " + baseName + " to " + dir + ": " + e.getMessage(), e);
    }
    return new RenderedReport(pdf, html, print.getPages().size());
  }

  /**
   * The compiled template {@code templates/<name>.jrxml}, e.g. to pass as the value of a subreport
   * parameter to {@link #fill}; compiled once per JVM.
   */
  public JasperReport template(String name) {
    return compiled(name);
  }

  private JasperReport compiled(String template) {
    return COMPILED.computeIfAbsent(template, name -> {
      String resource = "templates/" + name + ".jrxml";
      try (InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("Cannot find report template " + resource + " on the classpath");
        }
        return JasperCompileManager.getInstance(context).compile(in);
      } catch (JRException e) {
        throw new IllegalStateException("Cannot compile report template " + resource + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read report template " + resource, e);
      }
    });
  }
}

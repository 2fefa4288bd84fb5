package io.agentgov.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import net.sf.jasperreports.engine.JRRuntimeException;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.common.PdfProducer;
import net.sf.jasperreports.pdf.common.PdfProducerContext;
import net.sf.jasperreports.pdf.common.PdfProducerFactory;

/**
 * A PDF producer factory whose output is a function of the report and its as-of time only, so that
 * re-rendering the same report later, from the same snapshots, gives a byte-identical PDF (auditor
 * evidence).
 *
 * <p>Why: with the stock {@code ClassicPdfProducerFactory}, two renders of the same JasperPrint in
 * JasperReports 7.0.3 / OpenPDF differ in three places, and no exporter setting fixes any of them:
 * <ol>
 *   <li>{@code /CreationDate} (and {@code /ModDate}) in the info dictionary: the wall clock at export;
 *   <li>the trailer {@code /ID}: OpenPDF makes it from the time and a random number
 *       ({@code PdfEncryption.createDocumentId}) unless the info dictionary carries a {@code FileID};
 *   <li>the six-letter prefix of every embedded font subset ({@code ABCDEF+DejaVuSans}): OpenPDF
 *       draws it from a {@code SecureRandom} ({@code BaseFont.createSubsetPrefix}).
 * </ol>
 * {@link DeterministicPdfProducer} fixes all three (see there). The factory is found by class name
 * through {@link JRPdfExporter#PDF_PRODUCER_FACTORY_PROPERTY} and kept as a singleton by JasperReports,
 * so it holds no state: the as-of time and a document key travel as properties of the exporter's
 * {@link JasperReportsContext}, built by {@link #context}. They go on the exporter's context, not on
 * the JasperPrint, because the exporter reads the factory property from its context only.
 */
public final class DeterministicPdfProducerFactory implements PdfProducerFactory {

  /** The as-of time of the report, an ISO-8601 instant: becomes the PDF's creation and modification dates. */
  public static final String AS_OF_PROPERTY = "io.agentgov.reports.pdf.as.of";

  /** Names the document (e.g. its file's base name): with the as-of time, it determines the PDF's file id. */
  public static final String DOCUMENT_KEY_PROPERTY = "io.agentgov.reports.pdf.document.key";

  /** The exporter's creator metadata; set because the shaded jar loses the library version it otherwise carries. */
  static final String CREATOR_PROPERTY = "net.sf.jasperreports.export.pdf.metadata.creator";

  public DeterministicPdfProducerFactory() {
    // instantiated by JasperReports from the class name
  }

  /**
   * A context for one PDF export, over {@code parent}: it selects this factory and carries
   * {@code asOf} and {@code documentKey}, from which the dates and the file id are made.
   */
  public static SimpleJasperReportsContext context(JasperReportsContext parent, Instant asOf, String documentKey,
      String creator) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(documentKey, "documentKey");
    Objects.requireNonNull(creator, "creator");
    SimpleJasperReportsContext c = new SimpleJasperReportsContext(parent);
    c.setProperty(JRPdfExporter.PDF_PRODUCER_FACTORY_PROPERTY, DeterministicPdfProducerFactory.class.getName());
    c.setProperty(CREATOR_PROPERTY, creator);
    c.setProperty(AS_OF_PROPERTY, asOf.toString());
    c.setProperty(DOCUMENT_KEY_PROPERTY, documentKey);
    return c;
  }

  @Override
  public PdfProducer createProducer(PdfProducerContext context) {
    JasperReportsContext jrContext = context.getJasperReportsContext();
    String asOfText = jrContext.getProperty(AS_OF_PROPERTY);
    if (asOfText == null) {
      throw new JRRuntimeException("Cannot export a deterministic PDF without the property " + AS_OF_PROPERTY
          + " on the exporter's context; build the context with DeterministicPdfProducerFactory.context(...)");
    }
    Instant asOf;
    try {
      asOf = Instant.parse(asOfText);
    } catch (DateTimeParseException e) {
      throw new JRRuntimeException("Cannot export a deterministic PDF: " + AS_OF_PROPERTY + " is '" + asOfText
          + "', not an ISO-8601 instant such as 2026-05-31T00:00:00Z", e);
    }
    String key = jrContext.getProperty(DOCUMENT_KEY_PROPERTY);
    if (key == null) {
      key = context.getCurrentJasperPrint() == null ? "" : String.valueOf(context.getCurrentJasperPrint().getName());
    }
    return new DeterministicPdfProducer(context, asOf, fileId(asOf, key));
  }

  /** The 16-byte file id: the start of SHA-256 over the as-of instant and the document key. */
  static byte[] fileId(Instant asOf, String documentKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(("agentgov-pdf\n" + asOf + "\n" + documentKey).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

package io.agentgov.reports;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.AttributedCharacterIterator.Attribute;
import java.time.Instant;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import net.sf.jasperreports.pdf.classic.ClassicPdfProducer;
import net.sf.jasperreports.pdf.common.PdfProducerContext;

/**
 * The classic (OpenPDF) producer with the three sources of run-to-run difference removed (see
 * {@link DeterministicPdfProducerFactory} for why):
 * <ol>
 *   <li>on {@link #close()}, before the document is written out, it puts {@code /CreationDate} and
 *       {@code /ModDate} built from the report's as-of time into the writer's info dictionary;
 *   <li>and a {@code FileID} derived from the as-of time and the document key, which OpenPDF then
 *       writes as the trailer {@code /ID} instead of a random one (it also appears in the info
 *       dictionary as {@code /FileID}, which readers ignore);
 *   <li>every font the document uses gets, just before the fonts are written, a fresh
 *       {@code SHA1PRNG} {@link SecureRandom} seeded from the font's name, so the subset prefix is the
 *       same in every render and every JVM.
 * </ol>
 * One instance per export, like its superclass.
 */
final class DeterministicPdfProducer extends ClassicPdfProducer {

  /**
   * BaseFonts are cached and shared by every document in the JVM, and the subset prefix is drawn from
   * the random the font holds when the document is written; writing under one lock keeps concurrent
   * exports from drawing from each other's seeded randoms.
   */
  private static final Object FONT_WRITING = new Object();

  private final Instant asOf;
  private final byte[] fileId;
  /** Fonts are compared by identity: two BaseFonts of the same name are still two fonts to reseed. */
  private final Set<BaseFont> fonts = Collections.newSetFromMap(new IdentityHashMap<>());

  DeterministicPdfProducer(PdfProducerContext context, Instant asOf, byte[] fileId) {
    super(context);
    this.asOf = asOf;
    this.fileId = fileId.clone();
  }

  /** Every text chunk and every chart's text gets its font here; remembered to be reseeded on close. */
  @Override
  public Font getFont(Map<Attribute, Object> attributes, Locale locale) {
    Font font = super.getFont(attributes, locale);
    BaseFont base = font == null ? null : font.getBaseFont();
    if (base != null) {
      fonts.add(base);
    }
    return font;
  }

  @Override
  public void close() {
    PdfDictionary info = getPdfWriter().getInfo();
    PdfDate date = new PdfDate(utc(asOf));
    info.put(PdfName.CREATIONDATE, date);
    info.put(PdfName.MODDATE, date);
    info.put(PdfName.FILEID, PdfEncryption.createInfoId(fileId, fileId));
    synchronized (FONT_WRITING) {
      for (BaseFont font : fonts) {
        font.setSecureRandom(seeded(font.getPostscriptFontName()));
      }
      super.close(); // writes the fonts (drawing their subset prefixes), the info and the trailer
    }
  }

  private static GregorianCalendar utc(Instant instant) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    calendar.setTimeInMillis(instant.toEpochMilli());
    return calendar;
  }

  /** SHA1PRNG seeded before its first use never seeds itself from the system, so it is repeatable. */
  static SecureRandom seeded(String fontName) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(String.valueOf(fontName).getBytes(StandardCharsets.UTF_8));
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is missing from this JVM", e);
    }
  }
}

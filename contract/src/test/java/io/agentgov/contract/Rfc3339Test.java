package io.agentgov.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path against java.time's ISO_OFFSET_DATE_TIME, which stays the reference. */
class Rfc3339Test {
  /** The formatter's reading, as parseTime made it before the fast path; null where it refuses. */
  private static Instant byFormatter(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeException e) {
      return null;
    }
  }

  @Test
  void readsTheCommonShapeToTheInstantsWorkedOutByHand() {
    assertEquals(Instant.EPOCH, Rfc3339.parseCommonForm("1970-01-01T00:00:00Z"));
    // 2024-02-29 is epoch day 19782; at +18:00 its last second is 18 hours earlier in UTC
    assertEquals(Instant.ofEpochSecond(19_782L * 86_400 + 86_399 - 18 * 3600, 999_999_000),
        Rfc3339.parseCommonForm("2024-02-29T23:59:59.999999999+18:00"));
    // 1969-12-31T23:30:00-01:30 is 1970-01-01T01:00:00Z
    assertEquals(Instant.ofEpochSecond(3600), Rfc3339.parseCommonForm("1969-12-31T23:30:00-01:30"));
    assertEquals(Instant.ofEpochSecond(1_778_147_005L, 120_000_000), Rfc3339.parseCommonForm("2026-05-07T09:43:25.12Z"));
    assertEquals(Instant.ofEpochSecond(1_778_147_005L, 123_456_000), Rfc3339.parseCommonForm("2026-05-07T09:43:25.1234567Z"));
    assertEquals(Instant.parse("0000-01-01T00:00:00Z"), Rfc3339.parseCommonForm("0000-01-01T00:00:00-00:00"));
  }

  @Test
  void leavesEverythingElseToTheFormatter() {
    String[] others = {
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-05-00T00:00:00Z", "2026-05-07T24:00:00Z", "2026-05-07T09:60:00Z", "2026-05-07T09:43:60Z",
        "2026-05-07T09:43:25+18:01", "2026-05-07T09:43:25+19:00", "2026-05-07T09:43:25+01:60",
        "2026-05-07T09:43:25.1234567890Z", "2026-05-07T09:43:25.Z", "2026-05-07t09:43:25Z", "2026-05-07T09:43:25z",
        "2026-05-07T09:43:25+0100", "2026-05-07T09:43:25+01", "2026-05-07T09:43:25+01:00:00", "2026-05-07 09:43:25Z",
        "2026-05-07T09:43Z", "2026-05-07T09:43:25", "+2026-05-07T09:43:25Z", "2026-5-07T09:43:25Z",
        "2026-05-07T09:43:25Z ", "２０２６-05-07T09:43:25Z", "2026-05-07T09:43:25.1a2Z", "2026-05-07T09:43:2xZ"};
    for (String text : others) {
      assertNull(Rfc3339.parseCommonForm(text), text);
    }
  }

  /**
   * Random texts of the common shape, each field drawn past its range as well as inside it: where
   * the fast path answers, the formatter gives the same instant, and every valid one is answered.
   */
  @Test
  void agreesWithTheFormatterOnRandomTexts() {
    Random random = new Random(20261126);
    int answered = 0;
    for (int i = 0; i < 200_000; i++) {
      int month = random.nextInt(14);
      int day = random.nextInt(33);
      int hour = random.nextInt(26);
      int minute = random.nextInt(62);
      int second = random.nextInt(62);
      int digits = random.nextInt(12) - 1; // -1: no fraction; 0: a point alone; 10: one digit too many
      StringBuilder fraction = new StringBuilder(digits < 0 ? "" : ".");
      for (int p = 0; p < digits; p++) {
        fraction.append(random.nextInt(10));
      }
      String offset = switch (random.nextInt(3)) {
        case 0 -> "Z";
        default -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(62));
      };
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), month, day, hour, minute,
          second, fraction, offset);
      Instant fast = Rfc3339.parseCommonForm(text);
      Instant reference = byFormatter(text);
      if (fast != null) {
        answered++;
        assertEquals(reference, fast, text);
      } else if (reference != null && digits != 0 && digits != 10) {
        throw new AssertionError("the fast path refused a valid text of its shape: " + text);
      }
    }
    assertTrue(answered > 20_000, "too few valid texts drawn: " + answered);
  }
}

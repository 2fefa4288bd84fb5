package io.agentgov.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * The one shape of RFC 3339 timestamp that producers write nearly always,
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+hh:mm|-hh:mm)}, read by hand.
 *
 * <p>Why: java.time's {@code DateTimeFormatter} builds a field map and resolves it for every value,
 * and an event has two to four timestamps; at 5 million events that was 6% of ingest's parse CPU
 * (JFR, docs/benchmarks.md). This reader is a fast path only: it answers null for any other text,
 * and for text of this shape with a field out of range, and the caller then asks the formatter,
 * which decides. So it accepts a subset of what {@code ISO_OFFSET_DATE_TIME} accepts and gives the
 * same instant for it ({@code Rfc3339Test} checks both against the formatter).
 */
final class Rfc3339 {
  private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
  private static final int MAX_OFFSET_SECONDS = 18 * 3600; // ZoneOffset's range

  private Rfc3339() {}

  /** The instant, truncated to microseconds; null when the text is not of the common shape or not a valid time. */
  static Instant parseCommonForm(String text) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour < 0
        || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      int places = i - start;
      if (places < 1 || places > 9) {
        return null;
      }
      nanos = digits(text, start, places) * SCALE[places];
    }
    int offsetSeconds;
    if (i == n - 1 && text.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
      int hours = digits(text, i + 1, 2);
      int minutes = digits(text, i + 4, 2);
      if (hours < 0 || minutes < 0 || minutes > 59 || hours * 3600 + minutes * 60 > MAX_OFFSET_SECONDS) {
        return null;
      }
      offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos - nanos % 1_000);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.agentgov.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How the compliance evidence report writes values: one place, {@link Locale#US}, UTC. */
final class ComplianceFormat {
  static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private ComplianceFormat() {}

  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /**
   * A share as a percentage, rounded down to one decimal so that a value short of a threshold never
   * prints as meeting it (1,249 of 1,250 is {@code 99.9%}, not {@code 100.0%}); exactly all is {@code 100%}.
   */
  static String pct(long num, long den) {
    if (den == 0) {
      return "\u2014";
    }
    if (num == den) {
      return "100%";
    }
    double tenths = Math.floor(1000.0 * num / den);
    return String.format(Locale.US, "%.1f%%", tenths / 10);
  }

  /** A value of a metric in its unit: share, count or days. */
  static String value(Double value, String unit, Long num, Long den) {
    if (value == null) {
      return "\u2014";
    }
    return switch (unit) {
      case "share" -> num != null && den != null ? pct(num, den) : String.format(Locale.US, "%.1f%%", 100 * value);
      case "days" -> count(Math.round(value)) + (Math.round(value) == 1 ? " day" : " days");
      default -> count(Math.round(value));
    };
  }

  static String instant(Instant t) {
    return t == null ? "\u2014" : INSTANT.format(t);
  }

  /** Ids as one line, comma-separated. */
  static String ids(List<String> ids) {
    return String.join(", ", ids);
  }

  /** The status label and its colour: pass green, fail red, no data grey, not covered purple. */
  static String statusLabel(String status) {
    return status.toUpperCase(Locale.ROOT);
  }

  static String statusColor(String status) {
    return switch (status) {
      case "pass" -> "#1E7B34";
      case "fail" -> "#B3261E";
      case "not covered" -> "#6B4C9A";
      default -> "#6B6B6B";
    };
  }
}

package io.agentgov.reports;

import java.util.Locale;

/** How the recalibration review writes numbers: one place, {@link Locale#US}. */
final class RecalibrationFormat {
  private RecalibrationFormat() {}

  /** A share as a percentage with one decimal: 0.0142 is {@code 1.4%}. */
  static String pct(double share) {
    return String.format(Locale.US, "%.1f%%", 100 * share);
  }

  /** A policy level in words, without a needless decimal: 0.02 is {@code 2%}, 0.025 is {@code 2.5%}. */
  static String level(double share) {
    String s = String.format(Locale.US, "%.2f", 100 * share).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + "%";
  }

  /** A threshold with three decimals: {@code 0.930}. */
  static String threshold(double t) {
    return String.format(Locale.US, "%.3f", t);
  }

  /** A rate per day with one decimal and thousands separators: {@code 1,234.5}. */
  static String perDay(double x) {
    return String.format(Locale.US, "%,.1f", x);
  }

  /** A signed change per day: {@code +23.5}, {@code −4.0} (a minus sign, not a hyphen), {@code ±0.0}. */
  static String change(double x) {
    String v = String.format(Locale.US, "%,.1f", Math.abs(x));
    if (v.equals("0.0")) {
      return "±0.0";
    }
    return (x > 0 ? "+" : "\u2212") + v;
  }

  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /** A statistic with three decimals (Brier score and its parts). */
  static String score(double x) {
    return String.format(Locale.US, "%.3f", x);
  }

  static void requireUnit(String what, double x) {
    if (!(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException("Cannot report " + what + " " + x + ": it must be between 0 and 1");
    }
  }

  static void requireUnit(String what, Double x) {
    if (x != null) {
      requireUnit(what, x.doubleValue());
    }
  }

  static void requireRate(String what, double x) {
    if (!(x >= 0 && Double.isFinite(x))) {
      throw new IllegalArgumentException("Cannot report " + what + " " + x + ": it must be a finite number >= 0");
    }
  }
}

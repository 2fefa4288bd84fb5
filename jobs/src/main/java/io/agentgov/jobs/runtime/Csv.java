package io.agentgov.jobs.runtime;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV as agentgov writes it: RFC 4180 (CRLF line ends, a field with a comma, quote or line break
 * quoted, quotes doubled), with every cell made inert for spreadsheets. Cells carry input text
 * (agent ids, target systems, explanations quoting them), and a spreadsheet runs a cell that
 * starts with {@code = + - @}, TAB or CR as a formula ("CSV injection",
 * https://owasp.org/www-community/attacks/CSV_Injection). Such a cell gets a leading single quote
 * and is quoted, as OWASP advises; a cell that is only a number is left alone, so numbers stay
 * numbers. A semicolon also forces quotes: spreadsheets in locales whose list separator is ';'
 * split on it, and the part after it could start a formula of its own. Every CSV agentgov writes
 * goes through {@link #row}.
 */
public final class Csv {
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private Csv() {}

  /** One record: the cells, each made safe, separated by commas, ended by CRLF. */
  public static String row(List<String> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
    }
    return out.append("\r\n").toString();
  }

  /** One field, quoted when it must be and inert in a spreadsheet; null is an empty field. */
  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    boolean formula = startsFormula(value);
    String text = formula ? "'" + value : value;
    boolean quote = formula;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';';
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** Whether a spreadsheet would read the cell as a formula: OWASP's list of leading characters. */
  static boolean startsFormula(String value) {
    char first = value.charAt(0);
    boolean trigger = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return trigger && !NUMBER.matcher(value).matches();
  }
}

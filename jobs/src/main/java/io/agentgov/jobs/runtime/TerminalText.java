package io.agentgov.jobs.runtime;

/**
 * Text made safe for a terminal. Producer-controlled strings (agent ids, target systems, messages
 * that quote a bad value) reach the human output of {@code findings}, {@code trace} and the one-line
 * errors, and a terminal obeys the control sequences in them: {@code ESC [2J} clears the screen,
 * OSC 8 forges a link, CR overwrites a line, and the Unicode bidirectional overrides reorder what is
 * displayed (Trojan Source, CVE-2021-42574). Every C0 control except newline and tab, DEL, every C1
 * control (ECMA-48, 5.2 and 5.3) and the bidirectional embeddings, overrides and isolates (Unicode
 * UAX #9, U+202A..U+202E and U+2066..U+2069) are written as a backslash, u and four hex digits. The
 * machine formats ({@code --json}, csv, jsonl) are data and are written as they are. A table cell
 * ({@link #cell}) also shows newlines and tabs, which would break its row.
 */
public final class TerminalText {
  private TerminalText() {}

  /** Text of one or more lines: newlines and tabs are kept. */
  public static String safe(String text) {
    return escape(text, false);
  }

  /** One cell of a table: newlines and tabs are shown too, so the row stays one line. */
  public static String cell(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean oneLine) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isControl(c) || (oneLine && (c == '\n' || c == '\t'))) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }
}

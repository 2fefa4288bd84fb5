package io.agentgov.reports;

/**
 * Text put into a field with {@code markup="styled"}. JasperReports parses such a field as XML and
 * applies its tags ({@code <style>}, {@code <b>}, {@code <a href>}, ...), and prints the whole field,
 * the template's own tags included, as raw text when it does not parse. Values interpolated there
 * (event ids are input) are escaped, so they print as the text they are and the template's tags keep
 * working: the markup characters become entities, and characters XML 1.0 does not allow (control
 * characters, unpaired surrogates) are shown as {@code \\uXXXX} instead.
 */
public final class StyledText {
  private StyledText() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
            out.append(c);
          } else {
            out.append(String.format("\\u%04X", (int) c));
          }
        }
      }
    }
    return out.toString();
  }
}

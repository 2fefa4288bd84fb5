package io.agentgov.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV cell writer: RFC 4180 quoting, and cells a spreadsheet would run as formulas made inert
 * (OWASP CSV injection). The round trip reads the output with univocity's parser (Spark's own CSV
 * reader), not with code of ours.
 */
class CsvTest {

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of("agent-7", "agent-7"),
        Arguments.of("", ""),
        Arguments.of(null, ""),
        Arguments.of("a,b", "\"a,b\""),
        Arguments.of("say \"hi\"", "\"say \"\"hi\"\"\""),
        Arguments.of("a\nb", "\"a\nb\""),
        Arguments.of("a\r\nb", "\"a\r\nb\""),
        Arguments.of("a;=1+2", "\"a;=1+2\""),
        Arguments.of("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        Arguments.of("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
        Arguments.of("+1+1", "\"'+1+1\""),
        Arguments.of("-2+3", "\"'-2+3\""),
        Arguments.of("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
        Arguments.of("\t=1+2", "\"'\t=1+2\""),
        Arguments.of("\r=1+2", "\"'\r=1+2\""),
        Arguments.of("-5", "-5"),
        Arguments.of("+4.5e3", "+4.5e3"),
        Arguments.of("2026-03-01T10:15:30Z", "2026-03-01T10:15:30Z"),
        Arguments.of("'=already quoted", "'=already quoted"));
  }

  @ParameterizedTest
  @MethodSource
  void cells(String value, String expected) {
    assertEquals(expected, Csv.cell(value));
  }

  @Test
  void aRowIsItsCellsAndCrlf() {
    assertEquals("a,\"b,c\",\"'=d\",\r\n", Csv.row(Arrays.asList("a", "b,c", "=d", null)));
  }

  /** Random hostile cells written as rows and read back: each cell is its value, or a quote and its value when it was a formula. */
  @Test
  void rowsReadBackCellForCell() {
    Random random = new Random(4180);
    String alphabet = "ab=+-@,;\"'\t\r\n |!()0123456789.eE";
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setLineSeparator("\r\n");
    settings.setNullValue("");
    settings.setEmptyValue("");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setMaxCharsPerColumn(-1);
    settings.setNormalizeLineEndingsWithinQuotes(false);
    CsvParser parser = new CsvParser(settings);
    for (int round = 0; round < 2_000; round++) {
      List<String> cells = new ArrayList<>();
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        StringBuilder cell = new StringBuilder();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        cells.add(cell.toString());
      }
      List<String[]> parsed = parser.parseAll(new java.io.StringReader(Csv.row(cells)));
      assertEquals(1, parsed.size(), "one record: " + cells);
      List<String> expected = cells.stream().map(c -> Csv.startsFormula(c) ? "'" + c : c).toList();
      assertEquals(expected, Arrays.asList(parsed.get(0)), "cells " + cells);
    }
  }
}

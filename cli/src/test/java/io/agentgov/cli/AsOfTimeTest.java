package io.agentgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AsOfTimeTest {
  final AsOfTime asOf = new AsOfTime();

  @Test
  void aTimeKeepsItsOffset() {
    assertEquals(Instant.parse("2026-04-01T06:00:00Z"), asOf.convert("2026-04-01T06:00:00Z"));
    assertEquals(Instant.parse("2026-04-01T06:00:00Z"), asOf.convert("2026-04-01T08:00:00+02:00"));
    assertEquals(Instant.parse("2026-04-01T06:00:00.123Z"), asOf.convert(" 2026-04-01T06:00:00.123Z "));
  }

  @Test
  void aDayIsItsLastMillisecondInUtc() {
    assertEquals(Instant.parse("2026-03-31T23:59:59.999Z"), asOf.convert("2026-03-31"));
    assertEquals(Instant.parse("2028-02-29T23:59:59.999Z"), asOf.convert("2028-02-29"));
  }

  @Test
  void anythingElseNamesTheValueAndBothForms() {
    for (String bad : new String[] {"yesterday", "2026-02-30", "2026-04-01T06:00:00", "2026-04-01 06:00Z", ""}) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> asOf.convert(bad), bad);
      assertTrue(e.getMessage().startsWith("Cannot read --as-of \"" + bad + "\": give an RFC 3339 time with its offset"),
          e.getMessage());
    }
  }
}

package io.agentgov.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --as-of} of the report commands: an RFC 3339 time with its offset, or a day
 * meaning its last millisecond (UTC), since Iceberg stamps its commits in milliseconds. A value it
 * cannot read is a usage error (exit 2) naming the value and both forms.
 */
final class AsOfTime implements ITypeConverter<Instant> {
  static final String FORMS = "an RFC 3339 time with its offset (2026-04-01T06:00:00Z) or a day (yyyy-mm-dd: the end of"
      + " that day, UTC)";

  @Override
  public Instant convert(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException notATime) {
      try {
        return LocalDate.parse(text.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
      } catch (DateTimeParseException notADay) {
        throw new TypeConversionException("Cannot read --as-of \"" + text + "\": give " + FORMS);
      }
    }
  }
}

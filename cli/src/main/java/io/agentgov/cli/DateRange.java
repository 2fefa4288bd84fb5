package io.agentgov.cli;

import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --date D} or {@code --from A --to B}: the days a command runs for, in order. */
final class DateRange {
  @Option(names = "--date", required = true, description = "One day (yyyy-mm-dd).")
  LocalDate date;

  @ArgGroup(exclusive = false)
  Range range;

  static final class Range {
    @Option(names = "--from", required = true, description = "First day of a backfill.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last day of a backfill (inclusive).")
    LocalDate to;
  }

  LocalDate first() {
    return date != null ? date : range.from;
  }

  LocalDate last() {
    return date != null ? date : range.to;
  }

  List<LocalDate> days(CommandLine commandLine) {
    if (date == null && range.to.isBefore(range.from)) {
      throw new CommandLine.ParameterException(commandLine, "--to " + range.to + " is before --from " + range.from);
    }
    return first().datesUntil(last().plusDays(1)).toList();
  }
}

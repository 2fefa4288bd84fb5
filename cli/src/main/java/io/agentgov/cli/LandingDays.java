package io.agentgov.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The landing days present in a local landing folder, in order (the days a backfill walks). */
final class LandingDays {
  private LandingDays() {}

  static List<LocalDate> in(Path landing) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (String kind : List.of("events", "otel", "reviews", "registry", "people")) {
      Path dir = landing.resolve(kind);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        entries.map(p -> p.getFileName().toString().replaceFirst("\\.jsonl$", "")).forEach(name -> {
          try {
            days.add(LocalDate.parse(name));
          } catch (DateTimeParseException notADay) {
            // not a day folder: ingest quarantines stray files it finds inside day folders only
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(days);
  }
}

package io.agentgov.jobs;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.runtime.Lakehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A generated enterprise of 10 days (2,400 events a day, no dirt, drift planted from day 6),
 * ingested once per test JVM into its own namespace: the input of the derived-table tests (drift,
 * recalibration), which only add tables of their own.
 */
public final class GeneratedLake {
  public static final GeneratorOptions OPTIONS = GeneratorOptions.small().withDays(10).withEventsPerDay(2400).withDirtRate(0);
  public static final LocalDate FIRST = OPTIONS.start();
  public static final LocalDate LAST = FIRST.plusDays(OPTIONS.days() - 1);

  private static Lakehouse lake;
  private static Path dir;

  private GeneratedLake() {}

  public static synchronized Lakehouse lake() {
    if (lake == null) {
      try {
        dir = Files.createTempDirectory("agentgov-generated-lake");
        new EnterpriseGenerator(OPTIONS).generate(dir.resolve("landing"), dir.resolve("truth"));
      } catch (IOException e) {
        throw new IllegalStateException("Cannot generate the test enterprise: " + e.getMessage(), e);
      }
      lake = SharedSpark.lakehouse("generated_lake");
      for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
        new IngestJob(lake, IngestJob.Options.of(dir.resolve("landing").toUri().toString(), day)).run();
      }
    }
    return lake;
  }

  /** The generator's truth folder. */
  public static Path truth() {
    lake();
    return dir.resolve("truth");
  }
}

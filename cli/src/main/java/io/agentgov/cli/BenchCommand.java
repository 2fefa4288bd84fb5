package io.agentgov.cli;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GenerationSummary;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
    subcommands = {BenchCommand.Ingest.class})
final class BenchCommand {

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Time agentgov ingest against plain Spark read.json -> write.parquet.",
          "Generates N events for one day (no planted dirt), then times on one Spark session the ingest of the day",
          "and a read.json -> write.parquet of the same files, and prints both and their ratio."})
  static final class Ingest extends Leaf implements Callable<Integer> {
    static final long WARMUP_EVENTS = 50_000;


    @Option(names = "--events", defaultValue = "2000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a temporary folder, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      boolean temporary = dir == null;
      Path work = temporary ? Files.createTempDirectory("agentgov-bench") : dir;
      try {
        Path landing = work.resolve("landing").toAbsolutePath();
        DemoCommand.deleteTree(landing);
        DemoCommand.deleteTree(work.resolve("warehouse"));
        DemoCommand.deleteTree(work.resolve("baseline"));
        DemoCommand.deleteTree(work.resolve("truth"));
        // No planted dirt: Spark's schema inference, the floor we compare against, fails on some of it
        // (an object with a duplicate key gives a duplicate column). Both sides read the same clean files.
        GeneratorOptions options = GeneratorOptions.bench(events).withDirtRate(0);
        global().progress("generating " + String.format("%,d", events) + " events into " + landing);
        long g0 = System.nanoTime();
        GenerationSummary generated = new EnterpriseGenerator(options).generate(landing, work.resolve("truth"));
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        global().progress(String.format("generated in %.1f s (%,.0f events/s)", generateSeconds, events / generateSeconds));
        LocalDate day = LandingDays.in(landing).get(0);

        // A small warm-up day, ingested and copied once untimed, so that neither side pays the JVM's
        // just-in-time compilation in the figures.
        Path warmLanding = work.resolve("warmup/landing").toAbsolutePath();
        DemoCommand.deleteTree(work.resolve("warmup"));
        new EnterpriseGenerator(GeneratorOptions.bench(WARMUP_EVENTS).withDirtRate(0))
            .generate(warmLanding, work.resolve("warmup/truth"));

        RuntimeOptions runtime = global().runtime(work.resolve("warehouse"));
        Map<String, Object> out = new LinkedHashMap<>();
        try (Lakehouse lake = Lakehouse.open(runtime)) {
          global().progress("warming up on " + String.format("%,d", WARMUP_EVENTS) + " events (untimed)");
          try (Lakehouse warm = Lakehouse.attach(lake.spark(), new RuntimeOptions(runtime.master(), runtime.warehouse(),
              runtime.catalog(), "warmup", runtime.conf()))) {
            new IngestJob(warm, IngestJob.Options.of(warmLanding.toUri().toString(), LandingDays.in(warmLanding).get(0))).run();
            baseline(lake.spark(), warmLanding, LandingDays.in(warmLanding).get(0), work.resolve("warmup/baseline").toAbsolutePath());
          }
          lake.tables();
          // agentgov first, so whatever warm-up the JVM still owes is paid by agentgov, not by the baseline.
          long i0 = System.nanoTime();
          IngestResult result = new IngestJob(lake, IngestJob.Options.of(landing.toUri().toString(), day)).run();
          double ingestSeconds = (System.nanoTime() - i0) / 1e9;
          global().progress("agentgov ingest: " + result.summary());

          long b0 = System.nanoTime();
          Path baselineOut = work.resolve("baseline").toAbsolutePath();
          baseline(lake.spark(), landing, day, baselineOut);
          double baselineSeconds = (System.nanoTime() - b0) / 1e9;
          long baselineRows = lake.spark().read().parquet(baselineOut.resolve("*").toString()).count();

          double ratio = ingestSeconds / baselineSeconds;
          out.put("events", events);
          out.put("records_read", result.recordsRead());
          out.put("events_stored", result.eventsStored());
          out.put("ingest_seconds", round(ingestSeconds));
          out.put("baseline_rows", baselineRows);
          out.put("baseline_seconds", round(baselineSeconds));
          out.put("ratio", round(ratio));
          out.put("generate_events_per_second", Math.round(events / generateSeconds));
          out.put("cores", Runtime.getRuntime().availableProcessors());
          out.put("warmup_events", WARMUP_EVENTS);
          out.put("ingest_step_seconds", result.stepSeconds());
          global().print(out, String.format("ingest %.1f s, read.json -> write.parquet %.1f s (%,d rows): ratio %.2f"
              + " (%,d events, %d cores, after a %,d-event warm-up)%ningest steps (s): %s", ingestSeconds, baselineSeconds,
              baselineRows, ratio, events, Runtime.getRuntime().availableProcessors(), WARMUP_EVENTS, result.stepSeconds()));
        }
        return 0;
      } finally {
        if (temporary) {
          DemoCommand.deleteTree(work);
        }
      }
    }

    /** The floor: Spark's own JSON reader (schema inferred) into Parquet, over the same event and OTel files. */
    static void baseline(SparkSession spark, Path landing, LocalDate day, Path out) {
      for (String kind : List.of("events", "otel")) {
        Path folder = landing.resolve(kind).resolve(day.toString());
        if (!Files.isDirectory(folder)) {
          continue;
        }
        Dataset<Row> json = kind.equals("otel") ? spark.read().option("multiLine", true).json(folder.toString())
            : spark.read().json(folder.toString());
        json.write().parquet(out.resolve(kind).toString());
      }
    }

    private static double round(double x) {
      return Math.round(x * 100) / 100.0;
    }
  }
}

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
    subcommands = {BenchCommand.Ingest.class, BenchCommand.NightlyCost.class, BenchCommand.Recalibrate.class})
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

  }

  @Command(name = "nightly", mixinStandardHelpOptions = true,
      description = {"Time the nightly pipeline (ingest, features, baselines, drift) on day 7 and on day 90 of one",
          "enterprise: the cost must stay flat as history grows. Generates the days, runs every night in order on one",
          "Spark session, and prints both nights, their events and the ratio. The enterprise starts on a Wednesday so",
          "that night 7 (a Tuesday) and night 90 (a Monday) are both weekdays, with the same expected events."})
  static final class NightlyCost extends Leaf implements Callable<Integer> {
    static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

    @Option(names = "--events-per-day", defaultValue = "10000", description = "Mean events a day (default: ${DEFAULT-VALUE}).")
    long eventsPerDay;

    @Option(names = "--days", defaultValue = "90", description = "Nights to run; the last is compared with night 7 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a temporary folder, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (days < 8) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--days " + days + " must be at least 8");
      }
      boolean temporary = dir == null;
      Path work = temporary ? Files.createTempDirectory("agentgov-bench-nightly") : dir;
      try {
        Path landing = work.resolve("landing").toAbsolutePath();
        for (String owned : List.of("landing", "truth", "warehouse")) {
          DemoCommand.deleteTree(work.resolve(owned));
        }
        GeneratorOptions options = GeneratorOptions.demo().withStart(WEDNESDAY).withDays(days).withEventsPerDay(eventsPerDay);
        global().progress(String.format("generating %d days of about %,d events into %s", days, eventsPerDay, landing));
        new EnterpriseGenerator(options).generate(landing, work.resolve("truth"));
        List<Map<String, Object>> nights = new java.util.ArrayList<>();
        try (Lakehouse lake = global().open(work.resolve("warehouse"))) {
          for (int i = 0; i < days; i++) {
            LocalDate night = WEDNESDAY.plusDays(i);
            long t0 = System.nanoTime();
            io.agentgov.jobs.pipeline.Nightly.NightResult r = io.agentgov.jobs.pipeline.Nightly.run(
                lake, landing.toUri().toString(), night, io.agentgov.jobs.pipeline.Nightly.Settings.defaults());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("night", i + 1);
            n.put("date", night);
            n.put("records_read", r.ingest().recordsRead());
            n.put("seconds", round(seconds));
            n.put("ingest_seconds", round(r.ingest().elapsed().toMillis() / 1000.0));
            n.put("features_seconds", round(r.features().stream().mapToLong(f -> f.elapsed().toMillis()).sum() / 1000.0));
            n.put("baselines_seconds", round(r.baselines().elapsed().toMillis() / 1000.0));
            n.put("drift_seconds", round(r.drift().elapsed().toMillis() / 1000.0));
            n.put("detect_seconds", round(r.detect().elapsed().toMillis() / 1000.0));
            n.put("drift_tests", r.drift().tests());
            nights.add(n);
            global().progress(String.format("night %2d %s: %,d records in %.1f s (ingest %.1f, features %.1f, baselines %.1f,"
                + " drift %.1f, detect %.1f)", i + 1, night, r.ingest().recordsRead(), seconds, n.get("ingest_seconds"),
                n.get("features_seconds"), n.get("baselines_seconds"), n.get("drift_seconds"), n.get("detect_seconds")));
          }
        }
        Map<String, Object> early = nights.get(6);
        Map<String, Object> late = nights.get(days - 1);
        double ratio = (double) late.get("seconds") / (double) early.get("seconds");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events_per_day", eventsPerDay);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("night_7", early);
        out.put("night_" + days, late);
        out.put("ratio", round(ratio));
        out.put("nights", nights);
        global().print(out, String.format("nightly cost: night 7 (%s) %.1f s for %,d records, night %d (%s) %.1f s for %,d"
                + " records: ratio %.2f (%d cores)", early.get("date"), early.get("seconds"), early.get("records_read"), days,
            late.get("date"), late.get("seconds"), late.get("records_read"), ratio, Runtime.getRuntime().availableProcessors()));
        return 0;
      } finally {
        if (temporary) {
          DemoCommand.deleteTree(work);
        }
      }
    }
  }

  @Command(name = "recalibrate", mixinStandardHelpOptions = true,
      description = {"Time the recalibration statistics (reliability curves, ECE, Brier, Learn-then-Test selection) on N",
          "synthetic reviewed decisions of an overconfident agent: all in one pool, then spread over 100 pools.",
          "Times the plain-Java analysis the Spark job runs per pool (Spark start and I/O excluded)."})
  static final class Recalibrate extends Leaf implements Callable<Integer> {
    @Option(names = "--reviews", defaultValue = "1000000", description = "Reviewed decisions (default: ${DEFAULT-VALUE}).")
    int reviews;

    @Override
    public Integer call() {
      java.util.SplittableRandom random = new java.util.SplittableRandom(20261126);
      List<io.agentgov.jobs.recalibration.Review> all = new java.util.ArrayList<>(reviews);
      for (int i = 0; i < reviews; i++) {
        // overconfident: logit(c) ~ N(3.5, 2), right with probability 0.5 + 0.5 (c - 0.5)
        double c = 1 / (1 + Math.exp(-(3.5 + 2 * random.nextGaussian())));
        boolean bad = random.nextDouble() >= 0.5 + 0.5 * (c - 0.5);
        all.add(new io.agentgov.jobs.recalibration.Review(c, bad, "random", 0.05, "random"));
      }
      io.agentgov.jobs.recalibration.PoolKey pool = new io.agentgov.jobs.recalibration.PoolKey("bench", "payment", 2);
      // one untimed warm-up on a tenth, so the figures are not the JIT's
      io.agentgov.jobs.recalibration.PoolAnalysis.analyse(pool, all.subList(0, reviews / 10), 0.02, 0.05, 0.8);
      long t0 = System.nanoTime();
      io.agentgov.jobs.recalibration.PoolResult one = io.agentgov.jobs.recalibration.PoolAnalysis.analyse(pool, all, 0.02,
          0.05, 0.8);
      double oneSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      int pools = 100;
      int per = reviews / pools;
      for (int p = 0; p < pools; p++) {
        io.agentgov.jobs.recalibration.PoolAnalysis.analyse(pool, all.subList(p * per, (p + 1) * per), 0.02, 0.05, 0.8);
      }
      double manySeconds = (System.nanoTime() - t1) / 1e9;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("reviews", reviews);
      out.put("one_pool_seconds", round(oneSeconds));
      out.put("hundred_pools_seconds", round(manySeconds));
      out.put("verdict", one.recommendation().verdict());
      out.put("recommended_threshold", one.recommendation().recommendedThreshold());
      out.put("cores", Runtime.getRuntime().availableProcessors());
      global().print(out, String.format("recalibration statistics on %,d reviewed decisions: one pool %.2f s (verdict %s,"
              + " threshold %s), 100 pools of %,d: %.2f s (one thread, after a warm-up)", reviews, oneSeconds,
          one.recommendation().verdict(), one.recommendation().recommendedThreshold(), per, manySeconds));
      return 0;
    }
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}

package io.agentgov.cli;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GeneratorOptions;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.jobs.pipeline.Nightly;
import io.agentgov.jobs.recalibration.PoolAnalysis;
import io.agentgov.jobs.recalibration.PoolKey;
import io.agentgov.jobs.recalibration.PoolResult;
import io.agentgov.jobs.recalibration.Review;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks that print figures (docs/benchmarks.md).",
        "Without a subcommand: the whole suite in one run on this machine: ingest against plain Spark, nightly cost",
        "flat in history, scaling of the nightly pipeline at 1, 5 and 10 million events, drift statistics against",
        "Evidently, and recalibration on a million reviewed decisions. Prints a table with the targets and writes",
        "bench-results.json. Runs for about an hour on 2 cores; --quick is a smoke run whose figures mean nothing."},
    subcommands = {BenchCommand.Ingest.class, BenchCommand.NightlyCost.class, BenchCommand.Scaling.class,
        BenchCommand.Recalibrate.class})
final class BenchCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "bench-results.json", paramLabel = "FILE",
      description = "Where the results go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a temporary folder, deleted after).")
  Path dir;

  @Option(names = "--quick", description = "Tiny sizes: checks that every part runs; the figures mean nothing.")
  boolean quick;

  @Option(names = "--skip", split = ",", paramLabel = "PART",
      description = "Parts to leave out: ingest, nightly, scaling, evidently, recalibration.")
  Set<String> skip = new java.util.TreeSet<>();

  @Option(names = "--evidently-script", defaultValue = "scripts/bench/drift_vs_evidently.py", paramLabel = "FILE",
      description = "The drift comparison script (installs Evidently from PyPI into .venv/evidently; default: ${DEFAULT-VALUE}).")
  Path evidentlyScript;

  /** The sizes of one suite run. */
  record Sizes(long ingestEvents, long nightlyEventsPerDay, int nightlyDays, List<Long> scalingEvents, int reviews,
      int driftPairs) {
    static final Sizes FULL = new Sizes(5_000_000, 10_000, 90, List.of(1_000_000L, 5_000_000L, 10_000_000L), 1_000_000, 2_000);
    static final Sizes QUICK = new Sizes(5_000, 200, 8, List.of(5_000L), 5_000, 20);
  }

  /** One line of the results table: what was measured, the figure, the target and whether it is met. */
  record Line(String part, String measure, String figure, String target, Boolean met) {}

  @Override
  public Integer call() throws Exception {
    Set<String> known = Set.of("ingest", "nightly", "scaling", "evidently", "recalibration");
    for (String part : skip) {
      if (!known.contains(part)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--skip " + part + ": the parts are " + known);
      }
    }
    Sizes sizes = quick ? Sizes.QUICK : Sizes.FULL;
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("agentgov-bench-suite") : dir;
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("date", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    results.put("machine", machine());
    results.put("quick", quick);
    List<Line> lines = new ArrayList<>();
    try {
      if (!skip.contains("ingest")) {
        Map<String, Object> r = Ingest.measure(this, work.resolve("ingest"), sizes.ingestEvents());
        results.put("ingest", r);
        lines.add(new Line("ingest", String.format("agentgov ingest vs read.json -> write.parquet, %,d events", sizes.ingestEvents()),
            String.format("%.1f s vs %.1f s: ratio %.2f", r.get("ingest_seconds"), r.get("baseline_seconds"), r.get("ratio")),
            "ratio <= 1.25", (double) r.get("ratio") <= 1.25));
      }
      if (!skip.contains("nightly")) {
        Map<String, Object> r = NightlyCost.measure(this, work.resolve("nightly"), sizes.nightlyEventsPerDay(), sizes.nightlyDays());
        results.put("nightly_cost", r);
        lines.add(new Line("nightly", String.format("night %d vs night 7, ~%,d events a day", sizes.nightlyDays(),
            sizes.nightlyEventsPerDay()), String.format("%.1f s vs %.1f s: ratio %.2f (medians of weekday nights: %.2f)",
            seconds(r, "night_" + sizes.nightlyDays()), seconds(r, "night_7"), r.get("ratio"), r.get("median_ratio")),
            "ratio <= 1.2", (double) r.get("ratio") <= 1.2));
      }
      if (!skip.contains("scaling")) {
        List<Map<String, Object>> runs = Scaling.measure(this, work.resolve("scaling"), sizes.scalingEvents());
        results.put("scaling", runs);
        for (Map<String, Object> r : runs) {
          long events = (long) r.get("events");
          boolean largest = events == sizes.scalingEvents().get(sizes.scalingEvents().size() - 1);
          lines.add(new Line("scaling", String.format("nightly pipeline, one day of %,d events", events),
              String.format("%.0f s, %,d events/s, heap after GC %.2f GB of %.2f", r.get("seconds"),
                  r.get("events_per_second"), (double) (long) r.get("peak_heap_after_gc_bytes") / 1e9,
                  (double) (long) r.get("max_heap_bytes") / 1e9),
              largest ? "<= 900 s" : "", largest ? (double) r.get("seconds") <= 900 : null));
        }
      }
      if (!skip.contains("evidently")) {
        Map<String, Object> r = driftVsEvidently(work.resolve("evidently"), sizes.driftPairs());
        results.put("drift_vs_evidently", r);
        Object ratio = r.get("throughput_ratio");
        lines.add(new Line("drift", String.format("drift statistics vs Evidently, %,d feature pairs", sizes.driftPairs()),
            String.format("%,.0f pairs/s vs %,.0f pairs/s: ratio %.1f", number(r, "agentgov_pairs_per_second"),
                number(r, "evidently_pairs_per_second"), number(r, "throughput_ratio")), "ratio >= 5",
            ratio instanceof Number n ? n.doubleValue() >= 5 : null));
      }
      if (!skip.contains("recalibration")) {
        Map<String, Object> r = Recalibrate.measure(sizes.reviews());
        results.put("recalibration", r);
        lines.add(new Line("recalibration", String.format("recalibration statistics, %,d reviewed decisions, one pool",
            sizes.reviews()), String.format("%.2f s", r.get("one_pool_seconds")), "< 10 s", (double) r.get("one_pool_seconds") < 10));
      }
    } finally {
      if (temporary) {
        DemoCommand.deleteTree(work);
      }
    }
    results.put("table", lines);
    Files.createDirectories(out.toAbsolutePath().getParent());
    GlobalOptions.JSON.writeValue(out.toFile(), results);
    global().print(results, table(lines) + "\nwritten to " + out.toAbsolutePath());
    return 0;
  }

  private static double number(Map<String, Object> results, String key) {
    if (!(results.get(key) instanceof Number n)) {
      throw new IllegalStateException("The drift comparison wrote no number for " + key + ": " + results.get(key));
    }
    return n.doubleValue();
  }

  private static double seconds(Map<String, Object> nightly, String key) {
    @SuppressWarnings("unchecked")
    Map<String, Object> night = (Map<String, Object>) nightly.get(key);
    return (double) night.get("seconds");
  }

  static String table(List<Line> lines) {
    StringBuilder t = new StringBuilder(String.format("%-14s %-62s %-52s %-14s %s%n", "part", "measure", "figure", "target", "met"));
    for (Line l : lines) {
      t.append(String.format("%-14s %-62s %-52s %-14s %s%n", l.part(), l.measure(), l.figure(), l.target(),
          l.met() == null ? "" : l.met() ? "yes" : "NO"));
    }
    return t.toString().stripTrailing();
  }

  /** Cores, memory and software of this machine: figures mean little without them. */
  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      m.put("memory_bytes", sun.getTotalMemorySize());
    }
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    m.put("agentgov", io.agentgov.jobs.ingest.SoftwareVersion.get());
    return m;
  }

  /**
   * Runs the drift comparison script (Python: it installs Evidently from PyPI into its own virtual
   * environment) and returns what it wrote.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> driftVsEvidently(Path folder, int pairs) throws Exception {
    if (!Files.isRegularFile(evidentlyScript)) {
      throw new IllegalStateException("Cannot compare drift statistics with Evidently: " + evidentlyScript.toAbsolutePath()
          + " is missing (run bench from the repository root, or pass --evidently-script, or --skip evidently)");
    }
    Files.createDirectories(folder);
    Path result = folder.resolve("drift-vs-evidently.json").toAbsolutePath();
    global().progress("drift statistics vs Evidently on " + pairs + " feature pairs (" + evidentlyScript + ")");
    Process process = new ProcessBuilder("python3", evidentlyScript.toString(), "--pairs", String.valueOf(pairs), "--out",
        result.toString(), "--work", folder.toAbsolutePath().toString(), "--warmup-passes", "3", "--passes", "3")
        .inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("Cannot compare drift statistics with Evidently: " + evidentlyScript + " exited " + exit);
    }
    return GlobalOptions.JSON.readValue(result.toFile(), Map.class);
  }

  /** A working folder: the one given, emptied of what a bench owns, or a temporary one deleted after. */
  interface InFolder<T> {
    T run(Path work) throws Exception;
  }

  static <T> T inFolder(Path dir, String prefix, InFolder<T> body) throws Exception {
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory(prefix) : dir;
    try {
      return body.run(work);
    } finally {
      if (temporary) {
        DemoCommand.deleteTree(work);
      }
    }
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Time agentgov ingest against plain Spark read.json -> write.parquet.",
          "Generates N events for one day (no planted dirt), then times on one Spark session the ingest of the day",
          "and a read.json -> write.parquet of the same files, and prints both and their ratio."})
  static final class Ingest extends Leaf implements Callable<Integer> {
    static final long WARMUP_EVENTS = 50_000;

    @Option(names = "--events", defaultValue = "5000000", description = "Events to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a temporary folder, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> out = inFolder(dir, "agentgov-bench", work -> measure(this, work, events));
      global().print(out, String.format("ingest %.1f s, read.json -> write.parquet %.1f s (%,d rows): ratio %.2f"
              + " (%,d events, %d cores, after a %,d-event warm-up)%ningest steps (s): %s", out.get("ingest_seconds"),
          out.get("baseline_seconds"), out.get("baseline_rows"), out.get("ratio"), events, out.get("cores"), out.get("warmup_events"),
          out.get("ingest_step_seconds")));
      return 0;
    }

    static Map<String, Object> measure(Leaf caller, Path work, long events) throws Exception {
      Path landing = work.resolve("landing").toAbsolutePath();
      for (String owned : List.of("landing", "warehouse", "baseline", "truth", "warmup")) {
        DemoCommand.deleteTree(work.resolve(owned));
      }
      // No planted dirt: Spark's schema inference, the floor we compare against, fails on some of it
      // (an object with a duplicate key gives a duplicate column). Both sides read the same clean files.
      GeneratorOptions options = GeneratorOptions.bench(events).withDirtRate(0);
      caller.global().progress("generating " + String.format("%,d", events) + " events into " + landing);
      long g0 = System.nanoTime();
      new EnterpriseGenerator(options).generate(landing, work.resolve("truth"));
      double generateSeconds = (System.nanoTime() - g0) / 1e9;
      caller.global().progress(String.format("generated in %.1f s (%,.0f events/s)", generateSeconds, events / generateSeconds));
      LocalDate day = LandingDays.in(landing).get(0);

      // A small warm-up day, ingested and copied once untimed, so that neither side pays the JVM's
      // just-in-time compilation in the figures.
      Path warmLanding = work.resolve("warmup/landing").toAbsolutePath();
      long warmupEvents = Math.min(WARMUP_EVENTS, events);
      new EnterpriseGenerator(GeneratorOptions.bench(warmupEvents).withDirtRate(0))
          .generate(warmLanding, work.resolve("warmup/truth"));

      RuntimeOptions runtime = caller.global().runtime(work.resolve("warehouse"));
      Map<String, Object> out = new LinkedHashMap<>();
      try (Lakehouse lake = Lakehouse.open(runtime)) {
        caller.global().progress("warming up on " + String.format("%,d", warmupEvents) + " events (untimed)");
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
        caller.global().progress("agentgov ingest: " + result.summary());

        long b0 = System.nanoTime();
        Path baselineOut = work.resolve("baseline").toAbsolutePath();
        baseline(lake.spark(), landing, day, baselineOut);
        double baselineSeconds = (System.nanoTime() - b0) / 1e9;
        long baselineRows = lake.spark().read().parquet(baselineOut.resolve("*").toString()).count();
        caller.global().progress(String.format("read.json -> write.parquet: %,d rows in %.1f s", baselineRows, baselineSeconds));

        out.put("events", events);
        out.put("records_read", result.recordsRead());
        out.put("events_stored", result.eventsStored());
        out.put("ingest_seconds", round(ingestSeconds));
        out.put("baseline_rows", baselineRows);
        out.put("baseline_seconds", round(baselineSeconds));
        out.put("ratio", round(ingestSeconds / baselineSeconds));
        out.put("generate_events_per_second", Math.round(events / generateSeconds));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("warmup_events", warmupEvents);
        out.put("ingest_step_seconds", result.stepSeconds());
      }
      return out;
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
      description = {"Time the nightly pipeline (ingest, features, baselines, drift, detect) on day 7 and on day 90 of one",
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
      Map<String, Object> out = inFolder(dir, "agentgov-bench-nightly", work -> measure(this, work, eventsPerDay, days));
      @SuppressWarnings("unchecked")
      Map<String, Object> early = (Map<String, Object>) out.get("night_7");
      @SuppressWarnings("unchecked")
      Map<String, Object> late = (Map<String, Object>) out.get("night_" + days);
      global().print(out, String.format("nightly cost: night 7 (%s) %.1f s for %,d records, night %d (%s) %.1f s for %,d"
              + " records: ratio %.2f (%d cores); median of five weekday nights, first 11 nights %.1f s, last %.1f s:"
              + " ratio %.2f", early.get("date"), early.get("seconds"), early.get("records_read"), days,
          late.get("date"), late.get("seconds"), late.get("records_read"), out.get("ratio"), out.get("cores"),
          out.get("median_weekday_seconds_early"), out.get("median_weekday_seconds_late"), out.get("median_ratio")));
      return 0;
    }

    static Map<String, Object> measure(Leaf caller, Path work, long eventsPerDay, int days) throws Exception {
      Path landing = work.resolve("landing").toAbsolutePath();
      for (String owned : List.of("landing", "truth", "warehouse")) {
        DemoCommand.deleteTree(work.resolve(owned));
      }
      GeneratorOptions options = GeneratorOptions.demo().withStart(WEDNESDAY).withDays(days).withEventsPerDay(eventsPerDay);
      caller.global().progress(String.format("generating %d days of about %,d events into %s", days, eventsPerDay, landing));
      new EnterpriseGenerator(options).generate(landing, work.resolve("truth"));
      List<Map<String, Object>> nights = new ArrayList<>();
      try (Lakehouse lake = caller.global().open(work.resolve("warehouse"))) {
        for (int i = 0; i < days; i++) {
          LocalDate night = WEDNESDAY.plusDays(i);
          long t0 = System.nanoTime();
          Nightly.NightResult r = Nightly.run(lake, landing.toUri().toString(), night, Nightly.Settings.defaults());
          Map<String, Object> n = nightFigures(r, (System.nanoTime() - t0) / 1e9);
          n.put("night", i + 1);
          nights.add(n);
          caller.global().progress(String.format("night %2d %s", i + 1, describe(n)));
        }
      }
      Map<String, Object> early = nights.get(6);
      Map<String, Object> late = nights.get(days - 1);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("events_per_day", eventsPerDay);
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("night_7", early);
      out.put("night_" + days, late);
      out.put("ratio", round((double) late.get("seconds") / (double) early.get("seconds")));
      // One night's time moves by 10-15% from run to run on a shared machine: the same comparison on
      // the median of the five weekday nights around each end says whether a ratio is noise.
      double earlyMedian = medianWeekdaySeconds(nights.subList(0, Math.min(days, 11)), 5);
      double lateMedian = medianWeekdaySeconds(nights, 5);
      out.put("median_weekday_seconds_early", earlyMedian);
      out.put("median_weekday_seconds_late", lateMedian);
      out.put("median_ratio", round(lateMedian / earlyMedian));
      out.put("nights", nights);
      return out;
    }
  }

  /** The median time of the last {@code count} weekday nights of {@code nights}. */
  static double medianWeekdaySeconds(List<Map<String, Object>> nights, int count) {
    List<Double> seconds = new ArrayList<>();
    for (int i = nights.size() - 1; i >= 0 && seconds.size() < count; i--) {
      java.time.DayOfWeek day = ((LocalDate) nights.get(i).get("date")).getDayOfWeek();
      if (day != java.time.DayOfWeek.SATURDAY && day != java.time.DayOfWeek.SUNDAY) {
        seconds.add((double) nights.get(i).get("seconds"));
      }
    }
    java.util.Collections.sort(seconds);
    int n = seconds.size();
    return round(n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2);
  }

  /** A night's time per step. */
  static Map<String, Object> nightFigures(Nightly.NightResult r, double seconds) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("date", r.night());
    n.put("records_read", r.ingest().recordsRead());
    n.put("seconds", round(seconds));
    n.put("ingest_seconds", round(r.ingest().elapsed().toMillis() / 1000.0));
    n.put("features_seconds", round(r.features().stream().mapToLong(f -> f.elapsed().toMillis()).sum() / 1000.0));
    n.put("baselines_seconds", round(r.baselines().elapsed().toMillis() / 1000.0));
    n.put("drift_seconds", round(r.drift().elapsed().toMillis() / 1000.0));
    n.put("detect_seconds", round(r.detect().elapsed().toMillis() / 1000.0));
    n.put("drift_tests", r.drift().tests());
    return n;
  }

  static String describe(Map<String, Object> n) {
    return String.format("%s: %,d records in %.1f s (ingest %.1f, features %.1f, baselines %.1f, drift %.1f, detect %.1f)",
        n.get("date"), n.get("records_read"), n.get("seconds"), n.get("ingest_seconds"), n.get("features_seconds"),
        n.get("baselines_seconds"), n.get("drift_seconds"), n.get("detect_seconds"));
  }

  @Command(name = "scaling", mixinStandardHelpOptions = true,
      description = {"Time the whole nightly pipeline (ingest, features, baselines, drift, detect) on one day of N events,",
          "for each N, each in a new lakehouse on one Spark session (the first size also warms the JVM up). Prints the",
          "time, events per second, the peak heap in use and after GC (sampled; in local mode the driver and the",
          "executors share this one JVM, whose heap is fixed by -Xmx) and the process's peak resident memory."})
  static final class Scaling extends Leaf implements Callable<Integer> {
    @Option(names = "--events", split = ",", defaultValue = "1000000,5000000,10000000",
        description = "Events a day, one run each (default: ${DEFAULT-VALUE}).")
    List<Long> events;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working folder (default: a temporary folder, deleted after).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      List<Map<String, Object>> runs = inFolder(dir, "agentgov-bench-scaling", work -> measure(this, work, events));
      global().print(runs, runs.stream().map(Scaling::line).reduce((a, b) -> a + "\n" + b).orElse(""));
      return 0;
    }

    static String line(Map<String, Object> r) {
      return String.format("%,12d events: %.1f s, %,d events/s, peak heap %.2f GB in use, %.2f GB after GC (max %.2f GB),"
              + " peak RSS %.2f GB; %s", r.get("events"), r.get("seconds"), r.get("events_per_second"),
          (long) r.get("peak_heap_bytes") / 1e9, (long) r.get("peak_heap_after_gc_bytes") / 1e9,
          (long) r.get("max_heap_bytes") / 1e9, (long) r.get("peak_rss_bytes") / 1e9, r.get("steps"));
    }

    static List<Map<String, Object>> measure(Leaf caller, Path work, List<Long> sizes) throws Exception {
      List<Map<String, Object>> runs = new ArrayList<>();
      // A kept --dir holds the lakehouse of an earlier run: its days would all be "already ingested".
      DemoCommand.deleteTree(work.resolve("warehouse"));
      RuntimeOptions runtime = caller.global().runtime(work.resolve("warehouse"));
      try (Lakehouse session = Lakehouse.open(runtime)) {
        for (long events : sizes) {
          Path folder = work.resolve(String.valueOf(events));
          DemoCommand.deleteTree(folder);
          Path landing = folder.resolve("landing").toAbsolutePath();
          caller.global().progress(String.format("generating one day of %,d events into %s", events, landing));
          new EnterpriseGenerator(GeneratorOptions.bench(events)).generate(landing, folder.resolve("truth"));
          LocalDate day = LandingDays.in(landing).get(0);
          // a lakehouse of its own per size, on the one session
          try (Lakehouse lake = Lakehouse.attach(session.spark(), new RuntimeOptions(runtime.master(), runtime.warehouse(),
              runtime.catalog(), "scaling_" + events, runtime.conf()));
               PeakMemory memory = PeakMemory.start()) {
            long t0 = System.nanoTime();
            Nightly.NightResult r = Nightly.run(lake, landing.toUri().toString(), day, Nightly.Settings.defaults());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("events", events);
            run.put("records_read", r.ingest().recordsRead());
            run.put("seconds", round(seconds));
            run.put("events_per_second", Math.round(r.ingest().recordsRead() / seconds));
            run.put("peak_heap_bytes", memory.peakHeapBytes());
            run.put("peak_heap_after_gc_bytes", memory.peakHeapAfterGcBytes());
            run.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
            run.put("peak_rss_bytes", memory.peakRssBytes());
            run.put("steps", nightFigures(r, seconds));
            runs.add(run);
            caller.global().progress(line(run));
          }
          DemoCommand.deleteTree(folder.resolve("landing"));
        }
      }
      return runs;
    }
  }

  /**
   * The peak heap in use while it runs, sampled every 20 ms (a GC's own peak counters are per pool
   * and overstate the whole), and the process's peak resident set (VmHWM, reset at start where
   * Linux allows it).
   */
  static final class PeakMemory implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong peakAfterGc = new java.util.concurrent.atomic.AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakMemory() {
      java.lang.management.MemoryMXBean heap = java.lang.management.ManagementFactory.getMemoryMXBean();
      List<java.lang.management.MemoryPoolMXBean> pools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
          .stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null).toList();
      sampler = new Thread(() -> {
        while (running) {
          // in use: what the collector has not reclaimed yet; after GC: what the last collections kept (the live set)
          peak.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
          peakAfterGc.accumulateAndGet(pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "agentgov-peak-memory");
      sampler.setDaemon(true);
    }

    static PeakMemory start() {
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM (proc(5))
      } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
        // the peak resident set then counts from the process's start
      }
      PeakMemory m = new PeakMemory();
      m.sampler.start();
      return m;
    }

    long peakHeapBytes() {
      return peak.get();
    }

    long peakHeapAfterGcBytes() {
      return peakAfterGc.get();
    }

    long peakRssBytes() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
          }
        }
      } catch (IOException notLinux) {
        // no /proc: not measured
      }
      return -1;
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
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
      Map<String, Object> out = measure(reviews);
      global().print(out, String.format("recalibration statistics on %,d reviewed decisions: one pool %.2f s (verdict %s,"
              + " threshold %s), 100 pools of %,d: %.2f s (one thread, after a warm-up)", reviews, out.get("one_pool_seconds"),
          out.get("verdict"), out.get("recommended_threshold"), reviews / 100, out.get("hundred_pools_seconds")));
      return 0;
    }

    static Map<String, Object> measure(int reviews) {
      java.util.SplittableRandom random = new java.util.SplittableRandom(20261126);
      List<Review> all = new ArrayList<>(reviews);
      for (int i = 0; i < reviews; i++) {
        // overconfident: logit(c) ~ N(3.5, 2), right with probability 0.5 + 0.5 (c - 0.5)
        double c = 1 / (1 + Math.exp(-(3.5 + 2 * random.nextGaussian())));
        boolean bad = random.nextDouble() >= 0.5 + 0.5 * (c - 0.5);
        all.add(new Review(c, bad, "random", 0.05, "random"));
      }
      PoolKey pool = new PoolKey("bench", "payment", 2);
      // one untimed warm-up on a tenth, so the figures are not the JIT's
      PoolAnalysis.analyse(pool, all.subList(0, reviews / 10), 0.02, 0.05, 0.8);
      long t0 = System.nanoTime();
      PoolResult one = PoolAnalysis.analyse(pool, all, 0.02, 0.05, 0.8);
      double oneSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      int pools = 100;
      int per = reviews / pools;
      for (int p = 0; p < pools; p++) {
        PoolAnalysis.analyse(pool, all.subList(p * per, (p + 1) * per), 0.02, 0.05, 0.8);
      }
      double manySeconds = (System.nanoTime() - t1) / 1e9;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("reviews", reviews);
      out.put("one_pool_seconds", round(oneSeconds));
      out.put("hundred_pools_seconds", round(manySeconds));
      out.put("verdict", one.recommendation().verdict());
      out.put("recommended_threshold", one.recommendation().recommendedThreshold());
      out.put("cores", Runtime.getRuntime().availableProcessors());
      return out;
    }
  }

  static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}

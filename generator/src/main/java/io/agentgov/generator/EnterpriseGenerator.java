package io.agentgov.generator;

import io.agentgov.contract.ReasonCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Generates a synthetic enterprise as input contract v1 files ({@code landing/}) together with
 * the ground truth of what was planted in them ({@code truth/}). Deterministic: the same options
 * (threads aside) give byte-identical files.
 *
 * <p>Each day is cut into chunks of at most 250,000 events; chunks run in parallel on
 * {@code threads} threads, each with its own random stream and its own output files, and their
 * results are merged in day and chunk order. Lines bound for a later day's folder (late events,
 * duplicates, second copies of conflicts) are written to that day's {@code replay-000.jsonl}.
 */
public final class EnterpriseGenerator {
  private final GeneratorOptions options;

  public EnterpriseGenerator(GeneratorOptions options) {
    this.options = options;
  }

  /** Writes landing/ and truth/; returns what it wrote. Both folders must be absent or empty. */
  public GenerationSummary generate(Path landing, Path truth) throws IOException {
    long t0 = System.nanoTime();
    requireEmpty(landing);
    requireEmpty(truth);
    Files.createDirectories(landing);
    Files.createDirectories(truth);
    Enterprise ent = EnterpriseBuilder.build(options);
    DayPlan[] plans = DayPlan.all(ent);
    List<Ledger.FileEntry> files = new ArrayList<>();
    List<Ledger.Dirt> dirt = new ArrayList<>();
    List<Ledger.Review> reviews = new ArrayList<>();
    AgentStats stats = new AgentStats(ent.agents.size());
    Map<LocalDate, Manifest.Counts> days = new TreeMap<>();
    Map<LocalDate, List<Ledger.Carry>> carries = new TreeMap<>();
    long lateEvents = 0;
    for (Policy p : ent.policies) {
      Path file = landing.resolve("policies/" + p.fileName);
      Files.createDirectories(file.getParent());
      byte[] yaml = p.yaml.getBytes(StandardCharsets.UTF_8);
      Files.write(file, yaml);
      Ledger.FileEntry entry = new Ledger.FileEntry("policies/" + p.fileName, "policy", null);
      entry.lines = p.yaml.lines().count();
      entry.bytes = yaml.length;
      files.add(entry);
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
    try {
      List<List<Future<ChunkGenerator.Result>>> futures = new ArrayList<>();
      for (DayPlan plan : plans) {
        List<Future<ChunkGenerator.Result>> day = new ArrayList<>();
        for (int c = 0; c < plan.chunks; c++) {
          day.add(pool.submit(new ChunkGenerator(ent, plan, c, landing)));
        }
        futures.add(day);
      }
      for (DayPlan plan : plans) {
        Manifest.Counts counts = days.computeIfAbsent(plan.day, d -> new Manifest.Counts());
        for (Future<ChunkGenerator.Result> f : futures.get(plan.dayIndex)) {
          ChunkGenerator.Result res = get(f);
          files.addAll(res.files);
          res.files.forEach(counts::add);
          dirt.addAll(res.dirt);
          reviews.addAll(res.reviews);
          stats.merge(res.stats);
          counts.eventsGenerated += res.events;
          lateEvents += res.lateOut;
          for (Ledger.Carry c : res.carries) {
            carries.computeIfAbsent(c.arrival(), d -> new ArrayList<>()).add(c);
          }
        }
        List<Ledger.Carry> arriving = carries.remove(plan.day);
        if (arriving != null) {
          Ledger.FileEntry replay = replay(landing, plan.day, arriving, dirt);
          files.add(replay);
          counts.add(replay);
          counts.lateArrived += arriving.stream().filter(c -> c.kind().equals("late")).count();
        }
        Ledger.FileEntry registry = Snapshots.writeLines(landing, "registry/" + plan.day + ".jsonl", "registry",
            plan.day, Snapshots.registry(ent, plan.day));
        Ledger.FileEntry people = Snapshots.writeLines(landing, "people/" + plan.day + ".jsonl", "people", plan.day,
            Snapshots.people(ent, plan.day));
        files.add(registry);
        files.add(people);
        counts.add(registry);
        counts.add(people);
      }
    } finally {
      pool.shutdownNow();
    }
    if (!carries.isEmpty()) {
      throw new IllegalStateException("Cannot place lines bound for " + carries.keySet() + ": after the last day");
    }
    for (Ledger.FileEntry f : Snapshots.reviews(landing, reviews)) {
      files.add(f);
      days.computeIfAbsent(f.landingDay, d -> new Manifest.Counts()).add(f);
    }
    Manifest.Counts total = new Manifest.Counts();
    for (Ledger.FileEntry f : files) {
      total.add(f);
    }
    days.values().forEach(c -> total.eventsGenerated += c.eventsGenerated);
    days.values().forEach(c -> total.lateArrived += c.lateArrived);

    List<Faults.Fault> faults = Faults.derive(ent, stats);
    writeJsonLines(truth.resolve("faults.jsonl"), faults.stream().map(Faults.Fault::toMap).toList());
    writeJsonLines(truth.resolve("dirt.jsonl"), dirt.stream().map(EnterpriseGenerator::dirtMap).toList());
    writeJsonLines(truth.resolve("agents.jsonl"), ent.agents.stream().map(a -> {
      Map<String, Object> m = a.describe();
      m.put("events", stats.count(a.index, AgentStats.Stat.EVENTS));
      m.put("events_executed", stats.count(a.index, AgentStats.Stat.EXECUTED));
      m.put("reviews", stats.count(a.index, AgentStats.Stat.REVIEWS));
      return m;
    }).toList());
    writeJsonLines(truth.resolve("units.jsonl"), ent.units.stream().map(u -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("business_unit", u.id());
      m.put("name", u.spec.name());
      m.put("maturity", u.maturity.wire());
      m.put("review_programme", u.maturity.reviews.name().toLowerCase(java.util.Locale.ROOT));
      m.put("agents", u.agents.stream().filter(a -> a.registered).count());
      m.put("shadow_agents", u.agents.stream().filter(a -> !a.registered).count());
      m.put("utc_offset_minutes", u.spec.offsetMinutes());
      return m;
    }).toList());
    Manifest.write(truth, ent, files, days, total, lateEvents, dirt.size(), faults.size());

    List<GenerationSummary.Day> summaryDays = new ArrayList<>();
    for (Map.Entry<LocalDate, Manifest.Counts> e : days.entrySet()) {
      Manifest.Counts c = e.getValue();
      summaryDays.add(new GenerationSummary.Day(e.getKey(), c.eventsGenerated, c.jsonlLines, c.otelEventSpans,
          c.otelOtherSpans, c.stored, c.duplicate, c.quarantinedTotal(), c.lateArrived));
    }
    long landingFiles = files.size();
    long bytes = files.stream().mapToLong(f -> f.bytes).sum();
    return new GenerationSummary(options, landing, truth, (int) landingFiles, bytes, List.copyOf(summaryDays),
        total.eventsGenerated, total.jsonlLines, total.otelEventSpans, total.otelOtherSpans, total.stored,
        total.duplicate, java.util.Collections.unmodifiableMap(new TreeMap<>(total.quarantined)), lateEvents, dirt.size(), total.reviews, faults.size(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static Map<String, Object> dirtMap(Ledger.Dirt d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", d.file());
    m.put("line", d.line());
    m.put("event_id", d.eventId());
    m.put("kind", d.kind());
    m.put("expected", d.expected());
    m.put("reason_code", d.reasonCode());
    m.put("event_day", d.eventDay().toString());
    m.put("detail", d.detail());
    return m;
  }

  /** Writes the lines that arrive late in {@code day}'s folder, in the order they were produced. */
  private static Ledger.FileEntry replay(Path landing, LocalDate day, List<Ledger.Carry> lines, List<Ledger.Dirt> dirt)
      throws IOException {
    String path = "events/" + day + "/replay-000.jsonl";
    Path file = landing.resolve(path);
    Files.createDirectories(file.getParent());
    Ledger.FileEntry entry = new Ledger.FileEntry(path, "events", day);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (Ledger.Carry c : lines) {
        out.write(c.line());
        out.write('\n');
        entry.lines++;
        entry.bytes += c.line().length + 1;
        switch (c.kind()) {
          case "late" -> entry.stored++;
          case "duplicate" -> entry.duplicate++;
          default -> entry.quarantine(ReasonCode.CONFLICTING_DUPLICATE);
        }
        dirt.add(new Ledger.Dirt(path, entry.lines, c.eventId(), c.kind(), c.expected(),
            c.reason() == null ? null : c.reason().code(), c.detail(), c.eventDay()));
      }
    }
    return entry;
  }

  private static void writeJsonLines(Path file, List<Map<String, Object>> rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (Map<String, Object> row : rows) {
        out.write(Snapshots.MAPPER.writeValueAsBytes(row));
        out.write('\n');
      }
    }
  }

  private static ChunkGenerator.Result get(Future<ChunkGenerator.Result> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Cannot generate: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("Cannot generate a chunk: " + cause, cause);
    }
  }

  private static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IOException("Cannot generate into " + dir + ": not empty");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IOException("Cannot generate into " + dir + ": not a directory");
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "agentgov-generator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

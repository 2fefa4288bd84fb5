package io.agentgov.jobs.compliance;

import io.agentgov.jobs.ingest.SoftwareVersion;
import io.agentgov.jobs.runtime.Lakehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compliance evidence for auditors (EU AI Act, NIST AI RMF, ISO/IEC 42001) for a period, as of an
 * instant: every table is read at the snapshot that was current at that instant (Iceberg time
 * travel), so the same period and as-of give the same result whatever landed since. The clauses
 * are data ({@link ClauseBook}, {@code clauses.yaml}); each is measured by its own
 * {@link ClauseMetric}. The result also carries the manifest of what was read, the integrity check
 * of the period's event days, seeded stratified evidence samples and what the report does not
 * cover. It holds ids and counts only, never an event's input context. Nothing is written.
 */
public final class ComplianceEvidence {
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceEvidence.class);

  /** Default sample sizes: event ids per stratum, and ids per line of a clause's evidence. */
  public static final int SAMPLES_PER_STRATUM = 3;
  public static final int SAMPLES_PER_METRIC = 5;

  /** The clause metrics, keyed by clause id: one class each. */
  static final Map<String, ClauseMetric> METRICS = metrics();

  /**
   * What to report.
   *
   * @param periodStart       first day of the period (UTC)
   * @param periodEnd         last day (inclusive)
   * @param asOf              the knowledge cutoff: tables are read as they stood at this instant
   * @param seed              seeds the evidence samples
   * @param samplesPerStratum event ids per business unit × tier
   * @param samplesPerMetric  sample ids per line of a clause's evidence
   */
  public record Options(LocalDate periodStart, LocalDate periodEnd, Instant asOf, long seed, int samplesPerStratum,
      int samplesPerMetric) {
    public Options {
      Objects.requireNonNull(periodStart, "periodStart");
      Objects.requireNonNull(periodEnd, "periodEnd");
      Objects.requireNonNull(asOf, "asOf");
      if (periodEnd.isBefore(periodStart)) {
        throw new IllegalArgumentException("Cannot report compliance for " + periodStart + " .. " + periodEnd
            + ": the period ends before it starts");
      }
      if (asOf.isBefore(periodStart.atStartOfDay(ZoneOffset.UTC).toInstant())) {
        throw new IllegalArgumentException("Cannot report compliance for " + periodStart + " .. " + periodEnd
            + " as of " + asOf + ": the as-of time is before the period starts, so nothing of it was known then");
      }
      if (samplesPerStratum < 1 || samplesPerStratum > 100 || samplesPerMetric < 1 || samplesPerMetric > 100) {
        throw new IllegalArgumentException("Cannot draw " + samplesPerStratum + " samples per stratum and "
            + samplesPerMetric + " per metric: each must be 1 to 100");
      }
    }

    public static Options of(LocalDate periodStart, LocalDate periodEnd, Instant asOf, long seed) {
      return new Options(periodStart, periodEnd, asOf, seed, SAMPLES_PER_STRATUM, SAMPLES_PER_METRIC);
    }

    public Options withSeed(long newSeed) {
      return new Options(periodStart, periodEnd, asOf, newSeed, samplesPerStratum,
          samplesPerMetric);
    }

    public Options withAsOf(Instant newAsOf) {
      return new Options(periodStart, periodEnd, newAsOf, seed, samplesPerStratum, samplesPerMetric);
    }

    /** The report's configuration hash: the clause file and the sample sizes (period, as-of and seed are printed). */
    public String configHash(ClauseBook book) {
      return Sha256.hex("compliance-evidence/v1 clauses=" + book.sha256() + " samples-per-stratum=" + samplesPerStratum
          + " samples-per-metric=" + samplesPerMetric);
    }
  }

  /**
   * One clause's result.
   *
   * @param inForce  whether its obligation applies in the period
   * @param sentence what the result means, in the framework's own words
   */
  public record ClauseResult(Clause clause, Clause.InForce inForce, Measurement measurement, String sentence) {}

  /**
   * The report's data.
   *
   * @param doesNotCover what the report does not cover: clauses without input, then the general limits
   * @param notes        about the report as a whole, e.g. an as-of before the period end
   */
  public record Result(Options options, List<ClauseResult> clauses, Manifest manifest, IntegrityCheck.Result integrity,
      List<EvidenceSamples.Stratum> samples, List<String> doesNotCover, List<String> notes) {
    public Result {
      clauses = List.copyOf(clauses);
      samples = List.copyOf(samples);
      doesNotCover = List.copyOf(doesNotCover);
      notes = List.copyOf(notes);
    }

    public ClauseResult clause(String id) {
      return clauses.stream().filter(c -> c.clause().id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Unknown clause " + id));
    }

    /** The snapshot id each table was read at (null: no snapshot at the as-of time), by qualified name. */
    public Map<String, Long> snapshotIds() {
      Map<String, Long> out = new LinkedHashMap<>();
      manifest.tables().forEach(t -> out.put(t.table(), t.snapshotId()));
      return out;
    }
  }

  private final Lakehouse lake;
  private final Options options;
  private final ClauseBook book;

  public ComplianceEvidence(Lakehouse lake, Options options) {
    this(lake, options, ClauseBook.load());
  }

  public ComplianceEvidence(Lakehouse lake, Options options, ClauseBook book) {
    this.lake = lake;
    this.options = options;
    this.book = book;
  }

  public Result run() {
    long started = System.nanoTime();
    lake.describe("compliance", "Compliance evidence " + options.periodStart() + " .. " + options.periodEnd()
        + " as of " + options.asOf());
    TablesAsOf tables = new TablesAsOf(lake, options.asOf());
    try (ComplianceInputs in = new ComplianceInputs(tables, options.periodStart(), options.periodEnd(), options.seed(),
        options.samplesPerMetric())) {
      List<ClauseResult> clauses = new ArrayList<>();
      for (Clause clause : book.clauses()) {
        Measurement m = METRICS.get(clause.id()).measure(clause, in);
        clauses.add(new ClauseResult(clause, clause.inForce(options.periodStart(), options.periodEnd()), m,
            book.sentence(clause, m.status())));
      }
      IntegrityCheck.Result integrity = IntegrityCheck.run(in);
      List<EvidenceSamples.Stratum> samples = EvidenceSamples.draw(in, options.samplesPerStratum());
      List<Manifest.IngestConfig> ingest = Manifest.ingestConfigs(in);
      List<Manifest.PolicyVersion> policies = Manifest.policiesInForce(in);
      Manifest manifest = new Manifest(tables.reads(), SoftwareVersion.get(), options.configHash(book), book.sha256(),
          ingest, policies);
      Result result = new Result(options, clauses, manifest, integrity, samples, doesNotCover(), notes());
      LOG.info("compliance evidence {} .. {} as of {}: {} in {} s", options.periodStart(), options.periodEnd(),
          options.asOf(), summary(result), String.format("%.1f", (System.nanoTime() - started) / 1e9));
      return result;
    }
  }

  private List<String> doesNotCover() {
    List<String> out = new ArrayList<>();
    for (Clause c : book.clauses()) {
      if (c.notCovered() != null) {
        out.add(c.id() + " " + c.title() + " (" + c.referenceText() + "): " + c.notCovered());
      }
      if (c.notCoveredPart() != null) {
        out.add(c.id() + " " + c.title() + " (" + c.referenceText() + "), in part: " + c.notCoveredPart());
      }
    }
    out.addAll(book.doesNotCover());
    return out;
  }

  private List<String> notes() {
    List<String> out = new ArrayList<>();
    Instant periodEnd = options.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (options.asOf().isBefore(periodEnd)) {
      out.add("The as-of time " + options.asOf() + " is before the end of the period: the period is covered as far as "
          + "it was known then.");
    }
    return out;
  }

  /** One line for the log: each clause's result and counts, and the integrity verdict. */
  private static String summary(Result r) {
    List<String> parts = new ArrayList<>();
    for (ClauseResult c : r.clauses()) {
      Measurement m = c.measurement();
      parts.add(c.clause().id() + " " + m.status().wire() + (m.value() == null ? ""
          : " " + (m.denominator() == null ? m.numerator() : m.numerator() + "/" + m.denominator())));
    }
    return String.join(", ", parts) + "; integrity " + (r.integrity().intact() ? "intact"
        : "changed " + r.integrity().changedDays());
  }

  private static Map<String, ClauseMetric> metrics() {
    Map<String, ClauseMetric> m = new LinkedHashMap<>();
    m.put("M1", new RecordKeeping());
    m.put("M2", new HumanOversight());
    m.put("M3", new LogRetention());
    m.put("M4", new UseWithinScope());
    m.put("M5", new IncidentReporting());
    m.put("M6", new Inventory());
    m.put("M7", new PeriodicReview());
    m.put("M8", new Decommissioning());
    m.put("M9", new Accountability());
    m.put("M10", new Monitoring());
    m.put("M11", new Recalibration());
    m.put("M12", new LeastPrivilege());
    if (!List.copyOf(m.keySet()).equals(ClauseBook.IDS)) {
      throw new IllegalStateException("The metric classes do not match the clause ids " + ClauseBook.IDS);
    }
    return Map.copyOf(m);
  }
}

package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every governance detector over one night ({@link Night}), advances the finding list from
 * the latest earlier night ({@link FindingLifecycle}) and replaces the night's partition of
 * {@code findings}. Re-running a night replaces its rows; later nights then need re-running too,
 * since each starts from the night before (a backfill runs the range in order).
 */
public final class DetectJob {
  private static final Logger LOG = LoggerFactory.getLogger(DetectJob.class);

  /** The detectors, in the order docs/detectors.md lists them. */
  public static List<Detector> detectors() {
    return List.of(new ShadowAgentDetector(), new DecommissionedActingDetector(), new AbandonedAgentDetector(),
        new SharedCredentialDetector(), new StandingCredentialDetector(), new UnusedPermissionDetector(),
        new ScopeCreepDetector(), new TierViolationDetector(), new OversightViolationDetector(), new SlaBreachDetector(),
        new PrivilegeCascadeDetector(), new AccountabilityGapDetector());
  }

  /**
   * What a night found: findings active per type, transitions tonight, and the spans whose parent is
   * not in the log (broken traces: log gaps).
   */
  public record Result(LocalDate night, long eventsJudged, Map<String, Long> activeByType, long active, long opened,
      long reopened, long resolved, long logGaps, long findingsSnapshotId, Duration elapsed) {
    public String summary() {
      return String.format("detect %s: %,d events judged; %,d findings active (%,d opened, %,d reopened, %,d resolved "
              + "tonight); %,d log gaps; %.1f s", night, eventsJudged, active, opened, reopened, resolved, logGaps,
          elapsed.toMillis() / 1000.0);
    }
  }

  private final Lakehouse lake;
  private final LocalDate night;
  private final DetectOptions options;

  public DetectJob(Lakehouse lake, LocalDate night, DetectOptions options) {
    this.lake = lake;
    this.night = night;
    this.options = options;
  }

  public Result run() {
    Instant started = Instant.now();
    lake.describe("detect-" + night, "agentgov detect " + night);
    try (Night n = Night.load(lake, night, options)) {
      List<Detector> detectors = detectors();
      List<Evidence.Spec> questions = new ArrayList<>();
      detectors.forEach(d -> questions.addAll(d.evidence(n)));
      LOG.info("{}: night loaded in {} ms", night, Duration.between(started, Instant.now()).toMillis());
      Evidence.Found evidence = Evidence.collect(n, questions);
      LOG.info("{}: {} questions answered in {} ms", night, questions.size(), Duration.between(started, Instant.now()).toMillis());
      List<Detection> detections = new ArrayList<>();
      for (Detector d : detectors) {
        List<Detection> found = d.detect(n, evidence);
        LOG.info("{} {}: {} detections", night, d.type().wire(), found.size());
        detections.addAll(found);
      }
      List<Finding> previous = previousNight();
      LOG.info("{}: detectors and previous night done in {} ms", night, Duration.between(started, Instant.now()).toMillis());
      List<Finding> findings = FindingLifecycle.advance(night, previous, detections, Contacts.of(n, detections),
          businessUnits(n, detections), options.quietDays(), options.samples());
      String settings = options.settings(n.policy());
      String runId = "detect-" + night + "-" + UUID.randomUUID();
      List<Row> rows = findings.stream().map(f -> FindingRows.toRow(f, settings, runId)).toList();
      long snapshot = lake.overwrite(Tables.FINDINGS,
          lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(Tables.FINDINGS)),
          col("detect_date").equalTo(lit(night)));
      Map<String, Long> activeByType = new TreeMap<>();
      findings.stream().filter(f -> f.status().active()).forEach(f -> activeByType.merge(f.type().wire(), 1L, Long::sum));
      Result result = new Result(night, n.verdicts().count(), activeByType,
          findings.stream().filter(f -> f.status().active()).count(),
          findings.stream().filter(f -> f.status() == Finding.Status.OPEN && night.equals(f.openedOn())).count(),
          findings.stream().filter(f -> f.status() == Finding.Status.REOPENED && night.equals(f.statusSince())).count(),
          findings.stream().filter(f -> f.status() == Finding.Status.RESOLVED && night.equals(f.statusSince())).count(),
          logGaps(n), snapshot, Duration.between(started, Instant.now()));
      LOG.info(result.summary());
      return result;
    }
  }

  /** The findings of the latest night before this one; empty before the first. */
  private List<Finding> previousNight() {
    if (lake.currentSnapshotId(Tables.FINDINGS) == null) {
      return List.of();
    }
    Dataset<Row> findings = lake.read(Tables.FINDINGS);
    Row latest = findings.where(col("detect_date").lt(lit(night))).agg(max("detect_date")).first();
    if (latest.isNullAt(0)) {
      return List.of();
    }
    return findings.where(col("detect_date").equalTo(lit(latest.<LocalDate>getAs(0)))).collectAsList().stream()
        .map(FindingRows::fromRow).toList();
  }

  private static Map<String, String> businessUnits(Night n, List<Detection> detections) {
    Map<String, String> units = new TreeMap<>();
    for (Detection d : detections) {
      RegistryEntry e = n.registry().asOf(d.agentId(), n.night());
      if (e != null && e.businessUnit() != null) {
        units.put(d.agentId(), e.businessUnit());
      }
    }
    return units;
  }

  /**
   * Spans whose parent span is neither among tonight's events nor among the stored events of their
   * day and the day before: a gap in the log (a trace crossing midnight finds its parent there).
   */
  private long logGaps(Night n) {
    Dataset<Row> children = n.verdicts().where(col("parent_span_id").isNotNull())
        .select(col("trace_id"), col("parent_span_id"), col("event_date"));
    Row span = children.agg(org.apache.spark.sql.functions.min("event_date")).first();
    if (span.isNullAt(0)) {
      return 0;
    }
    Dataset<Row> spans = lake.readAt(Tables.EVENTS, n.eventsSnapshotId())
        .where(col("event_date").geq(lit(span.<LocalDate>getAs(0).minusDays(1))).and(col("event_date").leq(lit(night))))
        .select(col("trace.trace_id").as("p_trace"), col("trace.span_id").as("p_span"));
    return children.join(spans, col("trace_id").equalTo(col("p_trace")).and(col("parent_span_id").equalTo(col("p_span"))),
        "left_anti").agg(count(lit(1))).first().getLong(0);
  }
}

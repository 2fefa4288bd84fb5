package io.agentgov.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Records;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.reference.AgentRecord;
import io.agentgov.contract.reference.PersonRecord;
import io.agentgov.contract.reference.ReviewRecord;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a landing day's reference inputs: registry and people snapshots into their SCD type 2
 * tables, reviews (once per review_id) and policy versions (once per policy_id and version). These
 * inputs are small (thousands of lines a day), so they are parsed on the driver; bad lines go to
 * quarantine like bad events.
 */
final class ReferenceLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);
  private static final StructType AGENT = SparkSchemaUtil.convert(Tables.AGENTS.schema());
  private static final StructType PERSON = SparkSchemaUtil.convert(Tables.PEOPLE.schema());
  private static final StructType REVIEW = SparkSchemaUtil.convert(Tables.REVIEWS.schema());
  private static final StructType POLICY = SparkSchemaUtil.convert(Tables.POLICIES.schema());

  private final Lakehouse lake;
  private final LocalDate day;
  private final String runId;
  private final Instant at;
  private final QuarantineRows.Places places;
  private final Map<String, Long> counts = new TreeMap<>();
  private final List<Row> quarantine = new ArrayList<>();
  private final Redactions redacted = new Redactions();

  ReferenceLoader(Lakehouse lake, LocalDate day, String runId, Instant at, QuarantineRows.Places places) {
    this.lake = lake;
    this.day = day;
    this.runId = runId;
    this.at = at;
    this.places = places;
  }

  /**
   * Counts by input kind and outcome, e.g. {@code registry_versions_opened}, {@code reviews_quarantined};
   * and the secrets redacted from the lines read.
   */
  record Counts(Map<String, Long> asMap, Redactions redacted) {}

  Counts load(List<LandingFile> fresh, IngestedFiles previous, Map<String, Long> snapshots) {
    for (LandingFile file : fresh) {
      switch (file.kind()) {
        case "registry" -> snapshot(file, previous, Tables.AGENTS, "agent_id", AGENT, (json, found) -> {
          AgentRecord a = AgentRecord.parse(json, found);
          return new Keyed(a.agentId(), a.contentHash(), agentRow(a));
        }, snapshots);
        case "people" -> snapshot(file, previous, Tables.PEOPLE, "person_id", PERSON, (json, found) -> {
          PersonRecord p = PersonRecord.parse(json, found);
          return new Keyed(p.personId(), p.contentHash(), personRow(p));
        }, snapshots);
        default -> { }
      }
    }
    reviews(fresh.stream().filter(f -> f.kind().equals("reviews")).toList(), snapshots);
    policies(fresh.stream().filter(f -> f.kind().equals("policies")).toList(), snapshots);
    if (!quarantine.isEmpty()) {
      snapshots.put(Tables.QUARANTINE.name(),
          lake.append(Tables.QUARANTINE, lake.spark().createDataFrame(quarantine, QuarantineRows.QUARANTINE)));
    }
    return new Counts(counts, redacted);
  }

  // ------------------------------------------------------------------------------ SCD2 snapshots

  /** A validated reference line: its key, content hash and attribute values by column. */
  private record Keyed(String key, String hash, Map<String, Object> attributes) {}

  @FunctionalInterface
  private interface LineParser {
    Keyed parse(JsonNode json, Redactions redacted) throws ContractViolation;
  }

  private void snapshot(LandingFile file, IngestedFiles previous, TableDefinition table, String keyColumn, StructType type,
                        LineParser parser, Map<String, Long> snapshots) {
    String kind = file.kind();
    LocalDate latest = previous.latestSnapshotDay(kind);
    if (latest != null && day.isBefore(latest)) {
      LOG.warn("{} snapshot of {} not applied: {} history is built in date order and {} is already loaded",
          kind, day, table.name(), latest);
      counts.merge(kind + "_snapshots_out_of_order", 1L, Long::sum);
      return;
    }
    Map<String, Keyed> snapshot = new LinkedHashMap<>();
    for (Line line : lines(file)) {
      Redactions found = new Redactions();
      try {
        Keyed keyed = parser.parse(EventFileReader.parse(line.bytes(), line.bytes().length), found);
        Keyed earlier = snapshot.putIfAbsent(keyed.key(), keyed);
        if (earlier != null && !earlier.hash().equals(keyed.hash())) {
          throw new ContractViolation(ReasonCode.CONFLICTING_DUPLICATE, keyColumn, keyColumn + " " + keyed.key()
              + " appears twice in this snapshot with different content; the first line is kept");
        }
      } catch (ContractViolation violation) {
        found = new Redactions(); // the parsed record is not stored; its raw text is, and is counted
        quarantine.add(QuarantineRows.of(places.line(kind, file.relative(), line.number()), null, violation, line.text(),
            found));
        counts.merge(kind + "_quarantined", 1L, Long::sum);
      }
      redacted.addAll(found);
    }
    Map<String, String> current = new HashMap<>();
    for (Row r : lake.read(table).filter(col("is_current")).select(keyColumn, "row_hash").collectAsList()) {
      current.put(r.getString(0), r.getString(1));
    }
    List<Row> staged = new ArrayList<>();
    // Close rows carry only the key, so every column of the staged rows is nullable.
    StructType stagedType = new StructType(java.util.Arrays.stream(type.fields()).map(f -> f.copy(f.name(), f.dataType(),
        true, f.metadata())).toArray(org.apache.spark.sql.types.StructField[]::new)).add("op", "string");
    long opened = 0;
    long closed = 0;
    for (Keyed k : snapshot.values()) {
      String was = current.get(k.key());
      if (was == null || !was.equals(k.hash())) {
        RowMaker row = RowMaker.of(stagedType).set("op", "open").set("valid_from", day).set("is_current", true)
            .set("row_hash", k.hash()).set("run_id", runId);
        k.attributes().forEach(row::set);
        staged.add(row.build());
        opened++;
      }
    }
    for (Map.Entry<String, String> c : current.entrySet()) {
      Keyed now = snapshot.get(c.getKey());
      if (now == null || !now.hash().equals(c.getValue())) {
        staged.add(RowMaker.of(stagedType).set("op", "close").set(keyColumn, c.getKey()).build());
        closed++;
      }
    }
    counts.merge(kind + "_rows", (long) snapshot.size(), Long::sum);
    counts.merge(kind + "_versions_opened", opened, Long::sum);
    counts.merge(kind + "_versions_closed", closed, Long::sum);
    if (staged.isEmpty()) {
      return;
    }
    String view = "agentgov_scd2_" + table.name();
    lake.spark().createDataFrame(staged, stagedType).createOrReplaceTempView(view);
    String columns = String.join(", ", type.fieldNames());
    String values = String.join(", ", java.util.Arrays.stream(type.fieldNames()).map(c -> "s." + c).toList());
    lake.describe("scd2", "agentgov ingest " + day + ": " + table.name() + " history");
    // One MERGE commits closes and opens together: the table never shows an agent twice current.
    lake.spark().sql("MERGE INTO " + lake.name(table) + " t USING " + view + " s "
        + "ON t." + keyColumn + " = s." + keyColumn + " AND t.is_current AND s.op = 'close' "
        + "WHEN MATCHED THEN UPDATE SET t.valid_to = DATE '" + day + "', t.is_current = false "
        + "WHEN NOT MATCHED AND s.op = 'open' THEN INSERT (" + columns + ") VALUES (" + values + ")");
    snapshots.put(table.name(), lake.currentSnapshotId(table));
  }

  private static Map<String, Object> agentRow(AgentRecord a) {
    Map<String, Object> m = new HashMap<>();
    m.put("agent_id", a.agentId());
    m.put("name", a.name());
    m.put("purpose", a.purpose());
    m.put("business_unit", a.businessUnit());
    m.put("owner_id", a.ownerId());
    m.put("sponsor_id", a.sponsorId());
    m.put("technical_owner_id", a.technicalOwnerId());
    m.put("status", a.status());
    m.put("created_at", a.createdAt());
    m.put("decommissioned_at", a.decommissionedAt());
    m.put("last_review_at", a.lastReviewAt());
    m.put("governance_review_passed", a.governanceReviewPassed());
    m.put("deployed_via_pipeline", a.deployedViaPipeline());
    StructType permission = RowMaker.struct(AGENT, "declared_scope");
    m.put("declared_scope", permissions(permission, a.declaredScope()));
    m.put("granted_permissions", permissions(permission, a.grantedPermissions()));
    StructType credential = RowMaker.struct(AGENT, "credentials");
    m.put("credentials", a.credentials() == null ? null : a.credentials().stream().map(c -> RowMaker.of(credential)
        .set("id", c.id()).set("kind", c.kind()).set("created_at", c.createdAt()).set("expires_at", c.expiresAt())
        .set("revoked_at", c.revokedAt()).build()).toArray());
    Records.Model model = a.model();
    m.put("model", model == null ? null : RowMaker.of(RowMaker.struct(AGENT, "model")).set("provider", model.provider())
        .set("name", model.name()).set("version", model.version()).build());
    m.put("escalation_policy_id", a.escalationPolicyId());
    m.put("eu_risk_class", a.euRiskClass());
    m.put("eu_role", a.euRole());
    StructType change = RowMaker.struct(AGENT, "scope_changes");
    m.put("scope_changes", a.scopeChanges() == null ? null : a.scopeChanges().stream().map(c -> RowMaker.of(change)
        .set("changed_at", c.changedAt()).set("reviewed_by", c.reviewedBy()).set("change", c.change()).build()).toArray());
    m.put("extras", a.extras() == null || a.extras().isEmpty() ? null : RowMaker.map(a.extras()));
    return m;
  }

  private static Object[] permissions(StructType type, List<Records.Permission> permissions) {
    return permissions == null ? null : permissions.stream()
        .map(p -> RowMaker.of(type).set("action_type", p.actionType()).set("target_system", p.targetSystem()).build())
        .toArray();
  }

  private static Map<String, Object> personRow(PersonRecord p) {
    Map<String, Object> m = new HashMap<>();
    m.put("person_id", p.personId());
    m.put("display_name", p.displayName());
    m.put("business_unit", p.businessUnit());
    m.put("role", p.role());
    m.put("status", p.status());
    m.put("departed_at", p.departedAt());
    m.put("extras", p.extras() == null || p.extras().isEmpty() ? null : RowMaker.map(p.extras()));
    return m;
  }

  // ------------------------------------------------------------------------------------- reviews

  private void reviews(List<LandingFile> files, Map<String, Long> snapshots) {
    Map<String, ReviewRecord> batch = new LinkedHashMap<>();
    Map<String, Row> rows = new LinkedHashMap<>();
    for (LandingFile file : files) {
      for (Line line : lines(file)) {
        Redactions found = new Redactions();
        try {
          ReviewRecord review = ReviewRecord.parse(EventFileReader.parse(line.bytes(), line.bytes().length), found);
          ReviewRecord earlier = batch.putIfAbsent(review.reviewId(), review);
          if (earlier == null) {
            rows.put(review.reviewId(), reviewRow(review, file, line.number()));
          } else if (earlier.contentHash().equals(review.contentHash())) {
            counts.merge("reviews_duplicates", 1L, Long::sum);
          } else {
            throw new ContractViolation(ReasonCode.CONFLICTING_DUPLICATE, "review_id", "review_id " + review.reviewId()
                + " appears twice in this landing with different content; the first copy is kept");
          }
        } catch (ContractViolation violation) {
          found = new Redactions(); // as for registry lines: the raw text is what is stored
          quarantine.add(QuarantineRows.of(places.line("reviews", file.relative(), line.number()), null, violation,
              line.text(), found));
          counts.merge("reviews_quarantined", 1L, Long::sum);
        }
        redacted.addAll(found);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    // Reviews already stored: same content is a duplicate, different content a conflict.
    Dataset<Row> stored = lake.read(Tables.REVIEWS).filter(col("review_id").isin(batch.keySet().toArray()));
    for (Row s : stored.collectAsList()) {
      String id = s.getAs("review_id");
      ReviewRecord incoming = batch.get(id);
      Row row = rows.remove(id);
      boolean same = incoming.eventId().equals(s.getAs("event_id")) && incoming.verdict().equals(s.getAs("verdict"))
          && incoming.reviewedAt().equals(s.getAs("reviewed_at")) && incoming.reviewerId().equals(s.getAs("reviewer_id"));
      if (same) {
        counts.merge("reviews_duplicates", 1L, Long::sum);
      } else {
        quarantine.add(QuarantineRows.of(places.line("reviews", row.getAs("source_file"), row.<Long>getAs("source_line")),
            id, ReasonCode.CONFLICTING_DUPLICATE, "review_id", "review_id " + id
                + " is already stored with different content; the stored review stays", incoming.canonicalJson(),
            redacted));
        counts.merge("reviews_quarantined", 1L, Long::sum);
      }
    }
    counts.merge("reviews_stored", (long) rows.size(), Long::sum);
    if (!rows.isEmpty()) {
      snapshots.put(Tables.REVIEWS.name(),
          lake.append(Tables.REVIEWS, lake.spark().createDataFrame(new ArrayList<>(rows.values()), REVIEW)));
    }
  }

  private Row reviewRow(ReviewRecord r, LandingFile file, long line) {
    return RowMaker.of(REVIEW).set("review_id", r.reviewId()).set("event_id", r.eventId()).set("reviewer_id", r.reviewerId())
        .set("reviewed_at", r.reviewedAt()).set("verdict", r.verdict()).set("sample_design", r.sampleDesign())
        .set("inclusion_probability", r.inclusionProbability()).set("stratum", r.stratum())
        .set("extras", r.extras() == null || r.extras().isEmpty() ? null : RowMaker.map(r.extras()))
        .set("source_file", file.relative()).set("source_line", line).set("landing_date", day).set("run_id", runId)
        .build();
  }

  // ------------------------------------------------------------------------------------ policies

  /**
   * Stores the versions not stored yet. The files were checked before anything was written
   * ({@link PolicyFiles#check}): each parses, and a stored version is never landed with other rules.
   */
  private void policies(List<LandingFile> files, Map<String, Long> snapshots) {
    if (files.isEmpty()) {
      return;
    }
    Set<String> stored = new HashSet<>();
    for (Row r : lake.read(Tables.POLICIES).select("policy_id", "version").collectAsList()) {
      stored.add(r.getString(0) + "@" + r.getString(1));
    }
    PolicyFiles parsed = PolicyFiles.parse(files, lake.spark().sparkContext().hadoopConfiguration());
    List<Row> rows = new ArrayList<>();
    for (LandingFile file : files) {
      EscalationPolicy policy = parsed.policy(file);
      if (!stored.add(policy.policyId() + "@" + policy.version())) {
        counts.merge("policies_unchanged", 1L, Long::sum);
        continue;
      }
      rows.add(RowMaker.of(POLICY).set("policy_id", policy.policyId()).set("version", policy.version())
          .set("effective_from", policy.effectiveFrom()).set("document", policy.canonicalJson())
          .set("rule_count", policy.rules().size()).set("source_file", file.relative()).set("source_sha256", file.sha256())
          .set("run_id", runId).set("loaded_at", at).build());
      counts.merge("policies_loaded", 1L, Long::sum);
    }
    if (!rows.isEmpty()) {
      snapshots.put(Tables.POLICIES.name(), lake.append(Tables.POLICIES, lake.spark().createDataFrame(rows, POLICY)));
    }
  }

  // --------------------------------------------------------------------------------------- files

  private record Line(long number, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private List<Line> lines(LandingFile file) {
    List<Line> lines = new ArrayList<>();
    try (InputStream in = open(file)) {
      LineReader reader = new LineReader(in, Integer.MAX_VALUE - 8);
      while (reader.next()) {
        if (!reader.blank()) {
          lines.add(new Line(reader.lineNumber(), java.util.Arrays.copyOf(reader.bytes(), reader.length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.relative() + ": " + e.getMessage(), e);
    }
    return lines;
  }

  private InputStream open(LandingFile file) throws IOException {
    Path path = new Path(file.uri());
    InputStream in = path.getFileSystem(lake.spark().sparkContext().hadoopConfiguration()).open(path);
    return file.gzipped() ? new GZIPInputStream(in) : in;
  }

}

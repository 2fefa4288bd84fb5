package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What a compliance report was computed from, so that it can be reproduced and checked: every table
 * read with the snapshot current at the as-of instant (id, commit time, rows), the software version
 * and configuration hash of the report and of the ingest runs behind the period, and the policy
 * versions in force in the period.
 *
 * @param configHash SHA-256 of the report's configuration: the clause file and the sample sizes
 */
public record Manifest(List<TableRead> tables, String softwareVersion, String configHash, String clausesSha256,
    List<IngestConfig> ingestRuns, List<PolicyVersion> policies) {

  /**
   * One table as the report read it.
   *
   * @param snapshotId  the snapshot current at the as-of instant; null when the table had none then
   * @param committedAt when that snapshot was committed; null with it
   * @param rows        rows at that snapshot (0 without one)
   */
  public record TableRead(String table, Long snapshotId, Instant committedAt, long rows) {}

  /** Ingest runs of the period's landing days that share a software version and configuration hash. */
  public record IngestConfig(String softwareVersion, String configHash, long runs, LocalDate firstLandingDay,
      LocalDate lastLandingDay) {}

  /**
   * A policy version in force on some day of the period: from {@code effectiveFrom} until the next
   * version's (exclusive; null while it is the latest).
   */
  public record PolicyVersion(String policyId, String version, LocalDate effectiveFrom, LocalDate supersededOn,
      String sourceSha256) {}

  public Manifest {
    tables = List.copyOf(tables);
    ingestRuns = List.copyOf(ingestRuns);
    policies = List.copyOf(policies);
  }

  static List<IngestConfig> ingestConfigs(ComplianceInputs in) {
    List<IngestConfig> out = new ArrayList<>();
    for (Row r : in.read(Tables.INGEST_RUNS).where(in.inPeriod("landing_date"))
        .groupBy("software_version", "config_hash")
        .agg(count(lit(1)), min("landing_date"), max("landing_date"))
        .orderBy(col("min(landing_date)"), col("software_version"), col("config_hash")).collectAsList()) {
      out.add(new IngestConfig(r.getString(0), r.getString(1), r.getLong(2), ComplianceInputs.date(r.get(3)),
          ComplianceInputs.date(r.get(4))));
    }
    return out;
  }

  static List<PolicyVersion> policiesInForce(ComplianceInputs in) {
    Map<String, List<Row>> byPolicy = new TreeMap<>();
    for (Row r : in.read(Tables.POLICIES).select("policy_id", "version", "effective_from", "source_sha256")
        .collectAsList()) {
      byPolicy.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
    }
    List<PolicyVersion> out = new ArrayList<>();
    byPolicy.forEach((policy, versions) -> {
      versions.sort(Comparator.comparing((Row r) -> ComplianceInputs.date(r.get(2))).thenComparing(r -> r.getString(1)));
      for (int i = 0; i < versions.size(); i++) {
        LocalDate from = ComplianceInputs.date(versions.get(i).get(2));
        LocalDate until = i + 1 < versions.size() ? ComplianceInputs.date(versions.get(i + 1).get(2)) : null;
        if (!from.isAfter(in.end) && (until == null || until.isAfter(in.start))) {
          out.add(new PolicyVersion(policy, versions.get(i).getString(1), from, until, versions.get(i).getString(3)));
        }
      }
    });
    return out;
  }
}

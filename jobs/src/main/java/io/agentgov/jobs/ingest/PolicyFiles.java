package io.agentgov.jobs.ingest;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicySet;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The escalation policies of a landing folder ({@code policies/*.yaml}), checked as configuration
 * before an ingest writes anything: every file parses ({@link EscalationPolicy}: gaps and overlaps
 * between tiers included), and the files together with the versions already stored form one
 * {@link PolicySet} (a version is never redefined with other rules, no two versions of a policy take
 * effect on the same day). A problem fails the ingest with one line naming the file and is not
 * quarantined: a policy is configuration, not a record, and a run that went on without it would
 * judge the day's events against rules nobody meant (docs/ingest.md, "Policies").
 */
final class PolicyFiles {
  private final Map<String, EscalationPolicy> byFile;

  private PolicyFiles(Map<String, EscalationPolicy> byFile) {
    this.byFile = byFile;
  }

  /** Parses the policy files among {@code files} (a day's scan) and checks them as one set; reads no table. */
  static PolicyFiles parse(List<LandingFile> files, Configuration conf) {
    Map<String, EscalationPolicy> byFile = new LinkedHashMap<>();
    for (LandingFile file : files) {
      if (file.kind().equals("policies")) {
        try {
          byFile.put(file.relative(), EscalationPolicy.parse(text(file, conf), file.relative()));
        } catch (ContractViolation violation) {
          throw refused(violation, file.uri());
        }
      }
    }
    setOf(new ArrayList<>(byFile.values()));
    return new PolicyFiles(byFile);
  }

  /** {@link #parse}, then checked with the versions the policies table holds (if it exists: nothing is created). */
  static PolicyFiles check(Lakehouse lake, List<LandingFile> files, Configuration conf) {
    PolicyFiles landed = parse(files, conf);
    if (landed.byFile.isEmpty()) {
      return landed;
    }
    List<EscalationPolicy> all = new ArrayList<>();
    lake.readIfExists(Tables.POLICIES).ifPresent(table -> {
      for (Row r : table.select("document", "policy_id", "version", "source_file").collectAsList()) {
        String source = "the policies table (" + r.getString(1) + " " + r.getString(2) + ", loaded from " + r.getString(3) + ")";
        try {
          all.add(EscalationPolicy.parse(r.getString(0), source));
        } catch (ContractViolation violation) {
          throw new IllegalStateException(violation.getMessage() + "; the version was stored before this check existed:"
              + " correct it in the policies table (docs/contract.md, gaps and overlaps between tiers)", violation);
        }
      }
    });
    all.addAll(landed.byFile.values()); // stored versions first: a landed file that redefines one is the one named
    setOf(all);
    return landed;
  }

  /** The policy parsed from a landing file (by its path relative to the landing root). */
  EscalationPolicy policy(LandingFile file) {
    return byFile.get(file.relative());
  }

  private static void setOf(List<EscalationPolicy> policies) {
    try {
      PolicySet.of(policies);
    } catch (ContractViolation violation) {
      throw refused(violation, null);
    }
  }

  private static IllegalArgumentException refused(ContractViolation violation, String uri) {
    return new IllegalArgumentException(violation.getMessage() + "; a policy is configuration: fix or remove "
        + (uri == null ? "the file" : uri) + " and run the ingest again (nothing was ingested)", violation);
  }

  private static String text(LandingFile file, Configuration conf) {
    Path path = new Path(file.uri());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file.relative() + ": " + e.getMessage(), e);
    }
  }
}

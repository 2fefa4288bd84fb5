package io.agentgov.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.contract.Records.Permission;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small daily files: full registry and people snapshots ({@code registry/<day>.jsonl},
 * {@code people/<day>.jsonl}) and human reviews ({@code reviews/<day>/<unit>.jsonl}). Written with
 * Jackson from ordered maps, so key order is fixed.
 */
final class Snapshots {
  private Snapshots() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  static String time(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  static String time(long millis, int offsetMinutes) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** Writes JSON Lines and returns the ledger entry. */
  static Ledger.FileEntry writeLines(Path landing, String path, String kind, LocalDate day, List<Map<String, Object>> rows)
      throws IOException {
    Path file = landing.resolve(path);
    Files.createDirectories(file.getParent());
    Ledger.FileEntry entry = new Ledger.FileEntry(path, kind, day);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (Map<String, Object> row : rows) {
        byte[] b = MAPPER.writeValueAsBytes(row);
        out.write(b);
        out.write('\n');
        entry.bytes += b.length + 1;
        entry.lines++;
      }
    }
    return entry;
  }

  private static List<Map<String, String>> permissions(List<Permission> list) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Permission p : list) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("action_type", p.actionType());
      m.put("target_system", p.targetSystem());
      out.add(m);
    }
    return out;
  }

  static List<Map<String, Object>> registry(Enterprise ent, LocalDate day) {
    List<Map<String, Object>> rows = new ArrayList<>();
    long dayEnd = Agent.startOfDay(day) + Agent.DAY_MS;
    for (Agent a : ent.agents) {
      if (!a.listedOn(day)) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("agent_id", a.id);
      m.put("name", a.name);
      m.put("purpose", a.purpose);
      m.put("business_unit", a.unit.id());
      m.put("owner_id", Agent.holder(a.owners, day).id);
      m.put("sponsor_id", Agent.holder(a.sponsors, day).id);
      m.put("technical_owner_id", Agent.holder(a.techOwners, day).id);
      String status = a.statusOn(day);
      m.put("status", status);
      m.put("created_at", time(a.createdAtMillis));
      if (status.equals("decommissioned")) {
        m.put("decommissioned_at", time(Agent.startOfDay(a.decommissionDay)));
      }
      long review = a.lastReviewOn(day);
      if (review != Long.MIN_VALUE) {
        m.put("last_review_at", time(review));
      }
      m.put("governance_review_passed", a.governanceReviewPassed);
      m.put("deployed_via_pipeline", a.deployedViaPipeline);
      m.put("declared_scope", permissions(a.declared));
      m.put("granted_permissions", permissions(a.granted));
      List<Map<String, Object>> creds = new ArrayList<>();
      for (Agent.Credential c : a.registryCredentials(day)) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("id", c.id());
        cm.put("kind", c.kind().wire());
        cm.put("created_at", time(c.createdAt()));
        if (c.expiresAt() != Agent.Credential.NONE) {
          cm.put("expires_at", time(c.expiresAt()));
        }
        if (c.revokedAt() != Agent.Credential.NONE) {
          cm.put("revoked_at", time(c.revokedAt()));
        }
        creds.add(cm);
      }
      m.put("credentials", creds);
      Catalog.Model model = a.registryModel(day);
      Map<String, String> mm = new LinkedHashMap<>();
      mm.put("provider", model.provider());
      mm.put("name", model.name());
      mm.put("version", model.version());
      m.put("model", mm);
      m.put("escalation_policy_id", "default");
      m.put("eu_risk_class", a.euRisk.wire());
      m.put("eu_role", a.euRole.wire());
      List<Map<String, Object>> changes = new ArrayList<>();
      for (Agent.ScopeChange c : a.scopeChanges) {
        if (c.atMillis() < dayEnd) {
          Map<String, Object> cm = new LinkedHashMap<>();
          cm.put("changed_at", time(c.atMillis()));
          cm.put("reviewed_by", c.reviewedBy());
          cm.put("change", c.change());
          changes.add(cm);
        }
      }
      m.put("scope_changes", changes);
      m.put("x_cost_center", a.costCenter);
      rows.add(m);
    }
    return rows;
  }

  static List<Map<String, Object>> people(Enterprise ent, LocalDate day) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Person p : ent.people) {
      if (!p.listedOn(day)) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("person_id", p.id);
      m.put("display_name", p.displayName);
      m.put("business_unit", p.unit);
      m.put("role", p.role);
      boolean departed = p.departed != null && !day.isBefore(p.departed);
      m.put("status", departed ? "departed" : "active");
      if (departed) {
        m.put("departed_at", time(p.departedAtMillis));
      }
      rows.add(m);
    }
    return rows;
  }

  /** Review files, one per reviewing unit and day of {@code reviewed_at} (UTC), rows by time. */
  static List<Ledger.FileEntry> reviews(Path landing, List<Ledger.Review> reviews) throws IOException {
    Map<String, List<Ledger.Review>> byFile = new java.util.TreeMap<>();
    for (Ledger.Review r : reviews) {
      LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(r.reviewedAt(), Agent.DAY_MS));
      byFile.computeIfAbsent("reviews/" + day + "/" + r.unit() + ".jsonl", k -> new ArrayList<>()).add(r);
    }
    List<Ledger.FileEntry> out = new ArrayList<>();
    for (Map.Entry<String, List<Ledger.Review>> e : byFile.entrySet()) {
      List<Ledger.Review> list = e.getValue();
      list.sort(Comparator.comparingLong(Ledger.Review::reviewedAt).thenComparing(Ledger.Review::reviewId));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Ledger.Review r : list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("review_id", r.reviewId());
        m.put("event_id", r.eventId());
        m.put("reviewer_id", r.reviewerId());
        m.put("reviewed_at", time(r.reviewedAt(), r.offsetMinutes()));
        m.put("verdict", r.verdict());
        m.put("sample_design", r.design());
        if (!Double.isNaN(r.inclusionProbability())) {
          m.put("inclusion_probability", r.inclusionProbability());
        }
        if (r.stratum() != null) {
          m.put("stratum", r.stratum());
        }
        rows.add(m);
      }
      LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(list.get(0).reviewedAt(), Agent.DAY_MS));
      out.add(writeLines(landing, e.getKey(), "reviews", day, rows));
    }
    return out;
  }
}

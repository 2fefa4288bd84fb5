package io.agentgov.jobs.governance;

import io.agentgov.jobs.runtime.RowValues;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;

/** Reads registry and directory rows (the SCD2 {@code agents} and {@code people} tables) into plain records. */
final class ReferenceRows {
  private ReferenceRows() {}

  /** A person as the directory stood on the night. */
  record Person(String personId, String status, String businessUnit, String role, Instant departedAt)
      implements java.io.Serializable {
    boolean active() {
      return "active".equals(status);
    }
  }

  static RegistryEntry agent(Row r) {
    Row model = r.getAs("model");
    return new RegistryEntry(r.getAs("agent_id"), r.getAs("business_unit"), r.getAs("owner_id"), r.getAs("sponsor_id"),
        r.getAs("technical_owner_id"), r.getAs("status"), r.getAs("created_at"), r.getAs("decommissioned_at"),
        r.getAs("last_review_at"), permissions(r, "declared_scope"), permissions(r, "granted_permissions"),
        RowValues.<Row>list(r, "credentials").stream().map(c -> new RegistryEntry.Credential(c.getAs("id"), c.getAs("kind"),
            c.getAs("created_at"), c.getAs("expires_at"), c.getAs("revoked_at"))).toList(),
        model == null ? null : ModelName.of(model.getAs("provider"), model.getAs("name"), model.getAs("version")),
        r.getAs("escalation_policy_id"),
        RowValues.<Row>list(r, "scope_changes").stream().map(s -> new RegistryEntry.ScopeChange(s.getAs("changed_at"),
            s.getAs("reviewed_by"), s.getAs("change"))).toList(),
        r.getAs("valid_from"), r.getAs("valid_to"));
  }

  static Person person(Row r) {
    return new Person(r.getAs("person_id"), r.getAs("status"), r.getAs("business_unit"), r.getAs("role"),
        r.getAs("departed_at"));
  }

  /** A list of {@code {action_type, target_system}} as permission keys. */
  static Set<String> permissions(Row r, String field) {
    return permissions(RowValues.<Row>list(r, field));
  }

  static Set<String> permissions(List<Row> list) {
    Set<String> keys = new LinkedHashSet<>();
    for (Row p : list) {
      keys.add(RegistryEntry.permission(p.getAs("action_type"), p.getAs("target_system")));
    }
    return keys;
  }
}

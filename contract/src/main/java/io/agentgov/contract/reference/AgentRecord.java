package io.agentgov.contract.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.Records;
import io.agentgov.contract.Vocabulary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of the agent registry export ({@code registry/<yyyy-mm-dd>.jsonl}, input contract v1
 * section 3), validated. Enumerated values are kept in their wire spelling.
 *
 * <p>Required: {@code agent_id}, {@code status}; {@code decommissioned_at} when the status is
 * {@code decommissioned}. Everything else is optional (null when absent) but type- and
 * value-checked when present. A list that is absent stays null, distinct from an empty list (an
 * agent with no declared scope is not an agent whose scope is unknown). Within list elements:
 * permissions need {@code action_type} and {@code target_system}; credentials need {@code id} and
 * {@code kind} and may carry {@code revoked_at}; scope changes need {@code changed_at}.
 *
 * <p>Not checked, on purpose: the order of the lifecycle times and a {@code decommissioned_at} on an
 * agent that is not decommissioned. Rejecting a registry line would drop the agent from that day's
 * snapshot and turn it into a shadow agent; such contradictions are for the detectors to report.
 */
public record AgentRecord(String agentId, String name, String purpose, String businessUnit, String ownerId, String sponsorId,
    String technicalOwnerId, String status, Instant createdAt, Instant decommissionedAt, Instant lastReviewAt,
    Boolean governanceReviewPassed, Boolean deployedViaPipeline, List<Records.Permission> declaredScope,
    List<Records.Permission> grantedPermissions, List<Records.CredentialGrant> credentials, Records.Model model,
    String escalationPolicyId, String euRiskClass, String euRole, List<ScopeChange> scopeChanges, Map<String, String> extras) {

  public AgentRecord {
    declaredScope = ReferenceJson.immutableList(declaredScope);
    grantedPermissions = ReferenceJson.immutableList(grantedPermissions);
    credentials = ReferenceJson.immutableList(credentials);
    scopeChanges = ReferenceJson.immutableList(scopeChanges);
    extras = ReferenceJson.immutableExtras(extras);
  }

  /**
   * Validates one registry line; unknown fields go to {@link #extras()} by dotted path. Secrets in
   * free text ({@code purpose}, scope changes) and extras are replaced by markers, counted in {@code redacted}.
   */
  public static AgentRecord parse(JsonNode line, Redactions redacted) throws ContractViolation {
    JsonObjectReader r = JsonObjectReader.root(line, redacted);
    String agentId = r.requiredString("agent_id");
    String status = r.requiredEnum("status", Vocabulary.AgentStatus.class);
    Instant decommissionedAt = r.optionalTime("decommissioned_at");
    if (decommissionedAt == null && status.equals(Vocabulary.AgentStatus.DECOMMISSIONED.wire())) {
      throw new ContractViolation(ReasonCode.MISSING_FIELD, r.path("decommissioned_at"),
          "missing field " + r.path("decommissioned_at") + ", required when status is decommissioned");
    }
    JsonObjectReader model = r.optionalObject("model");
    AgentRecord record = new AgentRecord(
        agentId,
        r.optionalString("name"),
        r.optionalText("purpose"),
        r.optionalString("business_unit"),
        r.optionalString("owner_id"),
        r.optionalString("sponsor_id"),
        r.optionalString("technical_owner_id"),
        status,
        r.optionalTime("created_at"),
        decommissionedAt,
        r.optionalTime("last_review_at"),
        r.optionalBoolean("governance_review_passed"),
        r.optionalBoolean("deployed_via_pipeline"),
        r.optionalObjectList("declared_scope", Records.Permission::read),
        r.optionalObjectList("granted_permissions", Records.Permission::read),
        r.optionalObjectList("credentials", ReferenceJson::credential),
        model == null ? null : Records.Model.read(model),
        r.optionalString("escalation_policy_id"),
        r.optionalEnum("eu_risk_class", Vocabulary.EuRiskClass.class),
        r.optionalEnum("eu_role", Vocabulary.EuRole.class),
        r.optionalObjectList("scope_changes", ReferenceJson::scopeChange),
        null);
    return record.withExtras(ReferenceJson.extras(r));
  }

  private AgentRecord withExtras(Map<String, String> extras) {
    return new AgentRecord(agentId, name, purpose, businessUnit, ownerId, sponsorId, technicalOwnerId, status, createdAt,
        decommissionedAt, lastReviewAt, governanceReviewPassed, deployedViaPipeline, declaredScope, grantedPermissions,
        credentials, model, escalationPolicyId, euRiskClass, euRole, scopeChanges, extras);
  }

  /**
   * The validated record as canonical JSON: the contract's field names, absent fields left out,
   * times in UTC ({@link Instant#toString()}), list order as given, extras under {@code extras}.
   * Two lines that validate to the same record have the same text, whatever their key order,
   * whitespace or time offsets.
   */
  public String canonicalJson() {
    ObjectNode o = ReferenceJson.object();
    ReferenceJson.put(o, "agent_id", agentId);
    ReferenceJson.put(o, "name", name);
    ReferenceJson.put(o, "purpose", purpose);
    ReferenceJson.put(o, "business_unit", businessUnit);
    ReferenceJson.put(o, "owner_id", ownerId);
    ReferenceJson.put(o, "sponsor_id", sponsorId);
    ReferenceJson.put(o, "technical_owner_id", technicalOwnerId);
    ReferenceJson.put(o, "status", status);
    ReferenceJson.put(o, "created_at", createdAt);
    ReferenceJson.put(o, "decommissioned_at", decommissionedAt);
    ReferenceJson.put(o, "last_review_at", lastReviewAt);
    ReferenceJson.put(o, "governance_review_passed", governanceReviewPassed);
    ReferenceJson.put(o, "deployed_via_pipeline", deployedViaPipeline);
    ReferenceJson.putPermissions(o, "declared_scope", declaredScope);
    ReferenceJson.putPermissions(o, "granted_permissions", grantedPermissions);
    ReferenceJson.putCredentials(o, "credentials", credentials);
    ReferenceJson.putModel(o, "model", model);
    ReferenceJson.put(o, "escalation_policy_id", escalationPolicyId);
    ReferenceJson.put(o, "eu_risk_class", euRiskClass);
    ReferenceJson.put(o, "eu_role", euRole);
    ReferenceJson.putScopeChanges(o, "scope_changes", scopeChanges);
    ReferenceJson.putExtras(o, extras);
    return ReferenceJson.canonical(o);
  }

  /** SHA-256 (lower-case hex) of {@link #canonicalJson()}: every field, extras included. */
  public String contentHash() {
    return io.agentgov.contract.CanonicalJson.sha256Hex(canonicalJson());
  }
}

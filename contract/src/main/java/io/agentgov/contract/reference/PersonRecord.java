package io.agentgov.contract.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.Vocabulary;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the people directory ({@code people/<yyyy-mm-dd>.jsonl}, input contract v1 section
 * 4), validated. Required: {@code person_id}, {@code status}; {@code departed_at} when the status is
 * {@code departed}. A {@code departed_at} on an active person (rehired) is kept, not rejected.
 */
public record PersonRecord(String personId, String displayName, String businessUnit, String role, String status,
    Instant departedAt, Map<String, String> extras) {

  public PersonRecord {
    extras = ReferenceJson.immutableExtras(extras);
  }

  /** Validates one people line; secrets in its extras are replaced by markers, counted in {@code redacted}. */
  public static PersonRecord parse(JsonNode line, Redactions redacted) throws ContractViolation {
    JsonObjectReader r = JsonObjectReader.root(line, redacted);
    String personId = r.requiredString("person_id");
    String status = r.requiredEnum("status", Vocabulary.PersonStatus.class);
    Instant departedAt = r.optionalTime("departed_at");
    if (departedAt == null && status.equals(Vocabulary.PersonStatus.DEPARTED.wire())) {
      throw new ContractViolation(ReasonCode.MISSING_FIELD, r.path("departed_at"),
          "missing field " + r.path("departed_at") + ", required when status is departed");
    }
    String displayName = r.optionalString("display_name");
    String businessUnit = r.optionalString("business_unit");
    String role = r.optionalString("role");
    return new PersonRecord(personId, displayName, businessUnit, role, status, departedAt, ReferenceJson.extras(r));
  }

  /** Canonical JSON of the validated record (see {@link AgentRecord#canonicalJson()}). */
  public String canonicalJson() {
    ObjectNode o = ReferenceJson.object();
    ReferenceJson.put(o, "person_id", personId);
    ReferenceJson.put(o, "display_name", displayName);
    ReferenceJson.put(o, "business_unit", businessUnit);
    ReferenceJson.put(o, "role", role);
    ReferenceJson.put(o, "status", status);
    ReferenceJson.put(o, "departed_at", departedAt);
    ReferenceJson.putExtras(o, extras);
    return ReferenceJson.canonical(o);
  }

  /** SHA-256 (lower-case hex) of {@link #canonicalJson()}. */
  public String contentHash() {
    return io.agentgov.contract.CanonicalJson.sha256Hex(canonicalJson());
  }
}

package io.agentgov.contract.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Records;
import io.agentgov.contract.Redactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentRecordTest {
  private static final String FULL = "{'agent_id': 'agt-refunds', 'name': 'refund bot', 'purpose': 'refunds under 5k',"
      + " 'business_unit': 'payments', 'owner_id': 'p-1', 'sponsor_id': 'p-2', 'technical_owner_id': 'p-3', 'status': 'active',"
      + " 'created_at': '2026-01-05T10:00:00+02:00', 'last_review_at': '2026-03-01T00:00:00Z',"
      + " 'governance_review_passed': true, 'deployed_via_pipeline': false,"
      + " 'declared_scope': [{'action_type': 'refund', 'target_system': 'billing'}, {'action_type': 'read', 'target_system': 'crm'}],"
      + " 'granted_permissions': [{'action_type': 'refund', 'target_system': 'billing'}],"
      + " 'credentials': [{'id': 'cred-1', 'kind': 'agent_token', 'created_at': '2026-01-05T08:00:00Z',"
      + " 'expires_at': '2026-02-04T08:00:00Z', 'revoked_at': '2026-01-20T00:00:00Z', 'rotation': 'monthly'}],"
      + " 'model': {'provider': 'openai', 'name': 'gpt-4o', 'version': '2024-08-06', 'family': 'gpt-4'},"
      + " 'escalation_policy_id': 'default', 'eu_risk_class': 'limited', 'eu_role': 'deployer',"
      + " 'scope_changes': [{'changed_at': '2026-02-01T09:00:00Z', 'reviewed_by': 'p-2', 'change': 'added crm read'},"
      + " {'changed_at': '2026-02-10T09:00:00Z'}],"
      + " 'cost_center': 4711}";

  /**
   * Shown when extras go missing: JsonObjectReader.collectOwnExtras skips an object whose count of
   * looked-up keys equals its key count, but looked-up keys include absent ones.
   */
  static final String EXTRAS_HINT = "extras lost; if every contract key was looked up, check JsonObjectReader.collectOwnExtras's"
      + " early return (read.size() == node.size() also counts keys looked up but absent)";

  private static ObjectNode full() {
    return Lines.json(FULL);
  }

  private static ObjectNode edited(Consumer<ObjectNode> edit) {
    ObjectNode line = full();
    edit.accept(line);
    return line;
  }

  @Test
  void everyFieldIsRead() throws Exception {
    AgentRecord a = parse(full());
    assertEquals("agt-refunds", a.agentId());
    assertEquals("refund bot", a.name());
    assertEquals("refunds under 5k", a.purpose());
    assertEquals("payments", a.businessUnit());
    assertEquals("p-1", a.ownerId());
    assertEquals("p-2", a.sponsorId());
    assertEquals("p-3", a.technicalOwnerId());
    assertEquals("active", a.status());
    assertEquals(Instant.parse("2026-01-05T08:00:00Z"), a.createdAt(), "normalised to UTC");
    assertNull(a.decommissionedAt());
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), a.lastReviewAt());
    assertEquals(true, a.governanceReviewPassed());
    assertEquals(false, a.deployedViaPipeline());
    assertEquals(List.of(new Records.Permission("refund", "billing"), new Records.Permission("read", "crm")), a.declaredScope());
    assertEquals(List.of(new Records.Permission("refund", "billing")), a.grantedPermissions());
    assertEquals(List.of(new Records.CredentialGrant("cred-1", "agent_token", Instant.parse("2026-01-05T08:00:00Z"),
        Instant.parse("2026-02-04T08:00:00Z"), Instant.parse("2026-01-20T00:00:00Z"))), a.credentials());
    assertEquals(new Records.Model("openai", "gpt-4o", "2024-08-06"), a.model());
    assertEquals("default", a.escalationPolicyId());
    assertEquals("limited", a.euRiskClass());
    assertEquals("deployer", a.euRole());
    assertEquals(List.of(new ScopeChange(Instant.parse("2026-02-01T09:00:00Z"), "p-2", "added crm read"),
        new ScopeChange(Instant.parse("2026-02-10T09:00:00Z"), null, null)), a.scopeChanges());
  }

  @Test
  void unknownFieldsAreKeptAtAnyDepth() throws Exception {
    assertEquals(Map.of("cost_center", "4711", "model.family", "\"gpt-4\"", "credentials[0].rotation", "\"monthly\""),
        parse(full()).extras(), EXTRAS_HINT);
  }

  @Test
  void onlyAgentIdAndStatusAreRequired() throws Exception {
    AgentRecord a = parse(Lines.json("{'agent_id': 'agt-1', 'status': 'proposed'}"));
    assertEquals(new AgentRecord("agt-1", null, null, null, null, null, null, "proposed", null, null, null, null, null, null, null,
        null, null, null, null, null, null, Map.of()), a);
  }

  @Test
  void anAbsentListIsNullAndAnEmptyListIsEmpty() throws Exception {
    assertNull(parse(Lines.json("{'agent_id': 'a', 'status': 'active'}")).declaredScope());
    assertEquals(List.of(), parse(Lines.json("{'agent_id': 'a', 'status': 'active', 'declared_scope': []}")).declaredScope());
  }

  @Test
  void nullIsTheSameAsAbsent() throws Exception {
    AgentRecord a = parse(Lines.json("{'agent_id': 'a', 'status': 'active', 'eu_role': null, 'model': null}"));
    assertNull(a.euRole());
    assertNull(a.model());
  }

  @Test
  void aDecommissionedAgentWithItsDateIsValid() throws Exception {
    AgentRecord a = parse(edited(l -> l.put("status", "decommissioned").put("decommissioned_at", "2026-04-01T00:00:00Z")));
    assertEquals(Instant.parse("2026-04-01T00:00:00Z"), a.decommissionedAt());
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of("missing agent_id", edited(l -> l.remove("agent_id")), ReasonCode.MISSING_FIELD, "agent_id"),
        Arguments.of("blank agent_id", edited(l -> l.put("agent_id", " ")), ReasonCode.MISSING_FIELD, "agent_id"),
        Arguments.of("agent_id a number", edited(l -> l.put("agent_id", 7)), ReasonCode.WRONG_TYPE, "agent_id"),
        Arguments.of("missing status", edited(l -> l.remove("status")), ReasonCode.MISSING_FIELD, "status"),
        Arguments.of("unknown status", edited(l -> l.put("status", "retired")), ReasonCode.INVALID_VALUE, "status"),
        Arguments.of("decommissioned without decommissioned_at", edited(l -> l.put("status", "decommissioned")),
            ReasonCode.MISSING_FIELD, "decommissioned_at"),
        Arguments.of("name not a string", edited(l -> l.put("name", 1)), ReasonCode.WRONG_TYPE, "name"),
        Arguments.of("owner_id not a string", edited(l -> l.putArray("owner_id")), ReasonCode.WRONG_TYPE, "owner_id"),
        Arguments.of("created_at without offset", edited(l -> l.put("created_at", "2026-01-05T10:00:00")),
            ReasonCode.INVALID_TIMESTAMP, "created_at"),
        Arguments.of("decommissioned_at not a time", edited(l -> l.put("decommissioned_at", "soon")),
            ReasonCode.INVALID_TIMESTAMP, "decommissioned_at"),
        Arguments.of("last_review_at a number", edited(l -> l.put("last_review_at", 1767225600)), ReasonCode.WRONG_TYPE, "last_review_at"),
        Arguments.of("governance_review_passed a string", edited(l -> l.put("governance_review_passed", "yes")),
            ReasonCode.WRONG_TYPE, "governance_review_passed"),
        Arguments.of("deployed_via_pipeline a number", edited(l -> l.put("deployed_via_pipeline", 1)),
            ReasonCode.WRONG_TYPE, "deployed_via_pipeline"),
        Arguments.of("declared_scope not a list", edited(l -> l.put("declared_scope", "billing")), ReasonCode.WRONG_TYPE, "declared_scope"),
        Arguments.of("declared_scope element not an object", edited(l -> l.withArray("declared_scope").insert(0, "refund")),
            ReasonCode.WRONG_TYPE, "declared_scope[0]"),
        Arguments.of("declared_scope unknown action type",
            edited(l -> ((ObjectNode) l.withArray("declared_scope").get(1)).put("action_type", "browse")),
            ReasonCode.INVALID_VALUE, "declared_scope[1].action_type"),
        Arguments.of("granted_permissions without target_system",
            edited(l -> ((ObjectNode) l.withArray("granted_permissions").get(0)).remove("target_system")),
            ReasonCode.MISSING_FIELD, "granted_permissions[0].target_system"),
        Arguments.of("granted_permissions unknown action type",
            edited(l -> ((ObjectNode) l.withArray("granted_permissions").get(0)).put("action_type", "Refund")),
            ReasonCode.INVALID_VALUE, "granted_permissions[0].action_type"),
        Arguments.of("credential without id", edited(l -> ((ObjectNode) l.withArray("credentials").get(0)).remove("id")),
            ReasonCode.MISSING_FIELD, "credentials[0].id"),
        Arguments.of("credential of unknown kind", edited(l -> ((ObjectNode) l.withArray("credentials").get(0)).put("kind", "oauth")),
            ReasonCode.INVALID_VALUE, "credentials[0].kind"),
        Arguments.of("credential without kind", edited(l -> ((ObjectNode) l.withArray("credentials").get(0)).remove("kind")),
            ReasonCode.MISSING_FIELD, "credentials[0].kind"),
        Arguments.of("credential expires_at not RFC 3339",
            edited(l -> ((ObjectNode) l.withArray("credentials").get(0)).put("expires_at", "2026-02-04")),
            ReasonCode.INVALID_TIMESTAMP, "credentials[0].expires_at"),
        Arguments.of("credential revoked_at not RFC 3339",
            edited(l -> ((ObjectNode) l.withArray("credentials").get(0)).put("revoked_at", "yesterday")),
            ReasonCode.INVALID_TIMESTAMP, "credentials[0].revoked_at"),
        Arguments.of("model not an object", edited(l -> l.put("model", "gpt-4o")), ReasonCode.WRONG_TYPE, "model"),
        Arguments.of("model.version a number", edited(l -> ((ObjectNode) l.get("model")).put("version", 4)),
            ReasonCode.WRONG_TYPE, "model.version"),
        Arguments.of("escalation_policy_id not a string", edited(l -> l.put("escalation_policy_id", true)),
            ReasonCode.WRONG_TYPE, "escalation_policy_id"),
        Arguments.of("unknown eu_risk_class", edited(l -> l.put("eu_risk_class", "unacceptable")), ReasonCode.INVALID_VALUE, "eu_risk_class"),
        Arguments.of("unknown eu_role", edited(l -> l.put("eu_role", "importer")), ReasonCode.INVALID_VALUE, "eu_role"),
        Arguments.of("scope change without changed_at", edited(l -> ((ObjectNode) l.withArray("scope_changes").get(0)).remove("changed_at")),
            ReasonCode.MISSING_FIELD, "scope_changes[0].changed_at"),
        Arguments.of("scope change reviewed_by not a string",
            edited(l -> ((ObjectNode) l.withArray("scope_changes").get(1)).put("reviewed_by", 12)),
            ReasonCode.WRONG_TYPE, "scope_changes[1].reviewed_by"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejected(String name, ObjectNode line, ReasonCode reason, String field) {
    ContractViolation e = assertThrows(ContractViolation.class, () -> parse(line));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void aLineThatIsNotAnObjectIsRejected() {
    ContractViolation e = assertThrows(ContractViolation.class, () -> parse(Lines.parse("[1, 2]")));
    assertEquals(ReasonCode.NOT_AN_OBJECT, e.reason());
  }

  @Test
  void contentHashIgnoresKeyOrderAndTimeOffsetsButSeesEveryField() throws Exception {
    AgentRecord a = parse(full());
    ObjectNode original = full();
    List<String> names = new ArrayList<>();
    original.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    ObjectNode reversed = JsonNodeFactory.instance.objectNode();
    names.forEach(n -> reversed.set(n, original.get(n)));
    reversed.put("created_at", "2026-01-05T08:00:00.000Z"); // the same instant as 10:00+02:00
    AgentRecord sameInOtherOrder = parse(reversed);
    assertEquals(a, sameInOtherOrder);
    assertEquals(a.canonicalJson(), sameInOtherOrder.canonicalJson());
    assertEquals(a.contentHash(), sameInOtherOrder.contentHash());
    assertEquals(64, a.contentHash().length());

    assertNotEquals(a.contentHash(), parse(edited(l -> l.put("purpose", "refunds under 6k"))).contentHash());
    assertNotEquals(a.contentHash(), parse(edited(l -> l.put("cost_center", 4712))).contentHash(), "extras count; " + EXTRAS_HINT);
    assertNotEquals(a.contentHash(), parse(edited(l -> l.remove("scope_changes"))).contentHash());
    assertNotEquals(a.contentHash(), parse(edited(l -> l.putArray("scope_changes"))).contentHash(),
        "an empty list is not an absent one");
  }

  @Test
  void canonicalJsonUsesTheContractsFieldNames() throws Exception {
    assertEquals("{\"agent_id\":\"a\",\"created_at\":\"2026-01-05T08:00:00Z\",\"extras\":{\"x\":\"[1]\"},\"status\":\"active\"}",
        parse(Lines.json("{'x': [1], 'status': 'active', 'agent_id': 'a', 'created_at': '2026-01-05T09:00:00+01:00'}"))
            .canonicalJson());
  }

  @Test
  void recordsAreImmutable() throws Exception {
    AgentRecord a = parse(full());
    assertThrows(UnsupportedOperationException.class, () -> a.declaredScope().clear());
    assertThrows(UnsupportedOperationException.class, () -> a.extras().clear());
  }

  /** Parses a line, counting redactions in a tally no test here looks at (SecretScrubberTest does). */
  private static AgentRecord parse(JsonNode line) throws ContractViolation {
    return AgentRecord.parse(line, new Redactions());
  }
}

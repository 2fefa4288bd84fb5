package io.agentgov.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySetTest {
  private static EscalationPolicy policy(String id, String version, String effectiveFrom, int tier, String source) throws ContractViolation {
    return EscalationPolicy.parse("policy_id: " + id + "\nversion: \"" + version + "\"\neffective_from: \"" + effectiveFrom + "\"\n"
        + "rules: [{id: big, tier: " + tier + ", when: {amount_above: 500}}]\n", source);
  }

  private static Instant at(String rfc3339) {
    return OffsetDateTime.parse(rfc3339).toInstant();
  }

  @Test
  void theVersionInForceIsTheLatestEffectiveOnOrBeforeTheEventsUtcDate() throws Exception {
    EscalationPolicy v1 = policy("p", "2026.1", "2026-01-01", 2, "p-2026.1.yaml");
    EscalationPolicy v2 = policy("p", "2026.2", "2026-03-01", 3, "p-2026.2.yaml");
    PolicySet set = PolicySet.of(v2, v1); // order of loading does not matter
    assertNull(set.inForce("p", at("2025-12-31T23:59:59.999999Z")), "before the first version");
    assertSame(v1, set.inForce("p", at("2026-01-01T00:00:00Z")), "first instant of effective_from");
    assertSame(v1, set.inForce("p", at("2026-02-28T23:59:59.999999Z")));
    assertSame(v2, set.inForce("p", at("2026-03-01T00:00:00Z")));
    assertSame(v1, set.inForce("p", at("2026-03-01T00:30:00+01:00")), "UTC date is 2026-02-28");
    assertSame(v2, set.inForce("p", at("2026-02-28T23:30:00-01:00")), "UTC date is 2026-03-01");
    assertSame(v2, set.inForce("p", at("2031-06-01T12:00:00Z")));
    assertNull(set.inForce("q", at("2026-06-01T12:00:00Z")), "unknown policy id");
    assertEquals(List.of(v1, v2), set.versions("p"));
  }

  @Test
  void policyIdsAreKeptApart() throws Exception {
    EscalationPolicy p = policy("p", "1", "2026-01-01", 2, "p.yaml");
    EscalationPolicy q = policy("q", "1", "2026-02-01", 3, "q.yaml");
    PolicySet set = PolicySet.of(List.of(q, p));
    assertEquals(Set.of("p", "q"), set.policyIds());
    assertSame(p, set.inForce("p", at("2026-01-15T00:00:00Z")));
    assertNull(set.inForce("q", at("2026-01-15T00:00:00Z")));
    assertEquals(List.of(p, q), set.all());
    assertEquals(List.of(), set.versions("r"));
  }

  @Test
  void theSameVersionDeliveredTwiceIsOneVersion() throws Exception {
    EscalationPolicy first = policy("p", "1", "2026-01-01", 2, "landing/2026-01-01/p.yaml");
    EscalationPolicy again = EscalationPolicy.parse("# re-delivered\npolicy_id: p\nversion: '1'\neffective_from: 2026-01-01\n"
        + "rules:\n  - id: big\n    tier: 2\n    when: {amount_above: 500.0}\n", "landing/2026-01-02/p.yaml");
    PolicySet set = PolicySet.of(first, again);
    assertEquals(List.of(first), set.versions("p"), "first source wins");
  }

  @Test
  void theSameVersionWithDifferentContentIsRejected() throws Exception {
    EscalationPolicy first = policy("p", "1", "2026-01-01", 2, "a.yaml");
    EscalationPolicy changed = policy("p", "1", "2026-01-01", 3, "b.yaml");
    ContractViolation e = assertThrows(ContractViolation.class, () -> PolicySet.of(first, changed));
    assertEquals(ReasonCode.INVALID_POLICY, e.reason());
    assertEquals("version", e.field());
    assertTrue(e.getMessage().contains("b.yaml") && e.getMessage().contains("a.yaml") && e.getMessage().contains("version 1"),
        e.getMessage());
  }

  @Test
  void twoVersionsTakingEffectTheSameDayAreRejected() throws Exception {
    EscalationPolicy v1 = policy("p", "1", "2026-01-01", 2, "a.yaml");
    EscalationPolicy v2 = policy("p", "2", "2026-01-01", 3, "b.yaml");
    ContractViolation e = assertThrows(ContractViolation.class, () -> PolicySet.of(v1, v2));
    assertEquals(ReasonCode.INVALID_POLICY, e.reason());
    assertEquals("effective_from", e.field());
    assertTrue(e.getMessage().contains("2026-01-01") && e.getMessage().contains("ambiguous"), e.getMessage());
  }

  @Test
  void anEmptySetHasNothingInForce() throws Exception {
    PolicySet set = PolicySet.of(List.of());
    assertNull(set.inForce("default", at("2026-06-01T00:00:00Z")));
    assertTrue(set.all().isEmpty());
  }
}

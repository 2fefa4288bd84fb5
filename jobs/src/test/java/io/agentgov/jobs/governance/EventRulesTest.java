package io.agentgov.jobs.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.contract.policy.EscalationPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-event rules against the contract's default policy, one rule at a time. */
class EventRulesTest {
  static final EscalationPolicy POLICY = EscalationPolicy.loadDefault();
  static final Instant T = Instant.parse("2026-03-10T10:00:00Z");
  static final Instant NIGHT_END = Instant.parse("2026-03-11T00:00:00Z");

  /** A registered agent declared and granted read and update on crm. */
  static RegistryEntry entry(String status) {
    return new RegistryEntry("ag-1", "finance", "emp_1", "emp_2", "emp_3", status, Instant.parse("2025-01-01T00:00:00Z"),
        null, Instant.parse("2026-02-01T00:00:00Z"), Set.of("read:crm", "update:crm"), Set.of("read:crm", "update:crm"),
        List.of(new RegistryEntry.Credential("tok-1", "agent_token", T.minusSeconds(86_400), T.plusSeconds(86_400), null),
            new RegistryEntry.Credential("tok-0", "agent_token", T.minusSeconds(30 * 86_400L), T.plusSeconds(86_400),
                T.minusSeconds(3600))),
        "openai/gpt-4.1@2025-04-14", "default", List.of(), LocalDate.parse("2026-03-01"), null);
  }

  /** An executed, checked tier-1 read on crm: no rule fires. */
  static final class Event {
    String credential = "tok-1";
    String actionType = "read";
    String target = "crm";
    BigDecimal amount;
    Long records;
    String sensitivity = "internal";
    boolean reversible = true;
    boolean checked = true;
    Integer tier = 1;
    String escalatedTo;
    Instant requested;
    Instant responded;
    String decision;
    Long sla;
    String status = "success";
    Instant executed = T.plusSeconds(1);
    String delegationParent;
    List<String> delegated;
    String model = "openai/gpt-4.1@2025-04-14";

    EventFacts facts() {
      return new EventFacts("evt-1", "ag-1", T, LocalDate.parse("2026-03-10"), credential, "agent_token", null,
          "0".repeat(32), "1".repeat(16), null, delegationParent, delegationParent == null ? null : 1, delegated, actionType,
          target, amount, records, sensitivity, reversible, false, checked, checked ? "allow" : "allow", tier,
          escalatedTo == null ? null : "in_the_loop", escalatedTo, requested, responded, decision, sla, status, executed, model);
    }

    EventVerdict judge(RegistryEntry entry) {
      return EventRules.judge(facts(), entry, POLICY, NIGHT_END);
    }
  }

  @Test
  void anAgentTheRegistryDoesNotListGetsNoRegistryRules() {
    Event e = new Event();
    e.actionType = "delete";
    EventVerdict v = e.judge(null);
    assertFalse(v.registered());
    assertFalse(v.outsideScope());
    assertFalse(v.tierViolation());
    assertNull(v.oversightProblem());
  }

  @Test
  void actingWhenTheRegistrySaysItMayNot() {
    assertEquals("decommissioned", new Event().judge(entry("decommissioned")).lifecycleProblem());
    assertEquals("suspended", new Event().judge(entry("suspended")).lifecycleProblem());
    Event revoked = new Event();
    revoked.credential = "tok-0";
    assertEquals("credential_revoked", revoked.judge(entry("active")).lifecycleProblem());
    assertNull(new Event().judge(entry("active")).lifecycleProblem());
  }

  @Test
  void outOfScopeActionsNeedTierFour() {
    Event e = new Event();
    e.actionType = "export";
    EventVerdict v = e.judge(entry("active"));
    assertTrue(v.outsideScope());
    assertEquals(4, v.requiredTier());
    assertEquals("out-of-scope", v.decidingRules());
    assertTrue(v.tierViolation(), "the gateway gave tier 1");
  }

  @Test
  void aSmallAmountOverManyRecordsIsStillTierFour() {
    // The seed's "$200 action that modifies 50,000 records": records-10k decides, whatever the amount.
    Event e = new Event();
    e.actionType = "update";
    e.amount = new BigDecimal("200");
    e.records = 50_000L;
    e.tier = 2;
    e.escalatedTo = "emp_9";
    e.requested = T;
    EventVerdict v = e.judge(entry("active"));
    assertEquals(4, v.requiredTier());
    assertTrue(v.decidingRules().contains("records-10k"));
    assertTrue(v.tierViolation());
    assertNull(v.oversightProblem(), "oversight is judged against the gateway's tier 2: someone was notified");
  }

  @Test
  void approvalMustComeBeforeExecution() {
    Event late = new Event();
    late.tier = 3;
    late.escalatedTo = "emp_9";
    late.requested = T;
    late.decision = "approved";
    late.responded = T.plusSeconds(600);
    late.executed = T.plusSeconds(60);
    assertEquals("executed_before_approval", late.judge(entry("active")).oversightProblem());
    late.executed = T.plusSeconds(900);
    assertNull(late.judge(entry("active")).oversightProblem());

    Event halt = new Event();
    halt.tier = 4;
    assertEquals("executed_despite_halt", halt.judge(entry("active")).oversightProblem());
    halt.status = "blocked";
    halt.executed = null;
    assertNull(halt.judge(entry("active")).oversightProblem(), "a halted action that did not run is what tier 4 asks");
  }

  @Test
  void anUncheckedGatewayViolatesOnlyWhereApprovalWasNeeded() {
    Event pii = new Event();
    pii.checked = false;
    pii.tier = null;
    pii.actionType = "update";
    pii.sensitivity = "pii";
    assertEquals(3, pii.judge(entry("active")).requiredTier());
    assertEquals("not_checked", pii.judge(entry("active")).oversightProblem());
    Event notify = new Event();
    notify.checked = false;
    notify.tier = null;
    notify.sensitivity = "confidential";
    assertEquals(2, notify.judge(entry("active")).requiredTier());
    assertNull(notify.judge(entry("active")).oversightProblem());
  }

  @Test
  void escalationsAnsweredLateNeverOrTimedOutBreachTheSla() {
    Event e = new Event();
    e.tier = 3;
    e.escalatedTo = "emp_9";
    e.requested = T;
    e.decision = "approved";
    e.responded = T.plusSeconds(14_401);
    e.executed = T.plusSeconds(14_500);
    EventVerdict late = e.judge(entry("active"));
    assertEquals("answered_late", late.slaProblem());
    assertEquals(14_401L, late.responseSeconds());
    assertEquals(14_400L, late.slaSeconds(), "the policy's approval_sla_seconds");
    e.sla = 20_000L;
    assertNull(e.judge(entry("active")).slaProblem(), "the event's own sla_seconds wins");
    e.decision = "timed_out";
    assertEquals("timed_out", e.judge(entry("active")).slaProblem());
    Event open = new Event();
    open.tier = 3;
    open.escalatedTo = "emp_9";
    open.requested = T;
    open.status = "blocked";
    open.executed = null;
    assertEquals("unanswered", open.judge(entry("active")).slaProblem(), "14 h to midnight > 4 h SLA");
    Event bypassed = new Event();
    bypassed.tier = 3;
    bypassed.escalatedTo = "emp_9";
    bypassed.requested = T;
    EventVerdict v = bypassed.judge(entry("active"));
    assertNull(v.slaProblem(), "executed without waiting for the answer: an oversight violation, not the approver's delay");
    assertEquals("executed_before_approval", v.oversightProblem());
  }

  @Test
  void subAgentsMayNotActBeyondTheirOwnOrDelegatedPermissions() {
    Event lent = new Event();
    lent.delegationParent = "ag-parent";
    lent.actionType = "delete";
    lent.delegated = List.of("delete:crm", "read:crm");
    assertEquals("beyond_own_grants", lent.judge(entry("active")).cascadeProblem());
    Event narrow = new Event();
    narrow.delegationParent = "ag-parent";
    narrow.actionType = "update";
    narrow.delegated = List.of("read:crm");
    assertEquals("beyond_delegated", narrow.judge(entry("active")).cascadeProblem());
    Event fine = new Event();
    fine.delegationParent = "ag-parent";
    fine.delegated = List.of("read:crm");
    assertNull(fine.judge(entry("active")).cascadeProblem());
  }

  @Test
  void aModelOtherThanTheRegistrysIsReported() {
    Event e = new Event();
    e.model = "anthropic/claude-3-7-sonnet@20250219";
    assertEquals("anthropic/claude-3-7-sonnet@20250219", e.judge(entry("active")).observedModel());
    e.model = "gpt-4.1@2025-04-14";
    assertNull(e.judge(entry("active")).observedModel(), "no provider on the event: name and version match");
  }
}

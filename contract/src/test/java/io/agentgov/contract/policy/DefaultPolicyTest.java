package io.agentgov.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultPolicyTest {
  private static final EscalationPolicy DEFAULT = EscalationPolicy.loadDefault();

  @Test
  void defaultPolicyHasTheContractsValues() {
    assertEquals("default", DEFAULT.policyId());
    assertEquals("2026.1", DEFAULT.version());
    assertEquals(LocalDate.of(2026, 1, 1), DEFAULT.effectiveFrom());
    assertEquals(Map.of(1, "none", 2, "on_the_loop", 3, "in_the_loop", 4, "halt_escalate"), DEFAULT.oversight());
    assertEquals("in_the_loop", DEFAULT.oversightMode(3));
    assertEquals(14_400, DEFAULT.approvalSlaSeconds());
    assertEquals(86_400, DEFAULT.onTheLoopWindowSeconds());
    assertEquals(List.of("ephemeral_token", "agent_token"), DEFAULT.credentials().preferredKinds());
    assertEquals(30, DEFAULT.credentials().maxTokenLifetimeDays());
    assertEquals(Map.of("default", 0.80, "payment", 0.90, "refund", 0.90), DEFAULT.autoApproveMinConfidence());
    assertEquals(0.90, DEFAULT.autoApproveMinConfidence("refund"));
    assertEquals(0.80, DEFAULT.autoApproveMinConfidence("read"), "an action type without its own entry uses default");
    assertEquals(new EscalationPolicy.Recalibration(0.02, 0.05), DEFAULT.recalibration());
    assertEquals(new EscalationPolicy.Lifecycle(90, 30, 90), DEFAULT.lifecycle());
    assertEquals(List.of("amount-500", "amount-10k", "refund-5k", "confidential", "pii-read", "pii-change", "special-read",
            "special-change", "records-100", "records-1k", "records-10k", "pii-at-scale", "irreversible", "regulated",
            "config-change", "out-of-scope"),
        DEFAULT.rules().stream().map(PolicyRule::id).collect(Collectors.toList()));
    PolicyRule refund = DEFAULT.rules().get(2);
    assertEquals(3, refund.tier());
    assertEquals(new RuleCondition(List.of("refund"), null, new BigDecimal("5000"), null, null, null, null, null), refund.when());
  }

  @Test
  void oversightOfATierOutsideOneToFourIsACallerError() {
    assertThrows(IllegalArgumentException.class, () -> DEFAULT.oversightMode(5));
  }

  /** The shipped resource must say what docs/input-contract.md prints, whatever its comments. */
  @Test
  void shippedResourceEqualsThePolicyPrintedInTheContract() throws Exception {
    Path contract = Path.of("/work/shared/docs/input-contract.md");
    assumeTrue(Files.isRegularFile(contract), "input-contract.md not found");
    Matcher block = Pattern.compile("```yaml\\n(policy_id: default.*?)```", Pattern.DOTALL).matcher(Files.readString(contract));
    assumeTrue(block.find(), "no default policy block in input-contract.md");
    EscalationPolicy printed = EscalationPolicy.parse(block.group(1), "input-contract.md");
    assertEquals(printed.canonicalJson(), DEFAULT.canonicalJson());
  }

  @Test
  void sha256IsOfTheSourceText() throws Exception {
    String text;
    try (InputStream in = EscalationPolicy.class.getResourceAsStream(EscalationPolicy.DEFAULT_RESOURCE)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, DEFAULT.sha256());
    assertEquals("classpath:" + EscalationPolicy.DEFAULT_RESOURCE, DEFAULT.sourceName());
  }

  @Test
  void canonicalJsonIgnoresLayoutCommentsAndKeyOrderButNotContent() throws Exception {
    String a = "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\n"
        + "rules:\n  - {id: r, tier: 2, when: {amount_above: 500.00, action_type: [refund]}}\n";
    String b = "# same policy, other layout\nrules:\n  - when:\n      action_type:\n        - refund\n      amount_above: 500\n"
        + "    tier: 2\n    id: r\neffective_from: 2026-01-01\nversion: '1'\npolicy_id: p\n";
    EscalationPolicy pa = EscalationPolicy.parse(a, "a.yaml");
    EscalationPolicy pb = EscalationPolicy.parse(b, "b.yaml");
    assertEquals(pa.canonicalJson(), pb.canonicalJson());
    assertNotEquals(pa.sha256(), pb.sha256());
    EscalationPolicy pc = EscalationPolicy.parse(a.replace("tier: 2", "tier: 3"), "c.yaml");
    assertNotEquals(pa.canonicalJson(), pc.canonicalJson());
  }

  @Test
  void canonicalJsonSpellsOutEveryResolvedSection() throws Exception {
    EscalationPolicy p = EscalationPolicy.parse(
        "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules: [{id: r, tier: 2, when: {amount_above: 1e3}}]\n", "p.yaml");
    assertEquals("{\"approval_sla_seconds\":14400,"
        + "\"auto_approve_min_confidence\":{\"default\":0.8,\"payment\":0.9,\"refund\":0.9},"
        + "\"credentials\":{\"max_token_lifetime_days\":30,\"preferred_kinds\":[\"ephemeral_token\",\"agent_token\"]},"
        + "\"effective_from\":\"2026-01-01\","
        + "\"lifecycle\":{\"idle_days\":30,\"review_max_age_days\":90,\"unused_permission_days\":90},"
        + "\"on_the_loop_window_seconds\":86400,"
        + "\"oversight\":{\"1\":\"none\",\"2\":\"on_the_loop\",\"3\":\"in_the_loop\",\"4\":\"halt_escalate\"},"
        + "\"policy_id\":\"p\","
        + "\"recalibration\":{\"alpha\":0.02,\"delta\":0.05},"
        + "\"rules\":[{\"id\":\"r\",\"tier\":2,\"when\":{\"amount_above\":1000}}],"
        + "\"version\":\"1\"}", p.canonicalJson());
  }

  @Test
  void absentSectionsTakeTheDefaultsAndPresentSectionsReplaceThem() throws Exception {
    EscalationPolicy minimal = EscalationPolicy.parse(
        "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules: [{id: all, tier: 1, when: {}}]\n", "min.yaml");
    assertEquals(EscalationPolicy.DEFAULT_OVERSIGHT, minimal.oversight());
    assertEquals(DEFAULT.approvalSlaSeconds(), minimal.approvalSlaSeconds());
    assertEquals(DEFAULT.onTheLoopWindowSeconds(), minimal.onTheLoopWindowSeconds());
    assertEquals(DEFAULT.credentials(), minimal.credentials());
    assertEquals(DEFAULT.autoApproveMinConfidence(), minimal.autoApproveMinConfidence());
    assertEquals(DEFAULT.recalibration(), minimal.recalibration());
    assertEquals(DEFAULT.lifecycle(), minimal.lifecycle());

    EscalationPolicy custom = EscalationPolicy.parse("policy_id: p\nversion: \"2\"\neffective_from: \"2026-01-01\"\n"
        + "oversight: {1: none, 2: in_the_loop, 3: in_the_loop, 4: halt_escalate}\n"
        + "approval_sla_seconds: 600\non_the_loop_window_seconds: 3600\n"
        + "credentials: {preferred_kinds: [ephemeral_token], max_token_lifetime_days: 1}\n"
        + "auto_approve_min_confidence: {default: 0.7, export: 0.95}\n"
        + "recalibration: {alpha: 0.05, delta: 0.1}\n"
        + "lifecycle: {review_max_age_days: 180, idle_days: 14, unused_permission_days: 60}\n"
        + "rules: [{id: all, tier: 1, when: {}}]\n", "custom.yaml");
    assertEquals("in_the_loop", custom.oversightMode(2));
    assertEquals(600, custom.approvalSlaSeconds());
    assertEquals(3600, custom.onTheLoopWindowSeconds());
    assertEquals(new EscalationPolicy.Credentials(List.of("ephemeral_token"), 1), custom.credentials());
    assertEquals(0.7, custom.autoApproveMinConfidence("refund"), "a present section replaces the default map as a whole");
    assertEquals(0.95, custom.autoApproveMinConfidence("export"));
    assertEquals(new EscalationPolicy.Recalibration(0.05, 0.1), custom.recalibration());
    assertEquals(new EscalationPolicy.Lifecycle(180, 14, 60), custom.lifecycle());
    assertTrue(custom.toString().contains("custom.yaml"));
  }
}

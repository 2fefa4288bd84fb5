package io.agentgov.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Required tiers under the shipped default policy. The expected tiers are the seed article's worked
 * examples (four tiers: 1 none, 2 on the loop, 3 in the loop, 4 halt and escalate), worked out by
 * hand from the rule table in input-contract.md, not from this code.
 */
class RequiredTierTest {
  private static final EscalationPolicy DEFAULT = EscalationPolicy.loadDefault();

  /** A plain action: reversible, no amount, no record count, no regulatory scope, inside its declared scope. */
  private static PolicyInput action(String type, String sensitivity) {
    return new PolicyInput(type, null, null, sensitivity, true, false, false);
  }

  private static PolicyInput withAmount(PolicyInput in, String amount) {
    return new PolicyInput(in.actionType(), new BigDecimal(amount), in.recordsAffected(), in.dataSensitivity(), in.reversible(),
        in.regulatoryScopeNonEmpty(), in.outsideDeclaredScope());
  }

  private static PolicyInput withRecords(PolicyInput in, long records) {
    return new PolicyInput(in.actionType(), in.amount(), records, in.dataSensitivity(), in.reversible(),
        in.regulatoryScopeNonEmpty(), in.outsideDeclaredScope());
  }

  static Stream<Arguments> seedArticleExamples() {
    return Stream.of(
        Arguments.of("a $200 refund that modifies 50,000 records", withRecords(withAmount(action("refund", "internal"), "200"), 50_000),
            4, List.of("records-10k"), List.of("records-10k", "records-1k", "records-100")),
        Arguments.of("read of pii", action("read", "pii"), 2, List.of("pii-read"), List.of("pii-read")),
        Arguments.of("update of pii", action("update", "pii"), 3, List.of("pii-change"), List.of("pii-change")),
        Arguments.of("special_category change", action("update", "special_category"), 4, List.of("special-change"),
            List.of("special-change")),
        Arguments.of("special_category read", action("read", "special_category"), 3, List.of("special-read"), List.of("special-read")),
        Arguments.of("irreversible action", new PolicyInput("send_message", null, null, "internal", false, false, false), 4,
            List.of("irreversible"), List.of("irreversible")),
        Arguments.of("config_change", action("config_change", "internal"), 4, List.of("config-change"), List.of("config-change")),
        Arguments.of("payment of 600", withAmount(action("payment", "internal"), "600"), 2, List.of("amount-500"), List.of("amount-500")),
        Arguments.of("payment of 12,000", withAmount(action("payment", "internal"), "12000"), 3, List.of("amount-10k"),
            List.of("amount-10k", "amount-500")),
        Arguments.of("refund of 6,000", withAmount(action("refund", "internal"), "6000"), 3, List.of("refund-5k"),
            List.of("refund-5k", "amount-500")),
        Arguments.of("payment of 6,000 (refund-5k is for refunds only)", withAmount(action("payment", "internal"), "6000"), 2,
            List.of("amount-500"), List.of("amount-500")),
        Arguments.of("plain read of internal data", action("read", "internal"), 1, List.of(), List.of()),
        Arguments.of("outside the declared scope", new PolicyInput("read", null, null, "internal", true, false, true), 4,
            List.of("out-of-scope"), List.of("out-of-scope")),
        Arguments.of("regulatory scope", new PolicyInput("read", null, null, "public", true, true, false), 4, List.of("regulated"),
            List.of("regulated")),
        Arguments.of("confidential read", action("read", "confidential"), 2, List.of("confidential"), List.of("confidential")),
        Arguments.of("pii read at scale: every match listed, highest tier first, document order within a tier",
            withRecords(action("read", "pii"), 1_001), 4, List.of("pii-at-scale"),
            List.of("pii-at-scale", "records-1k", "pii-read", "records-100")),
        Arguments.of("two rules at the top tier, both deciding, in document order",
            new PolicyInput("config_change", null, null, "internal", false, false, false), 4,
            List.of("irreversible", "config-change"), List.of("irreversible", "config-change")),
        // boundaries: amount_above and records_above are strictly above
        Arguments.of("amount exactly 500", withAmount(action("payment", "internal"), "500"), 1, List.of(), List.of()),
        Arguments.of("amount 500.01", withAmount(action("payment", "internal"), "500.01"), 2, List.of("amount-500"), List.of("amount-500")),
        Arguments.of("amount exactly 10,000", withAmount(action("payment", "internal"), "10000.00"), 2, List.of("amount-500"),
            List.of("amount-500")),
        Arguments.of("records exactly 100", withRecords(action("update", "internal"), 100), 1, List.of(), List.of()),
        Arguments.of("records 101", withRecords(action("update", "internal"), 101), 2, List.of("records-100"), List.of("records-100")),
        Arguments.of("records exactly 10,000", withRecords(action("update", "internal"), 10_000), 3, List.of("records-1k"),
            List.of("records-1k", "records-100")),
        Arguments.of("no amount, no record count: the thresholds do not match", action("refund", "internal"), 1, List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0} -> tier {2}")
  @MethodSource("seedArticleExamples")
  void requiredTierUnderTheDefaultPolicy(String name, PolicyInput input, int tier, List<String> deciding, List<String> matched) {
    RequiredTier required = DEFAULT.requiredTier(input);
    assertEquals(tier, required.tier());
    assertEquals(DEFAULT.oversightMode(tier), required.oversightMode());
    assertEquals(deciding, required.decidingRuleIds());
    assertEquals(matched, required.matchedRuleIds());
  }

  @Test
  void oversightModeFollowsTheTier() {
    assertEquals("none", DEFAULT.requiredTier(action("read", "internal")).oversightMode());
    assertEquals("on_the_loop", DEFAULT.requiredTier(action("read", "pii")).oversightMode());
    assertEquals("in_the_loop", DEFAULT.requiredTier(action("update", "pii")).oversightMode());
    assertEquals("halt_escalate", DEFAULT.requiredTier(action("config_change", "public")).oversightMode());
  }

  /** Keys the default policy does not exercise: action_type_not on its own, the false branches of the booleans. */
  @Test
  void conditionKeysMatchAsTheContractSays() throws Exception {
    EscalationPolicy p = EscalationPolicy.parse("policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules:\n"
        + "  - {id: not-read,     tier: 2, when: {action_type_not: [read, export]}}\n"
        + "  - {id: unregulated,  tier: 3, when: {regulatory_scope_any: false, reversible: true, outside_declared_scope: false,"
        + " data_sensitivity: [public]}}\n", "p.yaml");
    assertEquals(List.of("not-read"), p.requiredTier(action("delete", "internal")).matchedRuleIds());
    assertEquals(List.of(), p.requiredTier(action("export", "internal")).matchedRuleIds());
    assertEquals(3, p.requiredTier(action("read", "public")).tier());
    assertEquals(1, p.requiredTier(new PolicyInput("read", null, null, "public", true, true, false)).tier(), "scope not empty");
    assertEquals(1, p.requiredTier(new PolicyInput("read", null, null, "public", false, false, false)).tier(), "irreversible");
    assertEquals(1, p.requiredTier(new PolicyInput("read", null, null, "public", true, false, true)).tier(), "outside scope");
  }

  @Test
  void amountsAreComparedAtFaceValueWhateverTheirScale() throws Exception {
    EscalationPolicy p = EscalationPolicy.parse(
        "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules: [{id: big, tier: 2, when: {amount_above: 99.5}}]\n", "p.yaml");
    assertEquals(1, p.requiredTier(withAmount(action("payment", "internal"), "99.500000")).tier());
    assertEquals(2, p.requiredTier(withAmount(action("payment", "internal"), "99.51")).tier());
    assertEquals(1, p.requiredTier(withAmount(action("refund", "internal"), "-1000")).tier());
  }

  @Test
  void emptyWhenMatchesEveryAction() throws Exception {
    EscalationPolicy p = EscalationPolicy.parse(
        "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules: [{id: floor, tier: 2, when: {}}]\n", "p.yaml");
    assertEquals(new RequiredTier(2, "on_the_loop", List.of("floor"), List.of("floor")), p.requiredTier(action("read", "public")));
  }

  @Test
  void inputOutsideTheVocabularyIsACallerError() {
    assertThrows(IllegalArgumentException.class, () -> action("refunds", "internal"));
    assertThrows(IllegalArgumentException.class, () -> action("read", "secret"));
    assertThrows(IllegalArgumentException.class, () -> action(null, "internal"));
  }
}

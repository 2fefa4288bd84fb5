package io.agentgov.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a policy document is rejected: one test each. Each asserts the reason code, the dotted
 * path of the offending key and that the message names the source, the path (and the rule id when
 * the problem is inside a rule) and says what is wrong.
 */
class InvalidPolicyTest {
  private static final String SOURCE = "policies/bad-policy.yaml";
  private static final String HEAD = "policy_id: p\nversion: \"1\"\neffective_from: \"2026-01-01\"\n";
  private static final String RULES = "rules:\n  - {id: base, tier: 2, when: {amount_above: 500}}\n";

  /** A valid document with {@code extra} top-level lines added before the rules. */
  private static String with(String extra) {
    return HEAD + extra + RULES;
  }

  /** A valid head with {@code rules} as the rule list. */
  private static String rules(String rules) {
    return HEAD + "rules:\n" + rules;
  }

  private static ContractViolation reject(String yaml, String field, String... messageParts) {
    ContractViolation e = assertThrows(ContractViolation.class, () -> EscalationPolicy.parse(yaml, SOURCE));
    assertEquals(ReasonCode.INVALID_POLICY, e.reason());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Cannot load policy " + SOURCE + ": "), e.getMessage());
    if (field != null) {
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
    for (String part : messageParts) {
      assertTrue(e.getMessage().contains(part), "\"" + part + "\" not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void validBaseDocumentParses() throws Exception {
    assertEquals("p", EscalationPolicy.parse(with(""), SOURCE).policyId());
  }

  // ---------------------------------------------------------------- the document as a whole

  @Test
  void yamlThatDoesNotParseNamesTheLine() {
    reject(HEAD + "rules:\n  - {id: base, tier: 2, when: {amount_above: 500}\n", null, "YAML does not parse", "line ");
  }

  @Test
  void yamlWithATabIndentDoesNotParse() {
    reject(HEAD + "rules:\n\t- {id: base, tier: 2, when: {}}\n", null, "YAML does not parse at line 5");
  }

  @Test
  void emptyDocument() {
    reject("# nothing but a comment\n", null, "the document is empty");
  }

  @Test
  void documentThatIsNotAMapping() {
    reject("- policy_id: p\n", null, "must be a mapping", "a list");
  }

  @Test
  void duplicateYamlKey() {
    reject(HEAD + "version: \"2\"\n" + RULES, null, "line 4", "Duplicate field 'version'");
  }

  @Test
  void secondYamlDocument() {
    reject(with("") + "---\npolicy_id: q\n", null, "YAML does not parse at line 7", "another YAML document");
  }

  @Test
  void yamlAnchorsAndAliases() {
    reject(HEAD + "rules:\n  - {id: a, tier: 2, when: &w {amount_above: 500}}\n  - {id: b, tier: 3, when: *w}\n", null,
        "anchors and aliases", "line 5");
  }

  // ---------------------------------------------------------------- required top-level keys

  @Test
  void missingPolicyId() {
    reject("version: \"1\"\neffective_from: \"2026-01-01\"\n" + RULES, "policy_id", "is missing");
  }

  @Test
  void blankPolicyId() {
    reject(HEAD.replace("policy_id: p", "policy_id: \"  \"") + RULES, "policy_id", "is blank");
  }

  @Test
  void missingVersion() {
    reject("policy_id: p\neffective_from: \"2026-01-01\"\n" + RULES, "version", "is missing");
  }

  @Test
  void unquotedNumericVersion() {
    reject(HEAD.replace("version: \"1\"", "version: 2026.10") + RULES, "version", "quoted string", "the number 2026.1");
  }

  @Test
  void missingEffectiveFrom() {
    reject("policy_id: p\nversion: \"1\"\n" + RULES, "effective_from", "is missing");
  }

  @Test
  void effectiveFromThatIsNotADate() {
    reject(HEAD.replace("2026-01-01", "2026-13-01") + RULES, "effective_from", "\"2026-13-01\"", "not a date");
  }

  @Test
  void effectiveFromWithATime() {
    reject(HEAD.replace("\"2026-01-01\"", "\"2026-01-01T00:00:00Z\"") + RULES, "effective_from", "not a date");
  }

  @Test
  void missingRules() {
    reject(HEAD, "rules", "is missing");
  }

  @Test
  void emptyRules() {
    reject(HEAD + "rules: []\n", "rules", "is empty");
  }

  @Test
  void rulesThatAreNotAList() {
    reject(HEAD + "rules: {id: base, tier: 2, when: {}}\n", "rules", "must be a list", "a mapping");
  }

  @Test
  void unknownTopLevelKey() {
    reject(with("escalation_sla_seconds: 60\n"), "escalation_sla_seconds", "unknown key", "approval_sla_seconds");
  }

  @Test
  void keyWithNoValueDoesNotFallBackToTheDefault() {
    reject(with("lifecycle:\n"), "lifecycle", "has no value", "remove the key to use the default");
  }

  // ---------------------------------------------------------------- rules

  @Test
  void ruleThatIsNotAMapping() {
    reject(rules("  - amount-500\n"), "rules[0]", "must be a mapping", "\"amount-500\"");
  }

  @Test
  void ruleWithoutId() {
    reject(rules("  - {id: base, tier: 2, when: {}}\n  - {tier: 3, when: {}}\n"), "rules[1].id", "is missing");
  }

  @Test
  void ruleWithoutTier() {
    reject(rules("  - {id: base, when: {}}\n"), "rules[0].tier", "(rule base)", "is missing");
  }

  @Test
  void ruleWithoutWhen() {
    reject(rules("  - {id: base, tier: 2}\n"), "rules[0].when", "(rule base)", "is missing");
  }

  @ParameterizedTest(name = "tier {0}")
  @ValueSource(ints = {0, 5, -1})
  void tierOutsideOneToFour(int tier) {
    reject(rules("  - {id: base, tier: " + tier + ", when: {}}\n"), "rules[0].tier", "(rule base)", "is " + tier, "1..4");
  }

  @Test
  void tierThatIsNotAnInteger() {
    reject(rules("  - {id: base, tier: 2.5, when: {}}\n"), "rules[0].tier", "(rule base)", "must be an integer", "2.5");
  }

  @Test
  void tierAsAString() {
    reject(rules("  - {id: base, tier: \"2\", when: {}}\n"), "rules[0].tier", "must be an integer", "the string \"2\"");
  }

  @Test
  void duplicateRuleIds() {
    reject(rules("  - {id: base, tier: 2, when: {}}\n  - {id: other, tier: 2, when: {}}\n  - {id: base, tier: 3, when: {}}\n"),
        "rules[2].id", "(rule base)", "duplicate rule id", "rules[0]");
  }

  @Test
  void unknownRuleKey() {
    reject(rules("  - {id: base, tier: 2, when: {}, description: big payments}\n"), "rules[0].description", "(rule base)",
        "unknown key", "id, tier, when");
  }

  @Test
  void whenThatIsNotAMapping() {
    reject(rules("  - {id: base, tier: 2, when: [amount_above]}\n"), "rules[0].when", "(rule base)", "must be a mapping");
  }

  @Test
  void unknownWhenKey() {
    reject(rules("  - {id: pii, tier: 2, when: {data_sensitivty: [pii]}}\n"), "rules[0].when.data_sensitivty", "(rule pii)",
        "unknown key", "data_sensitivity");
  }

  @Test
  void unknownActionType() {
    reject(rules("  - {id: refunds, tier: 3, when: {action_type: [refund, refunds]}}\n"), "rules[0].when.action_type[1]",
        "(rule refunds)", "\"refunds\" is not an action type", "config_change");
  }

  @Test
  void unknownActionTypeInActionTypeNot() {
    reject(rules("  - {id: writes, tier: 3, when: {action_type_not: [reads]}}\n"), "rules[0].when.action_type_not[0]",
        "(rule writes)", "\"reads\" is not an action type");
  }

  @Test
  void unknownDataSensitivity() {
    reject(rules("  - {id: secret, tier: 3, when: {data_sensitivity: [secret]}}\n"), "rules[0].when.data_sensitivity[0]",
        "(rule secret)", "\"secret\" is not a data sensitivity", "special_category");
  }

  @Test
  void whenListGivenAsAScalar() {
    reject(rules("  - {id: refund, tier: 3, when: {action_type: refund}}\n"), "rules[0].when.action_type", "(rule refund)",
        "must be a list", "the string \"refund\"");
  }

  @Test
  void emptyWhenList() {
    reject(rules("  - {id: none, tier: 3, when: {data_sensitivity: []}}\n"), "rules[0].when.data_sensitivity", "(rule none)",
        "empty list");
  }

  @Test
  void amountAboveAsAString() {
    reject(rules("  - {id: big, tier: 3, when: {amount_above: \"10000\"}}\n"), "rules[0].when.amount_above", "(rule big)",
        "must be a number");
  }

  @Test
  void negativeAmountAbove() {
    reject(rules("  - {id: big, tier: 3, when: {amount_above: -5}}\n"), "rules[0].when.amount_above", "(rule big)", "at least 0");
  }

  @Test
  void fractionalRecordsAbove() {
    reject(rules("  - {id: many, tier: 3, when: {records_above: 100.5}}\n"), "rules[0].when.records_above", "(rule many)",
        "must be an integer");
  }

  @Test
  void negativeRecordsAbove() {
    reject(rules("  - {id: many, tier: 3, when: {records_above: -1}}\n"), "rules[0].when.records_above", "(rule many)", "at least 0");
  }

  @Test
  void booleanKeyWithANonBooleanValue() {
    reject(rules("  - {id: undo, tier: 4, when: {reversible: maybe}}\n"), "rules[0].when.reversible", "(rule undo)",
        "must be true or false", "\"maybe\"");
  }

  @Test
  void regulatoryScopeAnyAsAList() {
    reject(rules("  - {id: reg, tier: 4, when: {regulatory_scope_any: [gdpr]}}\n"), "rules[0].when.regulatory_scope_any",
        "(rule reg)", "must be true or false");
  }

  @Test
  void whenKeyWithNoValue() {
    reject(rules("  - {id: scope, tier: 4, when: {outside_declared_scope: ~}}\n"), "rules[0].when.outside_declared_scope",
        "(rule scope)", "has no value");
  }

  // ---------------------------------------------------------------- optional sections

  @Test
  void oversightMissingATier() {
    reject(with("oversight: {1: none, 2: on_the_loop, 3: in_the_loop}\n"), "oversight.4", "is missing");
  }

  @Test
  void oversightWithAnUnknownTier() {
    reject(with("oversight: {1: none, 2: on_the_loop, 3: in_the_loop, 4: halt_escalate, 5: halt_escalate}\n"), "oversight.5",
        "unknown key", "1, 2, 3, 4");
  }

  @Test
  void oversightWithAnUnknownMode() {
    reject(with("oversight: {1: none, 2: notify, 3: in_the_loop, 4: halt_escalate}\n"), "oversight.2",
        "\"notify\" is not an oversight mode", "on_the_loop");
  }

  @Test
  void approvalSlaThatIsNotPositive() {
    reject(with("approval_sla_seconds: 0\n"), "approval_sla_seconds", "is 0", "at least 1");
  }

  @Test
  void onTheLoopWindowAsText() {
    reject(with("on_the_loop_window_seconds: 1d\n"), "on_the_loop_window_seconds", "must be an integer");
  }

  @Test
  void credentialsWithAnUnknownKind() {
    reject(with("credentials: {preferred_kinds: [ephemeral_token, oauth_token], max_token_lifetime_days: 30}\n"),
        "credentials.preferred_kinds[1]", "\"oauth_token\" is not a credential kind", "static_api_key");
  }

  @Test
  void incompleteCredentialsSection() {
    reject(with("credentials: {preferred_kinds: [ephemeral_token]}\n"), "credentials.max_token_lifetime_days", "is missing");
  }

  @Test
  void credentialsWithAnUnknownKey() {
    reject(with("credentials: {preferred_kinds: [ephemeral_token], max_token_lifetime_days: 30, rotate: true}\n"),
        "credentials.rotate", "unknown key");
  }

  @Test
  void autoApproveForAnUnknownActionType() {
    reject(with("auto_approve_min_confidence: {default: 0.8, refunds: 0.9}\n"), "auto_approve_min_confidence.refunds",
        "unknown key", "default, read");
  }

  @Test
  void autoApproveWithoutDefault() {
    reject(with("auto_approve_min_confidence: {payment: 0.9}\n"), "auto_approve_min_confidence.default", "is missing");
  }

  @Test
  void autoApproveAbove1() {
    reject(with("auto_approve_min_confidence: {default: 0.8, payment: 90}\n"), "auto_approve_min_confidence.payment",
        "is 90", "[0, 1]");
  }

  @Test
  void recalibrationAlphaOutsideTheOpenUnitInterval() {
    reject(with("recalibration: {alpha: 0, delta: 0.05}\n"), "recalibration.alpha", "(0, 1)");
  }

  @Test
  void recalibrationDeltaAsText() {
    reject(with("recalibration: {alpha: 0.02, delta: five percent}\n"), "recalibration.delta", "must be a number");
  }

  @Test
  void lifecycleWithAnUnknownKey() {
    reject(with("lifecycle: {review_max_age_days: 90, idle_days: 30, unused_permission_days: 90, idle_day: 3}\n"),
        "lifecycle.idle_day", "unknown key", "idle_days");
  }

  @Test
  void sectionThatIsNotAMapping() {
    reject(with("lifecycle: 90\n"), "lifecycle", "must be a mapping", "the number 90");
  }

  @Test
  void oversightNamingATierTwice() {
    reject(with("oversight: {1: none, 2: on_the_loop, 2: in_the_loop, 4: halt_escalate}\n"), null, "Duplicate field '2'");
  }

  // ---------------------------------------------------------------- gaps and overlaps between tiers

  @Test
  void oversightWeakerAtAHigherTier() {
    reject(with("oversight: {1: none, 2: in_the_loop, 3: on_the_loop, 4: halt_escalate}\n"), "oversight.3",
        "tier 3 requires on_the_loop, less oversight than tier 2 (in_the_loop)");
  }

  @Test
  void ruleThatMatchesNoAction() {
    reject(rules("  - {id: nothing, tier: 2, when: {action_type: [read, export], action_type_not: [export, read]}}\n"),
        "rules[0].when.action_type_not", "(rule nothing)", "matches no action");
  }

  @Test
  void higherThresholdWithALowerTierOverlaps() {
    reject(rules("  - {id: amount-500, tier: 3, when: {amount_above: 500}}\n  - {id: amount-10k, tier: 2, when: {amount_above: 10000}}\n"),
        "rules[1]", "(rule amount-10k)", "tier 2 overlaps rule amount-500 (rules[0], tier 3)", "never changes a required tier");
  }

  @Test
  void oneThresholdWithTwoTiersOverlaps() {
    reject(rules("  - {id: big, tier: 2, when: {amount_above: 500}}\n  - {id: big-too, tier: 3, when: {amount_above: 500.00}}\n"),
        "rules[0]", "(rule big)", "tier 2 overlaps rule big-too (rules[1], tier 3)", "a higher tier");
  }

  @Test
  void theSameRuleUnderAnotherIdRepeatsIt() {
    reject(rules("  - {id: pii, tier: 3, when: {data_sensitivity: [pii, special_category]}}\n"
        + "  - {id: sensitive, tier: 3, when: {data_sensitivity: [special_category, pii]}}\n"),
        "rules[1]", "(rule sensitive)", "tier 3 repeats rule pii (rules[0], tier 3)");
  }

  @Test
  void aNarrowRuleUnderABroaderHigherTierOverlaps() {
    reject(rules("  - {id: irreversible, tier: 4, when: {reversible: false}}\n"
        + "  - {id: irreversible-refund, tier: 3, when: {action_type: [refund], reversible: false, amount_above: 100}}\n"),
        "rules[1]", "(rule irreversible-refund)", "overlaps rule irreversible (rules[0], tier 4)", "narrow irreversible");
  }

  @Test
  void anAmountLadderThatSkipsATierLeavesAGap() {
    reject(rules("  - {id: amount-10k, tier: 4, when: {amount_above: 10000}}\n  - {id: amount-500, tier: 2, when: {amount_above: 500}}\n"),
        "rules[0].tier", "(rule amount-10k)", "tiers 2 and 4 leave a gap on the amount_above ladder",
        "rule amount-500 (rules[1]) requires tier 2 above 500", "no value requires tier 3 (in_the_loop)");
  }

  @Test
  void aRecordsLadderWithinOneScopeThatSkipsATierLeavesAGap() {
    reject(rules("  - {id: pii-100, tier: 1, when: {data_sensitivity: [pii], records_above: 100}}\n"
        + "  - {id: pii-10k, tier: 3, when: {data_sensitivity: [pii], records_above: 10000}}\n"),
        "rules[1].tier", "(rule pii-10k)", "tiers 1 and 3 leave a gap on the records_above ladder", "tier 2 (on_the_loop)");
  }

  @Test
  void coherentTiersAreAccepted() throws Exception {
    // ladders in different scopes may each start where they like; a broad lower tier under a
    // narrower higher one is the usual shape; neighbouring tiers may share an oversight mode
    EscalationPolicy p = EscalationPolicy.parse(HEAD + "oversight: {1: none, 2: in_the_loop, 3: in_the_loop, 4: halt_escalate}\n"
        + "rules:\n"
        + "  - {id: amount-500, tier: 2, when: {amount_above: 500}}\n"
        + "  - {id: refund-5k, tier: 4, when: {action_type: [refund], amount_above: 5000}}\n"
        + "  - {id: records-100, tier: 2, when: {records_above: 100}}\n"
        + "  - {id: pii-many, tier: 4, when: {data_sensitivity: [pii], records_above: 100}}\n"
        + "  - {id: export-1k, tier: 3, when: {action_type: [export], amount_above: 500, records_above: 1000}}\n", SOURCE);
    assertEquals(5, p.rules().size());
  }

  @Test
  void sourceNameIsAlwaysNamed() {
    ContractViolation e = assertThrows(ContractViolation.class, () -> EscalationPolicy.parse("rules: [", null));
    assertTrue(e.getMessage().startsWith("Cannot load policy <unnamed>: YAML does not parse"), e.getMessage());
  }
}

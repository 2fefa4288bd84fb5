package io.agentgov.generator;

import io.agentgov.contract.Vocabulary.ActionType;
import io.agentgov.contract.Vocabulary.DataSensitivity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An escalation policy version as the simulated gateway applies it: the rules of the policy
 * documents the generator writes to {@code policies/} (input contract, "Escalation policy"), as
 * data. The tier an action requires is the highest tier among matching rules, at least 1.
 */
final class Policy {

  /** The four risk dimensions a misconfigured gateway may ignore (planted tier violations). */
  enum Dimension { AMOUNT, RECORDS, SENSITIVITY, REVERSIBILITY }

  /**
   * One rule. Null fields are absent keys of {@code when}; every present key must match.
   * {@code amountAbove} is in cents (the contract's face value, any currency).
   */
  record Rule(String id, int tier, Set<ActionType> actionType, Set<ActionType> actionTypeNot, Long amountAboveCents,
              Long recordsAbove, Set<DataSensitivity> sensitivity, Boolean reversible, Boolean regulatoryScopeAny,
              Boolean outsideDeclaredScope) {

    boolean uses(Dimension d) {
      return switch (d) {
        case AMOUNT -> amountAboveCents != null;
        case RECORDS -> recordsAbove != null;
        case SENSITIVITY -> sensitivity != null;
        case REVERSIBILITY -> reversible != null;
      };
    }

    boolean matches(ActionType action, long amountCents, long records, DataSensitivity s, boolean rev, boolean regulated,
                    boolean outside) {
      if (actionType != null && !actionType.contains(action)) {
        return false;
      }
      if (actionTypeNot != null && actionTypeNot.contains(action)) {
        return false;
      }
      if (amountAboveCents != null && !(amountCents > amountAboveCents)) {
        return false;
      }
      if (recordsAbove != null && !(records > recordsAbove)) {
        return false;
      }
      if (sensitivity != null && !sensitivity.contains(s)) {
        return false;
      }
      if (reversible != null && reversible != rev) {
        return false;
      }
      if (regulatoryScopeAny != null && regulatoryScopeAny != regulated) {
        return false;
      }
      return outsideDeclaredScope == null || outsideDeclaredScope == outside;
    }
  }

  final String policyId;
  final String version;
  final LocalDate effectiveFrom;
  final long effectiveFromMillis;
  final List<Rule> rules;
  final String fileName;
  final String yaml;
  final byte[] versionJson;
  final byte[][] ruleIdJson;

  private Policy(String version, LocalDate effectiveFrom, List<Rule> rules, String yaml) {
    this.policyId = "default";
    this.version = version;
    this.effectiveFrom = effectiveFrom;
    this.effectiveFromMillis = effectiveFrom.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    this.rules = rules;
    this.fileName = "default-" + version + ".yaml";
    this.yaml = yaml;
    this.versionJson = ByteSink.quoted(version);
    this.ruleIdJson = rules.stream().map(r -> ByteSink.quoted(r.id())).toArray(byte[][]::new);
  }

  /**
   * Index of the rule that decides the tier (the first, in document order, of those with the
   * highest tier), or -1 when no rule matches (tier 1). Rules that use {@code ignored} are
   * skipped: that is how a misconfigured gateway computes a tier too low.
   */
  int decidingRule(ActionType action, long amountCents, long records, DataSensitivity s, boolean rev, boolean regulated,
                   boolean outside, Dimension ignored) {
    int best = -1;
    int bestTier = 1;
    for (int i = 0; i < rules.size(); i++) {
      Rule r = rules.get(i);
      if (r.tier > bestTier && (ignored == null || !r.uses(ignored))
          && r.matches(action, amountCents, records, s, rev, regulated, outside)) {
        best = i;
        bestTier = r.tier;
      }
    }
    return best;
  }

  int tierOf(int ruleIndex) {
    return ruleIndex < 0 ? 1 : rules.get(ruleIndex).tier;
  }

  // ------------------------------------------------------------------ the versions the generator writes

  private static Set<ActionType> a(ActionType... t) {
    return EnumSet.copyOf(List.of(t));
  }

  private static Set<DataSensitivity> s(DataSensitivity... t) {
    return EnumSet.copyOf(List.of(t));
  }

  private static Rule amount(String id, int tier, long above) {
    return new Rule(id, tier, null, null, above * 100, null, null, null, null, null);
  }

  private static Rule records(String id, int tier, long above) {
    return new Rule(id, tier, null, null, null, above, null, null, null, null);
  }

  /** The rules of the default policy, exactly as input-contract.md lists them. */
  private static List<Rule> defaultRules(boolean v2026_2) {
    ActionType read = ActionType.READ;
    return List.of(
        v2026_2 ? amount("amount-250", 2, 250) : amount("amount-500", 2, 500),
        amount("amount-10k", 3, 10_000),
        new Rule("refund-5k", 3, a(ActionType.REFUND), null, 5_000L * 100, null, null, null, null, null),
        new Rule("confidential", 2, null, null, null, null, s(DataSensitivity.CONFIDENTIAL), null, null, null),
        new Rule("pii-read", 2, a(read), null, null, null, s(DataSensitivity.PII), null, null, null),
        new Rule("pii-change", 3, null, a(read), null, null, s(DataSensitivity.PII), null, null, null),
        new Rule("special-read", 3, a(read), null, null, null, s(DataSensitivity.SPECIAL_CATEGORY), null, null, null),
        new Rule("special-change", 4, null, a(read), null, null, s(DataSensitivity.SPECIAL_CATEGORY), null, null, null),
        records("records-100", 2, 100),
        records("records-1k", 3, 1_000),
        records("records-10k", 4, 10_000),
        new Rule("pii-at-scale", 4, null, null, null, 1_000L, s(DataSensitivity.PII, DataSensitivity.SPECIAL_CATEGORY),
            null, null, null),
        new Rule("irreversible", 4, null, null, null, null, null, false, null, null),
        new Rule("regulated", 4, null, null, null, null, null, null, true, null),
        new Rule("config-change", 4, a(ActionType.CONFIG_CHANGE), null, null, null, null, null, null, null),
        new Rule("out-of-scope", 4, null, null, null, null, null, null, null, true));
  }

  private static List<Rule> withExportRule(List<Rule> rules) {
    var copy = new java.util.ArrayList<>(rules);
    copy.add(new Rule("export-bulk", 3, a(ActionType.EXPORT), null, null, 500L, null, null, null, null));
    return List.copyOf(copy);
  }

  private static final String HEADER_2026_1 = """
      policy_id: default
      version: "2026.1"
      effective_from: "%s"
      """;

  /** The settings and rules of the default policy, verbatim from input-contract.md. */
  private static final String BODY = """
      oversight: {1: none, 2: on_the_loop, 3: in_the_loop, 4: halt_escalate}
      approval_sla_seconds: 14400          # tier 3, unless the event's oversight.sla_seconds says otherwise
      on_the_loop_window_seconds: 86400    # tier 2: a reversal is still possible within this window
      credentials: {preferred_kinds: [ephemeral_token, agent_token], max_token_lifetime_days: 30}
      auto_approve_min_confidence: {default: 0.80, payment: 0.90, refund: 0.90}   # thresholds to recalibrate
      recalibration: {alpha: 0.02, delta: 0.05}
      lifecycle: {review_max_age_days: 90, idle_days: 30, unused_permission_days: 90}
      rules:
      %s  - {id: amount-10k,    tier: 3, when: {amount_above: 10000}}
        - {id: refund-5k,     tier: 3, when: {action_type: [refund], amount_above: 5000}}
        - {id: confidential,  tier: 2, when: {data_sensitivity: [confidential]}}
        - {id: pii-read,      tier: 2, when: {data_sensitivity: [pii], action_type: [read]}}
        - {id: pii-change,    tier: 3, when: {data_sensitivity: [pii], action_type_not: [read]}}
        - {id: special-read,  tier: 3, when: {data_sensitivity: [special_category], action_type: [read]}}
        - {id: special-change, tier: 4, when: {data_sensitivity: [special_category], action_type_not: [read]}}
        - {id: records-100,   tier: 2, when: {records_above: 100}}
        - {id: records-1k,    tier: 3, when: {records_above: 1000}}
        - {id: records-10k,   tier: 4, when: {records_above: 10000}}
        - {id: pii-at-scale,  tier: 4, when: {data_sensitivity: [pii, special_category], records_above: 1000}}
        - {id: irreversible,  tier: 4, when: {reversible: false}}
        - {id: regulated,     tier: 4, when: {regulatory_scope_any: true}}
        - {id: config-change, tier: 4, when: {action_type: [config_change]}}
        - {id: out-of-scope,  tier: 4, when: {outside_declared_scope: true}}
      """;

  private static final String AMOUNT_500 = "  - {id: amount-500,    tier: 2, when: {amount_above: 500}}\n";
  private static final String AMOUNT_250 = "  - {id: amount-250,    tier: 2, when: {amount_above: 250}}\n";

  /** The shipped default, 2026.1, effective 2026-01-01 (or the first generated day, if earlier). */
  static Policy v2026_1(LocalDate start) {
    LocalDate from = LocalDate.of(2026, 1, 1);
    if (start.isBefore(from)) {
      from = start;
    }
    String yaml = String.format(HEADER_2026_1, from) + String.format(BODY, AMOUNT_500);
    return new Policy("2026.1", from, defaultRules(false), yaml);
  }

  /**
   * An older version, in force before 2026.1 and never for a generated event: it is there so
   * that readers pick the version by {@code effective_from}, not by file name or order.
   */
  static Policy v2025_1(LocalDate start) {
    LocalDate from = LocalDate.of(2025, 1, 1);
    if (!from.isBefore(start.minusDays(30))) {
      from = start.minusDays(365);
    }
    String yaml = "# superseded by 2026.1; kept for the record\n"
        + "policy_id: default\nversion: \"2025.1\"\neffective_from: \"" + from + "\"\n"
        + String.format(BODY, AMOUNT_500);
    return new Policy("2025.1", from, defaultRules(false), yaml);
  }

  /**
   * A mid-period revision: payments above 250 (not 500) need tier 2, and bulk exports above 500
   * records need tier 3. The simulated gateway applies it to events from {@code effectiveFrom}.
   */
  static Policy v2026_2(LocalDate effectiveFrom) {
    String body = String.format(BODY, AMOUNT_250)
        + "  - {id: export-bulk,   tier: 3, when: {action_type: [export], records_above: 500}}\n";
    String yaml = "# revision of 2026.1: lower amount threshold, bulk exports need approval\n"
        + "policy_id: default\nversion: \"2026.2\"\neffective_from: \"" + effectiveFrom + "\"\n" + body;
    return new Policy("2026.2", effectiveFrom, withExportRule(defaultRules(true)), yaml);
  }
}

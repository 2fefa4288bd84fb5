package io.agentgov.contract.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.CanonicalJson;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of an escalation policy document ({@code policies/*.yaml}, input contract v1,
 * "Escalation policy"), parsed and checked. Immutable.
 *
 * <p><b>Document shape.</b> Required top-level keys: {@code policy_id} (string), {@code version}
 * (a string: quote it, since YAML reads an unquoted {@code 2026.10} as the number 2026.1),
 * {@code effective_from} (date {@code yyyy-mm-dd}) and {@code rules} (a non-empty list of
 * {@code {id, tier, when}}; every rule needs all three, {@code when: {}} matches every action).
 * Optional sections take the shipped default policy's values when absent:
 * <pre>
 *   oversight                   {1: none, 2: on_the_loop, 3: in_the_loop, 4: halt_escalate}  (the seed article's tiers)
 *   approval_sla_seconds        14400
 *   on_the_loop_window_seconds  86400
 *   credentials                 {preferred_kinds: [ephemeral_token, agent_token], max_token_lifetime_days: 30}
 *   auto_approve_min_confidence {default: 0.80, payment: 0.90, refund: 0.90}
 *   recalibration               {alpha: 0.02, delta: 0.05}
 *   lifecycle                   {review_max_age_days: 90, idle_days: 30, unused_permission_days: 90}
 * </pre>
 * A section that is present replaces its default as a whole and must be complete: every key of
 * {@code oversight} (tiers 1 to 4), {@code credentials}, {@code recalibration} and
 * {@code lifecycle}, and {@code default} in {@code auto_approve_min_confidence} (whose other keys are
 * action types; an action type without its own entry uses {@code default}). A key with no value
 * ({@code lifecycle:} or {@code ~}) is an error, never "use the default".
 *
 * <p><b>Strictness.</b> Unknown keys at any level, values outside the contract's vocabularies,
 * wrong types, tiers outside 1..4, duplicate rule ids, duplicate YAML keys, YAML anchors/aliases
 * (the tree reader does not resolve them faithfully), extra YAML documents, and gaps or overlaps
 * between tiers ({@link TierCoverage}: oversight weaker at a higher tier, a rule another rule of an
 * equal or higher tier already covers, a threshold ladder that skips a tier) are all rejected with
 * {@link ReasonCode#INVALID_POLICY}; the violation's field is the dotted path of the offending key
 * (e.g. {@code rules[4].when.data_sensitivity[0]}) and the message names the source, the path, the
 * rule id and what is wrong. A bad policy never falls back to a default.
 *
 * <p><b>Evaluation.</b> {@link #requiredTier} is the highest {@code tier} among the rules whose
 * {@code when} matches the action, 1 when none does ({@link RuleCondition} has the key semantics).
 */
public final class EscalationPolicy {
  /** Classpath location of the policy that ships with agentgov. */
  public static final String DEFAULT_RESOURCE = "/io/agentgov/contract/default-policy.yaml";

  /** Oversight mode per tier when a document has no {@code oversight} section (the seed article's tiers). */
  public static final Map<Integer, String> DEFAULT_OVERSIGHT =
      Collections.unmodifiableMap(new TreeMap<>(Map.of(1, "none", 2, "on_the_loop", 3, "in_the_loop", 4, "halt_escalate")));
  public static final long DEFAULT_APPROVAL_SLA_SECONDS = 14_400;
  public static final long DEFAULT_ON_THE_LOOP_WINDOW_SECONDS = 86_400;
  public static final Credentials DEFAULT_CREDENTIALS = new Credentials(List.of("ephemeral_token", "agent_token"), 30);
  public static final Map<String, Double> DEFAULT_AUTO_APPROVE_MIN_CONFIDENCE;
  public static final Recalibration DEFAULT_RECALIBRATION = new Recalibration(0.02, 0.05);
  public static final Lifecycle DEFAULT_LIFECYCLE = new Lifecycle(90, 30, 90);

  static {
    Map<String, Double> confidence = new LinkedHashMap<>();
    confidence.put("default", 0.80);
    confidence.put("payment", 0.90);
    confidence.put("refund", 0.90);
    DEFAULT_AUTO_APPROVE_MIN_CONFIDENCE = Collections.unmodifiableMap(confidence);
  }

  /** Which credentials the policy expects agents to hold. */
  public record Credentials(List<String> preferredKinds, int maxTokenLifetimeDays) {
    public Credentials {
      preferredKinds = List.copyOf(preferredKinds);
    }
  }

  /** Risk level {@code alpha} and error probability {@code delta} of threshold recalibration. */
  public record Recalibration(double alpha, double delta) {}

  /** Ages (days) after which the lifecycle checks flag an agent, an idle agent, an unused permission. */
  public record Lifecycle(int reviewMaxAgeDays, int idleDays, int unusedPermissionDays) {}

  private final String sourceName;
  private final String sha256;
  private final String policyId;
  private final String version;
  private final LocalDate effectiveFrom;
  private final Map<Integer, String> oversight;
  private final long approvalSlaSeconds;
  private final long onTheLoopWindowSeconds;
  private final Credentials credentials;
  private final Map<String, Double> autoApproveMinConfidence;
  private final Recalibration recalibration;
  private final Lifecycle lifecycle;
  private final List<PolicyRule> rules;
  private final String canonicalJson;

  EscalationPolicy(String sourceName, String sha256, String policyId, String version, LocalDate effectiveFrom,
      Map<Integer, String> oversight, long approvalSlaSeconds, long onTheLoopWindowSeconds, Credentials credentials,
      Map<String, Double> autoApproveMinConfidence, Recalibration recalibration, Lifecycle lifecycle, List<PolicyRule> rules) {
    this.sourceName = sourceName;
    this.sha256 = sha256;
    this.policyId = policyId;
    this.version = version;
    this.effectiveFrom = effectiveFrom;
    this.oversight = Collections.unmodifiableMap(new TreeMap<>(oversight));
    this.approvalSlaSeconds = approvalSlaSeconds;
    this.onTheLoopWindowSeconds = onTheLoopWindowSeconds;
    this.credentials = credentials;
    this.autoApproveMinConfidence = Collections.unmodifiableMap(new LinkedHashMap<>(autoApproveMinConfidence));
    this.recalibration = recalibration;
    this.lifecycle = lifecycle;
    this.rules = List.copyOf(rules);
    this.canonicalJson = CanonicalJson.write(toJson());
  }

  /**
   * Parses and checks one policy document.
   *
   * @param sourceName names the document in error messages (a file name or URI)
   * @throws ContractViolation {@link ReasonCode#INVALID_POLICY} on any problem (see the class comment)
   */
  public static EscalationPolicy parse(String yamlText, String sourceName) throws ContractViolation {
    return new PolicyParser(sourceName).parse(yamlText);
  }

  /** The policy that ships with agentgov ({@link #DEFAULT_RESOURCE}). */
  public static EscalationPolicy loadDefault() {
    try (InputStream in = EscalationPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load the default policy: " + DEFAULT_RESOURCE + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot load the default policy: " + e.getMessage(), e);
    } catch (ContractViolation e) {
      throw new IllegalStateException("Cannot load the default policy: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- evaluation

  /** The tier {@code input} requires under this policy, with the rules that decided it. */
  public RequiredTier requiredTier(PolicyInput input) {
    List<PolicyRule> matched = new ArrayList<>();
    for (PolicyRule rule : rules) {
      if (rule.matches(input)) {
        matched.add(rule);
      }
    }
    // Stable sort: document order is kept within a tier.
    matched.sort(Comparator.comparingInt(PolicyRule::tier).reversed());
    int tier = matched.isEmpty() ? 1 : matched.get(0).tier();
    List<String> deciding = new ArrayList<>();
    List<String> all = new ArrayList<>(matched.size());
    for (PolicyRule rule : matched) {
      if (rule.tier() == tier) {
        deciding.add(rule.id());
      }
      all.add(rule.id());
    }
    return new RequiredTier(tier, oversightMode(tier), deciding, all);
  }

  // ---------------------------------------------------------------- accessors

  /** The name the document was parsed under. */
  public String sourceName() {
    return sourceName;
  }

  /** SHA-256 (lower-case hex) of the source text's UTF-8 bytes, as read. */
  public String sha256() {
    return sha256;
  }

  /**
   * The parsed policy, defaults filled in, as canonical JSON (keys sorted, no whitespace; the
   * document's key names; {@code oversight} keyed "1".."4"; rule order and list order as written).
   * Two documents that differ only in comments, layout or key order have the same text.
   */
  public String canonicalJson() {
    return canonicalJson;
  }

  public String policyId() {
    return policyId;
  }

  public String version() {
    return version;
  }

  public LocalDate effectiveFrom() {
    return effectiveFrom;
  }

  /** Oversight mode ({@code Vocabulary.OversightMode} wire value) per tier 1..4. */
  public Map<Integer, String> oversight() {
    return oversight;
  }

  public String oversightMode(int tier) {
    String mode = oversight.get(tier);
    if (mode == null) {
      throw new IllegalArgumentException("Cannot look up oversight: tier " + tier + " is not in 1..4");
    }
    return mode;
  }

  /** Tier 3: how long an approval may take, unless the event's {@code oversight.sla_seconds} says otherwise. */
  public long approvalSlaSeconds() {
    return approvalSlaSeconds;
  }

  /** Tier 2: how long after execution a reversal is still possible. */
  public long onTheLoopWindowSeconds() {
    return onTheLoopWindowSeconds;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Auto-approval confidence thresholds: key {@code default} plus one per action type that has its own. */
  public Map<String, Double> autoApproveMinConfidence() {
    return autoApproveMinConfidence;
  }

  /** The threshold for {@code actionType}: its own entry, else {@code default}. */
  public double autoApproveMinConfidence(String actionType) {
    Double own = autoApproveMinConfidence.get(actionType);
    return own != null ? own : autoApproveMinConfidence.get("default");
  }

  public Recalibration recalibration() {
    return recalibration;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** The rules in document order. */
  public List<PolicyRule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "EscalationPolicy[" + policyId + " " + version + " from " + effectiveFrom + ", " + sourceName + "]";
  }

  // ---------------------------------------------------------------- serialisation

  private ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("policy_id", policyId);
    o.put("version", version);
    o.put("effective_from", effectiveFrom.toString());
    ObjectNode modes = o.putObject("oversight");
    oversight.forEach((tier, mode) -> modes.put(Integer.toString(tier), mode));
    o.put("approval_sla_seconds", approvalSlaSeconds);
    o.put("on_the_loop_window_seconds", onTheLoopWindowSeconds);
    ObjectNode creds = o.putObject("credentials");
    credentials.preferredKinds().forEach(creds.putArray("preferred_kinds")::add);
    creds.put("max_token_lifetime_days", credentials.maxTokenLifetimeDays());
    ObjectNode confidence = o.putObject("auto_approve_min_confidence");
    autoApproveMinConfidence.forEach(confidence::put);
    ObjectNode recal = o.putObject("recalibration");
    recal.put("alpha", recalibration.alpha());
    recal.put("delta", recalibration.delta());
    ObjectNode life = o.putObject("lifecycle");
    life.put("review_max_age_days", lifecycle.reviewMaxAgeDays());
    life.put("idle_days", lifecycle.idleDays());
    life.put("unused_permission_days", lifecycle.unusedPermissionDays());
    var list = o.putArray("rules");
    for (PolicyRule rule : rules) {
      ObjectNode r = list.addObject();
      r.put("id", rule.id());
      r.put("tier", rule.tier());
      r.set("when", rule.when().toJson());
    }
    return o;
  }

}

package io.agentgov.contract.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.SecretScrubber;
import io.agentgov.contract.Vocabulary;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one policy document into an {@link EscalationPolicy}; the rules it enforces are in that
 * class's comment. Every problem is a {@link ReasonCode#INVALID_POLICY} whose field is the dotted
 * path of the offending key and whose message reads "Cannot load policy SOURCE: PATH (rule ID): PROBLEM".
 */
final class PolicyParser {
  private static final YAMLFactory YAML_FACTORY = YAMLFactory.builder().build();
  private static final ObjectMapper YAML = new ObjectMapper(YAML_FACTORY)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final List<String> TOP_KEYS = List.of("policy_id", "version", "effective_from", "oversight", "approval_sla_seconds",
      "on_the_loop_window_seconds", "credentials", "auto_approve_min_confidence", "recalibration", "lifecycle", "rules");
  static final List<String> RULE_KEYS = List.of("id", "tier", "when");
  static final List<String> TIER_KEYS = List.of("1", "2", "3", "4");
  static final List<String> CREDENTIALS_KEYS = List.of("preferred_kinds", "max_token_lifetime_days");
  static final List<String> RECALIBRATION_KEYS = List.of("alpha", "delta");
  static final List<String> LIFECYCLE_KEYS = List.of("review_max_age_days", "idle_days", "unused_permission_days");

  private final String source;
  /** " (rule ID)" while a rule with a readable id is being read, else empty. */
  private String ruleContext = "";

  PolicyParser(String sourceName) {
    this.source = sourceName == null || sourceName.isBlank() ? "<unnamed>" : sourceName;
  }

  EscalationPolicy parse(String text) throws ContractViolation {
    if (text == null) {
      throw fail(null, "no text");
    }
    ObjectNode doc = readYaml(text);
    requireKnownKeys(doc, "", TOP_KEYS);

    String policyId = requiredText(doc, "", "policy_id");
    JsonNode versionNode = value(doc, "", "version", true);
    if (!versionNode.isTextual()) {
      throw fail("version", "must be a quoted string such as \"2026.1\", got " + describe(versionNode)
          + " (unquoted, YAML reads 2026.10 as the number 2026.1)");
    }
    String version = nonBlank(versionNode, "version");
    LocalDate effectiveFrom = date(value(doc, "", "effective_from", true), "effective_from");

    Map<Integer, String> oversight = EscalationPolicy.DEFAULT_OVERSIGHT;
    JsonNode node = value(doc, "", "oversight", false);
    if (node != null) {
      oversight = oversight(mapping(node, "oversight"));
    }
    long sla = EscalationPolicy.DEFAULT_APPROVAL_SLA_SECONDS;
    node = value(doc, "", "approval_sla_seconds", false);
    if (node != null) {
      sla = integer(node, "approval_sla_seconds", 1, Long.MAX_VALUE);
    }
    long window = EscalationPolicy.DEFAULT_ON_THE_LOOP_WINDOW_SECONDS;
    node = value(doc, "", "on_the_loop_window_seconds", false);
    if (node != null) {
      window = integer(node, "on_the_loop_window_seconds", 1, Long.MAX_VALUE);
    }
    EscalationPolicy.Credentials credentials = EscalationPolicy.DEFAULT_CREDENTIALS;
    node = value(doc, "", "credentials", false);
    if (node != null) {
      credentials = credentials(mapping(node, "credentials"));
    }
    Map<String, Double> confidence = EscalationPolicy.DEFAULT_AUTO_APPROVE_MIN_CONFIDENCE;
    node = value(doc, "", "auto_approve_min_confidence", false);
    if (node != null) {
      confidence = confidence(mapping(node, "auto_approve_min_confidence"));
    }
    EscalationPolicy.Recalibration recalibration = EscalationPolicy.DEFAULT_RECALIBRATION;
    node = value(doc, "", "recalibration", false);
    if (node != null) {
      ObjectNode o = mapping(node, "recalibration");
      requireKnownKeys(o, "recalibration", RECALIBRATION_KEYS);
      recalibration = new EscalationPolicy.Recalibration(
          openUnit(value(o, "recalibration", "alpha", true), "recalibration.alpha"),
          openUnit(value(o, "recalibration", "delta", true), "recalibration.delta"));
    }
    EscalationPolicy.Lifecycle lifecycle = EscalationPolicy.DEFAULT_LIFECYCLE;
    node = value(doc, "", "lifecycle", false);
    if (node != null) {
      ObjectNode o = mapping(node, "lifecycle");
      requireKnownKeys(o, "lifecycle", LIFECYCLE_KEYS);
      lifecycle = new EscalationPolicy.Lifecycle(days(o, "lifecycle", "review_max_age_days"), days(o, "lifecycle", "idle_days"),
          days(o, "lifecycle", "unused_permission_days"));
    }
    List<PolicyRule> rules = rules(value(doc, "", "rules", true));
    TierCoverage.Problem incoherent = TierCoverage.find(rules, oversight);
    if (incoherent != null) {
      ruleContext = incoherent.rule() < 0 ? "" : " (rule " + rules.get(incoherent.rule()).id() + ")";
      throw fail(incoherent.path(), incoherent.message());
    }

    return new EscalationPolicy(source, io.agentgov.contract.CanonicalJson.sha256Hex(text), policyId, version, effectiveFrom, oversight, sla, window,
        credentials, confidence, recalibration, lifecycle, rules);
  }

  // ---------------------------------------------------------------- YAML

  /**
   * One YAML document whose root is a mapping. A first pass over the tokens rejects anchors and
   * aliases: Jackson's tree reader turns an alias into the anchor's name, a silent wrong value.
   */
  private ObjectNode readYaml(String text) throws ContractViolation {
    try (YAMLParser tokens = (YAMLParser) YAML_FACTORY.createParser(text)) {
      while (tokens.nextToken() != null) {
        if (tokens.isCurrentAlias() || tokens.getObjectId() != null) {
          throw fail(null, "line " + tokens.getTokenLocation().getLineNr()
              + ": YAML anchors and aliases (&name, *name) are not supported; write the value out");
        }
      }
      JsonNode root = YAML.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw fail(null, "the document is empty");
      }
      if (!root.isObject()) {
        throw fail(null, "the document must be a mapping of keys (policy_id, version, ...), got " + describe(root));
      }
      return (ObjectNode) root;
    } catch (JsonProcessingException e) {
      throw fail(null, "YAML does not parse " + syntaxProblem(e));
    } catch (IOException e) {
      throw fail(null, "cannot read the text: " + e.getMessage()); // a StringReader does not fail; kept for the API
    }
  }

  /**
   * "at line L, column C: problem (context at line L)" from SnakeYAML's marks when it raised the
   * error (they point at the offending character; Jackson's location is where its reader stopped),
   * else from Jackson's location and message.
   */
  private static String syntaxProblem(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        StringBuilder text = new StringBuilder("at line ").append(yaml.getProblemMark().getLine() + 1)
            .append(", column ").append(yaml.getProblemMark().getColumn() + 1).append(": ").append(oneLine(yaml.getProblem()));
        if (yaml.getContext() != null) {
          text.append(" (").append(oneLine(yaml.getContext()));
          if (yaml.getContextMark() != null) {
            text.append(" at line ").append(yaml.getContextMark().getLine() + 1);
          }
          text.append(')');
        }
        return text.toString();
      }
    }
    int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    String problem = oneLine(e.getOriginalMessage());
    if (problem.startsWith("Trailing token")) {
      problem = "another YAML document follows the policy (---); a policy file holds one document";
    }
    return (line > 0 ? "at line " + line + ": " : ": ") + problem;
  }

  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() > 300 ? text.substring(0, 297) + "..." : text;
  }

  // ---------------------------------------------------------------- sections

  private Map<Integer, String> oversight(ObjectNode o) throws ContractViolation {
    requireKnownKeys(o, "oversight", TIER_KEYS);
    Map<Integer, String> result = new TreeMap<>();
    for (String tier : TIER_KEYS) {
      result.put(Integer.valueOf(tier),
          vocabulary(value(o, "oversight", tier, true), "oversight." + tier, Vocabulary.OversightMode.class, "an oversight mode"));
    }
    return result;
  }

  private EscalationPolicy.Credentials credentials(ObjectNode o) throws ContractViolation {
    requireKnownKeys(o, "credentials", CREDENTIALS_KEYS);
    List<String> kinds = vocabularyList(value(o, "credentials", "preferred_kinds", true), "credentials.preferred_kinds",
        Vocabulary.CredentialKind.class, "a credential kind");
    int maxDays = (int) integer(value(o, "credentials", "max_token_lifetime_days", true), "credentials.max_token_lifetime_days",
        1, Integer.MAX_VALUE);
    return new EscalationPolicy.Credentials(kinds, maxDays);
  }

  /** {@code default} is required; every other key is an action type. */
  private Map<String, Double> confidence(ObjectNode o) throws ContractViolation {
    String section = "auto_approve_min_confidence";
    List<String> allowed = new ArrayList<>();
    allowed.add("default");
    allowed.addAll(Vocabulary.allowed(Vocabulary.ActionType.class));
    requireKnownKeys(o, section, allowed);
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("default", probability(value(o, section, "default", true), section + ".default"));
    Iterator<String> keys = o.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!key.equals("default")) {
        result.put(key, probability(value(o, section, key, true), section + "." + key));
      }
    }
    return result;
  }

  private int days(ObjectNode o, String section, String key) throws ContractViolation {
    return (int) integer(value(o, section, key, true), section + "." + key, 1, Integer.MAX_VALUE);
  }

  private List<PolicyRule> rules(JsonNode node) throws ContractViolation {
    if (!node.isArray()) {
      throw fail("rules", "must be a list of rules {id, tier, when}, got " + describe(node));
    }
    if (node.isEmpty()) {
      throw fail("rules", "is empty; a policy needs at least one rule (when: {} matches every action)");
    }
    List<PolicyRule> rules = new ArrayList<>(node.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "rules[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isObject()) {
        throw fail(path, "must be a mapping {id, tier, when}, got " + describe(item));
      }
      ObjectNode o = (ObjectNode) item;
      JsonNode idNode = o.get("id");
      ruleContext = idNode != null && idNode.isTextual() && !idNode.textValue().isBlank() ? " (rule " + idNode.textValue() + ")" : "";
      requireKnownKeys(o, path, RULE_KEYS);
      String id = requiredText(o, path, "id");
      Integer previous = seen.putIfAbsent(id, i);
      if (previous != null) {
        throw fail(path + ".id", "duplicate rule id \"" + id + "\", also rules[" + previous + "]");
      }
      int tier = (int) integer(value(o, path, "tier", true), path + ".tier", 1, 4);
      RuleCondition when = condition(mapping(value(o, path, "when", true), path + ".when"), path + ".when");
      rules.add(new PolicyRule(id, tier, when));
      ruleContext = "";
    }
    return rules;
  }

  private RuleCondition condition(ObjectNode o, String path) throws ContractViolation {
    requireKnownKeys(o, path, RuleCondition.KEYS);
    List<String> actionType = null;
    List<String> actionTypeNot = null;
    BigDecimal amountAbove = null;
    Long recordsAbove = null;
    List<String> sensitivity = null;
    Boolean reversible = null;
    Boolean regulatory = null;
    Boolean outside = null;
    JsonNode node;
    if ((node = value(o, path, "action_type", false)) != null) {
      actionType = vocabularyList(node, path + ".action_type", Vocabulary.ActionType.class, "an action type");
    }
    if ((node = value(o, path, "action_type_not", false)) != null) {
      actionTypeNot = vocabularyList(node, path + ".action_type_not", Vocabulary.ActionType.class, "an action type");
    }
    if ((node = value(o, path, "amount_above", false)) != null) {
      amountAbove = amount(node, path + ".amount_above");
    }
    if ((node = value(o, path, "records_above", false)) != null) {
      recordsAbove = integer(node, path + ".records_above", 0, Long.MAX_VALUE);
    }
    if ((node = value(o, path, "data_sensitivity", false)) != null) {
      sensitivity = vocabularyList(node, path + ".data_sensitivity", Vocabulary.DataSensitivity.class, "a data sensitivity");
    }
    if ((node = value(o, path, "reversible", false)) != null) {
      reversible = bool(node, path + ".reversible");
    }
    if ((node = value(o, path, "regulatory_scope_any", false)) != null) {
      regulatory = bool(node, path + ".regulatory_scope_any");
    }
    if ((node = value(o, path, "outside_declared_scope", false)) != null) {
      outside = bool(node, path + ".outside_declared_scope");
    }
    return new RuleCondition(actionType, actionTypeNot, amountAbove, recordsAbove, sensitivity, reversible, regulatory, outside);
  }

  // ---------------------------------------------------------------- values

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  private void requireKnownKeys(ObjectNode o, String prefix, List<String> allowed) throws ContractViolation {
    Iterator<String> keys = o.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!allowed.contains(key)) {
        throw fail(join(prefix, key), "unknown key; allowed: " + String.join(", ", allowed));
      }
    }
  }

  /**
   * The value of {@code key}. A key present with no value ({@code key:}, {@code ~}, or an empty
   * string, which is how the YAML reader may hand over an empty scalar) is an error even where the
   * key is optional: it never means "use the default".
   */
  private JsonNode value(ObjectNode o, String prefix, String key, boolean required) throws ContractViolation {
    JsonNode value = o.get(key);
    if (value == null) {
      if (required) {
        throw fail(join(prefix, key), "is missing");
      }
      return null;
    }
    if (value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
      throw fail(join(prefix, key), "has no value" + (required ? "" : "; give one or remove the key to use the default"));
    }
    return value;
  }

  private String requiredText(ObjectNode o, String prefix, String key) throws ContractViolation {
    return nonBlank(value(o, prefix, key, true), join(prefix, key));
  }

  private String nonBlank(JsonNode node, String path) throws ContractViolation {
    if (!node.isTextual()) {
      throw fail(path, "must be a string, got " + describe(node));
    }
    if (node.textValue().isBlank()) {
      throw fail(path, "is blank");
    }
    return node.textValue();
  }

  private ObjectNode mapping(JsonNode node, String path) throws ContractViolation {
    if (!node.isObject()) {
      throw fail(path, "must be a mapping, got " + describe(node));
    }
    return (ObjectNode) node;
  }

  private LocalDate date(JsonNode node, String path) throws ContractViolation {
    if (!node.isTextual()) {
      throw fail(path, "must be a date \"yyyy-mm-dd\", got " + describe(node));
    }
    try {
      return LocalDate.parse(node.textValue());
    } catch (DateTimeException e) {
      throw fail(path, "is \"" + SecretScrubber.forMessage(node.textValue()) + "\", not a date (yyyy-mm-dd)");
    }
  }

  private long integer(JsonNode node, String path, long min, long max) throws ContractViolation {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw fail(path, "must be an integer, got " + describe(node));
    }
    long value = node.longValue();
    if (value < min || value > max) {
      throw fail(path, "is " + value + ", must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
          ? "at least " + min : "in " + min + ".." + max));
    }
    return value;
  }

  /** A non-negative amount, normalised (no trailing zeros, never an exponent above the units). */
  private BigDecimal amount(JsonNode node, String path) throws ContractViolation {
    if (!node.isNumber()) {
      throw fail(path, "must be a number, got " + describe(node));
    }
    BigDecimal value = node.decimalValue();
    if (value.signum() < 0) {
      throw fail(path, "is " + value.toPlainString() + ", must be at least 0");
    }
    value = value.stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private double probability(JsonNode node, String path) throws ContractViolation {
    double value = number(node, path);
    if (!(value >= 0 && value <= 1)) {
      throw fail(path, "is " + node + ", must be in [0, 1]");
    }
    return value;
  }

  private double openUnit(JsonNode node, String path) throws ContractViolation {
    double value = number(node, path);
    if (!(value > 0 && value < 1)) {
      throw fail(path, "is " + node + ", must be in (0, 1)");
    }
    return value;
  }

  private double number(JsonNode node, String path) throws ContractViolation {
    if (!node.isNumber()) {
      throw fail(path, "must be a number, got " + describe(node));
    }
    return node.doubleValue();
  }

  private boolean bool(JsonNode node, String path) throws ContractViolation {
    if (!node.isBoolean()) {
      throw fail(path, "must be true or false, got " + describe(node));
    }
    return node.booleanValue();
  }

  private <E extends Enum<E> & Vocabulary.Wire> String vocabulary(JsonNode node, String path, Class<E> type, String what)
      throws ContractViolation {
    if (!node.isTextual()) {
      throw fail(path, "must be " + what + " (" + String.join(", ", Vocabulary.allowed(type)) + "), got " + describe(node));
    }
    if (Vocabulary.fromWire(type, node.textValue()) == null) {
      throw fail(path, "\"" + SecretScrubber.forMessage(node.textValue()) + "\" is not " + what + "; allowed: "
          + String.join(", ", Vocabulary.allowed(type)));
    }
    return node.textValue();
  }

  /** A non-empty list of contract values (an empty list would make the key never or always match). */
  private <E extends Enum<E> & Vocabulary.Wire> List<String> vocabularyList(JsonNode node, String path, Class<E> type, String what)
      throws ContractViolation {
    if (!node.isArray()) {
      throw fail(path, "must be a list, e.g. [" + Vocabulary.allowed(type).get(0) + "], got " + describe(node));
    }
    if (node.isEmpty()) {
      throw fail(path, "is an empty list");
    }
    List<String> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(vocabulary(node.get(i), path + "[" + i + "]", type, what));
    }
    return values;
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string \"" + SecretScrubber.forMessage(node.textValue()) + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return "the boolean " + node;
    }
    if (node.isArray()) {
      return "a list " + SecretScrubber.forMessage(node.toString());
    }
    if (node.isObject()) {
      return "a mapping " + SecretScrubber.forMessage(node.toString());
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private ContractViolation fail(String path, String problem) {
    String where = path == null ? "" : path + ruleContext + ": ";
    return new ContractViolation(ReasonCode.INVALID_POLICY, path, "Cannot load policy " + source + ": " + where + problem);
  }
}

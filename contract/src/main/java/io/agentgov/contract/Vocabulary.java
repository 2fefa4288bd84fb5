package io.agentgov.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closed value sets of input contract v1 ({@code docs/contract.md}). Each enum knows its wire
 * spelling; {@link #allowed(Class)} lists them for error messages and data-quality checks.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** An enum whose constants have a wire spelling (the lower-case name). */
  public interface Wire {
    String name();

    default String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum ActionType implements Wire { READ, CREATE, UPDATE, DELETE, SEND_MESSAGE, PAYMENT, REFUND, CONFIG_CHANGE, EXPORT, OTHER }

  public enum CredentialKind implements Wire { EPHEMERAL_TOKEN, AGENT_TOKEN, SERVICE_ACCOUNT, STATIC_API_KEY, USER_CREDENTIAL }

  public enum DataSensitivity implements Wire { PUBLIC, INTERNAL, CONFIDENTIAL, PII, SPECIAL_CATEGORY }

  public enum PolicyDecision implements Wire { ALLOW, ALLOW_NOTIFY, REQUIRE_APPROVAL, HALT, DENY }

  /** Declared from the least oversight to the most: escalation policies check their tiers against this order. */
  public enum OversightMode implements Wire { NONE, ON_THE_LOOP, IN_THE_LOOP, HALT_ESCALATE }

  public enum OversightDecision implements Wire { APPROVED, REJECTED, MODIFIED, REVERSED, TIMED_OUT }

  public enum OutcomeStatus implements Wire { SUCCESS, FAILURE, PARTIAL, BLOCKED }

  public enum AgentStatus implements Wire { PROPOSED, ACTIVE, SUSPENDED, DECOMMISSIONED }

  public enum EuRiskClass implements Wire { MINIMAL, LIMITED, HIGH, UNCLASSIFIED }

  public enum EuRole implements Wire { PROVIDER, DEPLOYER }

  public enum PersonStatus implements Wire { ACTIVE, DEPARTED }

  public enum Verdict implements Wire { CORRECT, SHOULD_HAVE_ESCALATED, OVERTURNED }

  public enum SampleDesign implements Wire { CENSUS, RANDOM, STRATIFIED, TARGETED }

  /** Wire spellings of an enum's constants, in declaration order. */
  public static <E extends Enum<E> & Wire> List<String> allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Wire::wire).collect(Collectors.toList());
  }

  /** The constant spelled {@code wire}, or null when there is none. */
  public static <E extends Enum<E> & Wire> E fromWire(Class<E> type, String wire) {
    @SuppressWarnings("unchecked")
    Map<String, E> index = (Map<String, E>) INDEX.computeIfAbsent(type, t ->
        Arrays.stream(type.getEnumConstants()).collect(Collectors.toMap(Wire::wire, Function.identity())));
    return index.get(wire);
  }

  private static final Map<Class<?>, Map<String, ?>> INDEX = new java.util.concurrent.ConcurrentHashMap<>();
}

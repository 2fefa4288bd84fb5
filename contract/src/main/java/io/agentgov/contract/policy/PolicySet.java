package io.agentgov.contract.policy;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every known version of every escalation policy, and the one in force for an event: the version
 * with the latest {@code effective_from} on or before the UTC date of the event's time (input
 * contract v1, "Escalation policy" and "Days"). Immutable.
 *
 * <p>Building a set rejects ({@link ReasonCode#INVALID_POLICY}) two documents with the same
 * {@code (policy_id, version)} but different content (compared by {@link EscalationPolicy#canonicalJson()},
 * so the same policy re-delivered with other comments or layout is one version, kept once, first
 * source wins), and two versions of one policy with the same {@code effective_from}, since "the
 * latest version" would then be ambiguous (version strings have no order the contract defines).
 */
public final class PolicySet {
  /** policy_id → effective_from → version. */
  private final Map<String, NavigableMap<LocalDate, EscalationPolicy>> byId;

  private PolicySet(Map<String, NavigableMap<LocalDate, EscalationPolicy>> byId) {
    this.byId = byId;
  }

  public static PolicySet of(EscalationPolicy... policies) throws ContractViolation {
    return of(List.of(policies));
  }

  public static PolicySet of(Collection<EscalationPolicy> policies) throws ContractViolation {
    Map<String, NavigableMap<LocalDate, EscalationPolicy>> byId = new TreeMap<>();
    for (EscalationPolicy policy : policies) {
      NavigableMap<LocalDate, EscalationPolicy> versions = byId.computeIfAbsent(policy.policyId(), id -> new TreeMap<>());
      EscalationPolicy sameVersion = versions.values().stream()
          .filter(p -> p.version().equals(policy.version())).findFirst().orElse(null);
      if (sameVersion != null) {
        if (sameVersion.canonicalJson().equals(policy.canonicalJson())) {
          continue;
        }
        throw new ContractViolation(ReasonCode.INVALID_POLICY, "version", "Cannot load policy " + policy.sourceName()
            + ": policy " + policy.policyId() + " version " + policy.version() + " is also defined by "
            + sameVersion.sourceName() + " with different content");
      }
      EscalationPolicy sameDay = versions.get(policy.effectiveFrom());
      if (sameDay != null) {
        throw new ContractViolation(ReasonCode.INVALID_POLICY, "effective_from", "Cannot load policy " + policy.sourceName()
            + ": policy " + policy.policyId() + " version " + policy.version() + " takes effect on " + policy.effectiveFrom()
            + ", the same day as version " + sameDay.version() + " (" + sameDay.sourceName() + "); which is in force would be ambiguous");
      }
      versions.put(policy.effectiveFrom(), policy);
    }
    Map<String, NavigableMap<LocalDate, EscalationPolicy>> frozen = new TreeMap<>();
    byId.forEach((id, versions) -> frozen.put(id, Collections.unmodifiableNavigableMap(versions)));
    return new PolicySet(Collections.unmodifiableMap(frozen));
  }

  /**
   * The version of {@code policyId} in force at {@code eventTime}: latest {@code effective_from} ≤
   * the event's UTC date; null when the policy is unknown or no version had taken effect yet.
   */
  public EscalationPolicy inForce(String policyId, Instant eventTime) {
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(eventTime, "eventTime");
    NavigableMap<LocalDate, EscalationPolicy> versions = byId.get(policyId);
    if (versions == null) {
      return null;
    }
    Map.Entry<LocalDate, EscalationPolicy> entry = versions.floorEntry(LocalDate.ofInstant(eventTime, ZoneOffset.UTC));
    return entry == null ? null : entry.getValue();
  }

  /** The policy ids, sorted. */
  public Set<String> policyIds() {
    return byId.keySet();
  }

  /** The versions of {@code policyId} by {@code effective_from}, oldest first; empty when unknown. */
  public List<EscalationPolicy> versions(String policyId) {
    NavigableMap<LocalDate, EscalationPolicy> versions = byId.get(policyId);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** Every version of every policy, by policy id then {@code effective_from}. */
  public List<EscalationPolicy> all() {
    List<EscalationPolicy> all = new ArrayList<>();
    byId.values().forEach(versions -> all.addAll(versions.values()));
    return Collections.unmodifiableList(all);
  }
}

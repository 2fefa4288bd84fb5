package io.agentgov.jobs.governance;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.policy.PolicySet;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy versions as their canonical documents: what ships to the executors (the parsed
 * {@link PolicySet} is not serializable), parsed once per JVM on first use.
 */
final class PolicyDocuments implements Serializable {
  private final List<String> documents;
  private final List<String> sources;
  private transient PolicySet set;

  private PolicyDocuments(List<String> documents, List<String> sources) {
    this.documents = List.copyOf(documents);
    this.sources = List.copyOf(sources);
  }

  static PolicyDocuments of(PolicySet set) {
    List<String> docs = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (EscalationPolicy p : set.all()) {
      docs.add(p.canonicalJson());
      sources.add(p.sourceName());
    }
    PolicyDocuments d = new PolicyDocuments(docs, sources);
    d.set = set;
    return d;
  }

  synchronized PolicySet set() {
    if (set == null) {
      List<EscalationPolicy> parsed = new ArrayList<>();
      try {
        for (int i = 0; i < documents.size(); i++) {
          parsed.add(EscalationPolicy.parse(documents.get(i), sources.get(i)));
        }
        set = PolicySet.of(parsed);
      } catch (ContractViolation e) {
        throw new IllegalStateException("Cannot re-read a policy that parsed on the driver: " + e.getMessage(), e);
      }
    }
    return set;
  }

  /** The version in force at {@code t}; the shipped default when the policy is unknown or not yet in force. */
  EscalationPolicy inForce(String policyId, Instant t) {
    EscalationPolicy p = set().inForce(policyId, t);
    return p != null ? p : EscalationPolicy.loadDefault();
  }
}

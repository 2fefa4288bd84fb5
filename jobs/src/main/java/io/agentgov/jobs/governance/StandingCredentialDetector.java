package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.agentgov.contract.policy.EscalationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code standing_credential}: a credential of a kind the policy does not prefer (static API keys,
 * user credentials, service accounts under the default policy), or a token that never expires or
 * lives longer than {@code max_token_lifetime_days}: used in tonight's events, or listed as live for
 * an active agent in tonight's registry. One finding per agent and credential.
 */
final class StandingCredentialDetector implements Detector {
  private static final Set<String> TOKEN_KINDS = Set.of("ephemeral_token", "agent_token");

  @Override
  public FindingType type() {
    return FindingType.STANDING_CREDENTIAL;
  }

  @Override
  public List<Evidence.Spec> evidence(Night night) {
    return List.of(new Evidence.Spec(type().wire(),
        not(col("credential_kind").isin(night.policy().credentials().preferredKinds().toArray())), col("credential_id"),
        "credential_kind"));
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found evidence) {
    EscalationPolicy.Credentials policy = night.policy().credentials();
    List<String> preferred = policy.preferredKinds();
    Map<String, Detection> found = new TreeMap<>();
    for (Evidence.Group g : evidence.groups(type().wire())) {
      String kind = String.join("/", g.counts("credential_kind").keySet());
      Detection d = detection(g.agentId(), g.subject(), kind, "not a kind the policy prefers (" + String.join(", ", preferred)
          + ")", type().severity(g.highImpact()), g.samples(), g.first(), g.last(), g.events());
      found.put(d.findingId(), d);
    }
    Instant start = night.night().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = night.end().minusSeconds(1);
    for (RegistryEntry e : night.listed()) {
      if (!e.active()) {
        continue;
      }
      for (RegistryEntry.Credential c : e.credentials()) {
        String why = standing(c, preferred, policy.maxTokenLifetimeDays());
        if (c.validAt(end) && why != null) {
          Detection d = detection(e.agentId(), c.id(), c.kind(), why, type().baseSeverity(), List.of(),
              c.createdAt() != null && c.createdAt().isBefore(start) ? c.createdAt() : start, start, 0);
          found.putIfAbsent(d.findingId(), d);
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  /** Why a registry credential is standing, or null when it is not. */
  static String standing(RegistryEntry.Credential c, List<String> preferred, int maxLifetimeDays) {
    if (c.kind() != null && !preferred.contains(c.kind())) {
      return "not a kind the policy prefers (" + String.join(", ", preferred) + ")";
    }
    if (TOKEN_KINDS.contains(c.kind()) && c.expiresAt() == null) {
      return "a token that never expires";
    }
    if (TOKEN_KINDS.contains(c.kind()) && c.createdAt() != null
        && Duration.between(c.createdAt(), c.expiresAt()).toDays() > maxLifetimeDays) {
      return "a token living " + Duration.between(c.createdAt(), c.expiresAt()).toDays() + " days (max_token_lifetime_days "
          + maxLifetimeDays + ")";
    }
    return null;
  }

  private Detection detection(String agent, String credential, String kind, String why, FindingType.Severity severity,
      List<String> samples, Instant first, Instant last, long events) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("credential_id", credential);
    details.put("credential_kind", kind);
    details.put("why", why);
    return new Detection(type(), agent, credential, severity, Detection.Persistence.EVIDENCE,
        String.format("%s holds standing %s credential %s: %s; move it to short-lived tokens", agent, kind, credential, why),
        details, samples, first, last, events);
  }
}

package io.agentgov.jobs.governance;

import io.agentgov.contract.CanonicalJson;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one detector saw on one night about one agent: the raw material of a finding. The
 * {@link FindingLifecycle} turns the night's detections and the previous night's findings into
 * the new finding list.
 *
 * @param subject what the finding is about within the agent (a reason, a credential id, ...): type,
 *     agent and subject make the finding's identity
 * @param events events of evidence tonight; 0 for a finding read from the registry or directory
 * @param firstSeen earliest evidence tonight (for a registry finding: when the condition began, if known)
 */
public record Detection(FindingType type, String agentId, String subject, FindingType.Severity severity,
    Persistence persistence, String explanation, Map<String, String> details, List<String> sampleEventIds,
    Instant firstSeen, Instant lastSeen, long events) implements Serializable {

  /**
   * How a finding ends. {@code CONDITION}: the detector re-evaluates the whole condition every night
   * (an owner who left, an unused grant), so the first night without it resolves the finding.
   * {@code EVIDENCE}: the finding rests on events, and a quiet night proves nothing (agents idle at
   * weekends), so it resolves after {@code quiet_days} nights without new evidence.
   */
  public enum Persistence {
    CONDITION, EVIDENCE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Detection {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(subject, "subject");
    details = Map.copyOf(new TreeMap<>(details));
    sampleEventIds = List.copyOf(sampleEventIds);
  }

  /** The stable finding id: type, agent and subject, hashed (the same problem keeps its id night after night). */
  public String findingId() {
    return findingId(type, agentId, subject);
  }

  public static String findingId(FindingType type, String agentId, String subject) {
    String key = type.wire() + "\n" + agentId + "\n" + subject;
    return "F-" + CanonicalJson.sha256Hex(key).substring(0, 16);
  }
}

package io.agentgov.jobs.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One finding as of one night: a row of the {@code findings} table (docs/tables.md#findings).
 * Immutable; {@link FindingLifecycle} makes the next night's from it.
 */
public record Finding(LocalDate night, String findingId, FindingType type, String subject, String agentId,
    String businessUnit, FindingType.Severity severity, FindingType.Severity previousSeverity, Status status,
    LocalDate statusSince, LocalDate openedOn, LocalDate resolvedOn, int reopenCount,
    Detection.Persistence persistence, boolean detectedTonight, Instant firstSeen, Instant lastSeen,
    long evidenceEvents, Notify contact, String explanation, Map<String, String> details, List<String> sampleEventIds) {

  public enum Status {
    OPEN, REOPENED, RESOLVED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status fromWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean active() {
      return this != RESOLVED;
    }
  }

  /** Who is told: a person id (null for the governance office) and the role that made them the one. */
  public record Notify(String personId, String role) implements java.io.Serializable {
    public static final String OWNER = "owner";
    public static final String SPONSOR = "sponsor";
    public static final String TECHNICAL_OWNER = "technical_owner";
    public static final String ACTED_FOR = "acted_for";
    public static final String GOVERNANCE_OFFICE = "governance_office";
  }

  public Finding {
    details = Map.copyOf(details);
    sampleEventIds = List.copyOf(sampleEventIds);
  }
}

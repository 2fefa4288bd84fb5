package io.agentgov.jobs.governance;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of governance finding, each with the severity it starts from. A detector raises the
 * severity one step when its evidence touches a high-impact action ({@link EventVerdict#highImpact}):
 * docs/detectors.md gives the reasons for each level.
 */
public enum FindingType {
  SHADOW_AGENT(Severity.HIGH),
  DECOMMISSIONED_ACTING(Severity.CRITICAL),
  ABANDONED_AGENT(Severity.MEDIUM),
  SHARED_CREDENTIAL(Severity.HIGH),
  STANDING_CREDENTIAL(Severity.MEDIUM),
  UNUSED_PERMISSION(Severity.LOW),
  SCOPE_CREEP(Severity.HIGH),
  TIER_VIOLATION(Severity.HIGH),
  OVERSIGHT_VIOLATION(Severity.HIGH),
  SLA_BREACH(Severity.MEDIUM),
  PRIVILEGE_CASCADE(Severity.CRITICAL),
  ACCOUNTABILITY_GAP(Severity.HIGH);

  /** Ordered from least to most urgent. */
  public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public Severity raised() {
      return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    public static Severity fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  private final Severity baseSeverity;

  FindingType(Severity baseSeverity) {
    this.baseSeverity = baseSeverity;
  }

  public Severity baseSeverity() {
    return baseSeverity;
  }

  /** The base severity, raised one step when the evidence touches a high-impact action. */
  public Severity severity(boolean highImpact) {
    return highImpact ? baseSeverity.raised() : baseSeverity;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FindingType fromWire(String wire) {
    for (FindingType t : values()) {
      if (t.wire().equals(wire)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown finding type \"" + wire + "\": known types are " + wires());
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(FindingType::wire).toList();
  }
}

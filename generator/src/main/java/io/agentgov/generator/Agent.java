package io.agentgov.generator;

import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.Vocabulary.CredentialKind;
import io.agentgov.contract.Vocabulary.EuRiskClass;
import io.agentgov.contract.Vocabulary.EuRole;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent of the synthetic enterprise: what the registry says about it (day by day), how it
 * behaves, and the faults planted in it. Built once by {@link EnterpriseBuilder}; read-only while
 * events are generated (chunks read it from several threads).
 */
final class Agent {
  static final long DAY_MS = 86_400_000L;

  /** How an agent authenticates to the gateway. */
  enum CredentialScheme {
    /** A token minted per day by a broker (26 h lifetime). */
    EPHEMERAL(CredentialKind.EPHEMERAL_TOKEN),
    /** An agent token rotated every 21 days, valid 28 days. */
    ROTATING(CredentialKind.AGENT_TOKEN),
    SERVICE_ACCOUNT(CredentialKind.SERVICE_ACCOUNT),
    STATIC_KEY(CredentialKind.STATIC_API_KEY),
    /** A person's own credential: a standing credential. */
    USER(CredentialKind.USER_CREDENTIAL);

    final CredentialKind kind;

    CredentialScheme(CredentialKind kind) {
      this.kind = kind;
    }
  }

  enum Calibration { CALIBRATED, OVERCONFIDENT }

  /** A role held from a day on. */
  record Holding(LocalDate from, Person person) {}

  record ScopeChange(long atMillis, String reviewedBy, String change) {}

  /** A credential as the registry lists it. */
  record Credential(String id, CredentialKind kind, long createdAt, long expiresAt, long revokedAt) {
    static final long NONE = Long.MIN_VALUE;
  }

  /** A fault planted by construction (the kinds that are not derived from the events). */
  record Planted(FaultKind kind, LocalDate from, Map<String, Object> details) {}

  final int index;
  final String id;
  final byte[] idJson;
  final Unit unit;
  final Catalog.Archetype archetype;
  final Catalog.Kind kind;
  final boolean registered;
  String name;
  String purpose;
  String key;

  // ---------------------------------------------------------------- registry timeline
  long createdAtMillis;
  /** First day the agent is active (may act); null when active before the period. */
  LocalDate activeFrom;
  /** Registry-only agents that never act in the period. */
  boolean suspended;
  boolean proposedOnly;
  LocalDate decommissionDay;
  /** Planted: keeps acting after {@link #decommissionDay}, credentials never revoked. */
  boolean actsAfterDecommission;
  /** Planted: the project ended, the agent stops acting from this day, its credential stays live. */
  LocalDate projectEndDay;
  final List<Holding> owners = new ArrayList<>();
  final List<Holding> sponsors = new ArrayList<>();
  final List<Holding> techOwners = new ArrayList<>();
  /** The last review on or before the start; {@link Long#MIN_VALUE} if never reviewed. */
  long lastReviewMillis = Long.MIN_VALUE;
  /** Days between periodic reviews; 0 when reviews stopped. */
  int reviewCycleDays;
  boolean governanceReviewPassed;
  boolean deployedViaPipeline;
  Catalog.Model model;
  Catalog.Model modelAfter;
  LocalDate modelSwitchDay;
  boolean modelSwitchReviewed;
  String agentVersion;
  final List<Permission> declared = new ArrayList<>();
  final List<Permission> granted = new ArrayList<>();
  final List<ScopeChange> scopeChanges = new ArrayList<>();
  CredentialScheme scheme;
  String staticCredentialId;
  long staticCredentialCreated;
  int rotationPhase;
  EuRiskClass euRisk;
  EuRole euRole;
  String costCenter;

  // ---------------------------------------------------------------- behaviour
  Tool[] tools = new Tool[0];
  double[] weights = new double[0];
  double[] weightsAfter;
  LocalDate weightsSwitchDay;
  boolean checked = true;
  boolean otel;
  boolean contextLogged;
  boolean retention;
  int slaSeconds;
  double baseWeight;
  final double[] week = new double[7];
  double[] hourCdf;
  double[] hourCdfAfter;
  LocalDate timingDriftDay;
  double volumeAfter = 1;
  LocalDate volumeDriftDay;
  double tokensAfter = 1;
  LocalDate tokensDriftDay;
  double traceLength;
  int tokensIn;
  int tokensOut;
  int latencyMs;
  double confidenceLogit;
  double confidenceSpread;
  Calibration calibration = Calibration.CALIBRATED;
  double reviewRate;
  boolean census;

  // ---------------------------------------------------------------- faults that change events
  Policy.Dimension tierIgnore;
  LocalDate tierIgnoreFrom;
  LocalDate executeBeforeApprovalFrom;
  LocalDate slaBreachFrom;
  /** Planted on a sub-agent: delegations to it carry permissions of its parent it was never granted. */
  LocalDate cascadeFrom;
  Tool cascadeTool;

  // ---------------------------------------------------------------- delegation
  final List<Agent> subAgents = new ArrayList<>();
  Agent parent;
  double delegateProb;

  final List<Planted> planted = new ArrayList<>();
  /** Decommissioned before the period: listed, never acting. */
  boolean historic;
  /** Planted: its owner left and nobody took over. */
  boolean orphaned;
  /** Planted: from this day it acts outside its declared scope (a permission granted but never declared). */
  LocalDate scopeCreepFrom;
  /** Inclusion probability per confidence stratum (stratified review programme). */
  final double[] strataRate = new double[5];

  // ---------------------------------------------------------------- derived, set by freeze()
  /** Per tool: index into {@link #granted}, or -1. */
  int[] toolGrant;
  /** Per tool: the tool's permission is in {@link #declared}. */
  boolean[] toolInScope;
  byte[] versionJson;

  Agent(int index, String id, Unit unit, Catalog.Archetype archetype, boolean registered) {
    this.index = index;
    this.id = id;
    this.idJson = ByteSink.quoted(id);
    this.unit = unit;
    this.archetype = archetype;
    this.kind = archetype.kind();
    this.registered = registered;
  }

  void addTool(Tool t, double weight) {
    tools = java.util.Arrays.copyOf(tools, tools.length + 1);
    tools[tools.length - 1] = t;
    weights = java.util.Arrays.copyOf(weights, weights.length + 1);
    weights[weights.length - 1] = weight;
    if (weightsAfter != null) {
      weightsAfter = java.util.Arrays.copyOf(weightsAfter, weightsAfter.length + 1);
      weightsAfter[weightsAfter.length - 1] = weight;
    }
  }

  int toolIndex(String name) {
    for (int i = 0; i < tools.length; i++) {
      if (tools[i].spec.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Computes lookups once the agent is complete. */
  void freeze() {
    toolGrant = new int[tools.length];
    toolInScope = new boolean[tools.length];
    for (int i = 0; i < tools.length; i++) {
      toolGrant[i] = granted.indexOf(tools[i].permission);
      toolInScope[i] = declared.contains(tools[i].permission);
    }
    versionJson = ByteSink.quoted(agentVersion);
    scopeChanges.sort(java.util.Comparator.comparingLong(ScopeChange::atMillis));
  }

  /** Members of a delegation group write gateway JSON Lines (their traces span agents). */
  boolean otelCandidateExcluded() {
    return parent != null || !subAgents.isEmpty();
  }

  int grantIndex(Permission p) {
    return granted.indexOf(p);
  }

  // ---------------------------------------------------------------- day-dependent state

  static boolean onOrAfter(LocalDate day, LocalDate from) {
    return from != null && !day.isBefore(from);
  }

  /** Whether the agent may act on {@code day} at all. */
  boolean actsOn(LocalDate day) {
    if (suspended || proposedOnly) {
      return false;
    }
    if (activeFrom != null && day.isBefore(activeFrom)) {
      return false;
    }
    if (decommissionDay != null && !day.isBefore(decommissionDay) && !actsAfterDecommission) {
      return false;
    }
    return projectEndDay == null || day.isBefore(projectEndDay);
  }

  /** Registry status on {@code day}. */
  String statusOn(LocalDate day) {
    if (decommissionDay != null && !day.isBefore(decommissionDay)) {
      return "decommissioned";
    }
    if (suspended) {
      return "suspended";
    }
    if (proposedOnly || (activeFrom != null && day.isBefore(activeFrom))) {
      return "proposed";
    }
    return "active";
  }

  boolean listedOn(LocalDate day) {
    return registered && createdAtMillis < (day.toEpochDay() + 1) * DAY_MS;
  }

  static Person holder(List<Holding> holdings, LocalDate day) {
    Person p = null;
    for (Holding h : holdings) {
      if (!day.isBefore(h.from)) {
        p = h.person;
      }
    }
    return p;
  }

  Catalog.Model eventModel(LocalDate day) {
    return onOrAfter(day, modelSwitchDay) ? modelAfter : model;
  }

  Catalog.Model registryModel(LocalDate day) {
    return modelSwitchReviewed && onOrAfter(day, modelSwitchDay) ? modelAfter : model;
  }

  /** last_review_at as of {@code day}, or {@link Long#MIN_VALUE}. */
  long lastReviewOn(LocalDate day) {
    long t = lastReviewMillis;
    if (t == Long.MIN_VALUE) {
      return t;
    }
    long dayStart = day.toEpochDay() * DAY_MS;
    if (reviewCycleDays > 0) {
      while (t + reviewCycleDays * DAY_MS <= dayStart + 10 * 3_600_000L) {
        t += reviewCycleDays * DAY_MS;
      }
    }
    if (modelSwitchReviewed && onOrAfter(day, modelSwitchDay)) {
      t = Math.max(t, modelSwitchDay.toEpochDay() * DAY_MS + 9 * 3_600_000L);
    }
    return t;
  }

  private long keyed(long salt) {
    return Seeds.permute(0x5EED_C0DEL + salt, ((long) index << 32) ^ id.hashCode());
  }

  /** The credential the agent uses on {@code epochDay}. */
  Credential credentialOn(long epochDay) {
    return switch (scheme) {
      case EPHEMERAL -> new Credential("etk_" + Seeds.hex(Seeds.permute(keyed(1), epochDay), 16)
          + Seeds.hex(Seeds.permute(keyed(3), epochDay), 4),
          scheme.kind, epochDay * DAY_MS - 3_600_000L, (epochDay + 1) * DAY_MS + 3_600_000L, Credential.NONE);
      case ROTATING -> {
        long k = Math.floorDiv(epochDay + rotationPhase, 21);
        long created = (k * 21 - rotationPhase) * DAY_MS + 2 * 3_600_000L;
        yield new Credential("atk_" + Seeds.hex(Seeds.permute(keyed(2), k), 16) + Seeds.hex(Seeds.permute(keyed(4), k), 4),
            scheme.kind,
            created, created + 28 * DAY_MS, Credential.NONE);
      }
      default -> new Credential(staticCredentialId, scheme.kind, staticCredentialCreated, Credential.NONE,
          Credential.NONE);
    };
  }

  /** Credentials the registry lists for the agent on {@code day} (current, and the previous one while still valid). */
  List<Credential> registryCredentials(LocalDate day) {
    long epochDay = day.toEpochDay();
    List<Credential> out = new ArrayList<>(2);
    boolean decommissioned = decommissionDay != null && !day.isBefore(decommissionDay);
    long dayRef = decommissioned && !actsAfterDecommission ? decommissionDay.toEpochDay() : epochDay;
    long revoked = decommissioned && !actsAfterDecommission
        ? decommissionDay.toEpochDay() * DAY_MS + 60_000L : Credential.NONE;
    Credential current = credentialOn(dayRef);
    if (scheme == CredentialScheme.EPHEMERAL || scheme == CredentialScheme.ROTATING) {
      Credential previous = credentialOn(scheme == CredentialScheme.EPHEMERAL ? dayRef - 1 : dayRef - 21);
      if (previous.expiresAt() > dayRef * DAY_MS && !previous.id().equals(current.id())) {
        out.add(withRevoked(previous, revoked));
      }
    }
    out.add(withRevoked(current, revoked));
    return out;
  }

  private static Credential withRevoked(Credential c, long revoked) {
    if (revoked == Credential.NONE) {
      return c;
    }
    return new Credential(c.id(), c.kind(), c.createdAt(), c.expiresAt(), Math.max(revoked, c.createdAt() + 60_000L));
  }

  static long startOfDay(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** A short description, for truth/agents.jsonl. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent_id", id);
    m.put("business_unit", unit.id());
    m.put("maturity", unit.maturity.wire());
    m.put("registered", registered);
    m.put("archetype", archetype.key());
    m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    m.put("checked", checked);
    m.put("format", otel ? "otel" : "jsonl");
    m.put("credential_scheme", scheme.name().toLowerCase(java.util.Locale.ROOT));
    m.put("calibration", calibration.name().toLowerCase(java.util.Locale.ROOT));
    m.put("review_rate", reviewRate);
    if (parent != null) {
      m.put("parent_agent_id", parent.id);
    }
    if (!subAgents.isEmpty()) {
      m.put("sub_agents", subAgents.stream().map(a -> a.id).toList());
    }
    return m;
  }
}

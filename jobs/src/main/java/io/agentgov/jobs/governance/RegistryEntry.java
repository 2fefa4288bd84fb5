package io.agentgov.jobs.governance;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One version of an agent's registry entry (a row of the SCD2 {@code agents} table), with what the
 * detectors ask of it. Permissions are {@link #permission} keys.
 */
public record RegistryEntry(String agentId, String businessUnit, String ownerId, String sponsorId,
    String technicalOwnerId, String status, Instant createdAt, Instant decommissionedAt, Instant lastReviewAt,
    Set<String> declaredScope, Set<String> grantedPermissions, List<Credential> credentials, String model,
    String escalationPolicyId, List<ScopeChange> scopeChanges, LocalDate validFrom, LocalDate validTo)
    implements Serializable {

  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";
  public static final String DECOMMISSIONED = "decommissioned";

  public record Credential(String id, String kind, Instant createdAt, Instant expiresAt, Instant revokedAt)
      implements Serializable {
    /** Usable at {@code t}: not revoked and not expired by then. */
    public boolean validAt(Instant t) {
      return (revokedAt == null || revokedAt.isAfter(t)) && (expiresAt == null || expiresAt.isAfter(t));
    }
  }

  public record ScopeChange(Instant changedAt, String reviewedBy, String change) implements Serializable {
    public boolean reviewed() {
      return reviewedBy != null && !reviewedBy.isBlank();
    }
  }

  public RegistryEntry {
    declaredScope = declaredScope == null ? Set.of() : Set.copyOf(declaredScope);
    grantedPermissions = grantedPermissions == null ? Set.of() : Set.copyOf(grantedPermissions);
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
    scopeChanges = scopeChanges == null ? List.of() : List.copyOf(scopeChanges);
  }

  /** The key of a permission, {@code "<action_type>:<target_system>"} (action types never hold a colon). */
  public static String permission(String actionType, String targetSystem) {
    return actionType + ":" + targetSystem;
  }

  public boolean validOn(LocalDate day) {
    return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
  }

  public boolean active() {
    return ACTIVE.equals(status);
  }

  public Credential credential(String id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }
}

package io.agentgov.contract;

import java.time.Instant;

/** Small value types shared by audit events and the registry (input contract v1). */
public final class Records {
  private Records() {}

  /** A permission or a declared-scope entry: an action type on a target system. */
  public record Permission(String actionType, String targetSystem) {
    public static Permission read(JsonObjectReader o) throws ContractViolation {
      return new Permission(o.requiredEnum("action_type", Vocabulary.ActionType.class), o.requiredString("target_system"));
    }
  }

  /** The model behind an agent. */
  public record Model(String provider, String name, String version) {
    public static Model read(JsonObjectReader o) throws ContractViolation {
      return new Model(o.optionalString("provider"), o.optionalString("name"), o.optionalString("version"));
    }
  }

  /** A registry credential; {@code revokedAt} is an optional extension of the contract's list. */
  public record CredentialGrant(String id, String kind, Instant createdAt, Instant expiresAt, Instant revokedAt) {}
}

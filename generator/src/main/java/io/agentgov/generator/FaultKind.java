package io.agentgov.generator;

/** The kinds of planted fault written to {@code truth/faults.jsonl}. */
enum FaultKind {
  SHADOW_AGENT,
  DECOMMISSIONED_ACTING,
  ABANDONED_AGENT,
  SHARED_CREDENTIAL,
  STANDING_CREDENTIAL,
  UNUSED_PERMISSION,
  SCOPE_CREEP,
  TIER_VIOLATION,
  OVERSIGHT_VIOLATION,
  SLA_BREACH,
  PRIVILEGE_CASCADE,
  DRIFT,
  OVERCONFIDENT;

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

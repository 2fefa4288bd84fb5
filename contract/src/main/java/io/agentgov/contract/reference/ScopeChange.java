package io.agentgov.contract.reference;

import java.time.Instant;

/**
 * One entry of a registry line's {@code scope_changes}. {@code reviewedBy} null means nobody
 * reviewed the change; {@code change} is free text.
 */
public record ScopeChange(Instant changedAt, String reviewedBy, String change) {}

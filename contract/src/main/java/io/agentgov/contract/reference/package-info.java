/**
 * Validators for one JSON line of each reference input of contract v1: the agent registry
 * ({@link io.agentgov.contract.reference.AgentRecord}), the people directory
 * ({@link io.agentgov.contract.reference.PersonRecord}) and human reviews
 * ({@link io.agentgov.contract.reference.ReviewRecord}). Each returns an immutable record or throws a
 * {@link io.agentgov.contract.ContractViolation} naming the dotted path of the bad field; unknown
 * fields are kept in {@code extras}. {@code contentHash()} lets a slowly-changing-dimension loader
 * tell whether a line differs from the current version.
 */
package io.agentgov.contract.reference;

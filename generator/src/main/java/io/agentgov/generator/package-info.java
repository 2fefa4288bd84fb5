/**
 * The synthetic enterprise and its planted truth: {@link io.agentgov.generator.EnterpriseGenerator}
 * writes input contract v1 landing files for a configurable enterprise (business units of
 * different governance maturity, people, agents, behaviour, reviews, policies), plants governance
 * faults and dirty lines in them, and writes the ground truth of both. Deterministic for a seed;
 * see docs/generator.md.
 */
package io.agentgov.generator;

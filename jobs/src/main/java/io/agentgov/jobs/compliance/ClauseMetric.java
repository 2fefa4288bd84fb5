package io.agentgov.jobs.compliance;

/**
 * How one clause is measured: one small class per clause (M1 {@link RecordKeeping} .. M12
 * {@link LeastPrivilege}), reading only what {@link ComplianceInputs} gives it, so every table is
 * read at the snapshot current at the report's as-of time.
 */
interface ClauseMetric {
  Measurement measure(Clause clause, ComplianceInputs in);
}

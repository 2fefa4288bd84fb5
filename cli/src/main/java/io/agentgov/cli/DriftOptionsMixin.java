package io.agentgov.cli;

import io.agentgov.jobs.drift.DriftOptions;
import picocli.CommandLine.Option;

/** The drift settings a user may change; the rest keep the documented defaults (docs/drift.md). */
final class DriftOptionsMixin {
  @Option(names = "--window-days", defaultValue = "28", description = "Baseline window in days (default: ${DEFAULT-VALUE}).")
  int windowDays;

  @Option(names = "--min-history-days", defaultValue = "14",
      description = "Agents seen for fewer days get insufficient_history and no tests (default: ${DEFAULT-VALUE}).")
  int minHistoryDays;

  @Option(names = "--q", defaultValue = "0.05",
      description = "Benjamini-Hochberg false discovery rate across a night's tests (default: ${DEFAULT-VALUE}).")
  double q;

  DriftOptions options() {
    return DriftOptions.defaults().withWindow(windowDays, minHistoryDays).withQ(q);
  }
}

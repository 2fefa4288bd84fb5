package io.agentgov.cli;

import io.agentgov.jobs.governance.DetectOptions;
import picocli.CommandLine.Option;

/**
 * The detector settings a user may change (docs/detectors.md#configuration); the lifecycle ages
 * default to the policy in force, the rest to the documented defaults.
 */
final class DetectOptionsMixin {
  @Option(names = "--review-max-age-days", description = "Override the policy's lifecycle.review_max_age_days.")
  Integer reviewMaxAgeDays;

  @Option(names = "--idle-days", description = "Override the policy's lifecycle.idle_days.")
  Integer idleDays;

  @Option(names = "--unused-permission-days", description = "Override the policy's lifecycle.unused_permission_days.")
  Integer unusedPermissionDays;

  @Option(names = "--quiet-days", defaultValue = "14",
      description = "An event-evidenced finding resolves after this many days without new evidence (default: ${DEFAULT-VALUE}).")
  int quietDays;

  @Option(names = "--min-observed-days", defaultValue = "14",
      description = "Judge a grant unused only after observing it this many days (default: ${DEFAULT-VALUE}).")
  int minObservedDays;

  DetectOptions options() {
    return DetectOptions.defaults().withLifecycle(reviewMaxAgeDays, idleDays, unusedPermissionDays)
        .withQuietDays(quietDays).withMinObservedDays(minObservedDays);
  }
}

package io.agentgov.jobs.runtime;

/**
 * Named points between the commits of a job where a crash test can kill the process
 * (docs/reliability.md). With {@code AGENTGOV_PAUSE_AT=<point>} in the environment, the process
 * prints {@code agentgov: paused at <point>} on stderr when it gets there and waits to be killed;
 * without it this is a string comparison. The points are the step names a job already reports,
 * prefixed with the job ({@code ingest.append_events}).
 */
public final class CrashPoints {
  /** Read once: the variable is set for a whole test process, never changed while it runs. */
  private static final String PAUSE_AT = System.getenv("AGENTGOV_PAUSE_AT");

  private CrashPoints() {}

  public static void reached(String point) {
    if (!point.equals(PAUSE_AT)) {
      return;
    }
    System.err.println("agentgov: paused at " + point);
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while paused at " + point, e);
      }
    }
  }
}

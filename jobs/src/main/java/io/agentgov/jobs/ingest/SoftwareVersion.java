package io.agentgov.jobs.ingest;

/** The agentgov version stamped on run records: the jar's Implementation-Version, or "dev" in a build tree. */
public final class SoftwareVersion {
  private SoftwareVersion() {}

  public static String get() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}

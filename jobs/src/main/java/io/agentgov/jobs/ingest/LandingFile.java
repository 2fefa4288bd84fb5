package io.agentgov.jobs.ingest;

import java.io.Serializable;

/**
 * One file found in the landing folder for a day.
 *
 * @param kind     events, otel, registry, people, reviews or policies
 * @param uri      full Hadoop URI, for reading
 * @param relative path under the landing root, as quarantine rows and messages name it
 * @param size     bytes
 * @param sha256   hex digest of the bytes (null until computed)
 */
public record LandingFile(String kind, String uri, String relative, long size, String sha256) implements Serializable {
  public LandingFile withSha256(String digest) {
    return new LandingFile(kind, uri, relative, size, digest);
  }

  public boolean gzipped() {
    return relative.endsWith(".gz");
  }
}

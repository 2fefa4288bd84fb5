package io.agentgov.contract;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many secrets {@link SecretScrubber} replaced with a marker, by kind. A tally owned by whoever
 * reads one record or one file (not shared between threads); ingest adds them up per run. It holds
 * counts only, never what was replaced.
 */
public final class Redactions {
  private final Map<String, Long> byKind = new TreeMap<>();

  void add(String kind) {
    byKind.merge(kind, 1L, Long::sum);
  }

  public void addAll(Redactions other) {
    other.byKind.forEach((kind, n) -> byKind.merge(kind, n, Long::sum));
  }

  public boolean isEmpty() {
    return byKind.isEmpty();
  }

  /** Counts by kind ({@code aws_access_key}, {@code jwt}, ...), sorted by kind. */
  public Map<String, Long> byKind() {
    return Collections.unmodifiableMap(byKind);
  }

  @Override
  public String toString() {
    return byKind.toString();
  }
}

package io.agentgov.jobs.drift;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One drift test of one agent on one night, before the night's Benjamini–Hochberg step. Tests with
 * a p-value alert when BH rejects them and the effect is material; tests without one (CUSUM,
 * Page–Hinkley, novelty) alert when they alarm and the effect is material.
 *
 * @param sampleFacet facet whose events show the change ({@link Facets}), with {@code sampleKeys}
 */
public record DriftTest(String agentId, LocalDate windowStart, LocalDate windowEnd, String metric, String statistic,
    Double statisticValue, Double pValue, String effect, double effectValue, Double jensenShannon, boolean material,
    boolean alarmed, long observations, long baselineObservations, List<Category> topCategories, String explanation,
    String sampleFacet, List<String> sampleKeys) implements Serializable {

  /** A category or bin that moved, with its share of the statistic. */
  public record Category(String category, double baselineShare, double currentShare, double contribution)
      implements Serializable {}

  public DriftTest {
    topCategories = List.copyOf(topCategories);
    sampleKeys = List.copyOf(sampleKeys);
  }

  boolean hasPValue() {
    return pValue != null;
  }
}

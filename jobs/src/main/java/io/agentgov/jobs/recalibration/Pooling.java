package io.agentgov.jobs.recalibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns each decision class (agent × action type × tier) to a pool. A threshold can only be
 * certified from at least {@code n_min} clean reviews ({@code BinomialBounds.minimumCleanSampleSize},
 * 149 at α = 0.02, δ = 0.05), so, per agent:
 * <ol>
 *   <li>a class with at least {@code n_min} non-targeted reviews is its own pool;</li>
 *   <li>the other classes of one action type are pooled across tiers when together they reach
 *       {@code n_min};</li>
 *   <li>whatever is left is pooled across action types into one pool for the agent, which is
 *       reported as {@code insufficient_reviews} if it still falls short.</li>
 * </ol>
 * Pooling never crosses agents: one agent's reviews say nothing about another's confidence.
 */
public final class Pooling {
  private Pooling() {}

  /**
   * @param reviewsPerClass non-targeted reviews per class (agent, action type, tier)
   * @param minimumReviews  {@code n_min}
   * @return each class's pool
   */
  public static Map<PoolKey, PoolKey> assign(Map<PoolKey, Long> reviewsPerClass, long minimumReviews) {
    Map<PoolKey, PoolKey> out = new TreeMap<>(Pooling::compare);
    Map<String, Map<String, List<PoolKey>>> sparse = new TreeMap<>();
    reviewsPerClass.forEach((c, n) -> {
      if (n >= minimumReviews) {
        out.put(c, c);
      } else {
        sparse.computeIfAbsent(c.agentId(), a -> new TreeMap<>())
            .computeIfAbsent(c.actionType(), t -> new ArrayList<>()).add(c);
      }
    });
    sparse.forEach((agent, byAction) -> {
      List<PoolKey> rest = new ArrayList<>();
      byAction.forEach((action, classes) -> {
        long n = classes.stream().mapToLong(reviewsPerClass::get).sum();
        if (n >= minimumReviews) {
          classes.forEach(c -> out.put(c, new PoolKey(agent, action, null)));
        } else {
          rest.addAll(classes);
        }
      });
      rest.forEach(c -> out.put(c, new PoolKey(agent, null, null)));
    });
    return out;
  }

  static int compare(PoolKey a, PoolKey b) {
    return a.id().compareTo(b.id());
  }
}

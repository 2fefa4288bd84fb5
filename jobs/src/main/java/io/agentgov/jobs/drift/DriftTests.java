package io.agentgov.jobs.drift;

import io.agentgov.calibration.drift.ContingencyTest;
import io.agentgov.calibration.drift.Divergence;
import io.agentgov.calibration.drift.LevelShift;
import io.agentgov.calibration.drift.RobustZ;
import io.agentgov.calibration.drift.TwoSampleKs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The drift tests of one agent on one night: today's features against its baseline. Every
 * statistic comes from {@code calibration} (pure Java, checked against reference values); this
 * class only chooses the statistic that fits each metric (docs/drift.md#tests) and words the result.
 */
final class DriftTests {
  private static final int TOP = 3;

  private final Baseline baseline;
  private final AgentDay today;
  private final DriftOptions options;
  private final List<DriftTest> tests = new ArrayList<>();

  private DriftTests(Baseline baseline, AgentDay today, DriftOptions options) {
    this.baseline = baseline;
    this.today = today;
    this.options = options;
  }

  /** All tests that apply; none when the baseline is not ready. */
  static List<DriftTest> run(Baseline baseline, AgentDay today, DriftOptions options) {
    DriftTests t = new DriftTests(baseline, today, options);
    if (baseline.ready()) {
      t.volume();
      t.volumeLevel();
      t.tokensLevel();
      t.novelty();
      for (Distribution d : Distribution.values()) {
        if (!d.driftTested() || (d == Distribution.OVERSIGHT_MIX && t.policyChanged())) {
          continue;
        }
        if (d.numeric()) {
          t.numeric(d);
        } else {
          t.mix(d);
        }
      }
    }
    return List.copyOf(t.tests);
  }

  /** A test of this agent against this baseline window. */
  private DriftTest test(String metric, String statistic, Double value, Double p, String effect, double effectValue,
      Double jensenShannon, boolean material, boolean alarmed, long n, long m, List<DriftTest.Category> top,
      String explanation, String sampleFacet, List<String> sampleKeys) {
    return new DriftTest(today.agentId(), baseline.windowStart(), baseline.windowEnd(), metric, statistic, value, p,
        effect, effectValue, jensenShannon, material, alarmed, n, m, top, explanation, sampleFacet, sampleKeys);
  }

  /** Event count against the same-type days of the window: robust z, normal p-value. */
  private void volume() {
    double[] reference = baseline.dailyEvents().stream().mapToDouble(Long::doubleValue).toArray();
    RobustZ z = RobustZ.of(reference);
    double x = today.events();
    double score = z.score(x);
    double change = x - z.median();
    double relative = change / Math.max(z.median(), 1.0);
    boolean material = Math.abs(relative) >= options.volumeRelative() && Math.abs(change) >= options.volumeAbsolute();
    tests.add(test("volume", "robust_z", finite(score), RobustZ.twoSidedPValue(score),
        "relative_change", relative, null, material, false, today.events(), baseline.events(), List.of(),
        String.format(Locale.ROOT, "%,d events vs a median of %,.0f on %s days (%+.0f%%, robust z %s)", today.events(),
            z.median(), baseline.dayType(), 100 * relative, z.isDegenerate() ? "∞ on a constant baseline" : fmt(score)),
        Facets.ALL_EVENTS, List.of(Facets.ANY)));
  }

  /** Two-sided CUSUM over the window's daily counts and tonight's, in robust standard deviations. */
  private void volumeLevel() {
    List<Long> series = new ArrayList<>(baseline.dailyEvents());
    series.add(today.events());
    levelShift("volume_level", "cusum", series.stream().mapToDouble(Long::doubleValue).toArray(), "events a day",
        options.volumeAbsolute(), false);
  }

  /**
   * Page–Hinkley over the log of the mean input tokens per session of the window's active days and
   * tonight's: token counts spread multiplicatively, and a few long sessions would otherwise look
   * like a shift.
   */
  private void tokensLevel() {
    if (today.sessions() == 0 || today.inputTokens() == 0 || baseline.dailyInputTokensPerSession().size() < 3) {
      return;
    }
    List<Double> series = new ArrayList<>(baseline.dailyInputTokensPerSession());
    series.add((double) today.inputTokens() / today.sessions());
    levelShift("input_tokens_level", "page_hinkley", series.stream().mapToDouble(Double::doubleValue).toArray(),
        "input tokens per session", 0, true);
  }

  /**
   * A sustained shift: the detector's path is above its threshold tonight, the level it has been
   * accumulating (the mean since the path last left zero, Hinkley's change-point estimate) has
   * lasted {@code levelMinDays} and differs from the median by the material share and amount.
   */
  private void levelShift(String metric, String statistic, double[] values, String unit, double minAbsolute,
      boolean logScale) {
    double[] series = values.clone();
    if (logScale) {
      for (int i = 0; i < series.length; i++) {
        series[i] = Math.log(Math.max(series[i], 1e-9));
      }
    }
    double[] reference = java.util.Arrays.copyOf(series, series.length - 1);
    RobustZ z = RobustZ.of(reference);
    double median = z.median();
    double center = median;
    // A constant reference has no spread; a twentieth of its level stands in, so noise-free series
    // still need a real move to alarm.
    double scale = Math.max(z.scale(), Math.max(0.05 * Math.abs(median), 1e-9));
    double[] up = new double[series.length];
    double[] down = new double[series.length];
    for (int i = 0; i < series.length; i++) {
      up[i] = (series[i] - center) / scale;
      down[i] = -up[i];
    }
    LevelShift.Result rise;
    LevelShift.Result fall;
    if (statistic.equals("cusum")) {
      rise = LevelShift.cusum(up, 0.0, options.cusumK(), options.cusumH());
      fall = LevelShift.cusum(down, 0.0, options.cusumK(), options.cusumH());
    } else {
      rise = LevelShift.pageHinkley(up, options.cusumK(), options.cusumH());
      fall = LevelShift.pageHinkley(down, options.cusumK(), options.cusumH());
    }
    int last = series.length - 1;
    double riseNow = rise.path()[last];
    double fallNow = fall.path()[last];
    boolean rising = riseNow >= fallNow;
    double value = rising ? riseNow : fallNow;
    boolean alarmed = value > options.cusumH();
    // The level the detector has been accumulating: the mean since its path last left zero.
    double[] path = rising ? rise.path() : fall.path();
    int start = last;
    while (start > 0 && path[start - 1] > 0) {
      start--;
    }
    double level = 0;
    for (int i = start; i <= last; i++) {
      level += series[i];
    }
    level /= (last - start + 1);
    if (logScale) {
      level = Math.exp(level);
      median = Math.exp(median);
    }
    double relative = (level - median) / Math.max(Math.abs(median), 1e-9);
    boolean material = Math.abs(relative) >= options.levelRelative() && Math.abs(level - median) >= minAbsolute
        && last - start + 1 >= options.levelMinDays();
    tests.add(test(metric, statistic, value, null, "relative_change", relative, null, material,
        alarmed, last - start + 1, reference.length, List.of(),
        String.format(Locale.ROOT, "%s over the last %d %s: %,.1f %s vs a median of %,.1f (%+.0f%%)", statistic,
            last - start + 1, last - start == 0 ? "day" : "days", level, unit, median, 100 * relative)
            + (logScale ? " (geometric)" : ""),
        Facets.ALL_EVENTS, List.of(Facets.ANY)));
  }

  /** Target systems acted on tonight that the agent did not touch within the look-back. */
  private void novelty() {
    Map<String, Long> targets = today.counts(Distribution.TARGET_SYSTEM_MIX);
    TreeSet<String> known = new TreeSet<>(baseline.knownTargets());
    List<DriftTest.Category> fresh = new ArrayList<>();
    long onNew = 0;
    for (Map.Entry<String, Long> e : targets.entrySet()) {
      if (!known.contains(e.getKey())) {
        onNew += e.getValue();
        double share = (double) e.getValue() / today.events();
        fresh.add(new DriftTest.Category(e.getKey(), 0.0, share, share));
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    fresh.sort(Comparator.comparingDouble(DriftTest.Category::contribution).reversed());
    double share = (double) onNew / today.events();
    boolean material = share >= options.noveltyShare() && onNew >= options.noveltyEvents();
    List<DriftTest.Category> top = fresh.subList(0, Math.min(TOP, fresh.size()));
    tests.add(test("new_target", "novelty", (double) onNew, null, "new_share", share, null,
        material, true, today.events(), baseline.knownTargets().size(), top,
        String.format(Locale.ROOT, "%,d of %,d events (%.1f%%) on target systems not used in %d days: %s", onNew,
            today.events(), 100 * share, options.noveltyLookbackDays(), String.join(", ", names(top))),
        Distribution.TARGET_SYSTEM_MIX.key(), names(top)));
  }

  /** A mix: chi-square on Cochran-pooled counts for the p-value, PSI for the effect, JS beside it. */
  private void mix(Distribution d) {
    Map<String, Long> ref = baseline.counts(d);
    Map<String, Long> cur = today.counts(d);
    long n = total(cur);
    long m = total(ref);
    if (n < options.minObservations() || m == 0) {
      return;
    }
    TreeSet<String> union = new TreeSet<>(ref.keySet());
    union.addAll(cur.keySet());
    List<String> categories = List.copyOf(union);
    long[] r = new long[categories.size()];
    long[] c = new long[categories.size()];
    for (int i = 0; i < categories.size(); i++) {
      r[i] = ref.getOrDefault(categories.get(i), 0L);
      c[i] = cur.getOrDefault(categories.get(i), 0L);
    }
    ContingencyTest.Pooled pooled = ContingencyTest.poolSparse(r, c, options.minExpected());
    if (pooled.bins() < 2) {
      return;
    }
    // The p-value needs Cochran's pooling to be valid; the effect does not, and pooling would fold
    // a new category (absent from the baseline) into an old one and hide it.
    ContingencyTest.Result chi = ContingencyTest.chiSquare(pooled.reference(), pooled.current());
    double psi = Divergence.psi(r, c);
    double js = Divergence.jensenShannonDistance(r, c);
    // Material when the PSI beyond what sampling alone gives (its null mean) reaches the threshold.
    double excess = psi - Divergence.psiNullMean(categories.size(), m, n);
    List<DriftTest.Category> moved = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      double p = (double) r[i] / m;
      double q = (double) c[i] / n;
      double pf = Math.max(p, Divergence.PSI_EMPTY_BIN_FLOOR);
      double qf = Math.max(q, Divergence.PSI_EMPTY_BIN_FLOOR);
      moved.add(new DriftTest.Category(categories.get(i), p, q, (qf - pf) * Math.log(qf / pf)));
    }
    moved.sort(Comparator.comparingDouble(DriftTest.Category::contribution).reversed());
    List<DriftTest.Category> top = moved.subList(0, Math.min(TOP, moved.size()));
    tests.add(test(d.key(), "chi_square", chi.statistic(), chi.pValue(), "psi", psi, js,
        excess >= options.mixPsi(), false, n, m, List.copyOf(top),
        String.format(Locale.ROOT, "%s moved (PSI %s, %s above chance; JS %s): %s", d.key().replace('_', ' '),
            fmt(psi), fmt(excess), fmt(js), describe(top)),
        d.key(), risen(moved)));
  }

  /** A binned quantity: KS for the p-value, Wasserstein-1 over the reference spread for the effect. */
  private void numeric(Distribution d) {
    Distribution.Bins bins = d.bins();
    long[] r = bins.counts(baseline.counts(d));
    long[] c = bins.counts(today.counts(d));
    long n = sum(c);
    long m = sum(r);
    if (n < options.minObservations() || m == 0) {
      return;
    }
    TwoSampleKs.Result ks = TwoSampleKs.testBinned(r, c);
    double[] positions = new double[bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      positions[i] = bins.position(i);
    }
    double w = TwoSampleKs.wasserstein1Binned(r, c, positions) / TwoSampleKs.referenceSpread(r, positions);
    List<DriftTest.Category> moved = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      double p = (double) r[i] / m;
      double q = (double) c[i] / n;
      if (p > 0 || q > 0) {
        moved.add(new DriftTest.Category(bins.label(i), p, q, q - p));
      }
    }
    moved.sort(Comparator.comparingDouble((DriftTest.Category x) -> Math.abs(x.contribution())).reversed());
    List<DriftTest.Category> top = moved.subList(0, Math.min(TOP, moved.size()));
    tests.add(test(d.key(), "ks", ks.d(), ks.pValue(), "wasserstein_norm", w, null,
        w >= options.numericWasserstein(), false, n, m, List.copyOf(top),
        String.format(Locale.ROOT, "%s moved (KS D %s, Wasserstein %s reference spreads): %s",
            d.key().replace('_', ' '), fmt(ks.d()), fmt(w), describe(top)),
        d.key(), risen(moved)));
  }

  /**
   * Whether the gateway's rules changed under the baseline: escalations follow the policy, so an
   * oversight mix is compared only when at least 90% of the baseline's events ran under the policy
   * versions applied tonight.
   */
  private boolean policyChanged() {
    Map<String, Long> before = baseline.counts(Distribution.POLICY_VERSION_MIX);
    long same = today.counts(Distribution.POLICY_VERSION_MIX).keySet().stream()
        .mapToLong(v -> before.getOrDefault(v, 0L)).sum();
    return same < 0.9 * total(before);
  }

  private static String describe(List<DriftTest.Category> top) {
    List<String> parts = new ArrayList<>();
    for (DriftTest.Category c : top) {
      parts.add(String.format(Locale.ROOT, "%s %.1f%% -> %.1f%%", c.category(), 100 * c.baselineShare(),
          100 * c.currentShare()));
    }
    return String.join(", ", parts);
  }

  /**
   * The (up to two) categories that grew most tonight: their events are the evidence. A shift
   * away from a category always moves share to others, so this is never empty for a real change.
   */
  private static List<String> risen(List<DriftTest.Category> all) {
    return all.stream().filter(c -> c.currentShare() > c.baselineShare())
        .sorted(Comparator.comparingDouble((DriftTest.Category c) -> c.currentShare() - c.baselineShare()).reversed())
        .limit(2).map(DriftTest.Category::category).toList();
  }

  private static List<String> names(List<DriftTest.Category> top) {
    return top.stream().map(DriftTest.Category::category).toList();
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  /** Infinite robust z (constant baseline) is stored as null, never as a number that looks measured. */
  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.3g", x);
  }
}

package io.agentgov.jobs.drift;

import java.io.Serializable;

/**
 * How baselines are built and when a drift test alerts. Defaults and the reasons for them are in
 * docs/drift.md; every drift row records {@link #toString()} in its {@code settings} column, so a
 * past night can be re-run the same way.
 *
 * @param windowDays           baseline window: the days before the night (default 28)
 * @param minHistoryDays       an agent seen for fewer days gets {@code insufficient_history} (14)
 * @param noveltyLookbackDays  a target system unseen for this many days counts as new (90)
 * @param q                    Benjamini–Hochberg false discovery rate across the night's tests (0.05)
 * @param minObservations      fewest observations of the night for a distribution test (30)
 * @param minExpected          Cochran's smallest expected count per bin; sparser bins are pooled (5)
 * @param mixPsi               PSI at or above which a mix change is material (0.25, the usual "act" level)
 * @param numericWasserstein   Wasserstein-1 over the reference spread at or above which a numeric
 *                             change is material (0.6)
 * @param volumeRelative       relative change of the event count that is material (0.5)
 * @param volumeAbsolute       and the fewest events of difference (20)
 * @param levelRelative        relative level shift a CUSUM or Page–Hinkley alarm must show (0.25)
 * @param levelMinDays         days the shifted level must have lasted: a one-day spike is the robust z's (3)
 * @param cusumK               CUSUM reference value in robust standard deviations (0.5)
 * @param cusumH               CUSUM and Page–Hinkley threshold in robust standard deviations (5)
 * @param noveltyShare         share of the night's events on new targets that is material (0.05)
 * @param noveltyEvents        and the fewest such events (5)
 */
public record DriftOptions(int windowDays, int minHistoryDays, int noveltyLookbackDays, double q, long minObservations,
    double minExpected, double mixPsi, double numericWasserstein, double volumeRelative, long volumeAbsolute,
    double levelRelative, int levelMinDays, double cusumK, double cusumH, double noveltyShare, long noveltyEvents)
    implements Serializable {

  public DriftOptions {
    require(windowDays >= 7, "window days " + windowDays + " is below 7: a window must hold each weekday");
    require(minHistoryDays >= 1 && minHistoryDays <= windowDays,
        "min history days " + minHistoryDays + " must be between 1 and the window (" + windowDays + ")");
    require(noveltyLookbackDays >= windowDays, "novelty look-back " + noveltyLookbackDays + " is shorter than the window");
    require(q > 0 && q < 1, "q " + q + " is not in (0, 1)");
    require(minObservations >= 2, "min observations " + minObservations + " is below 2");
    require(minExpected >= 0 && mixPsi > 0 && numericWasserstein > 0 && volumeRelative > 0 && levelRelative > 0
        && volumeAbsolute >= 0 && levelMinDays >= 1 && cusumK >= 0 && cusumH > 0 && noveltyShare > 0 && noveltyEvents >= 1,
        "thresholds must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot run drift detection: " + message);
    }
  }

  public static DriftOptions defaults() {
    return new DriftOptions(28, 14, 90, 0.05, 30, 5.0, 0.25, 0.6, 0.5, 20, 0.25, 3, 0.5, 5.0, 0.05, 5);
  }

  /** The window and the minimum history, set together since the history must fit the window. */
  public DriftOptions withWindow(int days, int minHistory) {
    return new DriftOptions(days, minHistory, Math.max(noveltyLookbackDays, days), q, minObservations, minExpected,
        mixPsi, numericWasserstein, volumeRelative, volumeAbsolute, levelRelative, levelMinDays, cusumK, cusumH,
        noveltyShare, noveltyEvents);
  }

  public DriftOptions withQ(double fdr) {
    return new DriftOptions(windowDays, minHistoryDays, noveltyLookbackDays, fdr, minObservations, minExpected, mixPsi,
        numericWasserstein, volumeRelative, volumeAbsolute, levelRelative, levelMinDays, cusumK, cusumH, noveltyShare,
        noveltyEvents);
  }
}

package io.agentgov.reports;

import java.util.List;

/**
 * How well a pool's stated confidence matches what reviewers found: one {@code calibration_reports}
 * row. Every number is null (and the curve empty) when the pool has no random or census review in
 * the window ({@link #none()}); targeted reviews never enter it.
 *
 * @param meanConfidence mean stated confidence of the reviewed decisions
 * @param accuracy share of them that was right
 * @param eceEqualWidth expected calibration error over 10 equal-width bins: the average gap between
 *     stated confidence and accuracy, weighted by decisions
 * @param eceEqualMass the same over bins holding equally many decisions
 * @param mce maximum calibration error: the largest gap in one bin
 * @param brier Brier score (mean squared error of the confidence; lower is better)
 * @param brierReliability the Brier score's reliability part (miscalibration; lower is better)
 * @param brierResolution its resolution part (how well confidence separates right from wrong; higher is better)
 * @param brierUncertainty its uncertainty part (how often decisions are wrong at all)
 * @param curve the reliability diagram's non-empty bins, in increasing confidence; null (the
 *     column is nullable) reads as empty
 */
public record ReliabilitySummary(Double meanConfidence, Double accuracy, Double eceEqualWidth, Double eceEqualMass,
    Double mce, Double brier, Double brierReliability, Double brierResolution, Double brierUncertainty,
    List<ReliabilityPoint> curve) {

  public ReliabilitySummary {
    curve = curve == null ? List.of() : List.copyOf(curve);
    RecalibrationFormat.requireUnit("mean confidence", meanConfidence);
    RecalibrationFormat.requireUnit("accuracy", accuracy);
    RecalibrationFormat.requireUnit("ECE (equal width)", eceEqualWidth);
    RecalibrationFormat.requireUnit("ECE (equal mass)", eceEqualMass);
    RecalibrationFormat.requireUnit("MCE", mce);
    RecalibrationFormat.requireUnit("Brier score", brier);
    RecalibrationFormat.requireUnit("Brier reliability", brierReliability);
    RecalibrationFormat.requireUnit("Brier resolution", brierResolution);
    RecalibrationFormat.requireUnit("Brier uncertainty", brierUncertainty);
    for (int i = 1; i < curve.size(); i++) {
      if (curve.get(i).bin() <= curve.get(i - 1).bin()) {
        throw new IllegalArgumentException("Reliability curve bins must be in increasing order: bin "
            + curve.get(i).bin() + " follows bin " + curve.get(i - 1).bin());
      }
    }
  }

  /** A pool without any random or census review: nothing to say about its calibration. */
  public static ReliabilitySummary none() {
    return new ReliabilitySummary(null, null, null, null, null, null, null, null, null, List.of());
  }

  /** Whether there is anything to show: the pool had reviews that are a sample of its decisions. */
  public boolean present() {
    return meanConfidence != null && accuracy != null;
  }
}

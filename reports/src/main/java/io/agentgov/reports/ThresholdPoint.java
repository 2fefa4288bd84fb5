package io.agentgov.reports;

/**
 * One candidate threshold of a pool's threshold curve (a {@code candidates} element of
 * {@code threshold_recommendations}): what the reviews say about auto-approving every decision at
 * or above {@code threshold}.
 *
 * @param threshold the candidate auto-approval threshold, in [0, 1]
 * @param n reviewed decisions with confidence at or above the threshold
 * @param k the wrong ones among them
 * @param pValue the test's p-value, in [0, 1]
 * @param upperBound upper confidence bound (1 − δ) on the rate of wrong auto-approvals at this threshold, in [0, 1]
 * @param rejected whether the test certified the threshold (bound at most α, reached by the fixed sequence)
 */
public record ThresholdPoint(double threshold, long n, long k, double pValue, double upperBound, boolean rejected) {

  public ThresholdPoint {
    RecalibrationFormat.requireUnit("threshold", threshold);
    RecalibrationFormat.requireUnit("p-value", pValue);
    RecalibrationFormat.requireUnit("upper bound", upperBound);
    if (n < 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("Threshold candidate " + threshold + " has " + k + " wrong of " + n
          + " reviewed decisions: counts must be 0 <= wrong <= reviewed");
    }
  }

  public Double getThreshold() {
    return threshold;
  }

  public Long getN() {
    return n;
  }

  public Long getK() {
    return k;
  }

  public Double getUpperBound() {
    return upperBound;
  }

  /** The bound where the threshold was certified, else null: the chart draws it as its own series. */
  public Double getCertifiedBound() {
    return rejected ? upperBound : null;
  }

  public Boolean getRejected() {
    return rejected;
  }
}

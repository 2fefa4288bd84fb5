package io.agentgov.reports;

/**
 * One non-empty bin of a pool's reliability diagram (a {@code curve} element of
 * {@code calibration_reports}): decisions whose stated confidence fell in {@code (lower, upper]}.
 *
 * @param bin the bin's index (equal-width bins: 0 is [0, 0.1], 9 is (0.9, 1])
 * @param lower the bin's lower edge, in [0, 1]
 * @param upper the bin's upper edge, in [lower, 1]
 * @param count reviewed decisions in the bin
 * @param meanConfidence their mean stated confidence
 * @param observedAccuracy the share of them that was right
 * @param accuracyLower lower end of the accuracy's two-sided 95% interval (Clopper–Pearson, as the
 *     recalibration job writes it)
 * @param accuracyUpper upper end of that interval
 */
public record ReliabilityPoint(int bin, double lower, double upper, long count, double meanConfidence,
    double observedAccuracy, double accuracyLower, double accuracyUpper) {

  public ReliabilityPoint {
    RecalibrationFormat.requireUnit("bin " + bin + " lower edge", lower);
    RecalibrationFormat.requireUnit("bin " + bin + " upper edge", upper);
    RecalibrationFormat.requireUnit("bin " + bin + " mean confidence", meanConfidence);
    RecalibrationFormat.requireUnit("bin " + bin + " observed accuracy", observedAccuracy);
    RecalibrationFormat.requireUnit("bin " + bin + " accuracy interval lower end", accuracyLower);
    RecalibrationFormat.requireUnit("bin " + bin + " accuracy interval upper end", accuracyUpper);
    if (bin < 0 || count < 0) {
      throw new IllegalArgumentException("Reliability bin " + bin + " with " + count + " decisions: index and count"
          + " must not be negative");
    }
    if (lower > upper || accuracyLower > accuracyUpper) {
      throw new IllegalArgumentException("Reliability bin " + bin + ": edges " + lower + " .. " + upper
          + " and accuracy interval " + accuracyLower + " .. " + accuracyUpper + " must be in increasing order");
    }
  }

  public Integer getBin() {
    return bin;
  }

  public Double getLower() {
    return lower;
  }

  public Double getUpper() {
    return upper;
  }

  public Long getCount() {
    return count;
  }

  public Double getMeanConfidence() {
    return meanConfidence;
  }

  public Double getObservedAccuracy() {
    return observedAccuracy;
  }

  public Double getAccuracyLower() {
    return accuracyLower;
  }

  public Double getAccuracyUpper() {
    return accuracyUpper;
  }
}

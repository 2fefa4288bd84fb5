package io.agentgov.jobs.recalibration;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link PoolAnalysis} found for one pool: calibration quality and the threshold
 * recommendation, before the workload (escalations per day) is joined from the events.
 */
public record PoolResult(PoolKey pool, long reviews, long bad, long targetedReviews, long targetedBad,
    List<String> designs, String estimator, Calibration calibration, Recommendation recommendation)
    implements Serializable {

  public PoolResult {
    designs = List.copyOf(designs);
  }

  /** Reliability of the pool's stated confidence; null fields when the pool has no non-targeted review. */
  public record Calibration(Double meanConfidence, Double accuracy, Double eceEqualWidth, Double eceEqualMass,
      Double mce, Double brier, Double reliability, Double resolution, Double uncertainty, List<CurveBin> curve)
      implements Serializable {
    public Calibration {
      curve = List.copyOf(curve);
    }
  }

  public record CurveBin(int bin, double lower, double upper, int count, double meanConfidence, double observedAccuracy,
      double accuracyLower, double accuracyUpper) implements Serializable {}

  /** One candidate of the fixed sequence: the threshold curve. */
  public record Candidate(double threshold, int n, int k, double pValue, double upperBound, boolean rejected)
      implements Serializable {}

  /**
   * @param recommendedThreshold the loosest certified threshold, 1.0 when no threshold can be
   *     certified however many clean reviews come (escalate all), null when reviews are lacking
   * @param n reviews at or above the recommended threshold (else the current one), {@code k} bad
   * @param reviewsNeededAt the threshold whose decisions need {@code reviewsNeeded} more clean reviews
   */
  public record Recommendation(double alpha, double delta, double currentThreshold, Double recommendedThreshold,
      String verdict, long n, long k, Double upperBound, long reviewsNeeded, Double reviewsNeededAt,
      List<Candidate> candidates)
      implements Serializable {
    public Recommendation {
      candidates = List.copyOf(candidates);
    }
  }
}

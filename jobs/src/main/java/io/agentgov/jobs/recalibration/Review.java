package io.agentgov.jobs.recalibration;

import java.io.Serializable;

/**
 * One reviewed decision joined to its event: what the pool statistics read.
 *
 * @param confidence the agent's stated confidence
 * @param bad the reviewer overturned it or said it should have escalated
 * @param design census, random, stratified or targeted
 * @param inclusionProbability the review's inclusion probability (null for targeted reviews)
 * @param stratum the audit stratum, or the design when there is none
 */
public record Review(double confidence, boolean bad, String design, Double inclusionProbability, String stratum)
    implements Serializable {
  static final String TARGETED = "targeted";

  boolean targeted() {
    return TARGETED.equals(design) || inclusionProbability == null;
  }
}

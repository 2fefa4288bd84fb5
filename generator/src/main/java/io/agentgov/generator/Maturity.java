package io.agentgov.generator;

/**
 * Governance maturity of a business unit, from ad hoc to embedded (the five levels of the seed
 * article's maturity model). It sets how the unit's agents are run, and so which faults the unit
 * carries when faults are planted: an embedded unit registers every agent behind a
 * policy-checking gateway with ephemeral tokens, deploys through pipelines and reviews recently;
 * an ad hoc unit has shadow agents, static keys, log-only gateways and no reviews.
 */
enum Maturity {
  AD_HOC(0.30, 0.60, 0.20, 0.10, 0.60, 0.50, 0.0, ReviewProgramme.NONE, 150),
  DEVELOPING(0.15, 0.25, 0.60, 0.30, 0.30, 0.30, 0.10, ReviewProgramme.TARGETED, 70),
  DEFINED(0.05, 0.0, 0.90, 0.70, 0.10, 0.15, 0.30, ReviewProgramme.RANDOM, 35),
  MANAGED(0.0, 0.0, 1.0, 1.0, 0.0, 0.05, 0.50, ReviewProgramme.RANDOM, 15),
  EMBEDDED(0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.70, ReviewProgramme.STRATIFIED, 8);

  /** How the unit samples agent decisions for human review. */
  enum ReviewProgramme { NONE, TARGETED, RANDOM, STRATIFIED }

  /** Share of the unit's agents that are not in the registry (faults planted only). */
  final double shadowShare;
  /** Share of registered agents behind a log-only gateway: {@code policy.checked} false (faults planted only). */
  final double uncheckedShare;
  /** Share of agents that passed a governance review before production. */
  final double reviewPassedShare;
  /** Share deployed through a pipeline with a governance gate. */
  final double pipelineShare;
  /** Share of registered agents whose last review is older than the policy allows (faults planted only). */
  final double reviewOverdueShare;
  /** Share of registered agents holding a granted permission they never use (faults planted only). */
  final double unusedPermissionShare;
  /** Share of agents whose gateway logs a digest and summary of the input context. */
  final double contextLoggedShare;
  final ReviewProgramme reviews;
  /** Median minutes an approver takes to answer an in-the-loop request. */
  final int approvalMedianMinutes;

  Maturity(double shadowShare, double uncheckedShare, double reviewPassedShare, double pipelineShare,
           double reviewOverdueShare, double unusedPermissionShare, double contextLoggedShare, ReviewProgramme reviews,
           int approvalMedianMinutes) {
    this.shadowShare = shadowShare;
    this.uncheckedShare = uncheckedShare;
    this.reviewPassedShare = reviewPassedShare;
    this.pipelineShare = pipelineShare;
    this.reviewOverdueShare = reviewOverdueShare;
    this.unusedPermissionShare = unusedPermissionShare;
    this.contextLoggedShare = contextLoggedShare;
    this.reviews = reviews;
    this.approvalMedianMinutes = approvalMedianMinutes;
  }

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

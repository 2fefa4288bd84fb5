package io.agentgov.reports;

/**
 * A business unit's agents at the end of the month.
 *
 * @param registered agents the registry lists as active
 * @param shadow agents acting that the registry does not list (open {@code shadow_agent} findings)
 * @param abandoned active agents nobody looks after (open {@code abandoned_agent} findings); part of
 *     {@code registered}
 * @param decommissioned agents the registry lists as decommissioned
 */
public record ScorecardPopulation(long registered, long shadow, long abandoned, long decommissioned) {

  public static final ScorecardPopulation NONE = new ScorecardPopulation(0, 0, 0, 0);

  public ScorecardPopulation {
    if (registered < 0 || shadow < 0 || abandoned < 0 || decommissioned < 0) {
      throw new IllegalArgumentException("Cannot report a negative agent count: registered " + registered + ", shadow "
          + shadow + ", abandoned " + abandoned + ", decommissioned " + decommissioned);
    }
  }

  public ScorecardPopulation plus(ScorecardPopulation o) {
    return new ScorecardPopulation(registered + o.registered, shadow + o.shadow, abandoned + o.abandoned,
        decommissioned + o.decommissioned);
  }
}

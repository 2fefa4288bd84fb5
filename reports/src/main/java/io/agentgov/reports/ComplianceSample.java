package io.agentgov.reports;

import java.util.List;
import java.util.Objects;

/** One stratum of the compliance evidence report's seeded sample: business unit × tier, its size and the ids drawn. */
public record ComplianceSample(String businessUnit, String tier, long population, List<String> eventIds) {

  public ComplianceSample {
    Objects.requireNonNull(businessUnit, "businessUnit");
    Objects.requireNonNull(tier, "tier");
    eventIds = List.copyOf(eventIds);
  }

  public String getBusinessUnit() {
    return businessUnit;
  }

  public String getTier() {
    return tier;
  }

  public String getPopulationText() {
    return ComplianceFormat.count(population);
  }

  public String getIdsText() {
    return ComplianceFormat.ids(eventIds);
  }
}

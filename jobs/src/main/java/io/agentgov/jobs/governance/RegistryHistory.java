package io.agentgov.jobs.governance;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry versions of every agent over a range of days: "the registry as of day d" for each
 * event of a night, whatever day it belongs to (late events are judged against their own day).
 */
public final class RegistryHistory implements Serializable {
  private final Map<String, List<RegistryEntry>> byAgent;

  public RegistryHistory(List<RegistryEntry> versions) {
    Map<String, List<RegistryEntry>> m = new TreeMap<>();
    for (RegistryEntry v : versions) {
      m.computeIfAbsent(v.agentId(), k -> new ArrayList<>()).add(v);
    }
    m.values().forEach(list -> list.sort(Comparator.comparing(RegistryEntry::validFrom)));
    byAgent = m;
  }

  /** The version valid on {@code day}, or null when the registry snapshot of that day does not list the agent. */
  public RegistryEntry asOf(String agentId, LocalDate day) {
    for (RegistryEntry v : byAgent.getOrDefault(agentId, List.of())) {
      if (v.validOn(day)) {
        return v;
      }
    }
    return null;
  }

  /** Every version of the agent within the loaded range, oldest first. */
  public List<RegistryEntry> versions(String agentId) {
    return byAgent.getOrDefault(agentId, List.of());
  }

  /** Every agent listed on {@code day}. */
  public List<RegistryEntry> listedOn(LocalDate day) {
    List<RegistryEntry> listed = new ArrayList<>();
    for (List<RegistryEntry> versions : byAgent.values()) {
      for (RegistryEntry v : versions) {
        if (v.validOn(day)) {
          listed.add(v);
        }
      }
    }
    return listed;
  }
}

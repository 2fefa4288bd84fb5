package io.agentgov.jobs.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code unused_permission}: permissions an active agent is granted but has not exercised in the
 * last {@code unused_permission_days} (least privilege), with the list to remove. A grant is judged
 * only once the lake has observed it for {@code min_observed_days}: from the later of the first
 * observed day, the agent's creation and the first registry version in the look-back that grants it.
 */
final class UnusedPermissionDetector implements Detector {
  @Override
  public FindingType type() {
    return FindingType.UNUSED_PERMISSION;
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found found) {
    int window = night.lifecycle().unusedPermissionDays();
    LocalDate windowStart = night.night().minusDays(window - 1L);
    Instant start = night.night().atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Detection> detections = new ArrayList<>();
    for (RegistryEntry e : night.listed()) {
      if (!e.active() || e.grantedPermissions().isEmpty()) {
        continue;
      }
      Set<String> used = new HashSet<>();
      night.use(e.agentId()).tailMap(windowStart, true).values().forEach(d -> used.addAll(d.permissions().keySet()));
      LocalDate agentFrom = later(later(windowStart, night.firstObservedDay()),
          e.createdAt() == null ? windowStart : LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC));
      TreeSet<String> unused = new TreeSet<>();
      long observed = 0;
      for (String grant : e.grantedPermissions()) {
        LocalDate from = later(agentFrom, grantedSince(night, e.agentId(), grant));
        long days = ChronoUnit.DAYS.between(from, night.night()) + 1;
        if (!used.contains(grant) && days >= night.options().minObservedDays()) {
          unused.add(grant);
          observed = Math.max(observed, days);
        }
      }
      if (unused.isEmpty()) {
        continue;
      }
      Map<String, String> details = new LinkedHashMap<>();
      details.put("permissions_to_remove", String.join(", ", unused));
      details.put("granted", Integer.toString(e.grantedPermissions().size()));
      details.put("observed_days", Long.toString(observed));
      String period = observed >= window ? "in the last " + window + " days"
          : "in the " + observed + " days observed (unused_permission_days is " + window + ")";
      detections.add(new Detection(type(), e.agentId(), "unused_grants", type().baseSeverity(), Detection.Persistence.CONDITION,
          String.format("%s has %d of %d granted permissions it has not used %s: remove %s", e.agentId(), unused.size(),
              e.grantedPermissions().size(), period, String.join(", ", unused)), details, List.of(), start, start, 0));
    }
    return detections;
  }

  /** The first day in the loaded registry history whose version grants the permission. */
  private static LocalDate grantedSince(Night night, String agentId, String grant) {
    for (RegistryEntry v : night.registry().versions(agentId)) {
      if (v.grantedPermissions().contains(grant)) {
        return v.validFrom();
      }
    }
    return night.night();
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}

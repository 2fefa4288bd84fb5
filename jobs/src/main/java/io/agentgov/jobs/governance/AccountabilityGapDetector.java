package io.agentgov.jobs.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code accountability_gap}: an active agent without an active accountable business process owner
 * (the registry's {@code owner_id}): none named, not in the directory, or departed.
 */
final class AccountabilityGapDetector implements Detector {
  @Override
  public FindingType type() {
    return FindingType.ACCOUNTABILITY_GAP;
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found found) {
    Instant start = night.night().atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Detection> detections = new ArrayList<>();
    for (RegistryEntry e : night.listed()) {
      if (!e.active()) {
        continue;
      }
      String owner = e.ownerId();
      ReferenceRows.Person p = owner == null || owner.isBlank() ? null : night.person(owner);
      String why;
      Instant since = start;
      if (owner == null || owner.isBlank()) {
        why = "names no accountable owner";
      } else if (p == null) {
        why = "names owner " + owner + ", who is not in the people directory";
      } else if (!p.active()) {
        why = "names owner " + owner + ", who left" + (p.departedAt() == null ? "" : " on " + LocalDate.ofInstant(p.departedAt(), ZoneOffset.UTC));
        since = p.departedAt() != null && p.departedAt().isBefore(start) ? p.departedAt() : start;
      } else {
        continue;
      }
      detections.add(new Detection(type(), e.agentId(), "no_active_owner", type().baseSeverity(),
          Detection.Persistence.CONDITION, e.agentId() + " is active but " + why + "; name an accountable owner",
          owner == null ? Map.of() : Map.of("owner_id", owner), List.of(), since, start, 0));
    }
    return detections;
  }
}

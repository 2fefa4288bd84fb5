package io.agentgov.jobs.governance;

import io.agentgov.jobs.governance.Finding.Notify;
import io.agentgov.jobs.governance.Finding.Status;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Advances the finding list by one night: the previous night's findings plus tonight's detections
 * give tonight's findings. Pure and deterministic; the detect job only reads and writes around it.
 *
 * <ul>
 *   <li>Detected and new: {@code open}. Detected and resolved before: {@code reopened}. Detected
 *       and active: stays as it is, with tonight's severity, explanation and evidence.
 *   <li>Not detected: a {@link Detection.Persistence#CONDITION condition} finding is resolved
 *       tonight; an {@link Detection.Persistence#EVIDENCE evidence} finding is resolved once its
 *       last evidence is {@code quietDays} or more days old, and stays as it is until then.
 *   <li>Resolved findings are carried forward unchanged, so one night's rows are the whole list and
 *       a finding that returns months later is reopened under the same id.
 * </ul>
 */
public final class FindingLifecycle {
  private FindingLifecycle() {}

  /**
   * @param previous the findings of the latest night before {@code night} (empty for the first)
   * @param notify who to notify per agent tonight; an agent absent from it keeps its previous contact
   * @param businessUnits the business unit per agent tonight, where the registry knows it
   * @param samples sample event ids kept per finding: tonight's first, then earlier nights'
   */
  public static List<Finding> advance(LocalDate night, List<Finding> previous, List<Detection> detections,
      Map<String, Notify> notify, Map<String, String> businessUnits, int quietDays, int samples) {
    Map<String, Finding> before = index(previous, Finding::findingId, "previous findings");
    Map<String, Detection> tonight = index(detections, Detection::findingId, "tonight's detections");
    List<Finding> next = new ArrayList<>();
    for (String id : union(before, tonight)) {
      Finding prev = before.get(id);
      Detection det = tonight.get(id);
      next.add(det != null ? detected(night, prev, det, notify, businessUnits, samples)
          : undetected(night, prev, notify, quietDays));
    }
    next.sort(Comparator.comparing((Finding f) -> f.type()).thenComparing(Finding::agentId).thenComparing(Finding::subject));
    return next;
  }

  private static Finding detected(LocalDate night, Finding prev, Detection d, Map<String, Notify> notify,
      Map<String, String> businessUnits, int samples) {
    Notify contact = notify.getOrDefault(d.agentId(), prev == null ? new Notify(null, Notify.GOVERNANCE_OFFICE) : prev.contact());
    String unit = businessUnits.getOrDefault(d.agentId(), prev == null ? null : prev.businessUnit());
    if (prev == null) {
      return new Finding(night, d.findingId(), d.type(), d.subject(), d.agentId(), unit, d.severity(), null, Status.OPEN,
          night, night, null, 0, d.persistence(), true, d.firstSeen(), d.lastSeen(), d.events(), contact, d.explanation(),
          d.details(), d.sampleEventIds());
    }
    boolean reopened = prev.status() == Status.RESOLVED;
    FindingType.Severity previousSeverity = prev.severity() != d.severity() ? prev.severity() : prev.previousSeverity();
    return new Finding(night, prev.findingId(), prev.type(), prev.subject(), prev.agentId(), unit, d.severity(),
        previousSeverity, reopened ? Status.REOPENED : prev.status(), reopened ? night : prev.statusSince(),
        prev.openedOn(), reopened ? null : prev.resolvedOn(), prev.reopenCount() + (reopened ? 1 : 0), d.persistence(),
        true, min(prev.firstSeen(), d.firstSeen()), max(prev.lastSeen(), d.lastSeen()), prev.evidenceEvents() + d.events(),
        contact, d.explanation(), d.details(), latestFirst(d.sampleEventIds(), prev.sampleEventIds(), samples));
  }

  private static Finding undetected(LocalDate night, Finding prev, Map<String, Notify> notify, int quietDays) {
    boolean resolve = prev.status().active() && (prev.persistence() == Detection.Persistence.CONDITION
        || !LocalDate.ofInstant(prev.lastSeen(), ZoneOffset.UTC).plusDays(quietDays).isAfter(night));
    return new Finding(night, prev.findingId(), prev.type(), prev.subject(), prev.agentId(), prev.businessUnit(),
        prev.severity(), prev.previousSeverity(), resolve ? Status.RESOLVED : prev.status(),
        resolve ? night : prev.statusSince(), prev.openedOn(), resolve ? night : prev.resolvedOn(), prev.reopenCount(),
        prev.persistence(), false, prev.firstSeen(), prev.lastSeen(), prev.evidenceEvents(),
        prev.status().active() ? notify.getOrDefault(prev.agentId(), prev.contact()) : prev.contact(), prev.explanation(),
        prev.details(), prev.sampleEventIds());
  }

  private static List<String> latestFirst(List<String> tonight, List<String> before, int limit) {
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(tonight);
    ids.addAll(before);
    return ids.stream().limit(limit).toList();
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id, String what) {
    Map<String, T> byId = new TreeMap<>();
    for (T item : items) {
      if (byId.put(id.apply(item), item) != null) {
        throw new IllegalArgumentException("Cannot advance findings: " + what + " hold finding " + id.apply(item)
            + " twice (" + item + ")");
      }
    }
    return byId;
  }

  private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> ids = new TreeSet<>(a.keySet());
    ids.addAll(b.keySet());
    return ids;
  }

  private static java.time.Instant min(java.time.Instant a, java.time.Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static java.time.Instant max(java.time.Instant a, java.time.Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

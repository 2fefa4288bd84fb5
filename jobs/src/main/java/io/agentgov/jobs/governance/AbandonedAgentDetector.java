package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.calibration.drift.ActivityGap;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.jobs.drift.DayType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code abandoned_agent}: an active agent nobody looks after any more, one finding per reason
 * (the subject):
 * <ul>
 *   <li>{@code owner_departed:<role>}: its owner, sponsor or technical owner has left (or is not in
 *       the directory) and nobody was named in their place;
 *   <li>{@code review_overdue}: never reviewed, or last reviewed more than {@code review_max_age_days} ago;
 *   <li>{@code inactive_credential_live}: it holds a live credential but stopped acting: idle for
 *       {@code idle_days}, or silent for so long that its own activity rate makes the silence
 *       improbable ({@link ActivityGap}): a project that ended while its access persists;
 *   <li>{@code model_changed_without_review}: its events report a model other than the registry's,
 *       or the registry's model changed, with no review or reviewed scope change since.
 * </ul>
 */
final class AbandonedAgentDetector implements Detector {
  private static final Map<String, String> ROLES = new LinkedHashMap<>();

  static {
    ROLES.put(Finding.Notify.OWNER, "owner");
    ROLES.put(Finding.Notify.SPONSOR, "sponsor");
    ROLES.put(Finding.Notify.TECHNICAL_OWNER, "technical owner");
  }

  @Override
  public FindingType type() {
    return FindingType.ABANDONED_AGENT;
  }

  private static final String MODEL = "model_changed_without_review";

  @Override
  public List<Evidence.Spec> evidence(Night night) {
    return List.of(new Evidence.Spec(MODEL, col("observed_model").isNotNull(), lit(MODEL), "observed_model",
        "registry_model"));
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found evidence) {
    Map<String, Detection> found = new TreeMap<>();
    EscalationPolicy.Lifecycle life = night.lifecycle();
    Instant start = night.night().atStartOfDay(ZoneOffset.UTC).toInstant();
    for (RegistryEntry e : night.listed()) {
      if (!e.active()) {
        continue;
      }
      departedRoles(night, e, start).forEach(d -> found.put(d.findingId(), d));
      if (e.lastReviewAt() == null || e.lastReviewAt().isBefore(start.minus(life.reviewMaxAgeDays(), ChronoUnit.DAYS))) {
        add(found, condition(e, "review_overdue", start, start, e.lastReviewAt() == null
            ? e.agentId() + " is active but has never been reviewed (reviews are due every " + life.reviewMaxAgeDays() + " days)"
            : e.agentId() + " was last reviewed on " + day(e.lastReviewAt()) + ", more than " + life.reviewMaxAgeDays()
                + " days ago", Map.of("last_review_at", String.valueOf(e.lastReviewAt()))));
      }
      Detection idle = inactive(night, e, life, start);
      if (idle != null) {
        add(found, idle);
      }
      Detection model = registryModelChange(night, e, start);
      if (model != null) {
        add(found, model);
      }
    }
    for (Evidence.Group g : evidence.groups(MODEL)) {
      RegistryEntry e = night.registry().asOf(g.agentId(), night.night());
      if (e != null && reviewedSince(e, g.first())) {
        continue;
      }
      add(found, new Detection(type(), g.agentId(), g.subject(), type().severity(g.highImpact()),
          Detection.Persistence.EVIDENCE, String.format("%s ran on %s in %,d actions, but the registry says %s and no "
              + "review was recorded after the change", g.agentId(), String.join(", ", g.counts("observed_model").keySet()),
              g.events(), String.join(", ", g.counts("registry_model").keySet())),
          Map.of("observed_model", g.top("observed_model", 3), "registry_model", g.top("registry_model", 3)),
          g.samples(), g.first(), g.last(), g.events()));
    }
    return new ArrayList<>(found.values());
  }

  private List<Detection> departedRoles(Night night, RegistryEntry e, Instant start) {
    List<Detection> found = new ArrayList<>();
    Map<String, String> holders = new LinkedHashMap<>();
    holders.put(Finding.Notify.OWNER, e.ownerId());
    holders.put(Finding.Notify.SPONSOR, e.sponsorId());
    holders.put(Finding.Notify.TECHNICAL_OWNER, e.technicalOwnerId());
    holders.forEach((role, personId) -> {
      if (personId == null || personId.isBlank()) {
        return; // nobody named: an accountability gap for the owner, not a departure
      }
      ReferenceRows.Person p = night.person(personId);
      if (p != null && p.active()) {
        return;
      }
      String why = p == null ? "is not in the people directory" : "left" + (p.departedAt() == null ? "" : " on " + day(p.departedAt()));
      found.add(condition(e, "owner_departed:" + role, p == null || p.departedAt() == null ? start : p.departedAt(),
          start, String.format("%s's %s %s %s and nobody was named in their place", e.agentId(), ROLES.get(role), personId, why),
          Map.of("role", role, "person_id", personId)));
    });
    return found;
  }

  /** A live credential and no activity: past idle_days, or a silence its own rhythm makes improbable. */
  private Detection inactive(Night night, RegistryEntry e, EscalationPolicy.Lifecycle life, Instant start) {
    Instant end = night.end();
    if (e.credentials().stream().noneMatch(c -> c.validAt(end.minusSeconds(1)))) {
      return null;
    }
    TreeMap<LocalDate, Night.DayUse> days = night.use(e.agentId());
    LocalDate observedFrom = later(night.firstObservedDay(), night.night().minusDays(night.options().lookbackDays() - 1L));
    if (e.createdAt() != null) {
      observedFrom = later(observedFrom, LocalDate.ofInstant(e.createdAt(), ZoneOffset.UTC));
    }
    LocalDate lastActive = days.isEmpty() ? null : days.lastKey();
    LocalDate quietFrom = lastActive == null ? observedFrom : lastActive.plusDays(1);
    long silentDays = ChronoUnit.DAYS.between(quietFrom, night.night()) + 1;
    if (silentDays <= 0) {
      return null;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("last_active_day", String.valueOf(lastActive));
    details.put("silent_days", Long.toString(silentDays));
    String why = null;
    if (silentDays >= life.idleDays()) {
      why = String.format("no activity for %d days (idle_days %d)", silentDays, life.idleDays());
    } else if (lastActive != null && silentDays >= night.options().minSilentDays()) {
      double p = silenceProbability(days, later(observedFrom, lastActive.minusDays(night.options().rhythmDays() - 1L)),
          lastActive, quietFrom, night.night());
      details.put("silence_probability", String.format("%.3g", p));
      if (p < night.options().quietPValue()) {
        why = String.format("silent for %d days since %s, which its own activity rate makes improbable (p = %.2g)",
            silentDays, lastActive, p);
      }
    }
    if (why == null) {
      return null;
    }
    return condition(e, "inactive_credential_live", quietFrom.atStartOfDay(ZoneOffset.UTC).toInstant(), start,
        e.agentId() + " still holds a live credential but stopped acting: " + why + "; revoke or confirm its access",
        details);
  }

  /** Rates of active days per day type over [from, to], then the chance of the silence over [quietFrom, night]. */
  static double silenceProbability(TreeMap<LocalDate, Night.DayUse> days, LocalDate from, LocalDate to,
      LocalDate quietFrom, LocalDate night) {
    Map<DayType, int[]> activeObserved = new EnumMap<>(DayType.class);
    for (DayType t : DayType.values()) {
      activeObserved.put(t, new int[2]);
    }
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      int[] c = activeObserved.get(DayType.of(d));
      Night.DayUse use = days.get(d);
      c[0] += use != null && use.events() > 0 ? 1 : 0;
      c[1]++;
    }
    List<Double> rates = new ArrayList<>();
    for (LocalDate d = quietFrom; !d.isAfter(night); d = d.plusDays(1)) {
      int[] c = activeObserved.get(DayType.of(d));
      rates.add(ActivityGap.activeRate(c[0], c[1]));
    }
    return ActivityGap.silenceProbability(rates.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The registry's model changed within the look-back and nothing was reviewed since the change. */
  private Detection registryModelChange(Night night, RegistryEntry e, Instant start) {
    RegistryEntry previous = null;
    RegistryEntry changed = null;
    String from = null;
    for (RegistryEntry v : night.registry().versions(e.agentId())) {
      if (v.validFrom().isAfter(night.night())) {
        break;
      }
      if (previous != null && previous.model() != null && v.model() != null
          && !ModelName.sameModel(previous.model(), v.model())) {
        changed = v;
        from = previous.model();
      }
      previous = v;
    }
    if (changed == null) {
      return null;
    }
    Instant changedAt = changed.validFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
    if (reviewedSince(e, changedAt.minus(1, ChronoUnit.DAYS))) {
      return null;
    }
    return condition(e, "model_changed_without_review", changedAt, start, String.format("%s's model changed from %s to %s on %s "
        + "with no review or reviewed scope change recorded since", e.agentId(), from, changed.model(), changed.validFrom()),
        Map.of("registry_model", changed.model(), "previous_model", from));
  }

  /** A review, or a reviewed scope change, at or after {@code t}. */
  static boolean reviewedSince(RegistryEntry e, Instant t) {
    return (e.lastReviewAt() != null && !e.lastReviewAt().isBefore(t))
        || e.scopeChanges().stream().anyMatch(c -> c.reviewed() && c.changedAt() != null && !c.changedAt().isBefore(t));
  }

  /** A finding read from the registry and directory: seen since {@code since}, and again tonight ({@code start}). */
  private Detection condition(RegistryEntry e, String subject, Instant since, Instant start, String explanation,
      Map<String, String> details) {
    Map<String, String> d = new LinkedHashMap<>(details);
    d.put("reason", subject.contains(":") ? subject.substring(0, subject.indexOf(':')) : subject);
    return new Detection(type(), e.agentId(), subject, type().baseSeverity(), Detection.Persistence.CONDITION,
        explanation, d, List.of(), since.isBefore(start) ? since : start, since.isAfter(start) ? since : start, 0);
  }

  /** Keeps one detection per finding; an event-evidenced one replaces a registry one of the same reason. */
  private static void add(Map<String, Detection> found, Detection d) {
    found.merge(d.findingId(), d, (a, b) -> b.events() > 0 ? b : a);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }
}

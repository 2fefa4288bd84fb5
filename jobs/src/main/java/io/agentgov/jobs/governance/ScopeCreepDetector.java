package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * {@code scope_creep}: a registered agent attempted actions outside its declared scope as of the
 * event's day (whatever the outcome), subject {@code outside_declared_scope}, with its creep trend:
 * permissions first exercised per month over the look-back; and the registry changed an agent's
 * declared scope without a reviewed scope change recorded for it, subject {@code unreviewed_scope_change}.
 */
final class ScopeCreepDetector extends EventDetector {
  @Override
  public FindingType type() {
    return FindingType.SCOPE_CREEP;
  }

  @Override
  Column where() {
    return col("outside_scope");
  }

  @Override
  Column subject() {
    return lit("outside_declared_scope");
  }

  @Override
  String[] counted() {
    return new String[] {"permission", "delegated"};
  }

  @Override
  String explain(Evidence.Group g) {
    return String.format("%s acted %,d times outside its declared scope: %s%s", g.agentId(), g.events(),
        g.top("permission", 4), g.counts("delegated").containsKey("true") ? " (some under delegation)" : "");
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found evidence) {
    List<Detection> found = new ArrayList<>(super.detect(night, evidence));
    for (RegistryEntry entry : night.listed()) {
      RegistryEntry before = night.registry().asOf(entry.agentId(), night.night().minusDays(1));
      String unreviewed = unreviewedChange(before, entry, night);
      if (unreviewed != null) {
        Instant start = night.night().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        found.add(new Detection(type(), entry.agentId(), "unreviewed_scope_change", type().baseSeverity(),
            Detection.Persistence.EVIDENCE, entry.agentId() + ": " + unreviewed, Map.of("change", unreviewed), List.of(),
            start, start, 0));
      }
    }
    return found;
  }

  @Override
  Map<String, String> details(Evidence.Group g, Night night) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("new_permissions_by_month", trend(night.use(g.agentId())));
    d.put("via", g.counts("delegated").containsKey("true") ? "delegation" : "direct");
    return d;
  }

  /**
   * Permissions first exercised per calendar month over the look-back, after the first observed
   * month (everything is new in the month observation starts): {@code 2026-04: 2, 2026-05: 1}.
   */
  static String trend(TreeMap<LocalDate, Night.DayUse> days) {
    Set<String> seen = new HashSet<>();
    Map<YearMonth, Integer> newPerMonth = new TreeMap<>();
    YearMonth firstMonth = days.isEmpty() ? null : YearMonth.from(days.firstKey());
    for (Night.DayUse day : days.values()) {
      for (String p : day.permissions().keySet()) {
        if (seen.add(p) && !YearMonth.from(day.day()).equals(firstMonth)) {
          newPerMonth.merge(YearMonth.from(day.day()), 1, Integer::sum);
        }
      }
    }
    return newPerMonth.isEmpty() ? "none after " + (firstMonth == null ? "-" : firstMonth)
        : newPerMonth.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** A declared scope that changed since yesterday with no reviewed scope change recorded since yesterday. */
  static String unreviewedChange(RegistryEntry before, RegistryEntry now, Night night) {
    Instant since = night.night().minusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    List<String> unreviewed = now.scopeChanges().stream()
        .filter(c -> c.changedAt() != null && !c.changedAt().isBefore(since) && !c.reviewed())
        .map(RegistryEntry.ScopeChange::change).toList();
    if (!unreviewed.isEmpty()) {
      return "scope change without a reviewer: " + String.join("; ", unreviewed);
    }
    if (before == null || before.declaredScope().equals(now.declaredScope())) {
      return null;
    }
    boolean reviewed = now.scopeChanges().stream().anyMatch(c -> c.changedAt() != null && !c.changedAt().isBefore(since)
        && c.reviewed());
    if (reviewed) {
      return null;
    }
    Set<String> added = new TreeSet<>(now.declaredScope());
    added.removeAll(before.declaredScope());
    Set<String> removed = new TreeSet<>(before.declaredScope());
    removed.removeAll(now.declaredScope());
    return "declared scope changed with no reviewed scope change recorded (added " + added + ", removed " + removed + ")";
  }
}

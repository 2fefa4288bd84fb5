package io.agentgov.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the scorecard shows about one business unit for the month.
 *
 * @param name the business unit
 * @param maturity its {@code maturity_scores} row for the month; null when the month was not scored
 * @param population its agents at the end of the month
 * @param oversight approvals and SLAs of its tier 3/4 actions in the month
 * @param findings its findings open at the end of the month (any order; shown most severe, oldest first)
 * @param driftAlerts its agents' drift alerts in the month, one row per agent and metric
 * @param pendingRecommendations threshold changes recommended for its agents and not yet applied
 */
public record ScorecardUnit(String name, ScorecardMaturity maturity, ScorecardPopulation population,
    ScorecardOversight oversight, List<ScorecardFinding> findings, List<ScorecardDriftAlert> driftAlerts,
    List<ScorecardRecommendation> pendingRecommendations) {

  /** At most this many next actions per unit: a leader reads a short list. */
  public static final int MAX_ACTIONS = 7;
  /** Of them, at most this many come from the maturity gaps, so that findings still get a place. */
  public static final int MAX_GAP_ACTIONS = 4;

  /** Most severe first, then the oldest, then by id: the order findings are shown and acted on. */
  public static final Comparator<ScorecardFinding> PRIORITY = Comparator.comparingInt(ScorecardFinding::severityRank)
      .thenComparing(ScorecardFinding::openedOn).thenComparing(ScorecardFinding::findingId);

  public ScorecardUnit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(population, "population");
    Objects.requireNonNull(oversight, "oversight");
    findings = findings.stream().sorted(PRIORITY).toList();
    driftAlerts = driftAlerts.stream().sorted(Comparator.comparingLong(ScorecardDriftAlert::nights).reversed()
        .thenComparing(ScorecardDriftAlert::agentId).thenComparing(ScorecardDriftAlert::metric)).toList();
    pendingRecommendations = List.copyOf(pendingRecommendations);
    for (ScorecardDriftAlert a : driftAlerts) {
      if (!a.unit().equals(name)) {
        throw new IllegalArgumentException("Cannot list drift of " + a.agentId() + " (unit " + a.unit()
            + ") under unit " + name);
      }
    }
    for (ScorecardRecommendation r : pendingRecommendations) {
      if (!r.unit().equals(name)) {
        throw new IllegalArgumentException("Cannot list threshold change " + r.poolId() + " (unit " + r.unit()
            + ") under unit " + name);
      }
    }
  }

  public boolean scored() {
    return maturity != null;
  }

  /** Open findings of one severity. */
  public long findings(String severity) {
    return findings.stream().filter(f -> f.severity().equals(severity)).count();
  }

  /** Alerts in the month, counting each night an agent's metric alerted. */
  public long driftAlertCount() {
    return driftAlerts.stream().mapToLong(ScorecardDriftAlert::nights).sum();
  }

  public long driftAgents() {
    return driftAlerts.stream().map(ScorecardDriftAlert::agentId).distinct().count();
  }

  /**
   * What the unit should do next, most important first: the maturity gaps to the next stage (up to
   * {@link #MAX_GAP_ACTIONS}), then its critical and high findings, oldest first, each with the
   * person to notify; then pending threshold changes and drift, if room is left. At most
   * {@link #MAX_ACTIONS}.
   */
  public List<ScorecardAction> nextActions() {
    List<String[]> items = new ArrayList<>();
    if (maturity != null && maturity.stage() < 4) {
      int next = maturity.stage() + 1;
      List<String> gaps = maturity.gaps();
      int shown = Math.min(MAX_GAP_ACTIONS, gaps.size());
      for (int i = 0; i < shown; i++) {
        String more = i == shown - 1 && gaps.size() > shown ? " (and " + (gaps.size() - shown) + " more gaps)" : "";
        items.add(new String[] {Scorecard.capitalise(gaps.get(i)),
            "gap to stage " + next + " " + Scorecard.stageName(next) + more,
            name + " leadership"});
      }
    }
    for (ScorecardFinding f : findings) {
      if (items.size() >= MAX_ACTIONS || !f.serious()) {
        break;
      }
      items.add(new String[] {remedy(f), f.severity() + " finding, open " + f.ageDays()
          + (f.ageDays() == 1 ? " day: " : " days: ") + shorten(f.explanation()), f.notifyText()});
    }
    if (items.size() < MAX_ACTIONS && !pendingRecommendations.isEmpty()) {
      long raises = pendingRecommendations.stream().filter(r -> "raise".equals(r.verdict())).count();
      int n = pendingRecommendations.size();
      items.add(new String[] {"Apply " + (n == 1 ? "the recommended auto-approval threshold change"
          : "the " + n + " recommended auto-approval threshold changes"),
          "recalibration as of " + pendingRecommendations.get(0).asOfDate() + (raises > 0 ? ": " + raises
              + (raises == 1 ? " threshold lets" : " thresholds let") + " too many wrong decisions through" : "")
              + "; see the appendix", "policy owner"});
    }
    if (items.size() < MAX_ACTIONS && !driftAlerts.isEmpty()) {
      ScorecardDriftAlert top = driftAlerts.get(0);
      long others = driftAgents() - 1;
      items.add(new String[] {"Check why " + top.agentId() + " changed behaviour"
          + (others > 0 ? " (and " + others + " more " + (others == 1 ? "agent" : "agents") + ")" : ""),
          top.nights() + (top.nights() == 1 ? " night" : " nights") + " of drift in " + top.getMetric() + ": "
              + shorten(top.explanation()), "the agents' owners"});
    }
    List<ScorecardAction> actions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      actions.add(new ScorecardAction(i + 1, items.get(i)[0], items.get(i)[1], items.get(i)[2]));
    }
    return actions;
  }

  /** Explanations are cut at a word to this many characters in the next actions; the tables show them whole. */
  static final int WHY_CHARS = 120;

  /** An explanation cut to {@link #WHY_CHARS} at a word boundary, with an ellipsis when cut. */
  static String shorten(String text) {
    if (text.length() <= WHY_CHARS) {
      return text;
    }
    int cut = text.lastIndexOf(' ', WHY_CHARS - 1);
    return text.substring(0, cut > WHY_CHARS / 2 ? cut : WHY_CHARS - 1).replaceAll("[,;:(]+$", "") + "…";
  }

  /** What resolves a finding, in plain words. */
  static String remedy(ScorecardFinding f) {
    String a = f.agentId();
    return switch (f.type()) {
      case "shadow_agent" -> "Register " + a + " or shut it down";
      case "decommissioned_acting" -> "Stop " + a + " acting and revoke its credentials";
      case "abandoned_agent" -> "Give " + a + " an active owner and a current review, or retire it";
      case "shared_credential" -> "Give " + a + " a credential of its own";
      case "standing_credential" -> "Replace the standing credential of " + a + " with a short-lived token";
      case "unused_permission" -> "Remove the permissions " + a + " does not use";
      case "scope_creep" -> "Review what " + a + " does outside its declared scope";
      case "tier_violation" -> "Correct the risk tier the gateway gives " + a + "'s actions";
      case "oversight_violation" -> "Make " + a + " wait for approval before acting";
      case "sla_breach" -> "Answer " + a + "'s escalations within their SLA";
      case "privilege_cascade" -> "Stop " + a + " acting beyond the permissions delegated to it";
      case "accountability_gap" -> "Name an accountable owner for " + a;
      default -> "Resolve the " + f.getTypeLabel() + " finding on " + a;
    };
  }
}

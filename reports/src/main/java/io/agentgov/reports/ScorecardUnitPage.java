package io.agentgov.reports;

import static io.agentgov.reports.RecalibrationFormat.count;
import static io.agentgov.reports.RecalibrationFormat.pct;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A business unit as the scorecard template reads it: a row of the summary tables and a page of its
 * own. Every text is written out here, so the template only places it; built by
 * {@link Scorecard#pages()}, not by callers.
 *
 * @param unit the unit
 * @param card the scorecard it belongs to (for the month, the stage history and the previous month)
 */
public record ScorecardUnitPage(ScorecardUnit unit, Scorecard card) {

  /** A unit page lists at most this many findings (most severe, oldest first); the rest are counted. */
  public static final int FINDINGS_SHOWN = 12;

  static final String GOOD = "#1E7B34";
  static final String FAIR = "#B07A00";
  static final String POOR = "#B3261E";
  static final String NEUTRAL = "#5F6B75";

  public ScorecardUnitPage {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(card, "card");
  }

  public String getName() {
    return unit.name();
  }

  public Boolean getScored() {
    return unit.scored();
  }

  // ---- stage and trend

  /** {@code 3 Managed}, or {@code not scored} ({@code no unit} for the unknown unit). */
  public String getStageText() {
    if (unknown()) {
      return "no unit";
    }
    return unit.scored() ? unit.maturity().stage() + " " + unit.maturity().stageName() : "not scored";
  }

  /** The badge on the unit's page: {@code Stage 3 Managed}, {@code Stage not scored}, {@code No business unit}. */
  public String getBadgeText() {
    return unknown() ? "No business unit" : unit.scored() ? "Stage " + getStageText() : "Stage not scored";
  }

  /** The agents no business unit could be found for, listed together. */
  private boolean unknown() {
    return Scorecard.UNKNOWN_UNIT.equals(unit.name()) && !unit.scored();
  }

  public String getStageColor() {
    return unit.scored() ? Scorecard.stageColor(unit.maturity().stage()) : "#9AA5AE";
  }

  private Integer previous() {
    return card.previousStage(unit);
  }

  /** A short trend mark for tables: {@code ▲ up from 2}, {@code ▼ down from 3}, {@code = same}, {@code new}. */
  public String getTrendText() {
    if (!unit.scored()) {
      return "";
    }
    Integer before = previous();
    int now = unit.maturity().stage();
    if (before == null) {
      return "new: first score";
    }
    if (now > before) {
      return "▲ up from " + before;
    }
    if (now < before) {
      return "▼ down from " + before;
    }
    return "= same as before";
  }

  public String getTrendColor() {
    if (!unit.scored() || previous() == null) {
      return NEUTRAL;
    }
    int now = unit.maturity().stage();
    return now > previous() ? GOOD : now < previous() ? POOR : NEUTRAL;
  }

  /** The trend in a sentence, for the unit's page. */
  public String getTrendSentence() {
    String previousMonth = Scorecard.monthName(card.month().minusMonths(1));
    if (unknown()) {
      return "Agents no business unit could be found for: the registry does not list them and nobody is known they"
          + " acted for. Their findings go to the governance office.";
    }
    if (!unit.scored()) {
      return "Not scored for " + Scorecard.monthName(card.month()) + ": the maturity job has not run for this unit"
          + " and month.";
    }
    Integer before = previous();
    int now = unit.maturity().stage();
    if (before == null) {
      return "First month scored: " + previousMonth + " has no score to compare with.";
    }
    String was = "stage " + before + " " + Scorecard.stageName(before) + " in " + previousMonth;
    if (now > before) {
      return "Up from " + was + ".";
    }
    if (now < before) {
      return "Down from " + was + ".";
    }
    return "Unchanged since " + previousMonth + ".";
  }

  /** The first gap to the next stage, for the summary table. */
  public String getTopGap() {
    if (unknown()) {
      return "Agents not in the registry whose unit is unknown; no stage is scored for them.";
    }
    if (!unit.scored()) {
      return "";
    }
    if (unit.maturity().stage() >= 4) {
      return "Top stage reached: keep every indicator at its level.";
    }
    List<String> gaps = unit.maturity().gaps();
    return gaps.isEmpty() ? "No gap recorded to stage " + (unit.maturity().stage() + 1) + "."
        : "Next: " + Scorecard.capitalise(gaps.get(0)) + (gaps.size() > 1 ? " (+" + (gaps.size() - 1) + " more)" : "");
  }

  /** One cell per month of the stage grid, oldest first. */
  public List<ScorecardStageCell> getStageCells() {
    List<ScorecardStageCell> cells = new ArrayList<>();
    for (YearMonth m : card.historyMonths()) {
      cells.add(new ScorecardStageCell(m.toString(), card.stageOf(unit.name(), m)));
    }
    return cells;
  }

  // ---- indicators and gaps

  public List<ScorecardIndicator> getIndicators() {
    return unit.scored() ? unit.maturity().indicators() : List.of();
  }

  public Boolean getHasIndicators() {
    return !getIndicators().isEmpty();
  }

  /** The series name of the next stage's levels: {@code needed for stage 4 Embedded}. */
  public String getNextStageSeries() {
    if (!unit.scored() || unit.maturity().stage() >= 4) {
      return "top stage: no next level";
    }
    int next = unit.maturity().stage() + 1;
    return "needed for stage " + next + " " + Scorecard.stageName(next);
  }

  /** What stands in place of the indicators when the unit has none this month. */
  public String getNoIndicatorsText() {
    return unknown() ? "No indicators: these agents belong to no known unit."
        : "No indicators: the maturity job has not scored this unit for the month.";
  }

  /** Under the indicators: how many hold the unit back, and what the next actions start with. */
  public String getIndicatorNote() {
    if (!unit.scored()) {
      return "";
    }
    long short_ = unit.maturity().indicators().stream().filter(ScorecardIndicator::shortOfNext).count();
    int total = unit.maturity().indicators().size();
    if (unit.maturity().stage() >= 4) {
      return "Top stage: every indicator meets the highest level. Keep them there.";
    }
    int next = unit.maturity().stage() + 1;
    String head = short_ + " of " + total + (total == 1 ? " indicator is" : " indicators are") + " below the level"
        + " stage " + next + " " + Scorecard.stageName(next)
        + " needs (in red; a dash: that stage sets no level for it)";
    int gaps = unit.maturity().gaps().size();
    return gaps == 0 ? head + "." : head + "; the next actions start with " + (gaps == 1 ? "the gap" : "the gaps")
        + " to close.";
  }

  // ---- next actions and findings

  public List<ScorecardAction> getNextActions() {
    return unit.nextActions();
  }

  public Boolean getHasActions() {
    return !unit.nextActions().isEmpty();
  }

  public List<ScorecardFinding> getFindingsShown() {
    return unit.findings().subList(0, Math.min(FINDINGS_SHOWN, unit.findings().size()));
  }

  public Boolean getHasFindings() {
    return !unit.findings().isEmpty();
  }

  public String getFindingsNote() {
    int n = unit.findings().size();
    if (card.findingsNight() == null) {
      return "No findings recorded up to the month's end: the detectors have not run.";
    }
    if (n == 0) {
      return "No finding open as of the night of " + card.findingsNight() + ".";
    }
    String shown = n <= FINDINGS_SHOWN ? (n == 1 ? "The one finding" : "All " + n + " findings")
        + " open as of the night of " + card.findingsNight() + ", most severe and oldest first."
        : FINDINGS_SHOWN + " of " + count(n) + " findings open as of the night of " + card.findingsNight()
            + ", most severe and oldest first; agentgov findings --status active lists them all.";
    return shown;
  }

  // ---- key figures

  public Long getRegistered() {
    return unit.population().registered();
  }

  public Long getShadow() {
    return unit.population().shadow();
  }

  public Long getAbandoned() {
    return unit.population().abandoned();
  }

  public Long getDecommissioned() {
    return unit.population().decommissioned();
  }

  public Long getOpenFindings() {
    return (long) unit.findings().size();
  }

  public Long getCritical() {
    return unit.findings("critical");
  }

  public Long getHigh() {
    return unit.findings("high");
  }

  /** {@code 3 / 12}: critical / high. */
  public String getCriticalHigh() {
    return count(unit.findings("critical")) + " / " + count(unit.findings("high"));
  }

  public String getApprovedText() {
    Double s = unit.oversight().approvedShare();
    return s == null ? "—" : pct(s);
  }

  public String getApprovedDetail() {
    ScorecardOversight o = unit.oversight();
    return o.executed() == 0 ? "no tier-3/4 action executed"
        : count(o.approvedBefore()) + " of " + count(o.executed()) + " tier-3/4 actions";
  }

  public String getApprovedColor() {
    return color(unit.oversight().approvedShare(), 0.99, 0.95);
  }

  public String getSlaText() {
    Double s = unit.oversight().slaShare();
    return s == null ? "—" : pct(s);
  }

  public String getSlaDetail() {
    ScorecardOversight o = unit.oversight();
    return o.escalations() == 0 ? "no escalation to a person"
        : count(o.withinSla()) + " of " + count(o.escalations()) + " escalations";
  }

  public String getSlaColor() {
    return color(unit.oversight().slaShare(), 0.95, 0.85);
  }

  public Long getExecutedTier34() {
    return unit.oversight().executed();
  }

  public Long getApprovedBefore() {
    return unit.oversight().approvedBefore();
  }

  public Long getEscalations() {
    return unit.oversight().escalations();
  }

  public Long getWithinSla() {
    return unit.oversight().withinSla();
  }

  public Long getDriftAlerts() {
    return unit.driftAlertCount();
  }

  public Long getDriftAgents() {
    return unit.driftAgents();
  }

  public String getDriftDetail() {
    long agents = unit.driftAgents();
    return agents == 0 ? "no agent drifted" : "on " + count(agents) + (agents == 1 ? " agent" : " agents");
  }

  public Long getPendingThresholds() {
    return (long) unit.pendingRecommendations().size();
  }

  private static String color(Double share, double good, double fair) {
    if (share == null) {
      return NEUTRAL;
    }
    return share >= good ? GOOD : share >= fair ? FAIR : POOR;
  }
}

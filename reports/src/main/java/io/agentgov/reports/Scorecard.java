package io.agentgov.reports;

import static io.agentgov.reports.RecalibrationFormat.count;
import static io.agentgov.reports.RecalibrationFormat.pct;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;

/**
 * The data of the monthly governance scorecard for leadership ({@code templates/scorecard.jrxml}):
 * per business unit its maturity stage and trend, its agents, open findings, oversight of its
 * riskiest actions, drift and pending threshold changes, and the next actions derived from them.
 * The numbers are read from the tables by the caller ({@code ScorecardData} in the jobs module);
 * the sums over units, the headline sentences and the next actions are derived here; the template
 * computes nothing.
 *
 * @param month the month reported on
 * @param asOf the moment the tables were read as of (Iceberg time travel); shown in the title and used as
 *     the PDF's date, so that the same month and as-of time give the same file (the report shows no
 *     other clock)
 * @param findingsNight the night whose {@code findings} partition is the month's state (the last one
 *     up to the month's end); null when there is none
 * @param sources the tables read and the snapshot each was read at, one line each
 * @param units the business units, in the order the report lists them
 * @param stageHistory the units' stages in the month and up to 11 months before it
 */
public record Scorecard(YearMonth month, Instant asOf, LocalDate findingsNight,
    List<String> sources, List<ScorecardUnit> units, List<ScorecardStagePoint> stageHistory) {

  public static final String TEMPLATE = "scorecard";
  /** The findings table of a unit page, a subreport so its header repeats and no row splits. */
  public static final String FINDINGS_TEMPLATE = "scorecard-findings";
  /** The appendix's drift alerts and pending threshold changes, subreports for the same reason. */
  public static final String DRIFT_TEMPLATE = "scorecard-drift";
  public static final String RECOMMENDATIONS_TEMPLATE = "scorecard-recommendations";
  /**
   * The unit under which the builder lists agents no business unit could be found for (not in the
   * registry, and nobody known they acted for); it is never scored.
   */
  public static final String UNKNOWN_UNIT = "unit unknown";
  /** Months of stage history drawn, the scored month included. */
  public static final int HISTORY_MONTHS = 12;

  static final List<String> STAGE_NAMES = List.of("Ad hoc", "Defined", "Managed", "Embedded");
  static final List<String> STAGE_COLORS = List.of("#C0392B", "#E08A1E", "#6FA84F", "#1E7B34");
  static final Map<String, String> SEVERITY_COLORS = Map.of("critical", "#B3261E", "high", "#D9661F",
      "medium", "#C9A227", "low", "#7A8A99");
  /** Age buckets, youngest first: light to dark, so that old findings stand out. */
  static final List<String> AGE_COLORS = List.of("#F4CDA5", "#E8915B", "#C8553D", "#6E1B1B");

  /** Words written in capitals when an id is put in words. */
  private static final Map<String, String> ACRONYMS = Map.of("sla", "SLA", "pii", "PII", "psi", "PSI", "ml", "ML");

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public Scorecard {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(asOf, "asOf");
    sources = List.copyOf(sources);
    units = List.copyOf(units);
    stageHistory = List.copyOf(stageHistory);
    Set<String> names = new HashSet<>();
    for (ScorecardUnit u : units) {
      if (!names.add(u.name())) {
        throw new IllegalArgumentException("Business unit " + u.name() + " appears twice in the scorecard of " + month);
      }
    }
    if (findingsNight != null && findingsNight.isAfter(month.atEndOfMonth())) {
      throw new IllegalArgumentException("Cannot show findings as of " + findingsNight + " in the scorecard of " + month
          + ": the night is after the month's end");
    }
    for (ScorecardStagePoint p : stageHistory) {
      if (p.month().isAfter(month) || p.month().isBefore(month.minusMonths(HISTORY_MONTHS - 1))) {
        throw new IllegalArgumentException("Cannot draw the stage of " + p.unit() + " in " + p.month()
            + " in the scorecard of " + month + ": it is outside the " + HISTORY_MONTHS + " months shown");
      }
    }
  }

  // ---- helpers shared by the scorecard's records

  static void requireStage(int stage, String what) {
    if (stage < 1 || stage > STAGE_NAMES.size()) {
      throw new IllegalArgumentException("Cannot report stage " + stage + " for " + what + ": stages are 1 to "
          + STAGE_NAMES.size());
    }
  }

  /** The rubric's name of a stage: 1 Ad hoc, 2 Defined, 3 Managed, 4 Embedded. */
  public static String stageName(int stage) {
    requireStage(stage, "a unit");
    return STAGE_NAMES.get(stage - 1);
  }

  static String stageColor(int stage) {
    requireStage(stage, "a unit");
    return STAGE_COLORS.get(stage - 1);
  }

  static String severityColor(String severity) {
    return SEVERITY_COLORS.getOrDefault(severity, "#222222");
  }

  /** An id in words: {@code shadow_agent} is {@code shadow agent} ({@code Shadow agent} capitalised). */
  static String words(String id, boolean capitalise) {
    String w = String.join(" ", java.util.Arrays.stream(id.replace('_', ' ').trim().split(" +"))
        .map(t -> ACRONYMS.getOrDefault(t, t)).toList());
    return capitalise && !w.isEmpty() ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w;
  }

  /** The text with its first letter in capitals (gaps are written as phrases). */
  static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** {@code March 2026}. */
  static String monthName(YearMonth m) {
    return m.getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + m.getYear();
  }

  // ---- derived

  /** File name without extension: {@code scorecard-2026-03}. */
  public String baseName() {
    return TEMPLATE + "-" + month;
  }

  public String title() {
    return "Agent governance scorecard " + monthName(month);
  }

  /** Whether the maturity job scored any unit for the month. */
  public boolean scored() {
    return units.stream().anyMatch(ScorecardUnit::scored);
  }

  /** The months the stage grid shows, oldest first, ending with {@link #month}. */
  public List<YearMonth> historyMonths() {
    List<YearMonth> out = new ArrayList<>();
    for (int i = HISTORY_MONTHS - 1; i >= 0; i--) {
      out.add(month.minusMonths(i));
    }
    return out;
  }

  /** The stage of a unit in a month: the history's point, else the unit's own row for the month. */
  Integer stageOf(String unit, YearMonth m) {
    for (ScorecardStagePoint p : stageHistory) {
      if (p.unit().equals(unit) && p.month().equals(m)) {
        return p.stage();
      }
    }
    if (m.equals(month)) {
      return units.stream().filter(u -> u.name().equals(unit) && u.scored()).map(u -> u.maturity().stage())
          .findFirst().orElse(null);
    }
    return null;
  }

  /**
   * The stage of a unit the month before: the row's {@code previous_stage}, else the history's
   * point for the previous month; null when that month was not scored.
   */
  Integer previousStage(ScorecardUnit u) {
    if (u.scored() && u.maturity().previousStage() != null) {
      return u.maturity().previousStage();
    }
    return stageOf(u.name(), month.minusMonths(1));
  }

  /** Every unit folded into one, for the totals rows. */
  public ScorecardUnit allUnits() {
    ScorecardPopulation population = ScorecardPopulation.NONE;
    ScorecardOversight oversight = ScorecardOversight.NONE;
    List<ScorecardFinding> findings = new ArrayList<>();
    List<ScorecardDriftAlert> drift = new ArrayList<>();
    List<ScorecardRecommendation> recommendations = new ArrayList<>();
    for (ScorecardUnit u : units) {
      population = population.plus(u.population());
      oversight = oversight.plus(u.oversight());
      findings.addAll(u.findings());
      u.driftAlerts().forEach(a -> drift.add(new ScorecardDriftAlert("all units", a.agentId(), a.metric(), a.nights(),
          a.lastNight(), a.explanation())));
      u.pendingRecommendations().forEach(r -> recommendations.add(new ScorecardRecommendation("all units", r.agentId(),
          r.poolId(), r.actionType(), r.tier(), r.verdict(), r.currentThreshold(), r.recommendedThreshold(),
          r.asOfDate(), r.explanation())));
    }
    return new ScorecardUnit("all units", null, population, oversight, findings, drift, recommendations);
  }

  /** Open findings by severity (categories, most severe first) and age bucket (series), every pair present. */
  public List<ScorecardCount> findingCounts() {
    List<ScorecardCount> out = new ArrayList<>();
    List<ScorecardFinding> all = allUnits().findings();
    for (String severity : ScorecardFinding.SEVERITIES) {
      for (String bucket : ScorecardFinding.AGE_BUCKETS) {
        out.add(new ScorecardCount(severity, bucket, all.stream()
            .filter(f -> f.severity().equals(severity) && f.ageBucket().equals(bucket)).count()));
      }
    }
    return out;
  }

  /** The same as a table: one row per severity, one column per age bucket. */
  public List<ScorecardTally> severityRows() {
    List<ScorecardCount> counts = findingCounts();
    List<ScorecardTally> rows = new ArrayList<>();
    for (String severity : ScorecardFinding.SEVERITIES) {
      rows.add(new ScorecardTally(severity, counts.stream().filter(c -> c.category().equals(severity))
          .map(ScorecardCount::count).toList(), ""));
    }
    return rows;
  }

  /** Open findings of every unit by age bucket: the totals row under {@link #severityRows()}. */
  public ScorecardTally severityTotals() {
    List<Long> totals = new ArrayList<>();
    for (String bucket : ScorecardFinding.AGE_BUCKETS) {
      totals.add(findingCounts().stream().filter(c -> c.series().equals(bucket))
          .mapToLong(ScorecardCount::count).sum());
    }
    return new ScorecardTally("all", totals, "");
  }

  /** Open findings by type (most first), by severity, with the units that have them. */
  public List<ScorecardTally> typeRows() {
    Map<String, List<ScorecardFinding>> byType = new TreeMap<>();
    Map<String, Set<String>> unitsByType = new HashMap<>();
    for (ScorecardUnit u : units) {
      for (ScorecardFinding f : u.findings()) {
        byType.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
        unitsByType.computeIfAbsent(f.type(), t -> new java.util.TreeSet<>()).add(u.name());
      }
    }
    List<ScorecardTally> rows = new ArrayList<>();
    byType.forEach((type, list) -> rows.add(new ScorecardTally(words(type, true), ScorecardFinding.SEVERITIES.stream()
        .map(s -> list.stream().filter(f -> f.severity().equals(s)).count()).toList(),
        String.join(", ", unitsByType.get(type)))));
    rows.sort(Comparator.comparingLong(ScorecardTally::getTotal).reversed().thenComparing(ScorecardTally::label));
    return rows;
  }

  /** Agents per unit by kind, for the population chart: units as categories, kinds as series. */
  public List<ScorecardCount> populationCounts() {
    List<ScorecardCount> out = new ArrayList<>();
    for (ScorecardUnit u : units) {
      ScorecardPopulation p = u.population();
      out.add(new ScorecardCount(u.name(), "registered, active", p.registered()));
      out.add(new ScorecardCount(u.name(), "shadow", p.shadow()));
      out.add(new ScorecardCount(u.name(), "abandoned", p.abandoned()));
      out.add(new ScorecardCount(u.name(), "decommissioned", p.decommissioned()));
    }
    return out;
  }

  /** The units as the template reads them: a row of each summary table and a page each. */
  public List<ScorecardUnitPage> pages() {
    return units.stream().map(u -> new ScorecardUnitPage(u, this)).toList();
  }

  /** The grid's header: the months shown, as three-letter names. */
  public List<ScorecardStageCell> monthHeader() {
    return historyMonths().stream()
        .map(m -> new ScorecardStageCell(m.getMonth().getDisplayName(TextStyle.SHORT, Locale.US), null)).toList();
  }

  /** 3 to 5 sentences that say how the month went, for page 1. */
  public List<String> headlines() {
    List<String> h = new ArrayList<>();
    String previous = monthName(month.minusMonths(1));
    if (!scored()) {
      h.add("The maturity job has not run for " + monthName(month) + ", so no unit has a stage this month (run"
          + " agentgov maturity --month " + month + ").");
    } else {
      List<String> up = new ArrayList<>();
      List<String> down = new ArrayList<>();
      int same = 0;
      int first = 0;
      ScorecardUnit lowest = null;
      for (ScorecardUnit u : units) {
        if (!u.scored()) {
          continue;
        }
        Integer before = previousStage(u);
        int now = u.maturity().stage();
        if (before == null) {
          first++;
        } else if (now > before) {
          up.add(u.name() + " to " + stageName(now));
        } else if (now < before) {
          down.add(u.name() + " to " + stageName(now));
        } else {
          same++;
        }
        if (lowest == null || now < lowest.maturity().stage()) {
          lowest = u;
        }
      }
      long scoredUnits = units.stream().filter(ScorecardUnit::scored).count();
      List<String> parts = new ArrayList<>();
      if (!up.isEmpty()) {
        parts.add(up.size() + " moved up (" + String.join(", ", up) + ")");
      }
      if (!down.isEmpty()) {
        parts.add(down.size() + " moved down (" + String.join(", ", down) + ")");
      }
      if (same > 0) {
        parts.add(same + " stayed where " + (same == 1 ? "it was" : "they were"));
      }
      if (first > 0) {
        parts.add(first + (first == 1 ? " was" : " were") + " scored for the first time");
      }
      String moves = first == scoredUnits
          ? "Maturity: " + (scoredUnits == 1 ? "the one unit scored was" : "all " + scoredUnits + " units scored were")
              + " scored for the first time, so there is no trend yet"
          : "Maturity since " + previous + ": of " + scoredUnits + (scoredUnits == 1 ? " unit" : " units") + " scored, "
              + joinWords(parts);
      h.add(moves + ". The least mature is " + lowest.name() + " at stage " + lowest.maturity().stage() + " "
          + stageName(lowest.maturity().stage()) + ".");
    }

    ScorecardUnit all = allUnits();
    if (findingsNight == null) {
      h.add("No findings were recorded up to " + month.atEndOfMonth()
          + ": the detectors have not run (agentgov detect).");
    } else if (all.findings().isEmpty()) {
      h.add("No finding is open as of the night of " + findingsNight + ".");
    } else {
      long old = all.findings().stream().filter(f -> f.ageDays() > 30).count();
      h.add(count(all.findings().size()) + " findings are open as of the night of " + findingsNight + ": "
          + count(all.findings("critical")) + " critical and " + count(all.findings("high")) + " high; "
          + (old == 0 ? "none has been open more than 30 days." : count(old) + " open for more than 30 days."));
    }

    ScorecardPopulation p = all.population();
    h.add("Agents: " + count(p.registered()) + " registered and active; " + count(p.shadow())
        + (p.shadow() == 1 ? " shadow agent acts" : " shadow agents act") + " without being registered, "
        + count(p.abandoned()) + " registered " + (p.abandoned() == 1 ? "agent has" : "agents have")
        + " nobody looking after them, and " + count(p.decommissioned()) + " are decommissioned.");

    ScorecardOversight o = all.oversight();
    if (o.executed() == 0 && o.escalations() == 0) {
      h.add("Oversight: no tier-3 or tier-4 action was escalated or executed this month.");
    } else {
      String approved = o.approvedShare() == null ? "no tier-3/4 action was executed"
          : pct(o.approvedShare()) + " of executed tier-3/4 actions were approved before they ran ("
              + count(o.approvedBefore()) + " of " + count(o.executed()) + ")";
      ScorecardUnit weakest = units.stream().filter(u -> u.oversight().approvedShare() != null)
          .min(Comparator.comparingDouble(u -> u.oversight().approvedShare())).orElse(null);
      String weak = weakest != null && weakest.oversight().approvedShare() < 1.0 && units.size() > 1
          ? " (lowest: " + weakest.name() + ", " + pct(weakest.oversight().approvedShare()) + ")" : "";
      String sla = o.slaShare() == null ? ""
          : "; " + pct(o.slaShare()) + " of escalations were answered within their SLA";
      h.add("Oversight: " + approved + weak + sla + ".");
    }

    long pending = all.pendingRecommendations().size();
    h.add("Drift: " + count(all.driftAlertCount()) + (all.driftAlertCount() == 1 ? " alert" : " alerts") + " on "
        + count(all.driftAgents()) + (all.driftAgents() == 1 ? " agent" : " agents") + " this month. Thresholds: "
        + (pending == 0 ? "no recommended change is waiting to be applied."
            : count(pending) + (pending == 1 ? " recommended change is" : " recommended changes are")
                + " not yet applied."));
    return h;
  }

  private static String joinWords(List<String> parts) {
    if (parts.size() <= 1) {
      return String.join("", parts);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  /** The title's second line: the month, the moment the tables were read and the findings night. */
  public String subtitle() {
    return monthName(month) + " · tables as of " + STAMP.format(asOf)
        + (findingsNight == null ? " · no findings recorded yet" : " · findings as of the night of " + findingsNight);
  }

  /**
   * The template's parameters; a new mutable map (and new data sources) per fill. The compiled
   * subreports are added by {@link ScorecardRenderer}.
   */
  public Map<String, Object> parameters() {
    Map<String, Object> p = new HashMap<>();
    List<ScorecardUnitPage> pages = pages();
    p.put("title", title());
    p.put("monthName", monthName(month));
    p.put("previousMonthName", monthName(month.minusMonths(1)));
    p.put("subtitle", subtitle());
    p.put("sources", String.join("\n", sources));
    p.put("headlines", new JRBeanCollectionDataSource(headlines().stream().map(ScorecardLine::new).toList()));
    p.put("scored", scored());
    p.put("notScoredText", "The maturity job has not run for " + monthName(month) + ": no unit has a stage yet. Run"
        + " agentgov maturity --month " + month + " (or agentgov monthly), then render this report again.");
    p.put("noUnits", units.isEmpty());
    p.put("historyRange", monthName(month.minusMonths(HISTORY_MONTHS - 1)) + " to " + monthName(month));
    p.put("monthHeader", new JRBeanCollectionDataSource(monthHeader()));
    p.put("maturityRows", new JRBeanCollectionDataSource(pages));
    p.put("glanceRows", new JRBeanCollectionDataSource(pages));
    p.put("oversightRows", new JRBeanCollectionDataSource(pages));
    p.put("totals", new ScorecardUnitPage(allUnits(), this));
    p.put("findingCounts", new JRBeanCollectionDataSource(findingCounts()));
    p.put("severityRows", new JRBeanCollectionDataSource(severityRows()));
    p.put("severityTotals", severityTotals());
    p.put("typeRows", new JRBeanCollectionDataSource(typeRows()));
    p.put("populationCounts", new JRBeanCollectionDataSource(populationCounts()));
    ScorecardUnit all = allUnits();
    p.put("noFindings", all.findings().isEmpty());
    p.put("findingsState", findingsNight == null
        ? "No findings recorded up to " + month.atEndOfMonth() + ": the detectors have not run."
        : all.findings().isEmpty() ? "No finding open as of the night of " + findingsNight + "."
            : count(all.findings().size()) + " open as of the night of " + findingsNight
                + "; age is counted from the night each was first detected.");
    List<ScorecardDriftAlert> drift = new ArrayList<>();
    List<ScorecardRecommendation> recommendations = new ArrayList<>();
    for (ScorecardUnit u : units) {
      drift.addAll(u.driftAlerts());
      recommendations.addAll(u.pendingRecommendations());
    }
    p.put("driftRows", new JRBeanCollectionDataSource(drift));
    p.put("noDrift", drift.isEmpty());
    p.put("recommendationRows", new JRBeanCollectionDataSource(recommendations));
    p.put("noRecommendations", recommendations.isEmpty());
    return p;
  }

  /** The month's units by stage, for tests and callers: stage number to unit names. */
  public Map<Integer, List<String>> unitsByStage() {
    return units.stream().filter(ScorecardUnit::scored).collect(Collectors.groupingBy(u -> u.maturity().stage(),
        TreeMap::new, Collectors.mapping(ScorecardUnit::name, Collectors.toList())));
  }
}

package io.agentgov.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JRPrintElement;
import net.sf.jasperreports.engine.JRPrintFrame;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monthly scorecard rendered from a hand-made enterprise of three units, checked as a leader would get it. */
class ScorecardTest {

  static final YearMonth MONTH = YearMonth.of(2026, 3);
  static final LocalDate NIGHT = LocalDate.of(2026, 3, 31);
  static final Instant AS_OF = Instant.parse("2026-04-01T06:00:00Z");

  static ScorecardIndicator indicator(String name, double value, long denominator, int stageMet, Double next) {
    return new ScorecardIndicator(name, value, Math.round(value * denominator), denominator, stageMet, next);
  }

  static ScorecardFinding finding(String id, String type, String severity, String agent, int age, String notify,
      String role, String explanation) {
    return new ScorecardFinding(id, type, severity, "open", agent, NIGHT.minusDays(age), age, notify, role, explanation);
  }

  /**
   * Three units: customer-service moved up from Defined to Managed, finance stays Ad hoc with many
   * findings (more than a page shows), legal is Embedded and moved down from nothing (first score
   * in February, same in March). Twelve months of history for customer-service, fewer for the
   * others.
   */
  static Scorecard card() {
    List<ScorecardStagePoint> history = new ArrayList<>();
    for (int i = 11; i >= 1; i--) {
      YearMonth m = MONTH.minusMonths(i);
      history.add(new ScorecardStagePoint("customer-service", m, i > 6 ? 1 : 2, i > 6 ? "Ad hoc" : "Defined"));
      if (i <= 4) {
        history.add(new ScorecardStagePoint("finance", m, i == 2 ? 2 : 1, i == 2 ? "Defined" : "Ad hoc"));
      }
      if (i == 1) {
        history.add(new ScorecardStagePoint("legal", m, 4, "Embedded"));
      }
    }
    ScorecardUnit service = new ScorecardUnit("customer-service",
        new ScorecardMaturity(3, "Managed", 2, List.of(
            indicator("inventory_coverage", 1.0, 24, 4, 1.0),
            indicator("accountable_owner", 0.958, 24, 3, 1.0),
            indicator("gateway_checked", 1.0, 41_200, 4, 1.0),
            indicator("approved_before_execution", 0.991, 1_150, 3, 0.999),
            indicator("escalations_within_sla", 0.93, 1_150, 3, 0.95),
            indicator("ephemeral_credentials", 0.75, 24, 3, 0.9),
            indicator("reviews_current", 0.92, 24, 3, 1.0),
            indicator("random_review_coverage", 0.012, 41_200, 3, 0.02)),
            List.of("Give agent ag-cs-refund-bot-71c2 an accountable owner (23 of 24 have one; stage 4 needs all)",
                "Answer 95% of escalations within their SLA (93.0% now)",
                "Move 4 agents from static keys to short-lived tokens (75.0% ephemeral; stage 4 needs 90%)",
                "Review 2 overdue agents (92.0% reviewed within 90 days)")),
        new ScorecardPopulation(24, 0, 2, 1), new ScorecardOversight(1_150, 1_140, 1_150, 1_070),
        List.of(finding("F-0000000000000001", "accountability_gap", "high", "ag-cs-refund-bot-71c2", 12, null,
                "governance_office", "Active agent ag-cs-refund-bot-71c2 has no accountable owner: emp_000311 left on 2026-03-19."),
            finding("F-0000000000000002", "abandoned_agent", "medium", "ag-cs-faq-helper-02aa", 40, "emp_000122", "owner",
                "Not reviewed since 2025-11-30 (121 days; the policy allows 90)."),
            finding("F-0000000000000003", "unused_permission", "low", "ag-cs-ticket-router-5b2e", 95, "emp_000190",
                "owner", "2 granted permissions not used in 90 days: write on crm, delete on ticketing.")),
        List.of(new ScorecardDriftAlert("customer-service", "ag-cs-refund-bot-71c2", "target_system_mix", 5,
            LocalDate.of(2026, 3, 28), "Target system mix moved: payments-api from 2% to 31% of actions (PSI 0.84).")),
        List.of(new ScorecardRecommendation("customer-service", "ag-cs-refund-bot-71c2", "ag-cs-refund-bot-71c2/refund/2",
            "refund", 2, "raise", 0.90, 0.95, LocalDate.of(2026, 3, 31),
            "Raise the refund threshold to 0.950: at 0.900, wrong auto-approvals may reach 3.4%, above the 2% allowed.")));

    List<ScorecardFinding> financeFindings = new ArrayList<>();
    String[][] kinds = {
        {"shadow_agent", "high", "Unregistered agent ag-shadow-%d acted 140 times on payments-api for emp_00041%d."},
        {"decommissioned_acting", "critical", "Decommissioned agent ag-fin-legacy-%d made 12 payments after its"
            + " decommissioning on 2026-02-1%d."},
        {"standing_credential", "medium", "Static API key of ag-fin-batch-%d never expires (credential ck-%d)."},
        {"tier_violation", "high", "12 payments above 5,000 EUR of ag-fin-payer-%d checked at tier 2; rule refund-5k"
            + " requires tier 3 (%d)."}};
    for (int i = 0; i < 16; i++) {
      String[] k = kinds[i % kinds.length];
      financeFindings.add(finding(String.format("F-10000000000000%02d", i), k[0], k[1], "ag-fin-" + k[0].substring(0, 4) + "-" + i,
          3 + 9 * i, i % 3 == 0 ? null : "emp_0004" + (10 + i), i % 3 == 0 ? "governance_office" : "owner",
          String.format(Locale.US, k[2], i, i % 10)));
    }
    ScorecardUnit finance = new ScorecardUnit("finance",
        new ScorecardMaturity(1, "Ad hoc", 1, List.of(
            indicator("inventory_coverage", 0.62, 21, 1, 0.9),
            indicator("own_identity", 0.913, 416, 2, 0.8),
            indicator("short_lived_credentials", 0.06, 416, 1, null),
            indicator("named_owners", 0.667, 3, 1, 0.9),
            indicator("policy_checked", 0.4, 18_000, 1, 0.9),
            indicator("policy_conformance", 0.99, 18_000, 3, null),
            indicator("log_completeness", 1.0, 18_000, 4, 0.99),
            indicator("baseline_coverage", 0.0, 4, 1, null),
            indicator("review_cadence", 0.667, 3, 1, 0.7),
            indicator("governance_review", 0.333, 3, 1, null),
            indicator("pipeline_deployment", 0.0, 3, 1, null),
            indicator("least_privilege", 1.0, 3, 4, null),
            indicator("sampled_reviews", 0.0, 4, 1, null)),
            List.of("Register the 8 agents acting without a registry entry (62% of acting agents registered; stage 2 needs 80%)",
                "Put every agent behind a policy-checking gateway (40% of actions checked; stage 2 needs 80%)",
                "Get tier-3/4 actions approved before they run (71.0%; stage 2 needs 95%)")),
        new ScorecardPopulation(13, 8, 5, 2), new ScorecardOversight(310, 220, 290, 181), financeFindings,
        List.of(new ScorecardDriftAlert("finance", "ag-fin-payer-3", "volume", 2, LocalDate.of(2026, 3, 20),
                "Volume rose from 410 to 1,290 actions a day (robust z 7.2)."),
            new ScorecardDriftAlert("finance", "ag-fin-payer-7", "input_tokens_per_session", 1, LocalDate.of(2026, 3, 30),
                "Input tokens per session doubled (Wasserstein 0.42).")),
        List.of());

    ScorecardUnit legal = new ScorecardUnit("legal",
        new ScorecardMaturity(4, "Embedded", 4, List.of(
            indicator("inventory_coverage", 1.0, 9, 4, null),
            indicator("approved_before_execution", 1.0, 120, 4, null)), List.of()),
        new ScorecardPopulation(9, 0, 0, 0), new ScorecardOversight(120, 120, 120, 119), List.of(), List.of(),
        List.of());
    ScorecardUnit unknown = new ScorecardUnit(Scorecard.UNKNOWN_UNIT, null, new ScorecardPopulation(0, 1, 0, 0),
        ScorecardOversight.NONE, List.of(finding("F-2000000000000001", "shadow_agent", "high", "itops-gpt-helper-test", 9,
            null, "governance_office", "itops-gpt-helper-test is not in the registry but acted 147 times (read:gdrive (116))."
        )), List.of(), List.of());
    return new Scorecard(MONTH, AS_OF, NIGHT,
        List.of("agentgov.lake.maturity_scores @ snapshot 9001", "agentgov.lake.findings @ snapshot 9002",
            "agentgov.lake.events @ snapshot 9003"),
        List.of(service, finance, legal, unknown), history);
  }

  /** Kept under target/ so a person can open the sample after {@code mvn test}. */
  @Test
  void rendersASummaryAPagePerUnitAndAnAppendix() throws Exception {
    Scorecard card = card();
    Path dir = Path.of("target", "scorecard-sample");
    RenderedReport report = new ScorecardRenderer().render(card, dir);

    assertEquals(dir.resolve("scorecard-2026-03.pdf"), report.pdf());
    byte[] pdf = Files.readAllBytes(report.pdf());
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(new String(pdf, StandardCharsets.ISO_8859_1).contains("DejaVu"), "DejaVu is embedded");
    // 1 summary + 4 unit pages (finance's 12 findings may take it onto a second page) + the appendix.
    assertTrue(report.pages() >= 6 && report.pages() <= 8, "pages: " + report.pages());

    String html = Files.readString(report.html());
    assertTrue(html.contains("Agent governance scorecard March 2026"), "the title");
    for (String unit : List.of("customer-service", "finance", "legal")) {
      assertTrue(html.contains(unit), "the HTML names unit " + unit);
    }
    assertTrue(html.contains("3 Managed") && html.contains("1 Ad hoc") && html.contains("4 Embedded"), "the stages");
    assertTrue(html.contains("▲ up from 2"), "customer-service moved up");
    assertTrue(html.contains("Up from stage 2 Defined in February 2026."), "its page says so");
    assertTrue(html.contains("20 findings are open as of the night of 2026-03-31: 4 critical and 10 high"),
        "the findings headline: " + card.headlines());
    assertTrue(html.contains("99.1%") && html.contains("71.0%"), "approved before execution per unit");
    assertTrue(html.contains("12 of 16 findings open"), "finance's page shows 12 of its 16 findings");
    assertTrue(html.contains("Register the 8 agents acting without a registry entry"), "finance's first gap is its first action");
    assertTrue(html.contains("Raise the refund threshold to 0.950"), "the pending threshold change in the appendix");
    assertTrue(html.contains("agentgov.lake.findings @ snapshot 9002"), "the sources");
    assertTrue(html.contains("Agents no business unit could be found for"), "the unknown unit is explained");
  }

  /** Same data, same as-of time: the same PDF bytes (no clock in the report). */
  @Test
  void theSameScorecardGivesTheSamePdf(@TempDir Path dir) throws Exception {
    RenderedReport a = new ScorecardRenderer().render(card(), dir.resolve("a"));
    RenderedReport b = new ScorecardRenderer().render(card(), dir.resolve("b"));
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.pdf()), Files.readAllBytes(b.pdf())), "byte-identical PDFs");
  }

  @Test
  void summaryNumbersAreDerivedFromTheUnits() {
    Scorecard card = card();
    assertEquals("scorecard-2026-03", card.baseName());
    assertEquals(Map.of(1, List.of("finance"), 3, List.of("customer-service"), 4, List.of("legal")), card.unitsByStage());
    ScorecardUnit all = card.allUnits();
    assertEquals(new ScorecardPopulation(46, 9, 7, 3), all.population());
    assertEquals(new ScorecardOversight(1_580, 1_480, 1_560, 1_370), all.oversight());
    assertEquals(20, all.findings().size());
    assertEquals(8, all.driftAlertCount());

    // Severity × age: every pair present, summing to the findings.
    List<ScorecardCount> counts = card.findingCounts();
    assertEquals(16, counts.size());
    assertEquals(20, counts.stream().mapToLong(ScorecardCount::count).sum());
    long criticalOld = counts.stream().filter(c -> c.category().equals("critical") && c.series().equals("over 90 days"))
        .mapToLong(ScorecardCount::count).sum();
    assertEquals(all.findings().stream().filter(f -> f.severity().equals("critical") && f.ageDays() > 90).count(), criticalOld);
    assertEquals(20, card.severityTotals().getTotal());

    List<String> headlines = card.headlines();
    assertTrue(headlines.size() >= 3 && headlines.size() <= 5, headlines.toString());
    assertTrue(headlines.get(0).startsWith("Maturity since February 2026: of 3 units scored, 1 moved up"
        + " (customer-service to Managed) and 2 stayed where they were."), headlines.get(0));
    assertTrue(headlines.get(0).contains("The least mature is finance at stage 1 Ad hoc."), headlines.get(0));

    // Next actions: gaps first (at most 3), then the oldest critical/high findings with who to notify.
    List<ScorecardAction> actions = card.units().get(1).nextActions();
    assertEquals(ScorecardUnit.MAX_ACTIONS, actions.size());
    assertTrue(actions.get(0).action().startsWith("Register the 8 agents"), actions.get(0).action());
    assertEquals("Stop ag-fin-deco-13 acting and revoke its credentials", actions.get(3).action());
    assertTrue(actions.get(3).why().startsWith("critical finding, open 120 days: Decommissioned agent"), actions.get(3).why());
    assertEquals("emp_000423 (owner)", actions.get(3).who());
    assertTrue(card.units().get(2).nextActions().isEmpty(), "legal: top stage, nothing open");
  }

  @Test
  void aMonthTheMaturityJobHasNotScoredStillRenders(@TempDir Path dir) throws Exception {
    Scorecard scored = card();
    List<ScorecardUnit> units = scored.units().stream().map(u -> new ScorecardUnit(u.name(), null, u.population(),
        u.oversight(), u.findings(), u.driftAlerts(), u.pendingRecommendations())).toList();
    Scorecard card = new Scorecard(MONTH, AS_OF, NIGHT, scored.sources(), units, List.of());
    assertFalse(card.scored());
    assertTrue(card.headlines().get(0).startsWith("The maturity job has not run for March 2026"), card.headlines().get(0));
    RenderedReport report = new ScorecardRenderer().render(card, dir);
    String html = Files.readString(report.html());
    assertTrue(html.contains("The maturity job has not run for March 2026"), "said on page 1");
    assertTrue(html.contains("not scored"), "units show no stage");
    assertEquals(6, report.pages(), "summary, 4 units, appendix: " + report.pages());
  }

  @Test
  void anEmptyLakeStillRenders(@TempDir Path dir) throws Exception {
    Scorecard card = new Scorecard(MONTH, AS_OF, null, List.of(), List.of(), List.of());
    RenderedReport report = new ScorecardRenderer().render(card, dir);
    assertEquals(2, report.pages(), "summary and appendix");
    assertTrue(Files.readString(report.html()).contains("No business unit is known"));
  }

  @Test
  void inconsistentDataIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ScorecardOversight(10, 11, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ScorecardStagePoint("x", MONTH, 5, "?"));
    assertThrows(IllegalArgumentException.class,
        () -> new ScorecardFinding("F", "t", "severe", "open", "a", NIGHT, 0, null, null, "e"));
    assertThrows(IllegalArgumentException.class, () -> new Scorecard(MONTH, AS_OF, NIGHT.plusDays(1), List.of(),
        List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Scorecard(MONTH, AS_OF, NIGHT, List.of(), List.of(),
        List.of(new ScorecardStagePoint("x", MONTH.minusMonths(12), 1, "Ad hoc"))));
    assertThrows(IllegalArgumentException.class, () -> new ScorecardUnit("a", null, ScorecardPopulation.NONE,
        ScorecardOversight.NONE, List.of(), List.of(new ScorecardDriftAlert("b", "x", "volume", 1, NIGHT, "e")), List.of()));
  }

  /**
   * No text is cut off and no two texts overlap, on any page. Filled like {@link ReportRenderer}
   * does, keeping each text's full value so a cut shows as a truncation index.
   */
  @Test
  void noTextIsCutOrOverlapping() throws Exception {
    Scorecard card = card();
    ScorecardRenderer renderer = new ScorecardRenderer();
    Map<String, Object> parameters = renderer.parameters(card);
    parameters.put(JRParameter.REPORT_LOCALE, Locale.US);
    parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
    SimpleJasperReportsContext context = new SimpleJasperReportsContext(DefaultJasperReportsContext.getInstance());
    context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
    context.setProperty("net.sf.jasperreports.default.font.name", "DejaVu Sans");
    context.setProperty("net.sf.jasperreports.print.keep.full.text", "true");
    JasperPrint print = JasperFillManager.getInstance(context).fill(new ReportRenderer().template(Scorecard.TEMPLATE),
        parameters, new JRBeanCollectionDataSource(card.pages()));
    for (int page = 0; page < print.getPages().size(); page++) {
      List<Box> texts = new ArrayList<>();
      collect(print.getPages().get(page).getElements(), 0, 0, texts);
      assertTrue(texts.size() > 10, "page " + (page + 1) + " has its texts: " + texts.size());
      for (Box t : texts) {
        assertNull(t.text().getTextTruncateIndex(), "page " + (page + 1) + ": text cut off: " + t.text().getFullText());
        assertTrue(t.y() + t.h() <= 842 - 24, "page " + (page + 1) + ": below the margin: " + t.text().getFullText());
      }
      for (int i = 0; i < texts.size(); i++) {
        for (int j = i + 1; j < texts.size(); j++) {
          Box a = texts.get(i);
          Box b = texts.get(j);
          boolean overlap = a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
          assertFalse(overlap, "page " + (page + 1) + ": '" + a.text().getFullText() + "' overlaps '"
              + b.text().getFullText() + "'");
        }
      }
    }
  }

  record Box(JRPrintText text, int x, int y, int w, int h) {}

  private static void collect(List<JRPrintElement> elements, int dx, int dy, List<Box> out) {
    for (JRPrintElement e : elements) {
      if (e instanceof JRPrintFrame f) {
        collect(f.getElements(), dx + f.getX(), dy + f.getY(), out);
      } else if (e instanceof JRPrintText t && t.getFullText() != null && !t.getFullText().isBlank()) {
        out.add(new Box(t, dx + t.getX(), dy + t.getY(), t.getWidth(), t.getHeight()));
      }
    }
  }
}

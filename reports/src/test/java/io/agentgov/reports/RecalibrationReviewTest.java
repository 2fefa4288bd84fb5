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

/** The recalibration review rendered from hand-made pools, checked as a reader would get it. */
class RecalibrationReviewTest {

  static final LocalDate AS_OF = LocalDate.of(2026, 5, 31);
  static final double ALPHA = 0.02;
  static final double DELTA = 0.05;

  /**
   * Six pools, one per case the report must show: raise, lower, keep, insufficient reviews, stop
   * auto-approving (raise to 1.0) and one pooled across tiers. Curves come from a small model of an
   * agent (confidence spread, error rate falling with confidence, optional overconfidence), with
   * exact Clopper–Pearson bounds and the fixed-sequence test, so they look like the job's output.
   */
  static RecalibrationReview review() {
    List<RecalibrationPool> pools = List.of(
        Model.of("ag-fin-payment-runner-e3a6", "payment", 2, 1400, 0.040, 0.80, 140).pool(),
        Model.of("ag-support-refund-bot-71c2", "refund", 1, 2600, 0.020, 0.90, 310).pool(),
        Model.of("ag-ops-ticket-triage-09bd", "close_ticket", 1, 1900, 0.025, Double.NaN, 520).pool(),
        Model.of("ag-hr-onboarding-assistant-44fa", null, null, 70, 0.030, 0.90, 18).pool(),
        Model.of("ag-fin-invoice-matcher-5b10", "approve_invoice", 3, 900, 0.40, 0.85, 75).pool(),
        Model.of("ag-support-refund-bot-71c2", "issue_credit", null, 420, 0.015, 0.90, 44).pool());
    return new RecalibrationReview(AS_OF, AS_OF.minusDays(89), Instant.parse("2026-06-01T05:30:00Z"),
        "agentgov.gov.threshold_recommendations @ snapshot 7741, agentgov.gov.calibration_reports @ snapshot 7740",
        "default", "2026-04-01", ALPHA, DELTA, pools);
  }

  /** Kept under target/ so a person can open the sample after {@code mvn test}. */
  @Test
  void rendersASummaryPageAndOnePagePerPool() throws Exception {
    RecalibrationReview review = review();
    assertEquals(List.of("raise", "lower", "keep", "insufficient_reviews", "raise", "raise"),
        review.pools().stream().map(RecalibrationPool::verdict).toList(), "the sample covers every case");
    assertTrue(review.pools().get(4).stopsAutoApproving());
    Path dir = Path.of("target", "recalibration-sample");
    RenderedReport report = new ReportRenderer().render(review, dir);

    assertEquals(dir.resolve("recalibration-review-2026-05-31.pdf"), report.pdf());
    byte[] pdf = Files.readAllBytes(report.pdf());
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    assertTrue(report.pages() >= 1 + review.pools().size(), "pages: " + report.pages());
    assertEquals(1 + review.pools().size(), report.pages(), "one summary page, then exactly one page per pool");
    String raw = new String(pdf, StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("DejaVu"), "DejaVu is embedded");

    String html = Files.readString(report.html());
    assertTrue(html.contains("Recalibration review"), "the title");
    assertTrue(html.contains("at most 2% of auto-approved decisions wrong, with 95% confidence"), "the policy in words");
    for (RecalibrationPool p : review.pools()) {
      assertTrue(html.contains(p.poolId()), "the HTML names pool " + p.poolId());
      assertTrue(html.contains(htmlText(p.explanation())), "the HTML carries the explanation of " + p.poolId());
    }
    assertTrue(html.contains("stop auto-approving") && html.contains("insufficient reviews"), "verdicts as a reader says them");
  }

  /**
   * No text is cut off and no two texts overlap, on any page of the sample. Filled like
   * {@link ReportRenderer} does, but keeping each text's full value so that a cut shows as a
   * truncation index.
   */
  @Test
  void noTextIsCutOrOverlapping() throws Exception {
    RecalibrationReview review = review();
    ReportRenderer renderer = new ReportRenderer();
    Map<String, Object> parameters = review.parameters();
    parameters.put(RecalibrationReview.TABLE_PARAMETER, renderer.template(RecalibrationReview.TABLE_TEMPLATE));
    parameters.put(JRParameter.REPORT_LOCALE, Locale.US);
    parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
    SimpleJasperReportsContext context = new SimpleJasperReportsContext(DefaultJasperReportsContext.getInstance());
    context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
    context.setProperty("net.sf.jasperreports.default.font.name", "DejaVu Sans");
    context.setProperty("net.sf.jasperreports.print.keep.full.text", "true");
    JasperPrint print = JasperFillManager.getInstance(context).fill(renderer.template(RecalibrationReview.TEMPLATE),
        parameters, new JRBeanCollectionDataSource(review.pages()));
    assertEquals(1 + review.pools().size(), print.getPages().size());
    for (int page = 0; page < print.getPages().size(); page++) {
      List<Box> texts = new ArrayList<>();
      collect(print.getPages().get(page).getElements(), 0, 0, texts);
      assertTrue(texts.size() > 20, "page " + (page + 1) + " has its texts: " + texts.size());
      for (Box t : texts) {
        assertNull(t.text().getTextTruncateIndex(), "page " + (page + 1) + ": text cut off: " + t.text().getFullText());
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

  @Test
  void summaryNumbersAreDerivedFromThePools() {
    RecalibrationReview review = review();
    assertEquals("recalibration-review-2026-05-31", review.baseName());
    assertEquals(90, review.windowDays());
    List<RecalibrationVerdictCount> counts = review.verdictCounts();
    assertEquals(RecalibrationReview.VERDICT_LABELS, counts.stream().map(RecalibrationVerdictCount::verdict).toList());
    assertEquals(List.of(2L, 1L, 1L, 1L, 1L), counts.stream().map(RecalibrationVerdictCount::pools).toList());

    double now = review.pools().stream().mapToDouble(RecalibrationPool::escalationsPerDayCurrent).sum();
    assertEquals(now, review.escalationsPerDayNow(), 1e-9);
    RecalibrationPool lacking = review.pools().get(3);
    double after = review.pools().stream().mapToDouble(p -> p.escalationsPerDayRecommended() == null
        ? p.escalationsPerDayCurrent() : p.escalationsPerDayRecommended()).sum();
    assertEquals(after, review.escalationsPerDayIfApplied(), 1e-9);
    assertEquals(List.of(lacking), review.lackingReviews());
    assertEquals(lacking.reviewsNeeded(), review.reviewsNeeded());
    assertTrue(lacking.reviewsNeeded() > 0);
    assertEquals("at most 2% of auto-approved decisions wrong, with 95% confidence", review.policyInWords());
  }

  @Test
  void manyPoolsFlowOverTheSummaryPageAndAnEmptyReviewRenders(@TempDir Path dir) {
    List<RecalibrationPool> pools = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      pools.add(Model.of(String.format(Locale.ROOT, "ag-agent-%02d", i), "action_" + i, i % 4, 600 + 40 * i,
          0.01 + 0.002 * i, 0.80 + 0.005 * (i % 20), 20 + i).pool());
    }
    // A pool with no random review at all: no threshold curve, no reliability diagram, only words.
    pools.add(new RecalibrationPool("ag-new-agent-0001/*/*", "ag-new-agent-0001", null, null, RecalibrationPool.AGENT,
        0, 0, 12, 5, List.of(), "unweighted", 0.9, null, RecalibrationPool.INSUFFICIENT_REVIEWS, 0, 0, null, 149, 30,
        3, null, List.of(), "Keep 0.9 for now and review more: with 0 clean reviews (0 wrong) no threshold can yet be"
            + " shown to keep wrong auto-approvals at or below 2%; about 149 more clean reviews at high confidence are"
            + " needed.", ReliabilitySummary.none()));
    RecalibrationReview big = new RecalibrationReview(AS_OF, AS_OF.minusDays(89), Instant.EPOCH, "t", "default", "1",
        ALPHA, DELTA, pools);
    ReportRenderer renderer = new ReportRenderer();
    RenderedReport report = renderer.render(big, dir);
    assertTrue(report.pages() >= 2 + pools.size(), "the summary table needs two pages, then one per pool: " + report.pages());

    RecalibrationReview empty = new RecalibrationReview(AS_OF, AS_OF, Instant.EPOCH, "t", "default", "1", ALPHA, DELTA,
        List.of());
    RenderedReport none = renderer.render(empty, dir.resolve("empty"));
    assertEquals(1, none.pages());
  }

  @Test
  void rejectsInconsistentInput() {
    RecalibrationPool good = review().pools().get(0);
    assertThrows(NullPointerException.class, () -> new RecalibrationReview(null, AS_OF, Instant.EPOCH, "t", "p", "1",
        ALPHA, DELTA, List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecalibrationReview(AS_OF,
        AS_OF.plusDays(1), Instant.EPOCH, "t", "p", "1", ALPHA, DELTA, List.of()));
    assertTrue(e.getMessage().contains("starts after it ends"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RecalibrationReview(AS_OF, AS_OF, Instant.EPOCH, "t",
        "p", "1", 2.0, DELTA, List.of()));
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RecalibrationReview(AS_OF, AS_OF, Instant.EPOCH, "t",
        "p", "1", ALPHA, DELTA, List.of(good, good)));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "verdict", "maybe"));
    assertTrue(e.getMessage().contains("unknown verdict 'maybe'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "verdict", RecalibrationPool.LOWER));
    assertTrue(e.getMessage().contains("is not below the current"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "recommendedThreshold", 0.7));
    assertTrue(e.getMessage().contains("is not above the current"), e.getMessage());
    RecalibrationPool stop = copy(copy(good, "recommendedThreshold", 1.0), "currentThreshold", 1.0);
    assertTrue(stop.stopsAutoApproving(), "a raise to 1.0 is valid even from 1.0");
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "verdict", RecalibrationPool.INSUFFICIENT_REVIEWS));
    assertTrue(e.getMessage().contains("missing exactly when reviews are insufficient"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "poolLevel", RecalibrationPool.AGENT));
    assertTrue(e.getMessage().contains("does not match action type"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "bad", good.reviews() + 1));
    assertTrue(e.getMessage().contains("0 <= wrong <= reviewed"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "currentThreshold", 1.2));
    assertTrue(e.getMessage().contains("must be between 0 and 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "candidates",
        List.of(new ThresholdPoint(0.5, 10, 0, 1, 0.3, false), new ThresholdPoint(0.6, 5, 0, 1, 0.4, false))));
    assertTrue(e.getMessage().contains("strictest first"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> copy(good, "explanation", " "));
    assertTrue(e.getMessage().contains("explanation sentence is empty"), e.getMessage());
    assertThrows(NullPointerException.class, () -> copy(good, "calibration", null));

    e = assertThrows(IllegalArgumentException.class, () -> new ThresholdPoint(0.9, 3, 4, 1, 1, false));
    assertTrue(e.getMessage().contains("0 <= wrong <= reviewed"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ReliabilityPoint(3, 0.4, 0.3, 10, 0.35, 0.3, 0.1, 0.6));
    assertTrue(e.getMessage().contains("increasing order"), e.getMessage());
    ReliabilityPoint b = new ReliabilityPoint(3, 0.3, 0.4, 10, 0.35, 0.3, 0.1, 0.6);
    e = assertThrows(IllegalArgumentException.class, () -> new ReliabilitySummary(0.5, 0.5, 0.1, 0.1, 0.1, 0.2, 0.01,
        0.01, 0.2, List.of(b, b)));
    assertTrue(e.getMessage().contains("increasing order"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new ReliabilitySummary(1.5, null, null, null, null, null,
        null, null, null, List.of()));
    assertTrue(e.getMessage().contains("mean confidence 1.5"), e.getMessage());
  }

  /** The explanation as the HTML exporter writes it (apostrophes and ampersands escaped). */
  private static String htmlText(String s) {
    return s.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** {@code p} with one component replaced, to probe the checks one at a time. */
  private static RecalibrationPool copy(RecalibrationPool p, String component, Object value) {
    Object[] v = {p.poolId(), p.agentId(), p.actionType(), p.tier(), p.poolLevel(), p.reviews(), p.bad(),
        p.targetedReviews(), p.targetedBad(), p.sampleDesigns(), p.estimator(), p.currentThreshold(),
        p.recommendedThreshold(), p.verdict(), p.n(), p.k(), p.upperBound(), p.reviewsNeeded(), p.decisionsPerDay(),
        p.escalationsPerDayCurrent(), p.escalationsPerDayRecommended(), p.candidates(), p.explanation(), p.calibration()};
    List<String> names = List.of("poolId", "agentId", "actionType", "tier", "poolLevel", "reviews", "bad",
        "targetedReviews", "targetedBad", "sampleDesigns", "estimator", "currentThreshold", "recommendedThreshold",
        "verdict", "n", "k", "upperBound", "reviewsNeeded", "decisionsPerDay", "escalationsPerDayCurrent",
        "escalationsPerDayRecommended", "candidates", "explanation", "calibration");
    int i = names.indexOf(component);
    if (i < 0) {
      throw new AssertionError("no component " + component);
    }
    v[i] = value;
    return new RecalibrationPool((String) v[0], (String) v[1], (String) v[2], (Integer) v[3], (String) v[4],
        (Long) v[5], (Long) v[6], (Long) v[7], (Long) v[8], castList(v[9]), (String) v[10], (Double) v[11],
        (Double) v[12], (String) v[13], (Long) v[14], (Long) v[15], (Double) v[16], (Long) v[17], (Double) v[18],
        (Double) v[19], (Double) v[20], castList(v[21]), (String) v[22], (ReliabilitySummary) v[23]);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> castList(Object o) {
    return (List<T>) o;
  }

  /**
   * A made-up agent: stated confidences spread over [0, 1] with most near the top; the chance of a
   * wrong decision at confidence c is {@code errorScale · ((1 − c) / 0.1)^1.5}, at most
   * {@code 1 − 0.9 c}, plus a constant floor of 0.4 · errorScale for an agent that is hopeless at
   * every confidence (errorScale ≥ 0.3). Thresholds are tested on the job's grid (0.995, 0.990, …)
   * from the strictest point that 3 · n_min reviews reach, 60 candidates, with the fixed sequence;
   * the recommendation, verdict, workload and explanation follow from the curve.
   */
  record Model(String agentId, String actionType, Integer tier, int reviews, double errorScale, double current,
      double decisionsPerDay) {

    static Model of(String agentId, String actionType, Integer tier, int reviews, double errorScale, double current,
        double decisionsPerDay) {
      return new Model(agentId, actionType, tier, reviews, errorScale, current, decisionsPerDay);
    }

    /** Share of decisions (and of random reviews) with confidence at or above t: most are confident, 6% spread evenly. */
    static double above(double t) {
      return 0.06 * (1 - t) + 0.94 * (1 - Math.pow(t, 12));
    }

    /** Clean reviews that certify a threshold at α = 0.02, δ = 0.05. */
    static final long N_MIN = 149;

    int firstReaching(long n) {
      for (int i = 0; i < 100; i++) {
        if (reviews * above((995 - 5 * i) / 1000.0) >= n) {
          return i;
        }
      }
      return -1;
    }

    double error(double c) {
      double floor = errorScale >= 0.3 ? 0.4 * errorScale : 0;
      return Math.min(1, floor + Math.min(1 - 0.9 * c, errorScale * Math.pow((1 - c) / 0.1, 1.5)));
    }

    /** Expected wrong reviews with confidence at or above t (midpoint rule). */
    double wrongAbove(double t) {
      int steps = 400;
      double sum = 0;
      for (int i = 0; i < steps; i++) {
        double a = t + (1 - t) * i / steps;
        double b = t + (1 - t) * (i + 1) / steps;
        sum += (above(a) - above(b)) * error((a + b) / 2);
      }
      return reviews * sum;
    }

    RecalibrationPool pool() {
      // Like the job: start at the strictest grid point 3 · n_min reviews reach (else n_min, else the first).
      int first = firstReaching(3 * N_MIN);
      if (first < 0) {
        first = Math.max(0, firstReaching(N_MIN));
      }
      List<ThresholdPoint> candidates = new ArrayList<>();
      boolean on = true;
      Double chosen = null;
      int chosenIndex = -1;
      for (int i = first; i < Math.min(100, first + 60); i++) {
        double t = (995 - 5 * i) / 1000.0;
        long n = Math.round(reviews * above(t));
        long k = Math.min(n, Math.round(wrongAbove(t)));
        double bound = Bounds.upper(k, n, DELTA);
        double p = Bounds.cdf(k, n, ALPHA);
        boolean rejected = on && bound <= ALPHA;
        on = rejected;
        if (rejected) {
          chosen = t;
          chosenIndex = candidates.size();
        }
        candidates.add(new ThresholdPoint(t, n, k, p, bound, rejected));
      }
      boolean hopeless = chosen == null && errorScale >= 0.3;
      double cur = Double.isNaN(current) ? (chosen == null ? 0.9 : chosen) : current;
      String verdict;
      Double recommended;
      if (chosen != null) {
        recommended = chosen;
        verdict = Math.abs(chosen - cur) <= 0.0025 ? RecalibrationPool.KEEP
            : chosen > cur ? RecalibrationPool.RAISE : RecalibrationPool.LOWER;
      } else if (hopeless) {
        recommended = 1.0;
        verdict = RecalibrationPool.RAISE;
      } else {
        recommended = null;
        verdict = RecalibrationPool.INSUFFICIENT_REVIEWS;
      }
      ThresholdPoint at = chosen != null ? candidates.get(chosenIndex) : null;
      long n = at != null ? at.n() : Math.round(reviews * above(cur));
      long k = at != null ? at.k() : Math.min(n, Math.round(wrongAbove(cur)));
      Double bound = at != null ? at.upperBound() : n == 0 ? null : Bounds.upper(k, n, DELTA);
      long needed = 0;
      if (recommended == null) {
        // clean reviews that would certify the most promising candidate
        needed = Long.MAX_VALUE;
        for (ThresholdPoint c : candidates) {
          long more = 0;
          while (Bounds.upper(c.k(), c.n() + more, DELTA) > ALPHA) {
            more++;
          }
          needed = Math.min(needed, more);
        }
      }
      double escalationsNow = decisionsPerDay * (1 - above(cur));
      Double escalationsAfter = recommended == null ? null
          : recommended >= 1.0 ? decisionsPerDay : decisionsPerDay * (1 - above(recommended));
      long bad = Math.round(wrongAbove(0));
      String level = tier != null ? RecalibrationPool.CLASS : actionType != null ? RecalibrationPool.ACTION_TYPE
          : RecalibrationPool.AGENT;
      String id = agentId + "/" + (actionType == null ? "*" : actionType) + "/" + (tier == null ? "*" : tier);
      boolean stratified = level.equals(RecalibrationPool.ACTION_TYPE);
      return new RecalibrationPool(id, agentId, actionType, tier, level, reviews, bad, reviews / 12,
          Math.round(reviews / 12.0 * 0.3), stratified ? List.of("random", "stratified") : List.of("random"),
          stratified ? "hajek" : "unweighted", cur, recommended, verdict, n, k, bound, needed, decisionsPerDay,
          escalationsNow, escalationsAfter, candidates,
          explain(verdict, cur, recommended, n, k, bound, bad, needed, escalationsNow, escalationsAfter),
          reliability());
    }

    /** The job's sentence ({@code Rows.explain} in the jobs module), reproduced. */
    String explain(String verdict, double cur, Double rec, long n, long k, Double bound, long bad, long needed,
        double now, Double after) {
      String rate = n == 0 ? "no reviewed decisions"
          : String.format(Locale.ROOT, "%d of %d reviewed decisions (%s) were wrong", k, n, pct((double) k / n));
      String work = after == null ? "" : String.format(Locale.ROOT, "; escalations go from %.1f to %.1f a day", now, after);
      return switch (verdict) {
        case RecalibrationPool.INSUFFICIENT_REVIEWS -> String.format(Locale.ROOT,
            "Keep %s for now and review more: with %d clean reviews (%d wrong) no threshold can yet be shown to keep"
                + " wrong auto-approvals at or below 2%%; about %d more clean reviews at high confidence are needed.",
            num(cur), reviews, bad, needed);
        case RecalibrationPool.KEEP -> String.format(Locale.ROOT,
            "Keep %s: at this threshold %s, and wrong auto-approvals are at most 2%% with 95%% confidence (bound %s).",
            num(cur), rate, pct(bound));
        default -> rec >= 1.0
            ? String.format(Locale.ROOT, "Stop auto-approving (escalate every decision): %s above %s, and no threshold"
                + " keeps wrong auto-approvals at or below 2%%%s.", rate, num(cur), work)
            : String.format(Locale.ROOT, "%s the threshold from %s to %s: at %s %s, and wrong auto-approvals are at"
                    + " most 2%% with 95%% confidence (bound %s)%s.", verdict.equals(RecalibrationPool.RAISE) ? "Raise"
                    : "Lower", num(cur), num(rec), num(rec), rate, pct(bound), work);
      };
    }

    /** Ten equal-width bins; the agent is overconfident by its error model. */
    ReliabilitySummary reliability() {
      List<ReliabilityPoint> curve = new ArrayList<>();
      double total = 0;
      double ece = 0;
      double mce = 0;
      double conf = 0;
      double acc = 0;
      double brier = 0;
      for (int b = 0; b < 10; b++) {
        double lo = b / 10.0;
        double hi = (b + 1) / 10.0;
        long count = Math.max(1, Math.round(reviews * (above(lo) - above(hi))));
        double mean = b == 9 ? 0.972 : lo + 0.065;
        double observed = 1 - error(mean);
        long right = Math.round(observed * count);
        double[] ci = {Bounds.lower(right, count, DELTA / 2), Bounds.upper(right, count, DELTA / 2)};
        curve.add(new ReliabilityPoint(b, lo, hi, count, mean, (double) right / count, ci[0], ci[1]));
        total += count;
        ece += count * Math.abs(mean - (double) right / count);
        mce = Math.max(mce, Math.abs(mean - (double) right / count));
        conf += count * mean;
        acc += right;
        brier += count * ((double) right / count * Math.pow(1 - mean, 2) + (1 - (double) right / count) * mean * mean);
      }
      double a = acc / total;
      return new ReliabilitySummary(conf / total, a, ece / total, ece / total * 0.9, mce, brier / total,
          Math.min(1, ece / total * ece / total * 1.5), 0.4 * a * (1 - a), a * (1 - a), curve);
    }

    private static String pct(double x) {
      return String.format(Locale.ROOT, x < 0.1 ? "%.1f%%" : "%.0f%%", 100 * x);
    }

    private static String num(double x) {
      return String.format(Locale.ROOT, "%.3f", x).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
  }

  /** Exact binomial tail and Clopper–Pearson bounds by bisection; enough for test data. */
  static final class Bounds {
    private Bounds() {}

    /** P(Bin(n, p) ≤ k). */
    static double cdf(long k, long n, double p) {
      if (k >= n) {
        return 1;
      }
      if (p <= 0) {
        return 1;
      }
      if (p >= 1) {
        return 0;
      }
      double sum = 0;
      double logTerm = n * Math.log1p(-p); // i = 0
      for (long i = 0; i <= k; i++) {
        sum += Math.exp(logTerm);
        logTerm += Math.log((double) (n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
      }
      return Math.min(1, sum);
    }

    /** One-sided upper bound: the p with P(Bin(n, p) ≤ k) = δ; 1 when n = 0. */
    static double upper(long k, long n, double delta) {
      if (n == 0 || k >= n) {
        return 1;
      }
      double lo = (double) k / n;
      double hi = 1;
      for (int i = 0; i < 60; i++) {
        double mid = (lo + hi) / 2;
        if (cdf(k, n, mid) > delta) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return hi;
    }

    /** One-sided lower bound: 1 − upper bound of the complement. */
    static double lower(long k, long n, double delta) {
      return k == 0 ? 0 : 1 - upper(n - k, n, delta);
    }
  }
}

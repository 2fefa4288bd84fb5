package io.agentgov.reports;

import static io.agentgov.reports.RecalibrationFormat.level;
import static io.agentgov.reports.RecalibrationFormat.perDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;

/**
 * The data of the monthly recalibration review for ML owners ({@code templates/recalibration-review.jrxml}):
 * one {@link RecalibrationPool} per {@code threshold_recommendations} row of the as-of date, joined
 * with its {@code calibration_reports} row. The summary numbers (pools by verdict, escalations per
 * day now and with every recommendation applied, pools lacking reviews) are derived here from the
 * pools; the template computes nothing.
 *
 * @param asOf the as-of date (last day of the review window)
 * @param windowStart first day of the review window
 * @param generatedAt when the report was made (shown in its title)
 * @param source where the rows came from, e.g. {@code agentgov.gov.threshold_recommendations @ snapshot N}
 * @param policyId the escalation policy whose thresholds were recalibrated
 * @param policyVersion its version in force on the as-of date
 * @param alpha the policy's limit on the rate of wrong auto-approvals, e.g. 0.02
 * @param delta the policy's error probability; the guarantee holds with confidence 1 − δ, e.g. 0.05
 * @param pools the pools, in the order the report lists them
 */
public record RecalibrationReview(LocalDate asOf, LocalDate windowStart, Instant generatedAt, String source,
    String policyId, String policyVersion, double alpha, double delta, List<RecalibrationPool> pools) {

  public static final String TEMPLATE = "recalibration-review";
  /** The summary page's recommendations table, a subreport: its header repeats and rows never split across pages. */
  public static final String TABLE_TEMPLATE = "recalibration-review-table";
  /** The parameter that carries the compiled {@link #TABLE_TEMPLATE} ({@link ReportRenderer#template}). */
  public static final String TABLE_PARAMETER = "tableReport";

  /** The summary chart's categories, in this order; "stop auto-approving" is a raise to 1.0, counted apart. */
  public static final List<String> VERDICT_LABELS =
      List.of("raise", "lower", "keep", "stop auto-approving", "insufficient reviews");

  private static final DateTimeFormatter GENERATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public RecalibrationReview {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(pools, "pools");
    pools = List.copyOf(pools);
    if (windowStart.isAfter(asOf)) {
      throw new IllegalArgumentException("Cannot review recalibration as of " + asOf + " with a window starting "
          + windowStart + ": the window starts after it ends");
    }
    if (!(alpha > 0 && alpha < 1) || !(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("Cannot review recalibration with α = " + alpha + " and δ = " + delta
          + ": both must be strictly between 0 and 1");
    }
    if (policyId.isBlank() || policyVersion.isBlank()) {
      throw new IllegalArgumentException("Cannot review recalibration without a policy id and version, got '"
          + policyId + "' version '" + policyVersion + "'");
    }
    Set<String> ids = new HashSet<>();
    for (RecalibrationPool p : pools) {
      if (!ids.add(p.poolId())) {
        throw new IllegalArgumentException("Pool " + p.poolId() + " appears twice in the recalibration review");
      }
    }
  }

  /** File name without extension: {@code recalibration-review-<as-of>}. */
  public String baseName() {
    return TEMPLATE + "-" + asOf;
  }

  /** Days in the review window, both ends included. */
  public long windowDays() {
    return ChronoUnit.DAYS.between(windowStart, asOf) + 1;
  }

  /** Pools per verdict, every category of {@link #VERDICT_LABELS} present (zero when none), in that order. */
  public List<RecalibrationVerdictCount> verdictCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    VERDICT_LABELS.forEach(v -> counts.put(v, 0L));
    pools.forEach(p -> counts.merge(p.verdictLabel(), 1L, Long::sum));
    List<RecalibrationVerdictCount> out = new ArrayList<>();
    counts.forEach((v, n) -> out.add(new RecalibrationVerdictCount(v, n)));
    return out;
  }

  /** Decisions escalated to a person per day at the current thresholds, over all pools. */
  public double escalationsPerDayNow() {
    return pools.stream().mapToDouble(RecalibrationPool::escalationsPerDayCurrent).sum();
  }

  /** The same if every recommendation were applied; pools lacking reviews keep their current threshold. */
  public double escalationsPerDayIfApplied() {
    return pools.stream().mapToDouble(RecalibrationPool::escalationsPerDayIfApplied).sum();
  }

  /** Pools whose reviews do not yet certify any threshold ({@code insufficient_reviews}), in report order. */
  public List<RecalibrationPool> lackingReviews() {
    return pools.stream().filter(p -> RecalibrationPool.INSUFFICIENT_REVIEWS.equals(p.verdict())).toList();
  }

  /** Further clean reviews needed over all pools lacking reviews. */
  public long reviewsNeeded() {
    return lackingReviews().stream().mapToLong(RecalibrationPool::reviewsNeeded).sum();
  }

  /** The pools as the template reads them: one row of the summary table and one page each. */
  public List<RecalibrationPage> pages() {
    return pools.stream().map(p -> new RecalibrationPage(p, alpha, delta)).toList();
  }

  /** The policy in words: {@code at most 2% of auto-approved decisions wrong, with 95% confidence}. */
  public String policyInWords() {
    return "at most " + level(alpha) + " of auto-approved decisions wrong, with " + level(1 - delta) + " confidence";
  }

  /**
   * The template's parameters; a new mutable map (and new data sources) per fill. The compiled
   * subreport {@link #TABLE_PARAMETER} is added by {@link ReportRenderer#render(RecalibrationReview, java.nio.file.Path)}.
   */
  public Map<String, Object> parameters() {
    List<RecalibrationPage> pages = pages();
    Map<String, Object> p = new HashMap<>();
    p.put("asOf", asOf.toString());
    p.put("windowStart", windowStart.toString());
    p.put("windowDays", windowDays());
    p.put("generatedAt", GENERATED.format(generatedAt));
    p.put("source", source);
    p.put("policy", "Policy " + policyId + " version " + policyVersion + ": " + policyInWords()
        + " (α = " + alpha + ", δ = " + delta + ").");
    p.put("poolRows", new JRBeanCollectionDataSource(pages));
    p.put("lackingRows", new JRBeanCollectionDataSource(
        pages.stream().filter(g -> RecalibrationPool.INSUFFICIENT_REVIEWS.equals(g.pool().verdict())).toList()));
    p.put("verdictCounts", new JRBeanCollectionDataSource(verdictCounts()));
    p.put("noPools", pools.isEmpty());
    p.put("noLacking", lackingReviews().isEmpty());
    double now = escalationsPerDayNow();
    double after = escalationsPerDayIfApplied();
    p.put("escalationsNow", perDay(now));
    p.put("escalationsAfter", perDay(after));
    p.put("escalationsChange", RecalibrationFormat.change(after - now)
        + (now > 0 ? " (" + RecalibrationFormat.change(100 * (after - now) / now) + "%)" : ""));
    p.put("reviewsNeeded", RecalibrationFormat.count(reviewsNeeded()));
    p.put("lackingCount", (long) lackingReviews().size());
    return p;
  }
}

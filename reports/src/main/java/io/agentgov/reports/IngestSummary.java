package io.agentgov.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.sf.jasperreports.engine.data.JRBeanCollectionDataSource;

/**
 * The data of the ingest reconciliation report ({@code templates/ingest-summary.jrxml}): every number
 * is read from {@code ingest_runs} or summed by the caller; the template computes nothing.
 *
 * @param from first landing day of the period
 * @param to last landing day of the period (inclusive)
 * @param generatedAt when the report was made (shown in its title)
 * @param source where the rows came from, e.g. {@code agentgov.gov.ingest_runs}
 * @param days one row per landing day, in landing-day order
 * @param totals the sum of {@code days}
 * @param reasons quarantined records by reason over the period, largest first
 */
public record IngestSummary(LocalDate from, LocalDate to, Instant generatedAt, String source, List<IngestDay> days,
    IngestDay totals, List<QuarantineReason> reasons) {
  /** Up to this many landing days get their values printed on the chart's bars. */
  static final int LABELLED_BARS = 14;

  public static final String TEMPLATE = "ingest-summary";

  private static final DateTimeFormatter GENERATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public IngestSummary {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(totals, "totals");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("Cannot report on landing days " + from + " .. " + to + ": the end is before the start");
    }
    days = List.copyOf(days);
    reasons = List.copyOf(reasons);
  }

  /** File name without extension: {@code ingest-summary-<from>_<to>}. */
  public String baseName() {
    return TEMPLATE + "-" + from + "_" + to;
  }

  /** The template's parameters; a new map (and data source) per fill. */
  public Map<String, Object> parameters() {
    Map<String, Object> p = new HashMap<>();
    p.put("periodFrom", from.toString());
    p.put("periodTo", to.toString());
    p.put("generatedAt", GENERATED.format(generatedAt));
    p.put("source", source);
    p.put("totals", totals);
    p.put("reasons", new JRBeanCollectionDataSource(reasons));
    p.put("noQuarantine", reasons.isEmpty());
    p.put("noDays", days.isEmpty());
    // Values on the bars stay legible for about a fortnight of days; beyond that the axis carries them.
    p.put("labelBars", days.size() <= LABELLED_BARS);
    return p;
  }
}

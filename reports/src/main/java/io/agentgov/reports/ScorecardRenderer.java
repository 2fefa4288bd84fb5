package io.agentgov.reports;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import net.sf.jasperreports.engine.JasperPrint;

/**
 * Renders the monthly governance scorecard ({@link Scorecard}) with a {@link ReportRenderer}: page 1
 * the summary, then a page per business unit, then the appendix; as PDF and HTML.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScorecardRenderer {

  private final ReportRenderer renderer;

  public ScorecardRenderer() {
    this(new ReportRenderer());
  }

  public ScorecardRenderer(ReportRenderer renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  /** Fills the template: the summary, a page per unit, the appendix. */
  public JasperPrint fill(Scorecard card) {
    return renderer.fill(Scorecard.TEMPLATE, parameters(card), card.pages());
  }

  /** The template's parameters with the compiled subreports. */
  public Map<String, Object> parameters(Scorecard card) {
    Map<String, Object> p = card.parameters();
    p.put("findingsReport", renderer.template(Scorecard.FINDINGS_TEMPLATE));
    p.put("driftReport", renderer.template(Scorecard.DRIFT_TEMPLATE));
    p.put("recommendationsReport", renderer.template(Scorecard.RECOMMENDATIONS_TEMPLATE));
    return p;
  }

  /**
   * Renders the scorecard into {@code dir} as {@code scorecard-<yyyy-mm>.pdf} and {@code .html}. The
   * PDF is dated with the scorecard's as-of time, so the same data gives the same bytes.
   */
  public RenderedReport render(Scorecard card, Path dir) {
    return renderer.export(fill(card), dir, card.baseName(), card.title(), card.asOf());
  }
}

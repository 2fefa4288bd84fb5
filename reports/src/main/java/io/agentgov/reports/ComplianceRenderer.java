package io.agentgov.reports;

import java.nio.file.Path;
import net.sf.jasperreports.engine.JasperPrint;

/**
 * Renders the compliance evidence report with {@link ReportRenderer}: one page of summary, a block
 * per clause, then integrity, manifest, samples, limits and sign-off. The PDF's dates are the
 * report's as-of time, so the same report rendered again (from the same snapshots) gives
 * byte-identical files.
 */
public final class ComplianceRenderer {
  private final ReportRenderer renderer;

  public ComplianceRenderer() {
    this(new ReportRenderer());
  }

  public ComplianceRenderer(ReportRenderer renderer) {
    this.renderer = renderer;
  }

  /** Writes {@code dir/<baseName>.pdf} and {@code .html}. */
  public RenderedReport render(ComplianceReport report, Path dir) {
    JasperPrint print = renderer.fill(ComplianceReport.TEMPLATE, report.parameters(), report.clauses());
    return renderer.export(print, dir, report.baseName(), report.title(), report.asOf());
  }
}

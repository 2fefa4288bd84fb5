package io.agentgov.reports;

import java.awt.Color;
import net.sf.jasperreports.charts.JRChart;
import net.sf.jasperreports.charts.JRChartCustomizer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.RectangleInsets;

/**
 * What the scorecard's charts need beyond what JRXML can say: whole-number ticks on count axes (a
 * count of 2.5 findings reads as a mistake), category labels on up to two lines instead of cut
 * with an ellipsis, a little room on the right so the last tick label is not cut, flat bars, and values
 * printed in a colour that stands out from their bar.
 * Named by the charts' {@code customizerClass}.
 */
public final class ScorecardChartCustomizer implements JRChartCustomizer {

  @Override
  public void customize(JFreeChart chart, JRChart jasperChart) {
    chart.setPadding(new RectangleInsets(2, 2, 2, 10));
    if (!(chart.getPlot() instanceof CategoryPlot plot)) {
      return;
    }
    plot.setOutlineVisible(false);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xD5DBE1));
    CategoryAxis categories = plot.getDomainAxis();
    categories.setMaximumCategoryLabelLines(2);
    categories.setMaximumCategoryLabelWidthRatio(plot.getOrientation() == PlotOrientation.HORIZONTAL ? 0.45f : 1.0f);
    categories.setCategoryMargin(0.15);
    ValueAxis values = plot.getRangeAxis();
    if (values instanceof NumberAxis numbers && isCountChart(jasperChart)) {
      numbers.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    if (plot.getRenderer() instanceof BarRenderer bars) {
      bars.setShadowVisible(false);
      bars.setDrawBarOutline(false);
      bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
      bars.setItemMargin(0.05);
      // Values printed on dark segments in white, on light ones in near-black, so both stay legible.
      for (int i = 0; i < plot.getDataset().getRowCount(); i++) {
        if (bars.lookupSeriesPaint(i) instanceof Color c) {
          double luminance = (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
          bars.setSeriesItemLabelPaint(i, luminance < 0.55 ? Color.WHITE : new Color(0x222222));
        }
      }
    }
  }

  /** Count charts carry the property {@code agentgov.chart.counts} = true. */
  private static boolean isCountChart(JRChart chart) {
    return chart.hasProperties() && "true".equals(chart.getPropertiesMap().getProperty("agentgov.chart.counts"));
  }
}

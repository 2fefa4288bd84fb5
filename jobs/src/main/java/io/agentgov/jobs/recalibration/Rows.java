package io.agentgov.jobs.recalibration;

import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.jobs.runtime.RowValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Pool results as rows of {@code calibration_reports} and {@code threshold_recommendations}, in column order. */
final class Rows {
  private Rows() {}

  private static List<Object> pool(LocalDate asOf, LocalDate from, PoolResult r) {
    List<Object> v = new ArrayList<>();
    PoolKey k = r.pool();
    v.add(asOf);
    v.add(from);
    v.add(k.id());
    v.add(k.agentId());
    v.add(k.actionType());
    v.add(k.tier());
    v.add(k.level());
    v.add(r.reviews());
    v.add(r.bad());
    v.add(r.targetedReviews());
    v.add(r.targetedBad());
    v.add(RowValues.seq(r.designs()));
    v.add(r.estimator());
    return v;
  }

  static Row report(LocalDate asOf, LocalDate from, PoolResult r, String settings) {
    List<Object> v = pool(asOf, from, r);
    PoolResult.Calibration c = r.calibration();
    v.add(c.meanConfidence());
    v.add(c.accuracy());
    v.add(c.eceEqualWidth());
    v.add(c.eceEqualMass());
    v.add(c.mce());
    v.add(c.brier());
    v.add(c.reliability());
    v.add(c.resolution());
    v.add(c.uncertainty());
    v.add(RowValues.seq(c.curve().stream().map(b -> RowFactory.create(b.bin(), b.lower(), b.upper(), b.count(),
        b.meanConfidence(), b.observedAccuracy(), b.accuracyLower(), b.accuracyUpper())).toList()));
    v.add(settings);
    return RowFactory.create(v.toArray());
  }

  /** @param workload decisions per day, below the current threshold, below the recommended one (NaN: none) */
  static Row recommendation(LocalDate asOf, LocalDate from, PoolResult r, EscalationPolicy policy, double[] workload,
      String settings) {
    List<Object> v = pool(asOf, from, r);
    PoolResult.Recommendation m = r.recommendation();
    v.add(policy.policyId());
    v.add(policy.version());
    v.add(m.alpha());
    v.add(m.delta());
    v.add(m.currentThreshold());
    v.add(m.recommendedThreshold());
    v.add(m.verdict());
    v.add(m.n());
    v.add(m.k());
    v.add(m.upperBound());
    v.add(m.reviewsNeeded());
    v.add(m.reviewsNeededAt());
    v.add(workload[0]);
    v.add(workload[1]);
    v.add(Double.isNaN(workload[2]) ? null : workload[2]);
    v.add(RowValues.seq(m.candidates().stream().map(c -> RowFactory.create(c.threshold(), c.n(), c.k(), c.pValue(),
        c.upperBound(), c.rejected())).toList()));
    v.add(explain(r, workload));
    v.add(settings);
    return RowFactory.create(v.toArray());
  }

  /** One sentence for an ML owner who is not a statistician: what to do and why. */
  static String explain(PoolResult r, double[] workload) {
    PoolResult.Recommendation m = r.recommendation();
    String alpha = pct(m.alpha());
    String confidence = pct(1 - m.delta());
    String current = num(m.currentThreshold());
    String rate = m.n() == 0 ? "no reviewed decisions" : String.format(Locale.ROOT, "%d of %d reviewed decisions (%s) were wrong",
        m.k(), m.n(), pct((double) m.k() / m.n()));
    return switch (m.verdict()) {
      case PoolAnalysis.INSUFFICIENT_REVIEWS -> String.format(Locale.ROOT,
          "Keep %s for now and review more: with %d clean reviews (%d wrong) no threshold can yet be shown to keep wrong"
              + " auto-approvals at or below %s; about %d more clean reviews of decisions at confidence %s or above are"
              + " needed.", current, r.reviews(), r.bad(), alpha, m.reviewsNeeded(), num(m.reviewsNeededAt()));
      case PoolAnalysis.KEEP -> String.format(Locale.ROOT,
          "Keep %s: at this threshold, %s, and wrong auto-approvals are at most %s with %s confidence (bound %s).",
          current, rate, alpha, confidence, pct(m.upperBound()));
      default -> {
        if (m.recommendedThreshold() >= 1.0 && m.reviewsNeeded() > 0) {
          yield String.format(Locale.ROOT, "Stop auto-approving (escalate every decision) for now: at %s, %s, more than %s"
              + " even at the lower bound, and no stricter threshold is certified yet; about %d more clean reviews of"
              + " decisions at confidence %s or above could certify one%s.", current, rate, alpha, m.reviewsNeeded(),
              num(m.reviewsNeededAt()), workload(workload));
        }
        if (m.recommendedThreshold() >= 1.0) {
          yield String.format(Locale.ROOT, "Stop auto-approving (escalate every decision): %s above %s, and no threshold"
              + " keeps wrong auto-approvals at or below %s%s.", rate, current, alpha, workload(workload));
        }
        yield String.format(Locale.ROOT, "%s the threshold from %s to %s: at %s, %s, and wrong auto-approvals are at"
                + " most %s with %s confidence (bound %s)%s.", m.verdict().equals(PoolAnalysis.RAISE) ? "Raise" : "Lower",
            current, num(m.recommendedThreshold()), num(m.recommendedThreshold()), rate, alpha, confidence,
            pct(m.upperBound()), workload(workload));
      }
    };
  }

  private static String workload(double[] w) {
    if (w[0] == 0 || Double.isNaN(w[2])) {
      return "";
    }
    return String.format(Locale.ROOT, "; escalations go from %.1f to %.1f a day", w[1], w[2]);
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, x < 0.1 ? "%.1f%%" : "%.0f%%", 100 * x);
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.3f", x).replaceAll("0+$", "").replaceAll("\\.$", ".0");
  }
}

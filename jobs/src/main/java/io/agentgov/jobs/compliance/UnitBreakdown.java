package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A metric per business unit, sorted by unit name, each judged by the clause's rule: the one place
 * that groups, so every clause splits the same way. Units with nothing to measure are left out.
 */
final class UnitBreakdown {
  private UnitBreakdown() {}

  /** Per unit: rows where {@code ok} holds over all rows of {@code population} (a column {@code business_unit}). */
  static List<Measurement.UnitValue> shares(Clause clause, Dataset<Row> population, Column ok) {
    List<Measurement.UnitValue> out = new ArrayList<>();
    for (Row r : population.groupBy("business_unit")
        .agg(sum(when(ok, 1L).otherwise(0L)).as("ok"), count(lit(1)).as("n")).orderBy("business_unit").collectAsList()) {
      out.add(share(clause, r.getString(0), r.getLong(1), r.getLong(2)));
    }
    return out;
  }

  /** The same over items on the driver. */
  static <T> List<Measurement.UnitValue> shares(Clause clause, List<T> population, Function<T, String> unit,
      Predicate<T> ok) {
    Map<String, long[]> counts = new TreeMap<>();
    for (T t : population) {
      long[] c = counts.computeIfAbsent(unit.apply(t), u -> new long[2]);
      c[0] += ok.test(t) ? 1 : 0;
      c[1]++;
    }
    List<Measurement.UnitValue> out = new ArrayList<>();
    counts.forEach((u, c) -> out.add(share(clause, u, c[0], c[1])));
    return out;
  }

  /**
   * Per unit: how many rows are {@code bad} (or how many distinct values of {@code distinctColumn}
   * among them, e.g. agents), out of all rows (or distinct values) of the unit.
   */
  static List<Measurement.UnitValue> counts(Clause clause, Dataset<Row> population, Column bad, String distinctColumn) {
    Column counted = distinctColumn == null ? sum(when(bad, 1L).otherwise(0L))
        : countDistinct(when(bad, col(distinctColumn)));
    Column outOf = distinctColumn == null ? count(lit(1)) : countDistinct(col(distinctColumn));
    List<Measurement.UnitValue> out = new ArrayList<>();
    for (Row r : population.groupBy("business_unit").agg(counted.as("bad"), outOf.as("n")).orderBy("business_unit")
        .collectAsList()) {
      long n = r.getLong(1);
      out.add(new Measurement.UnitValue(r.getString(0), (double) n, n, r.getLong(2),
          Status.judge(clause.pass(), (double) n)));
    }
    return out;
  }

  /** The same over items on the driver: how many are bad, per unit. */
  static <T> List<Measurement.UnitValue> counts(Clause clause, List<T> population, Function<T, String> unit,
      Predicate<T> bad) {
    Map<String, long[]> counts = new TreeMap<>();
    for (T t : population) {
      long[] c = counts.computeIfAbsent(unit.apply(t), u -> new long[2]);
      c[0] += bad.test(t) ? 1 : 0;
      c[1]++;
    }
    List<Measurement.UnitValue> out = new ArrayList<>();
    counts.forEach((u, c) -> out.add(new Measurement.UnitValue(u, (double) c[0], c[0], c[1],
        Status.judge(clause.pass(), (double) c[0]))));
    return out;
  }

  private static Measurement.UnitValue share(Clause clause, String unit, long ok, long n) {
    Double value = n == 0 ? null : (double) ok / n;
    return new Measurement.UnitValue(unit, value, ok, n, Status.judge(clause.pass(), value));
  }
}

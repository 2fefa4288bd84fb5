package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Seeded, stratified evidence samples: the period's events split by business unit (of the agent's
 * registry version on the event's day) and gateway tier, and in each stratum the first k event ids
 * in the seeded order ({@link ComplianceInputs#seededKey}: SHA-256 of seed and id). The same period,
 * as-of and seed give the same ids whatever order a scan returns rows in; another seed another sample.
 */
public final class EvidenceSamples {
  /**
   * One stratum.
   *
   * @param tier       {@code tier 1} .. {@code tier 4}, or {@code unchecked} (the gateway did not check)
   * @param population events of the stratum in the period
   * @param eventIds   the sample, in seeded order
   */
  public record Stratum(String businessUnit, String tier, long population, List<String> eventIds) {
    public Stratum {
      eventIds = List.copyOf(eventIds);
    }
  }

  private EvidenceSamples() {}

  static List<Stratum> draw(ComplianceInputs in, int perStratum) {
    Dataset<Row> events = in.judgedEvents().withColumn("stratum_tier", tierLabel());
    Map<String, List<String>> ids = new TreeMap<>();
    for (Row r : events
        .withColumn("pick", row_number().over(Window.partitionBy("business_unit", "stratum_tier")
            .orderBy(in.seededKey("event_id"), col("event_id"))))
        .where(col("pick").leq(perStratum))
        .orderBy("business_unit", "stratum_tier", "pick")
        .select("business_unit", "stratum_tier", "event_id").collectAsList()) {
      ids.computeIfAbsent(key(r.getString(0), r.getString(1)), k -> new ArrayList<>()).add(r.getString(2));
    }
    List<Stratum> strata = new ArrayList<>();
    for (Row r : events.groupBy("business_unit", "stratum_tier").agg(count(lit(1))).orderBy("business_unit", "stratum_tier")
        .collectAsList()) {
      strata.add(new Stratum(r.getString(0), r.getString(1), r.getLong(2),
          ids.getOrDefault(key(r.getString(0), r.getString(1)), List.of())));
    }
    return List.copyOf(strata);
  }

  private static Column tierLabel() {
    return when(col("checked").and(col("tier").isNotNull()), concat(lit("tier "),
        col("tier").cast("string"))).otherwise(lit("unchecked"));
  }

  private static String key(String unit, String tier) {
    return unit + "\u0000" + tier;
  }
}

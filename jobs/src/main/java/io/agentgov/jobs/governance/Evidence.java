package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The night's judged events that answer the detectors' questions ({@link Spec}), grouped per
 * question, agent and subject: counts, first and last time, whether any was high-impact, the
 * latest sample ids, and counts per value of chosen columns. Every question is answered in the
 * same three passes over the night's events, however many detectors ask; a group is small (one per
 * agent and subject), so groups are collected to the driver.
 */
final class Evidence {
  private Evidence() {}

  /**
   * A question asked of the night's judged events ({@link Night#VERDICT_SCHEMA} columns).
   *
   * @param name unique among the night's questions
   * @param where which events are evidence
   * @param subject the finding subject per event ({@code lit("...")} for one per agent)
   * @param counted columns whose values are counted per group (null values skipped)
   */
  record Spec(String name, Column where, Column subject, List<String> counted) {
    Spec(String name, Column where, Column subject, String... counted) {
      this(name, where, subject, List.of(counted));
    }
  }

  /** One agent's (and subject's) evidence of the night. */
  record Group(String agentId, String subject, String businessUnit, long events, Instant first, Instant last,
      boolean highImpact, Long maxResponseSeconds, List<String> samples, Map<String, Map<String, Long>> counts) {

    /** Counts per value of a counted column, largest first. */
    Map<String, Long> counts(String column) {
      return counts.getOrDefault(column, Map.of());
    }

    /** {@code value (n), value (n)} for a counted column, largest first, at most {@code limit} values. */
    String top(String column, int limit) {
      return counts(column).entrySet().stream().limit(limit).map(e -> e.getKey() + " (" + e.getValue() + ")")
          .collect(Collectors.joining(", "));
    }
  }

  /** The answers: groups per question name, by agent then subject. */
  record Found(Map<String, List<Group>> byName) {
    List<Group> groups(String name) {
      return byName.getOrDefault(name, List.of());
    }
  }

  static Found collect(Night night, List<Spec> specs) {
    if (specs.isEmpty()) {
      return new Found(Map.of());
    }
    List<Column> tags = new ArrayList<>();
    List<Column> counted = new ArrayList<>();
    for (Spec s : specs) {
      tags.add(when(s.where(), struct(lit(s.name()).as("name"), s.subject().cast("string").as("subject"))));
    }
    Dataset<Row> evidence = night.verdicts().withColumn("tag", explode(array(tags.toArray(Column[]::new))))
        .where(col("tag").isNotNull())
        .withColumn("question", col("tag.name")).withColumn("subject", col("tag.subject")).drop("tag");
    for (Spec s : specs) {
      for (String c : s.counted()) {
        counted.add(when(col("question").equalTo(lit(s.name())), struct(lit(c).as("column"), col(c).cast("string").as("value"))));
      }
    }
    evidence = evidence.cache();
    try {
      String[] keys = {"question", "agent_id", "subject"};
      Map<String, Map<String, Map<String, Long>>> countsByGroup = new TreeMap<>();
      if (!counted.isEmpty()) {
        for (Row r : evidence.withColumn("counted", explode(array(counted.toArray(Column[]::new))))
            .where(col("counted").isNotNull().and(col("counted.value").isNotNull()))
            .groupBy(col("question"), col("agent_id"), col("subject"), col("counted.column"), col("counted.value"))
            .agg(count(lit(1))).collectAsList()) {
          countsByGroup.computeIfAbsent(key(r.getString(0), r.getString(1), r.getString(2)), k -> new TreeMap<>())
              .computeIfAbsent(r.getString(3), k -> new TreeMap<>()).put(r.getString(4), r.getLong(5));
        }
      }
      Map<String, List<String>> samplesByGroup = new TreeMap<>();
      for (Row r : evidence.withColumn("rank", row_number().over(Window.partitionBy(keys[0], keys[1], keys[2])
              .orderBy(desc("event_time"), col("event_id"))))
          .where(col("rank").leq(night.options().samples())).select("question", "agent_id", "subject", "event_id", "rank")
          .orderBy("rank").collectAsList()) {
        samplesByGroup.computeIfAbsent(key(r.getString(0), r.getString(1), r.getString(2)), k -> new ArrayList<>())
            .add(r.getString(3));
      }
      Map<String, List<Group>> byName = new TreeMap<>();
      for (Row r : evidence.groupBy(keys[0], keys[1], keys[2]).agg(first("business_unit", true), count(lit(1)),
          min("event_time"), max("event_time"), max(col("high_impact").cast("int")), max("response_seconds")).collectAsList()) {
        String key = key(r.getString(0), r.getString(1), r.getString(2));
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        countsByGroup.getOrDefault(key, Map.of()).forEach((c, values) -> counts.put(c, largestFirst(values)));
        byName.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new Group(r.getString(1), r.getString(2),
            r.getString(3), r.getLong(4), r.getAs(5), r.getAs(6), r.getInt(7) > 0, r.isNullAt(8) ? null : r.getLong(8),
            samplesByGroup.getOrDefault(key, List.of()), counts));
      }
      byName.values().forEach(list -> list.sort(Comparator.comparing(Group::agentId).thenComparing(Group::subject)));
      return new Found(byName);
    } finally {
      evidence.unpersist();
    }
  }

  private static String key(String question, String agent, String subject) {
    return question + "\u0000" + agent + "\u0000" + subject;
  }

  private static Map<String, Long> largestFirst(Map<String, Long> values) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}

package io.agentgov.jobs.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Moves nested values between Spark rows (Scala collections) and plain Java collections. */
public final class RowValues {
  private RowValues() {}

  public static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(list)).toSeq();
  }

  public static <K, V> scala.collection.Map<K, V> map(Map<K, V> map) {
    return JavaConverters.mapAsScalaMap(new LinkedHashMap<>(map));
  }

  public static <T> List<T> list(Row row, String field) {
    Object value = row.get(row.fieldIndex(field));
    return value == null ? List.of() : new ArrayList<>(row.<T>getList(row.fieldIndex(field)));
  }

  /** A {@code distributions} column: name -> (category -> count), sorted for stable output. */
  public static Map<String, Map<String, Long>> distributions(Row row, String field) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    Object value = row.get(row.fieldIndex(field));
    if (value == null) {
      return out;
    }
    Map<String, scala.collection.Map<String, Object>> outer = row.getJavaMap(row.fieldIndex(field));
    outer.forEach((name, inner) -> {
      Map<String, Long> counts = new TreeMap<>();
      JavaConverters.mapAsJavaMap(inner).forEach((k, n) -> counts.put(k, ((Number) n).longValue()));
      out.put(name, counts);
    });
    return out;
  }

  public static scala.collection.Map<String, scala.collection.Map<String, Long>> distributions(
      Map<String, Map<String, Long>> value) {
    Map<String, scala.collection.Map<String, Long>> outer = new TreeMap<>();
    value.forEach((name, counts) -> outer.put(name, map(counts)));
    return map(outer);
  }
}

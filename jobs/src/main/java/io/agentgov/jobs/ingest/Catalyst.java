package io.agentgov.jobs.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Java values in Spark's internal (Catalyst) form. Ingest builds event rows in this form directly:
 * converting a million external rows with nested structs costs more than parsing their JSON.
 */
final class Catalyst {
  private Catalyst() {}

  static UTF8String str(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  /** Microseconds since the epoch, Spark's timestamp. */
  static Long micros(Instant t) {
    return t == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  /** Days since the epoch, Spark's date. */
  static Integer days(LocalDate d) {
    return d == null ? null : (int) d.toEpochDay();
  }

  static Decimal decimal(BigDecimal value, int precision, int scale) {
    return value == null ? null : Decimal.apply(value, precision, scale);
  }

  static <T> GenericArrayData array(List<T> list, Function<T, Object> element) {
    if (list == null) {
      return null;
    }
    Object[] values = new Object[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = element.apply(list.get(i));
    }
    return new GenericArrayData(values);
  }

  static ArrayBasedMapData stringMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return null;
    }
    Object[] keys = new Object[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      keys[i] = str(e.getKey());
      values[i++] = str(e.getValue());
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}

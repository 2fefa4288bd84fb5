package io.agentgov.jobs.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The content hash of an event row ({@code event_hash}): SHA-256 over a canonical text of every
 * content column, so ingest and a later integrity check compute the same value from the same
 * rows, whether the row was built at ingest or read back from Iceberg. Lineage columns (where and
 * when the row was loaded) are left out, so two deliveries of one event hash alike: the hash is
 * also the duplicate test. Encoding (docs/tables.md, "Tamper evidence"): a JSON-like text with
 * columns in schema order, timestamps as epoch microseconds, dates as ISO days, decimals as plain
 * text, maps sorted by key, lists in order, null as {@code null}.
 */
public final class EventDigest {
  /** Columns that say where a row came from, not what happened. */
  public static final Set<String> LINEAGE = Set.of(
      "event_hash", "source_format", "source_file", "source_line", "landing_date", "ingest_run_id", "ingested_at");

  private EventDigest() {}

  public static String hash(Row row) {
    StringBuilder text = new StringBuilder(1024);
    StructType type = row.schema();
    text.append('{');
    boolean first = true;
    for (int i = 0; i < type.size(); i++) {
      StructField field = type.fields()[i];
      if (LINEAGE.contains(field.name())) {
        continue;
      }
      if (!first) {
        text.append(',');
      }
      first = false;
      text.append(field.name()).append(':');
      append(text, field.dataType(), row.get(i));
    }
    text.append('}');
    return sha256(text.toString());
  }

  private static void append(StringBuilder text, DataType type, Object value) {
    if (value == null) {
      text.append("null");
    } else if (type instanceof StructType struct) {
      Row row = (Row) value;
      text.append('{');
      for (int i = 0; i < struct.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append(struct.fields()[i].name()).append(':');
        append(text, struct.fields()[i].dataType(), row.get(i));
      }
      text.append('}');
    } else if (type instanceof ArrayType array) {
      Iterable<?> items = value instanceof Object[] objects ? java.util.Arrays.asList(objects)
          : JavaConverters.asJavaIterable((scala.collection.Iterable<?>) value);
      text.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          text.append(',');
        }
        first = false;
        append(text, array.elementType(), item);
      }
      text.append(']');
    } else if (type instanceof MapType map) {
      Map<?, ?> entries = value instanceof Map<?, ?> javaMap ? javaMap
          : JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) value);
      TreeMap<String, Object> sorted = new TreeMap<>();
      entries.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      text.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> entry : sorted.entrySet()) {
        if (!first) {
          text.append(',');
        }
        first = false;
        quote(text, entry.getKey());
        text.append(':');
        append(text, map.valueType(), entry.getValue());
      }
      text.append('}');
    } else if (value instanceof String s) {
      quote(text, s);
    } else if (value instanceof Instant instant) {
      text.append(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    } else if (value instanceof Timestamp timestamp) {
      text.append(ChronoUnit.MICROS.between(Instant.EPOCH, timestamp.toInstant()));
    } else if (value instanceof LocalDate date) {
      text.append(date);
    } else if (value instanceof java.sql.Date date) {
      text.append(date.toLocalDate());
    } else if (value instanceof BigDecimal decimal) {
      text.append(decimal.toPlainString());
    } else {
      text.append(value); // booleans, integers, longs, doubles: Java's canonical text
    }
  }

  private static void quote(StringBuilder text, String s) {
    text.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        text.append('\\');
      }
      text.append(c);
    }
    text.append('"');
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: the JVM lacks SHA-256", e);
    }
  }
}

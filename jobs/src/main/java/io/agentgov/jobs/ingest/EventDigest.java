package io.agentgov.jobs.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * The content hash of an event row ({@code event_hash}): SHA-256 over a canonical text of every
 * content column, so ingest and a later integrity check compute the same value from the same
 * rows, whether the row was built at ingest or read back from Iceberg. Lineage columns (where and
 * when the row was loaded) are left out, so two deliveries of one event hash alike: the hash is
 * also the duplicate test. Encoding (docs/tables.md, "Tamper evidence"): a JSON-like text with
 * columns in schema order, timestamps as epoch microseconds, dates as ISO days, decimals as plain
 * text, maps sorted by key, lists in order, null as {@code null}. One implementation, over Spark's
 * internal rows; a row read back through the DataFrame API is converted to that form first.
 */
public final class EventDigest {
  /** Columns that say where a row came from, not what happened. */
  public static final Set<String> LINEAGE = Set.of(
      "event_hash", "source_format", "source_file", "source_line", "landing_date", "ingest_run_id", "ingested_at");

  private static final Map<StructType, Function1<Object, Object>> TO_INTERNAL = new ConcurrentHashMap<>();

  private EventDigest() {}

  /** The hash of an events row as the DataFrame API returns it (e.g. read back from the table). */
  public static String hash(Row row) {
    StructType type = row.schema();
    Function1<Object, Object> convert = TO_INTERNAL.computeIfAbsent(type, CatalystTypeConverters::createToCatalystConverter);
    return hash((InternalRow) convert.apply(row), type);
  }

  /** The hash of an events row in Spark's internal form, as ingest builds it. */
  public static String hash(InternalRow row, StructType type) {
    boolean[] lineage = lineageMask(type);
    StringBuilder text = new StringBuilder(2048);
    text.append('{');
    boolean first = true;
    for (int i = 0; i < type.size(); i++) {
      StructField field = type.fields()[i];
      if (lineage[i]) {
        continue;
      }
      if (!first) {
        text.append(',');
      }
      first = false;
      text.append(field.name()).append(':');
      append(text, field.dataType(), row.isNullAt(i) ? null : row.get(i, field.dataType()));
    }
    text.append('}');
    return sha256(text.toString());
  }

  /** Which top-level columns are lineage; the last type asked about is remembered (ingest asks about one). */
  private static volatile Object[] lastMask = {null, null};

  private static boolean[] lineageMask(StructType type) {
    Object[] last = lastMask;
    if (last[0] == type) {
      return (boolean[]) last[1];
    }
    boolean[] mask = new boolean[type.size()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = LINEAGE.contains(type.fields()[i].name());
    }
    lastMask = new Object[] {type, mask};
    return mask;
  }

  private static void append(StringBuilder text, DataType type, Object value) {
    if (value == null) {
      text.append("null");
    } else if (type instanceof StructType struct) {
      InternalRow row = (InternalRow) value;
      text.append('{');
      for (int i = 0; i < struct.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        DataType fieldType = struct.fields()[i].dataType();
        text.append(struct.fields()[i].name()).append(':');
        append(text, fieldType, row.isNullAt(i) ? null : row.get(i, fieldType));
      }
      text.append('}');
    } else if (type instanceof ArrayType array) {
      ArrayData items = (ArrayData) value;
      text.append('[');
      for (int i = 0; i < items.numElements(); i++) {
        if (i > 0) {
          text.append(',');
        }
        append(text, array.elementType(), items.isNullAt(i) ? null : items.get(i, array.elementType()));
      }
      text.append(']');
    } else if (type instanceof MapType map) {
      MapData entries = (MapData) value;
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (int i = 0; i < entries.numElements(); i++) {
        Object v = entries.valueArray().isNullAt(i) ? null : entries.valueArray().get(i, map.valueType());
        sorted.put(entries.keyArray().get(i, map.keyType()).toString(), v);
      }
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
    } else if (type instanceof DateType) {
      text.append(LocalDate.ofEpochDay((Integer) value));
    } else if (value instanceof Decimal decimal) {
      text.append(decimal.toJavaBigDecimal().toPlainString());
    } else if (value instanceof org.apache.spark.unsafe.types.UTF8String s) {
      quote(text, s.toString());
    } else {
      text.append(value); // booleans, integers, longs (timestamps: epoch microseconds), doubles: Java's text
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
    return io.agentgov.contract.CanonicalJson.sha256Hex(text);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash: the JVM lacks SHA-256", e);
    }
  }
}

package io.agentgov.jobs.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
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
import org.apache.spark.unsafe.types.UTF8String;
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
    Canonical text = CANONICAL.get();
    text.reset();
    text.ascii('{');
    boolean first = true;
    for (int i = 0; i < type.size(); i++) {
      StructField field = type.fields()[i];
      if (lineage[i]) {
        continue;
      }
      if (!first) {
        text.ascii(',');
      }
      first = false;
      text.ascii(field.name()).ascii(':');
      append(text, field.dataType(), row.isNullAt(i) ? null : row.get(i, field.dataType()));
    }
    text.ascii('}');
    return text.sha256Hex();
  }

  /**
   * The canonical text as UTF-8 bytes, built in a buffer reused by the thread: strings are copied
   * from Spark's UTF-8 form byte for byte, where building a Java string and encoding it again cost
   * a fifth of the parse (measured with JFR on 250,000 events). The bytes are those of the text
   * the class comment describes: {@code "} and {@code \} never occur inside a multi-byte UTF-8
   * sequence, so escaping them byte by byte is escaping them character by character.
   */
  private static final class Canonical {
    private byte[] bytes = new byte[4096];
    private int length;
    private final MessageDigest sha = sha256();

    void reset() {
      length = 0;
    }

    private void room(int more) {
      if (length + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }

    Canonical ascii(char c) {
      room(1);
      bytes[length++] = (byte) c;
      return this;
    }

    /** Text of ASCII characters only: names, numbers, dates, booleans. */
    Canonical ascii(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
      return this;
    }

    void quoted(UTF8String s) {
      byte[] utf8 = s.getBytes();
      room(2 * utf8.length + 2);
      bytes[length++] = '"';
      for (byte b : utf8) {
        if (b == '"' || b == '\\') {
          bytes[length++] = '\\';
        }
        bytes[length++] = b;
      }
      bytes[length++] = '"';
    }

    String sha256Hex() {
      sha.reset();
      sha.update(bytes, 0, length);
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  private static final ThreadLocal<Canonical> CANONICAL = ThreadLocal.withInitial(Canonical::new);

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

  private static void append(Canonical text, DataType type, Object value) {
    if (value == null) {
      text.ascii("null");
    } else if (type instanceof StructType struct) {
      InternalRow row = (InternalRow) value;
      text.ascii('{');
      for (int i = 0; i < struct.size(); i++) {
        if (i > 0) {
          text.ascii(',');
        }
        DataType fieldType = struct.fields()[i].dataType();
        text.ascii(struct.fields()[i].name()).ascii(':');
        append(text, fieldType, row.isNullAt(i) ? null : row.get(i, fieldType));
      }
      text.ascii('}');
    } else if (type instanceof ArrayType array) {
      ArrayData items = (ArrayData) value;
      text.ascii('[');
      for (int i = 0; i < items.numElements(); i++) {
        if (i > 0) {
          text.ascii(',');
        }
        append(text, array.elementType(), items.isNullAt(i) ? null : items.get(i, array.elementType()));
      }
      text.ascii(']');
    } else if (type instanceof MapType map) {
      MapData entries = (MapData) value;
      // sorted by key as Java strings order them, as the text has always been
      TreeMap<String, Object[]> sorted = new TreeMap<>();
      for (int i = 0; i < entries.numElements(); i++) {
        Object v = entries.valueArray().isNullAt(i) ? null : entries.valueArray().get(i, map.valueType());
        Object key = entries.keyArray().get(i, map.keyType());
        sorted.put(key.toString(), new Object[] {key, v});
      }
      text.ascii('{');
      boolean first = true;
      for (Object[] entry : sorted.values()) {
        if (!first) {
          text.ascii(',');
        }
        first = false;
        text.quoted((UTF8String) entry[0]);
        text.ascii(':');
        append(text, map.valueType(), entry[1]);
      }
      text.ascii('}');
    } else if (type instanceof DateType) {
      text.ascii(LocalDate.ofEpochDay((Integer) value).toString());
    } else if (value instanceof Decimal decimal) {
      text.ascii(decimal.toJavaBigDecimal().toPlainString());
    } else if (value instanceof UTF8String s) {
      text.quoted(s);
    } else {
      text.ascii(String.valueOf(value)); // booleans, integers, longs (timestamps: epoch microseconds), doubles: Java's text
    }
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

package io.agentgov.jobs.ingest;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Builds a Spark row of a struct type by field name, so a row cannot silently shift when the table
 * definition gains or reorders a column. Unknown names fail at once.
 */
final class RowMaker {
  /** A struct type with its field positions in a Java map (Spark's own lookup is a slower Scala map). */
  static final class Layout {
    final StructType type;
    private final java.util.HashMap<String, Integer> positions = new java.util.HashMap<>();

    private Layout(StructType type) {
      this.type = type;
      for (int i = 0; i < type.size(); i++) {
        positions.put(type.fields()[i].name(), i);
      }
    }

    static Layout of(StructType type) {
      return new Layout(type);
    }
  }

  private final Layout layout;
  private final Object[] values;

  private RowMaker(Layout layout) {
    this.layout = layout;
    this.values = new Object[layout.type.size()];
  }

  static RowMaker of(StructType type) {
    return new RowMaker(Layout.of(type));
  }

  /** For rows built by the million: the layout is computed once. */
  static RowMaker of(Layout layout) {
    return new RowMaker(layout);
  }

  RowMaker set(String name, Object value) {
    Integer position = layout.positions.get(name);
    if (position == null) {
      throw new IllegalArgumentException("Cannot set " + name + ": no such field in " + layout.type.simpleString());
    }
    values[position] = value;
    return this;
  }

  Row build() {
    return new GenericRowWithSchema(values, layout.type);
  }

  /** The row in Spark's internal form; every value must already be a Catalyst value ({@link Catalyst}). */
  InternalRow buildInternal() {
    return new GenericInternalRow(values);
  }

  /** The struct type of a nested field (a struct, or the element of a list of structs). */
  static StructType struct(StructType parent, String name) {
    var dataType = parent.apply(name).dataType();
    if (dataType instanceof ArrayType array) {
      dataType = array.elementType();
    }
    return (StructType) dataType;
  }

  /** A list as Spark's row encoder wants it; null stays null. */
  static Object[] array(List<?> list) {
    return list == null ? null : list.toArray();
  }

  /** A map as Spark's row encoder wants it (a Scala map); null stays null. */
  static scala.collection.Map<String, ?> map(Map<String, ?> map) {
    return map == null ? null : JavaConverters.mapAsScalaMap(map);
  }
}

package io.agentgov.jobs.ingest;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Builds a Spark row of a struct type by field name, so a row cannot silently shift when the table
 * definition gains or reorders a column. Unknown names fail at once.
 */
final class RowMaker {
  private final StructType type;
  private final Object[] values;

  private RowMaker(StructType type) {
    this.type = type;
    this.values = new Object[type.size()];
  }

  static RowMaker of(StructType type) {
    return new RowMaker(type);
  }

  RowMaker set(String name, Object value) {
    values[type.fieldIndex(name)] = value;
    return this;
  }

  Row build() {
    return new GenericRowWithSchema(values, type);
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

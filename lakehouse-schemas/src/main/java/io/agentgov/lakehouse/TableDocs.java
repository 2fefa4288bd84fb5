package io.agentgov.lakehouse;

import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.SortField;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Renders the table reference that docs/tables.md carries between its generated-section markers.
 * A test fails when the doc and {@link Tables} disagree; {@code scripts/update-table-docs} rewrites it.
 */
public final class TableDocs {
  public static final String BEGIN = "<!-- BEGIN GENERATED: tables (scripts/update-table-docs) -->";
  public static final String END = "<!-- END GENERATED: tables -->";

  private TableDocs() {}

  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append("\n\n| table | purpose | partitioned by | sorted by |\n|---|---|---|---|\n");
    for (TableDefinition t : Tables.all()) {
      out.append("| [`").append(t.name()).append("`](#").append(t.name().replace('_', '-')).append(") | ")
          .append(t.purpose()).append(" | ").append(partitioning(t)).append(" | ").append(sorting(t)).append(" |\n");
    }
    for (TableDefinition t : Tables.all()) {
      out.append("\n### ").append(t.name()).append("\n\n").append(t.purpose()).append("\n\n");
      out.append("Partitioned by ").append(partitioning(t)).append("; sorted by ").append(sorting(t))
          .append("; properties: ").append(t.properties().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
              .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(", "))).append(".\n\n");
      out.append("| id | column | type | required | meaning |\n|---|---|---|---|---|\n");
      for (Types.NestedField field : t.schema().columns()) {
        appendField(out, field, "");
      }
    }
    return out.append('\n').append(END).append('\n').toString();
  }

  private static void appendField(StringBuilder out, Types.NestedField field, String parent) {
    String name = parent + field.name();
    out.append("| ").append(field.fieldId()).append(" | `").append(name).append("` | ").append(typeName(field.type()))
        .append(" | ").append(field.isRequired() ? "yes" : "").append(" | ")
        .append(field.doc() == null ? "" : field.doc()).append(" |\n");
    Type type = field.type();
    if (type.isListType() && type.asListType().elementType().isStructType()) {
      type.asListType().elementType().asStructType().fields().forEach(f -> appendField(out, f, name + "[]."));
    } else if (type.isStructType()) {
      type.asStructType().fields().forEach(f -> appendField(out, f, name + "."));
    }
  }

  private static String typeName(Type type) {
    if (type.isStructType()) {
      return "struct";
    }
    if (type.isListType()) {
      Type element = type.asListType().elementType();
      return "list<" + (element.isStructType() ? "struct" : typeName(element)) + ">";
    }
    return type.toString().replace("<", "&lt;").replace(">", "&gt;").replace("list&lt;", "list<");
  }

  private static String partitioning(TableDefinition t) {
    if (t.spec().isUnpartitioned()) {
      return "(unpartitioned)";
    }
    return t.spec().fields().stream().map(TableDocs::describe).collect(Collectors.joining(", "));
  }

  private static String describe(PartitionField field) {
    return field.transform() + "(" + "`" + field.name().replaceAll("_(month|day)$", "") + "`)";
  }

  private static String sorting(TableDefinition t) {
    return t.sortOrder().fields().stream()
        .map((SortField f) -> "`" + t.schema().findColumnName(f.sourceId()) + "` " + f.direction().name().toLowerCase())
        .collect(Collectors.joining(", "));
  }
}

package io.agentgov.lakehouse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.TypeUtil;

/**
 * One Iceberg table, defined once: name, one-line purpose, schema, partition spec, sort order and
 * properties. Field ids are the ones Iceberg assigns when it creates the table (top-level fields
 * first, then nested ones, in order), so the ids printed in docs/tables.md are the ids on disk.
 */
public final class TableDefinition {
  private final String name;
  private final String purpose;
  private final Schema schema;
  private final PartitionSpec spec;
  private final SortOrder sortOrder;
  private final Map<String, String> properties;

  private TableDefinition(String name, String purpose, Schema schema, PartitionSpec spec, SortOrder sortOrder,
                          Map<String, String> properties) {
    this.name = name;
    this.purpose = purpose;
    this.schema = schema;
    this.spec = spec;
    this.sortOrder = sortOrder;
    this.properties = Map.copyOf(properties);
  }

  /**
   * @param columns top-level columns; their ids are reassigned as Iceberg does on create
   * @param spec    the partition spec, built against the final schema
   * @param sort    the sort order, built against the final schema
   */
  public static TableDefinition of(String name, String purpose, List<Types.NestedField> columns,
                                   Function<Schema, PartitionSpec> spec, Function<Schema, SortOrder> sort,
                                   Map<String, String> properties) {
    AtomicInteger lastId = new AtomicInteger(0);
    Schema schema = TypeUtil.assignFreshIds(new Schema(columns), lastId::incrementAndGet);
    return new TableDefinition(name, purpose, schema, spec.apply(schema), sort.apply(schema), properties);
  }

  public String name() {
    return name;
  }

  public String purpose() {
    return purpose;
  }

  public Schema schema() {
    return schema;
  }

  public PartitionSpec spec() {
    return spec;
  }

  public SortOrder sortOrder() {
    return sortOrder;
  }

  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public String toString() {
    return name;
  }
}

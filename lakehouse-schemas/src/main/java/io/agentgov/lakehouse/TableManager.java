package io.agentgov.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;

/**
 * Creates or evolves the lakehouse tables from their {@link TableDefinition}s, idempotently: a
 * missing table is created; an existing one gets missing columns (by name, nested too), the
 * defined sort order and properties; running it twice changes nothing the second time. It never
 * drops or renames a column and never changes a partition spec of a table that holds data (that
 * needs a deliberate migration).
 */
public final class TableManager {
  private final Catalog catalog;
  private final Namespace namespace;

  public TableManager(Catalog catalog, Namespace namespace) {
    this.catalog = catalog;
    this.namespace = namespace;
  }

  /** What {@link #ensure} did to one table. */
  public record Outcome(String table, Action action, List<String> changes) {
    public enum Action { CREATED, EVOLVED, UNCHANGED }
  }

  public TableIdentifier identifier(TableDefinition definition) {
    return TableIdentifier.of(namespace, definition.name());
  }

  public List<Outcome> ensureAll() {
    List<Outcome> outcomes = new ArrayList<>();
    for (TableDefinition definition : Tables.all()) {
      outcomes.add(ensure(definition));
    }
    return outcomes;
  }

  public Outcome ensure(TableDefinition definition) {
    ensureNamespace();
    TableIdentifier id = identifier(definition);
    if (!catalog.tableExists(id)) {
      try {
        catalog.buildTable(id, definition.schema())
            .withPartitionSpec(definition.spec())
            .withSortOrder(definition.sortOrder())
            .withProperties(definition.properties())
            .withProperty("comment", definition.purpose())
            .create();
        return new Outcome(definition.name(), Outcome.Action.CREATED, List.of());
      } catch (AlreadyExistsException raced) {
        // another run created it between the check and the create: evolve what is there
      }
    }
    return evolve(catalog.loadTable(id), definition);
  }

  private Outcome evolve(Table table, TableDefinition definition) {
    List<String> changes = new ArrayList<>();
    Schema before = table.schema();
    table.updateSchema().unionByNameWith(definition.schema()).commit();
    table.refresh();
    if (!table.schema().sameSchema(before)) {
      changes.add("columns added: schema " + before.schemaId() + " -> " + table.schema().schemaId());
    }
    if (!sameSortOrder(table, definition)) {
      var replace = table.replaceSortOrder();
      definition.sortOrder().fields().forEach(f -> replace.asc(definition.schema().findColumnName(f.sourceId()), f.nullOrder()));
      replace.commit();
      changes.add("sort order replaced");
    }
    Map<String, String> wanted = new java.util.HashMap<>(definition.properties());
    wanted.remove("format-version"); // set on create; upgrading it is a migration, not an evolution
    wanted.put("comment", definition.purpose());
    UpdateProperties update = table.updateProperties();
    boolean propertiesChanged = false;
    for (Map.Entry<String, String> property : wanted.entrySet()) {
      if (!Objects.equals(table.properties().get(property.getKey()), property.getValue())) {
        update.set(property.getKey(), property.getValue());
        changes.add("property " + property.getKey() + "=" + property.getValue());
        propertiesChanged = true;
      }
    }
    if (propertiesChanged) {
      update.commit();
    }
    return new Outcome(definition.name(), changes.isEmpty() ? Outcome.Action.UNCHANGED : Outcome.Action.EVOLVED, changes);
  }

  private static boolean sameSortOrder(Table table, TableDefinition definition) {
    var actual = table.sortOrder().fields();
    var wanted = definition.sortOrder().fields();
    if (actual.size() != wanted.size()) {
      return false;
    }
    for (int i = 0; i < actual.size(); i++) {
      String actualColumn = table.schema().findColumnName(actual.get(i).sourceId());
      String wantedColumn = definition.schema().findColumnName(wanted.get(i).sourceId());
      if (!actualColumn.equals(wantedColumn) || actual.get(i).direction() != wanted.get(i).direction()) {
        return false;
      }
    }
    return true;
  }

  private void ensureNamespace() {
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException raced) {
        // created concurrently: fine
      }
    }
  }
}

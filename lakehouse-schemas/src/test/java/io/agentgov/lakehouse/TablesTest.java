package io.agentgov.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesTest {

  @Test
  void docsListEveryTableExactlyAsDefined() throws Exception {
    Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/tables.md");
    String text = Files.readString(doc);
    int begin = text.indexOf(TableDocs.BEGIN);
    int end = text.indexOf(TableDocs.END);
    assertTrue(begin >= 0 && end > begin, "docs/tables.md lacks the generated-section markers");
    String inDoc = text.substring(begin, end + TableDocs.END.length() + 1);
    if (Boolean.getBoolean("agentgov.updateDocs")) { // scripts/update-table-docs
      Files.writeString(doc, text.substring(0, begin) + TableDocs.render() + text.substring(end + TableDocs.END.length() + 1));
      return;
    }
    assertEquals(TableDocs.render(), inDoc,
        "docs/tables.md disagrees with lakehouse-schemas/Tables.java: run scripts/update-table-docs and review the diff");
  }

  @Test
  void createdTablesCarryTheDefinedIdsAndEnsureIsIdempotent(@TempDir Path warehouse) {
    HadoopCatalog catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    TableManager manager = new TableManager(catalog, Namespace.of("lake"));

    List<TableManager.Outcome> first = manager.ensureAll();
    assertTrue(first.stream().allMatch(o -> o.action() == TableManager.Outcome.Action.CREATED), first.toString());
    for (TableDefinition definition : Tables.all()) {
      Table table = catalog.loadTable(manager.identifier(definition));
      assertEquals(definition.schema().asStruct(), table.schema().asStruct(), definition.name() + " field ids differ");
      assertEquals(definition.spec().fields().size(), table.spec().fields().size());
      assertEquals(definition.sortOrder().fields().size(), table.sortOrder().fields().size());
      assertEquals("zstd", table.properties().get("write.parquet.compression-codec"));
    }

    List<TableManager.Outcome> second = manager.ensureAll();
    assertTrue(second.stream().allMatch(o -> o.action() == TableManager.Outcome.Action.UNCHANGED), second.toString());
  }

  @Test
  void evolutionAddsMissingColumnsByNameAndKeepsData(@TempDir Path warehouse) {
    HadoopCatalog catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    TableManager manager = new TableManager(catalog, Namespace.of("lake"));
    manager.ensure(Tables.POLICIES);
    Table table = catalog.loadTable(manager.identifier(Tables.POLICIES));
    table.updateSchema().deleteColumn("rule_count").commit(); // an older table without a column

    TableManager.Outcome outcome = manager.ensure(Tables.POLICIES);

    assertEquals(TableManager.Outcome.Action.EVOLVED, outcome.action());
    table.refresh();
    Types.NestedField restored = table.schema().findField("rule_count");
    assertTrue(restored != null && restored.type().equals(Types.IntegerType.get()));
    assertEquals(TableManager.Outcome.Action.UNCHANGED, manager.ensure(Tables.POLICIES).action());
  }
}

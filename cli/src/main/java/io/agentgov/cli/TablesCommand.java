package io.agentgov.cli;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.TableManager;
import io.agentgov.lakehouse.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tables", mixinStandardHelpOptions = true, description = "Inspect the lakehouse tables.",
    subcommands = {TablesCommand.ListTables.class, TablesCommand.Describe.class, TablesCommand.History.class,
        TablesCommand.Ensure.class, TablesCommand.Export.class})
final class TablesCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every table with its row count and snapshot.")
  static final class ListTables extends Leaf implements Callable<Integer> {

    @Override
    public Integer call() {
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("%-20s %12s %20s  %s%n", "table", "rows", "snapshot", "purpose"));
        for (TableDefinition definition : Tables.all()) {
          long count = lake.read(definition).count();
          Long snapshot = lake.currentSnapshotId(definition);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("table", lake.name(definition));
          row.put("rows", count);
          row.put("snapshot_id", snapshot);
          rows.add(row);
          text.append(String.format("%-20s %,12d %20s  %s%n", definition.name(), count, snapshot == null ? "-" : snapshot,
              definition.purpose()));
        }
        global().print(rows, text.toString().stripTrailing());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Schema, partitioning, sort order, properties.")
  static final class Describe extends Leaf implements Callable<Integer> {

    @Parameters(paramLabel = "TABLE", description = "Table name, e.g. events.")
    String name;

    @Override
    public Integer call() {
      TableDefinition definition = table(name, spec);
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        Table table = lake.table(definition);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", lake.name(definition));
        out.put("purpose", definition.purpose());
        out.put("schema", table.schema().toString());
        out.put("partition_spec", table.spec().toString());
        out.put("sort_order", table.sortOrder().toString());
        out.put("properties", table.properties());
        out.put("location", table.location());
        global().print(out, lake.name(definition) + ": " + definition.purpose() + "\n" + table.schema()
            + "\npartitioned by " + table.spec() + "\nsorted by " + table.sortOrder() + "\nproperties " + table.properties()
            + "\nlocation " + table.location());
      }
      return 0;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Snapshots of a table, oldest first.")
  static final class History extends Leaf implements Callable<Integer> {

    @Parameters(paramLabel = "TABLE")
    String name;

    @Override
    public Integer call() {
      TableDefinition definition = table(name, spec);
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Snapshot s : lake.table(definition).snapshots()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("snapshot_id", s.snapshotId());
          row.put("committed_at", java.time.Instant.ofEpochMilli(s.timestampMillis()).toString());
          row.put("operation", s.operation());
          row.put("summary", s.summary());
          rows.add(row);
          text.append(String.format("%20d  %s  %-9s added-records=%s total-records=%s%n", s.snapshotId(),
              row.get("committed_at"), s.operation(), s.summary().get("added-records"), s.summary().get("total-records")));
        }
        global().print(rows, text.length() == 0 ? lake.name(definition) + " has no snapshots yet" : text.toString().stripTrailing());
      }
      return 0;
    }
  }

  @Command(name = "ensure", mixinStandardHelpOptions = true, description = "Create or evolve every table (idempotent).")
  static final class Ensure extends Leaf implements Callable<Integer> {

    @Override
    public Integer call() {
      try (Lakehouse lake = global().open(Path.of("warehouse"))) {
        TableManager manager = new TableManager(lake.icebergCatalog(),
            org.apache.iceberg.catalog.Namespace.of(lake.options().namespace()));
        List<TableManager.Outcome> outcomes = manager.ensureAll();
        global().print(outcomes, outcomes.stream().map(o -> o.table() + ": " + o.action() + (o.changes().isEmpty() ? ""
            : " " + o.changes())).reduce((a, b) -> a + "\n" + b).orElse(""));
      }
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write tables as JSON Lines, one folder of part files per table (OUT/<table>/part-*.json).",
          "Every column is written, nulls included; what one lakehouse holds can then be compared with another's."})
  static final class Export extends Leaf implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into, any Hadoop URI.")
    String out;

    @Parameters(arity = "0..*", paramLabel = "TABLE", description = "Tables to export (default: every table).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      List<TableDefinition> chosen = names.isEmpty() ? Tables.all() : names.stream().map(n -> table(n, spec)).toList();
      String root = IngestCommand.landingUri(out);
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TableDefinition definition : chosen) {
          String target = root.replaceFirst("/?$", "/") + definition.name();
          lake.describe("export", "export " + definition.name());
          lake.read(definition).write().mode("overwrite").option("ignoreNullFields", "false").json(target);
          // the count from the snapshot's metadata: one scan of the table (the write), no cache of it
          Long snapshot = lake.currentSnapshotId(definition);
          long count = snapshot == null ? 0
              : Long.parseLong(lake.table(definition).snapshot(snapshot).summary().getOrDefault("total-records", "0"));
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("table", definition.name());
          row.put("rows", count);
          row.put("path", target);
          rows.add(row);
          global().progress(String.format("%-26s %,12d rows -> %s", definition.name(), count, target));
        }
        if (global().json) {
          global().print(rows, "");
        }
      }
      return 0;
    }
  }

  static TableDefinition table(String name, picocli.CommandLine.Model.CommandSpec spec) {
    try {
      return Tables.byName(name);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

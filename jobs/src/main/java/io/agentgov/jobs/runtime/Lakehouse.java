package io.agentgov.jobs.runtime;

import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.TableManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common runner state every job gets: one SparkSession, the Iceberg catalog behind the
 * configured Spark catalog, and the tables made sure to exist. Jobs never build sessions or
 * catalogs themselves, so a cluster or another catalog is configuration only.
 */
public final class Lakehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lakehouse.class);

  private final SparkSession spark;
  private final RuntimeOptions options;
  private final boolean ownsSession;
  private TableManager tables;

  private Lakehouse(SparkSession spark, RuntimeOptions options, boolean ownsSession) {
    this.spark = spark;
    this.options = options;
    this.ownsSession = ownsSession;
  }

  /** What a command does with the lakehouse it opens. */
  public enum Access {
    /** It may create the lakehouse: tables are created or evolved on first use (ingest, nightly, ...). */
    CREATE,
    /**
     * It reads or maintains a lakehouse that must already hold agentgov tables (reports, findings,
     * tables list, maintain): a wrong warehouse or catalog is an error, never an empty lakehouse.
     */
    EXISTING
  }

  /** Starts (or joins, under spark-submit) the session these options describe, for a command that may create tables. */
  public static Lakehouse open(RuntimeOptions options) {
    return open(options, Access.CREATE);
  }

  /**
   * Checks the warehouse and catalog ({@link LakehouseCheck}), then starts (or joins, under
   * spark-submit) the session these options describe. The check runs first so that a configuration
   * error is one line, before Spark logs anything, and nothing is written.
   */
  public static Lakehouse open(RuntimeOptions options, Access access) {
    // spark-submit hands its settings to the driver as spark.* system properties: they are kept
    Map<String, String> submitted = RuntimeOptions.submitted();
    LakehouseCheck.check(options, options.effectiveConf(submitted), access);
    SparkSession.Builder builder = SparkSession.builder();
    if (System.getProperty("spark.app.name") == null) {
      builder.appName("agentgov"); // spark-submit --name (an Airflow task's name) wins
    }
    if (options.master() != null) {
      builder.master(options.master());
    }
    options.sparkConf(submitted).forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    LOG.info("Spark {} master {} catalog {}", spark.version(), spark.sparkContext().master(), options.catalog());
    return new Lakehouse(spark, options, true);
  }

  /** Wraps a session someone else owns (tests share one per JVM); {@link #close} leaves it running. */
  public static Lakehouse attach(SparkSession spark, RuntimeOptions options) {
    return new Lakehouse(spark, options, false);
  }

  public SparkSession spark() {
    return spark;
  }

  public RuntimeOptions options() {
    return options;
  }

  public Catalog icebergCatalog() {
    CatalogPlugin plugin = spark.sessionState().catalogManager().catalog(options.catalog());
    if (!(plugin instanceof SparkCatalog sparkCatalog)) {
      throw new IllegalStateException("Cannot use catalog " + options.catalog() + ": it is a "
          + plugin.getClass().getName() + ", not an Iceberg SparkCatalog (set spark.sql.catalog."
          + options.catalog() + "=org.apache.iceberg.spark.SparkCatalog)");
    }
    return sparkCatalog.icebergCatalog();
  }

  /** Creates or evolves every table once per session (idempotent) and returns the manager. */
  public synchronized TableManager tables() {
    if (tables == null) {
      tables = new TableManager(icebergCatalog(), Namespace.of(options.namespace()));
      List<TableManager.Outcome> outcomes = tables.ensureAll();
      outcomes.stream().filter(o -> o.action() != TableManager.Outcome.Action.UNCHANGED)
          .forEach(o -> LOG.info("table {}: {} {}", o.table(), o.action(), o.changes()));
    }
    return tables;
  }

  /** The Spark SQL name of a table, e.g. {@code agentgov.lake.events}. */
  public String name(TableDefinition table) {
    tables();
    return qualified(table);
  }

  private String qualified(TableDefinition table) {
    return options.catalog() + "." + options.namespace() + "." + table.name();
  }

  /**
   * A table's rows if the table exists, without creating or evolving any table: what the checks a
   * job runs before its first write read.
   */
  public Optional<Dataset<Row>> readIfExists(TableDefinition table) {
    boolean exists = icebergCatalog().tableExists(TableIdentifier.of(Namespace.of(options.namespace()), table.name()));
    return exists ? Optional.of(spark.table(qualified(table))) : Optional.empty();
  }

  public Table table(TableDefinition table) {
    return icebergCatalog().loadTable(tables().identifier(table));
  }

  public Dataset<Row> read(TableDefinition table) {
    return spark.table(name(table));
  }

  /** A table as it stood at a snapshot (Iceberg time travel): what reports and digests read. */
  public Dataset<Row> readAt(TableDefinition table, long snapshotId) {
    return spark.read().format("iceberg").option("snapshot-id", snapshotId).load(name(table));
  }

  /**
   * The Spark schema of a table as defined in code, in definition order. Rows built in code follow
   * it; writes resolve columns by name, so they stay right on a table whose evolution appended
   * columns in another order.
   */
  public static org.apache.spark.sql.types.StructType sparkSchema(TableDefinition table) {
    return org.apache.iceberg.spark.SparkSchemaUtil.convert(table.schema());
  }

  /** The current snapshot id of a table, or null while it has none. */
  public Long currentSnapshotId(TableDefinition table) {
    Table t = table(table);
    t.refresh();
    Snapshot current = t.currentSnapshot();
    return current == null ? null : current.snapshotId();
  }

  /** When a snapshot of a table was committed: the "data as of" time of a report read at it. */
  public java.time.Instant committedAt(TableDefinition table, long snapshotId) {
    Snapshot snapshot = table(table).snapshot(snapshotId);
    if (snapshot == null) {
      throw new IllegalArgumentException("Cannot find snapshot " + snapshotId + " of " + name(table));
    }
    return java.time.Instant.ofEpochMilli(snapshot.timestampMillis());
  }

  /**
   * Appends rows to a table by column name and returns the snapshot the append committed. Required
   * columns often arrive as nullable after Spark projections; the nullability check is off because
   * the writers guarantee the values (a null in a required column still fails the write).
   */
  public long append(TableDefinition table, Dataset<Row> rows) {
    appendTo(name(table), rows);
    return currentSnapshotId(table);
  }

  /** Appends rows to a table or a branch of one ({@link #createBranch}) by its identifier, as {@link #append} does. */
  public void appendTo(String identifier, Dataset<Row> rows) {
    write(identifier, rows, true);
  }

  /**
   * Appends rows grouped by a partition column within each write task and otherwise in the order
   * the task produced them, instead of sorted by the table's sort order. For a write whose sort
   * would buy no pruning: ingest's events, in landing-file order (docs/ingest.md, "Order within a
   * file"); compaction applies the sort order. Grouping by a date is a radix sort on one int, and
   * Iceberg then writes one partition's file at a time. (Its fanout writer, which needs no
   * grouping, keeps a file open for every partition a task touches: a landing file of 60,000
   * events over 3,000 days ran a 2 GB heap out of memory.)
   */
  public void appendInArrivalOrder(String identifier, Dataset<Row> rows, String partitionColumn) {
    write(identifier, rows.sortWithinPartitions(partitionColumn), false);
  }

  private void write(String identifier, Dataset<Row> rows, boolean tableOrder) {
    try {
      var writer = rows.writeTo(identifier).option("check-nullability", "false");
      if (!tableOrder) {
        writer = writer.option("use-table-distribution-and-ordering", "false").option("fanout-enabled", "false");
      }
      writer.append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot append to " + identifier + ": the table vanished during the run", e);
    }
  }

  /**
   * Creates a branch of a table at its current state (Iceberg branches): a run writes and audits its
   * rows there, invisible to readers of the table, then {@link #publish}es them or drops the branch.
   * Returns the branch's identifier for reads and writes.
   */
  public String createBranch(TableDefinition table, String branch) {
    table(table).manageSnapshots().createBranch(branch).commit();
    return name(table) + ".branch_" + branch;
  }

  /** The branches of a table whose names start with {@code prefix}. */
  public List<String> branches(TableDefinition table, String prefix) {
    Table t = table(table);
    t.refresh();
    return t.refs().entrySet().stream().filter(e -> e.getValue().isBranch() && e.getKey().startsWith(prefix))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * Publishes a branch ({@link #createBranch}): the table's main branch is fast-forwarded to it and
   * the branch removed, in one metadata commit; no data file is rewritten. Fails if main moved since
   * the branch was created.
   */
  public long publish(TableDefinition table, String branch) {
    Table t = table(table);
    t.refresh();
    t.manageSnapshots().fastForwardBranch(org.apache.iceberg.SnapshotRef.MAIN_BRANCH, branch).removeBranch(branch).commit();
    return currentSnapshotId(table);
  }

  /** Removes a branch; its snapshots are left to snapshot expiry. */
  public void dropBranch(TableDefinition table, String branch) {
    Table t = table(table);
    t.refresh();
    t.manageSnapshots().removeBranch(branch).commit();
  }

  /**
   * Replaces the rows of a table that match a condition on its partition columns with new rows, in
   * one commit (an Iceberg overwrite by filter): how derived tables re-run a night or a range.
   */
  public long overwrite(TableDefinition table, Dataset<Row> rows, org.apache.spark.sql.Column partitionCondition) {
    try {
      rows.writeTo(name(table)).option("check-nullability", "false").overwrite(partitionCondition);
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot overwrite " + name(table) + ": the table vanished during the run", e);
    }
    return currentSnapshotId(table);
  }

  /** Names the running stage in the Spark UI and logs, as Iceberg's actions do. */
  public void describe(String jobGroup, String description) {
    spark.sparkContext().setJobGroup(jobGroup, description, false);
  }

  @Override
  public void close() {
    if (ownsSession) {
      spark.stop();
    }
  }
}

package io.agentgov.jobs;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM (starting one costs seconds), with an Iceberg Hadoop catalog
 * in a temporary warehouse. Each test class gets its own namespace, so classes never see each
 * other's tables.
 */
public final class SharedSpark {
  private static Lakehouse shared;
  private static Path warehouse;

  private SharedSpark() {}

  private static synchronized Lakehouse session() {
    if (shared == null) {
      try {
        warehouse = Files.createTempDirectory("agentgov-test-warehouse");
      } catch (IOException e) {
        throw new IllegalStateException("Cannot create a test warehouse", e);
      }
      RuntimeOptions options = new RuntimeOptions("local[2]", warehouse.toUri().toString(), RuntimeOptions.DEFAULT_CATALOG,
          "shared", java.util.Map.of("spark.sql.shuffle.partitions", "4", "spark.default.parallelism", "2"));
      shared = Lakehouse.open(options);
    }
    return shared;
  }

  /** A lakehouse in its own namespace on the shared session. */
  public static Lakehouse lakehouse(String namespace) {
    Lakehouse base = session();
    RuntimeOptions o = base.options();
    return Lakehouse.attach(base.spark(),
        new RuntimeOptions(o.master(), o.warehouse(), o.catalog(), namespace, o.conf()));
  }

  public static SparkSession spark() {
    return session().spark();
  }
}

package io.agentgov.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who wins when the embedded defaults, spark-submit and the command line configure the same key. */
class RuntimeOptionsTest {
  private static final String CATALOG = "spark.sql.catalog.agentgov";

  @Test
  void theEmbeddedDefaultIsAHadoopCatalogInTheWarehouse() {
    Map<String, String> conf = RuntimeOptions.local("/w").sparkConf(Map.of());
    assertEquals("hadoop", conf.get(CATALOG + ".type"));
    assertEquals("/w", conf.get(CATALOG + ".warehouse"));
    assertEquals("false", conf.get("spark.ui.enabled"));
    assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
  }

  @Test
  void aCatalogFromSparkSubmitReplacesTheDefaultOneAndIsNotOverridden() {
    RuntimeOptions underSubmit = new RuntimeOptions(null, "/w", "agentgov", "lake", Map.of());
    Map<String, String> submitted = Map.of("spark.master", "spark://127.0.0.1:7077",
        CATALOG + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog", "spark.sql.shuffle.partitions", "64");
    Map<String, String> conf = underSubmit.sparkConf(submitted);
    assertNull(conf.get(CATALOG + ".type"), "a type beside catalog-impl makes Iceberg refuse the catalog");
    assertFalse(conf.containsKey(CATALOG + ".warehouse"));
    assertFalse(conf.containsKey("spark.sql.shuffle.partitions"), "spark-submit's value must stand");
    assertFalse(conf.containsKey("spark.ui.enabled"), "a cluster run keeps its UI");
    assertEquals("org.apache.iceberg.spark.SparkCatalog", conf.get(CATALOG));
  }

  @Test
  void theCommandLineWinsOverSparkSubmitAndOtherExtensionsKeepIceberg() {
    RuntimeOptions options = new RuntimeOptions(null, "/w", "agentgov", "lake",
        Map.of("spark.sql.shuffle.partitions", "8", CATALOG + ".type", "rest"));
    Map<String, String> conf = options.sparkConf(Map.of("spark.master", "local[2]", "spark.sql.shuffle.partitions", "64",
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension"));
    assertEquals("8", conf.get("spark.sql.shuffle.partitions"));
    assertEquals("rest", conf.get(CATALOG + ".type"));
    assertFalse(conf.containsKey(CATALOG + ".warehouse"));
    assertEquals("io.delta.sql.DeltaSparkSessionExtension," + RuntimeOptions.ICEBERG_EXTENSIONS, conf.get("spark.sql.extensions"));
  }

  @Test
  void aRestCatalogWaitsSecondsNotMinutesForAConnectionUnlessToldOtherwise() {
    String timeout = CATALOG + ".rest.client.connection-timeout-ms";
    RuntimeOptions rest = new RuntimeOptions(null, "/w", "agentgov", "lake", Map.of(CATALOG + ".type", "rest"));
    assertEquals(RuntimeOptions.REST_CONNECTION_TIMEOUT_MS, rest.sparkConf(Map.of()).get(timeout));
    assertFalse(rest.sparkConf(Map.of(timeout, "2500")).containsKey(timeout), "spark-submit's value must stand");
    RuntimeOptions own = new RuntimeOptions(null, "/w", "agentgov", "lake", Map.of(CATALOG + ".type", "rest", timeout, "2500"));
    assertEquals("2500", own.sparkConf(Map.of()).get(timeout));
    assertFalse(RuntimeOptions.local("/w").sparkConf(Map.of()).containsKey(timeout), "only a REST catalog has the setting");
  }

  @Test
  void checksBeforeSparkStartsSeeTheHadoopSettingsSparkWould() {
    RuntimeOptions options = new RuntimeOptions(null, "/w", "agentgov", "lake",
        Map.of("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"));
    assertEquals("http://127.0.0.1:9000", options.hadoopConfiguration().get("fs.s3a.endpoint"));
  }
}

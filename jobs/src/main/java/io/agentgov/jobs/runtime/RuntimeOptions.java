package io.agentgov.jobs.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Where jobs run and which lakehouse they use. The embedded default is Spark {@code local[*]} with
 * an Iceberg Hadoop catalog in a local warehouse folder; a cluster or another catalog (REST, Hive,
 * JDBC) is only configuration: {@code --master} and {@code --conf spark.sql.catalog.<catalog>.*=...},
 * which override the defaults set here.
 *
 * @param master    Spark master URL, or null to take it from spark-submit / spark-defaults
 * @param warehouse warehouse location of the default Hadoop catalog (any Hadoop URI)
 * @param catalog   Spark catalog name the tables live in
 * @param namespace Iceberg namespace of the tables
 * @param conf      extra Spark configuration, applied last
 */
public record RuntimeOptions(String master, String warehouse, String catalog, String namespace, Map<String, String> conf) {
  public static final String DEFAULT_CATALOG = "agentgov";
  public static final String DEFAULT_NAMESPACE = "lake";
  static final String ICEBERG_EXTENSIONS = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";
  /**
   * Iceberg's REST client waits up to HttpClient's default of 3 minutes for a connection; a catalog
   * that is down or unreachable should fail a command in seconds, not stall a nightly run.
   */
  static final String REST_CONNECTION_TIMEOUT_MS = "10000";

  public RuntimeOptions {
    conf = Map.copyOf(conf);
  }

  public static RuntimeOptions local(String warehouse) {
    return new RuntimeOptions("local[*]", warehouse, DEFAULT_CATALOG, DEFAULT_NAMESPACE, Map.of());
  }

  /**
   * The Spark configuration to apply to the session, given what spark-submit already set
   * ({@code --conf}, {@code --properties-file}, {@code spark-defaults.conf}). Precedence: this
   * command's {@link #conf}, then {@code submitted}, then the defaults here. A catalog configured
   * either way ({@code .type} or {@code .catalog-impl}) replaces the default Hadoop catalog.
   */
  public Map<String, String> sparkConf(Map<String, String> submitted) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.sql.extensions", ICEBERG_EXTENSIONS);
    String prefix = "spark.sql.catalog." + catalog;
    c.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    boolean otherCatalog = Stream.of(prefix + ".type", prefix + ".catalog-impl")
        .anyMatch(k -> conf.containsKey(k) || submitted.containsKey(k));
    if (!otherCatalog) {
      c.put(prefix + ".type", "hadoop");
      c.put(prefix + ".warehouse", warehouse);
    }
    String type = conf.getOrDefault(prefix + ".type", submitted.get(prefix + ".type"));
    String impl = conf.getOrDefault(prefix + ".catalog-impl", submitted.get(prefix + ".catalog-impl"));
    if ("rest".equals(type) || "org.apache.iceberg.rest.RESTCatalog".equals(impl)) {
      c.put(prefix + ".rest.client.connection-timeout-ms", REST_CONNECTION_TIMEOUT_MS);
    }
    c.put("spark.sql.session.timeZone", "UTC");
    c.put("spark.sql.datetime.java8API.enabled", "true");
    c.put("spark.ui.showConsoleProgress", "false");
    boolean local = master != null ? master.startsWith("local") : submitted.getOrDefault("spark.master", "").startsWith("local");
    if (local) {
      c.put("spark.ui.enabled", "false"); // nobody looks at a laptop run's UI; a cluster keeps it
      // small machines: 200 shuffle partitions cost more in task overhead than they bring
      c.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
      c.put("spark.driver.host", "127.0.0.1");
      c.put("spark.driver.bindAddress", "127.0.0.1");
    }
    c.keySet().removeAll(submitted.keySet());
    // other session extensions submitted (Delta, say) keep ours beside them: MERGE and CALL need it
    String extensions = submitted.get("spark.sql.extensions");
    if (extensions != null && !extensions.contains(ICEBERG_EXTENSIONS)) {
      c.put("spark.sql.extensions", extensions + "," + ICEBERG_EXTENSIONS);
    }
    c.putAll(conf);
    return c;
  }

  /** What spark-submit set for the driver ({@code spark.*} system properties); nothing outside spark-submit. */
  public static Map<String, String> submitted() {
    Map<String, String> submitted = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> kv : new org.apache.spark.SparkConf(true).getAll()) {
      submitted.put(kv._1(), kv._2());
    }
    return submitted;
  }

  /** Every setting the session gets: {@code submitted} overlaid with {@link #sparkConf}. */
  public Map<String, String> effectiveConf(Map<String, String> submitted) {
    Map<String, String> effective = new LinkedHashMap<>(submitted);
    effective.putAll(sparkConf(submitted));
    return effective;
  }

  /**
   * The Hadoop configuration Spark will derive from the settings: its defaults plus every
   * {@code spark.hadoop.*} key without the prefix (Spark's rule). Checks that run before the session
   * starts (a landing folder, a warehouse) reach file systems with it, credentials included.
   */
  public Configuration hadoopConfiguration() {
    return hadoopConfiguration(effectiveConf(submitted()));
  }

  static Configuration hadoopConfiguration(Map<String, String> effective) {
    Configuration hadoop = new Configuration();
    effective.forEach((key, value) -> {
      if (key.startsWith("spark.hadoop.")) {
        hadoop.set(key.substring("spark.hadoop.".length()), value);
      }
    });
    return hadoop;
  }
}

package io.agentgov.jobs.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

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

  public RuntimeOptions {
    conf = Map.copyOf(conf);
  }

  public static RuntimeOptions local(String warehouse) {
    return new RuntimeOptions("local[*]", warehouse, DEFAULT_CATALOG, DEFAULT_NAMESPACE, Map.of());
  }

  /** The Spark configuration these options stand for; user {@link #conf} wins over every default. */
  public Map<String, String> sparkConf() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    String prefix = "spark.sql.catalog." + catalog;
    c.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    boolean otherCatalog = conf.containsKey(prefix + ".type") || conf.containsKey(prefix + ".catalog-impl");
    if (!otherCatalog) {
      c.put(prefix + ".type", "hadoop");
      c.put(prefix + ".warehouse", warehouse);
    }
    c.put("spark.sql.session.timeZone", "UTC");
    c.put("spark.sql.datetime.java8API.enabled", "true");
    c.put("spark.ui.enabled", "false");
    c.put("spark.ui.showConsoleProgress", "false");
    if (master != null && master.startsWith("local")) {
      // small machines: 200 shuffle partitions cost more in task overhead than they bring
      c.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
      c.put("spark.driver.host", "127.0.0.1");
      c.put("spark.driver.bindAddress", "127.0.0.1");
    }
    c.putAll(conf);
    return c;
  }
}

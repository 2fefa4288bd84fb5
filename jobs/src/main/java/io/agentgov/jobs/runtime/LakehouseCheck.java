package io.agentgov.jobs.runtime;

import io.agentgov.lakehouse.TableDefinition;
import io.agentgov.lakehouse.Tables;
import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;

/**
 * Checks, before the Spark session starts, that the lakehouse a command is configured for can be
 * used, so that a configuration error is one line naming the problem and nothing is written:
 * <ul>
 *   <li>the default Hadoop catalog's warehouse: a file system exists for its scheme, it is not a
 *       file (nor inside one), and, for a command that may create tables, this user may write the
 *       folder or the nearest existing folder above it;</li>
 *   <li>any Iceberg catalog: it can be built from its {@code spark.sql.catalog.<name>.*} settings
 *       (the same way Iceberg's {@link SparkCatalog} builds it) and answers a listing of the
 *       namespace; errors name the catalog and its address;</li>
 *   <li>for a command that needs an existing lakehouse: the namespace holds agentgov tables, so a
 *       wrong {@code --warehouse} or catalog is reported instead of an empty lakehouse created.</li>
 * </ul>
 */
final class LakehouseCheck {
  private LakehouseCheck() {}

  static void check(RuntimeOptions options, Map<String, String> effective, Lakehouse.Access access) {
    String prefix = "spark.sql.catalog." + options.catalog();
    if (!SparkCatalog.class.getName().equals(effective.get(prefix))) {
      return; // not an Iceberg SparkCatalog: Lakehouse.icebergCatalog says so when it is first used
    }
    Map<String, String> properties = new LinkedHashMap<>();
    effective.forEach((key, value) -> {
      if (key.startsWith(prefix + ".")) {
        properties.put(key.substring(prefix.length() + 1), value);
      }
    });
    Configuration hadoop = RuntimeOptions.hadoopConfiguration(effective);
    // per-catalog Hadoop settings, as SparkCatalog applies them
    properties.forEach((key, value) -> {
      if (key.startsWith("hadoop.")) {
        hadoop.set(key.substring("hadoop.".length()), value);
      }
    });
    boolean hadoopCatalog = "hadoop".equals(properties.get("type")) && !properties.containsKey("catalog-impl");
    if (hadoopCatalog) {
      warehouse(properties.get("warehouse"), hadoop, access);
    }
    String where = describe(options.catalog(), properties, hadoopCatalog);
    Catalog catalog;
    List<TableIdentifier> tables;
    try {
      catalog = CatalogUtil.buildIcebergCatalog(options.catalog(), properties, hadoop);
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a catalog whose client jars are missing (Hive, Glue: docs/deployment.md)
      throw unusable(where, e, options.catalog());
    }
    try {
      Namespace namespace = Namespace.of(options.namespace());
      boolean exists = !(catalog instanceof SupportsNamespaces namespaces) || namespaces.namespaceExists(namespace);
      tables = exists ? catalog.listTables(namespace) : List.of();
    } catch (RuntimeException | LinkageError e) {
      throw unusable(where, e, options.catalog());
    } finally {
      close(catalog);
    }
    if (access == Lakehouse.Access.EXISTING && tables.stream().noneMatch(LakehouseCheck::agentgovTable)) {
      throw new IllegalStateException("Cannot read the lakehouse in " + where + ": namespace " + options.namespace()
          + " holds no agentgov tables; run ingest into it first, or point " + (hadoopCatalog ? "--warehouse" : "the catalog")
          + " at an existing lakehouse");
    }
  }

  private static boolean agentgovTable(TableIdentifier id) {
    return Tables.all().stream().map(TableDefinition::name).anyMatch(id.name()::equals);
  }

  /** The warehouse of the Hadoop catalog: a folder (or a place one can be created) on a known file system. */
  private static void warehouse(String location, Configuration hadoop, Lakehouse.Access access) {
    Path path = new Path(location);
    FileSystem fs;
    try {
      fs = path.getFileSystem(hadoop);
    } catch (UnsupportedFileSystemException | RuntimeException e) {
      // unknown schemes are unsupported; schemes Hadoop knows but whose connector jar is missing
      // (s3a without hadoop-aws) fail with a ClassNotFoundException wrapped in a RuntimeException
      throw new IllegalArgumentException("Cannot use the warehouse " + location + ": Hadoop has no file system for the scheme \""
          + path.toUri().getScheme() + "\" on the classpath; use a local path or an hdfs: URI, or add the connector"
          + " (s3a, abfss and gs need theirs: docs/deployment.md)", e);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach the warehouse " + location + ": " + e.getMessage(), e);
    }
    // the warehouse, or the nearest folder above it that exists: that is where tables get created
    Path existing = path;
    FileStatus status = status(fs, existing, location);
    while (status == null && existing.getParent() != null) {
      existing = existing.getParent();
      status = status(fs, existing, location);
    }
    String what = existing.equals(path) ? "it" : existing.toString();
    if (status != null && !status.isDirectory()) {
      throw new IllegalArgumentException("Cannot use the warehouse " + location + ": " + what + " is a file, not a folder;"
          + " give --warehouse a folder (it is created when missing)");
    }
    if (status != null && access == Lakehouse.Access.CREATE) {
      try {
        fs.access(existing, FsAction.WRITE);
      } catch (AccessControlException e) {
        throw new IllegalArgumentException("Cannot use the warehouse " + location + ": " + what + " is not writable by "
            + user() + " (" + status.getPermission() + " " + status.getOwner() + "); give --warehouse a folder this user can"
            + " write", e);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot reach the warehouse " + location + ": " + e.getMessage(), e);
      }
    }
  }

  private static FileStatus status(FileSystem fs, Path path, String location) {
    try {
      return fs.getFileStatus(path);
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach the warehouse " + location + ": " + e.getMessage(), e);
    }
  }

  private static String user() {
    try {
      return UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return "this user";
    }
  }

  /** "catalog agentgov (rest at http://host)", "the warehouse /w (catalog agentgov)", never a password. */
  private static String describe(String name, Map<String, String> properties, boolean hadoopCatalog) {
    if (hadoopCatalog) {
      return "the warehouse " + properties.get("warehouse") + " (catalog " + name + ")";
    }
    String impl = properties.get("catalog-impl");
    String kind = impl != null ? impl.substring(impl.lastIndexOf('.') + 1) : properties.getOrDefault("type", "?");
    String address = properties.getOrDefault("uri", properties.get("warehouse"));
    return "catalog " + name + " (" + kind + (address == null ? "" : " at " + redact(address)) + ")";
  }

  /** An address as it may be shown: a password given in a JDBC URL or URI is not. */
  static String redact(String address) {
    return address.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }

  private static IllegalStateException unusable(String where, Throwable e, String name) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause().getMessage() != null) {
      root = root.getCause();
    }
    return new IllegalStateException("Cannot open " + where + ": " + redact(String.valueOf(root.getMessage()).strip())
        + "; check that it is running and reachable from here, and its settings spark.sql.catalog." + name
        + ".* (docs/deployment.md, Catalogs)", e);
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        // a probe that could not close its client has still answered; the session builds its own
      }
    }
  }
}

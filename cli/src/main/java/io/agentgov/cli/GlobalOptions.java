package io.agentgov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.RuntimeOptions;
import io.agentgov.jobs.runtime.TerminalText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes: where the lakehouse is and how Spark runs, and the output form. */
final class GlobalOptions {
  @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Warehouse of the embedded Hadoop catalog (default: ./warehouse; demo: <dir>/warehouse).")
  String warehouse;

  @Option(names = "--catalog", scope = ScopeType.INHERIT, defaultValue = RuntimeOptions.DEFAULT_CATALOG,
      description = "Spark catalog holding the tables (default: ${DEFAULT-VALUE}); configure another with --conf.")
  String catalog;

  @Option(names = "--master", scope = ScopeType.INHERIT,
      description = "Spark master (default: local[*], or what spark-submit set).")
  String master;

  @Option(names = "--conf", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
      description = "Spark configuration, e.g. spark.sql.catalog.agentgov.type=rest; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON.")
  boolean json;

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  RuntimeOptions runtime(Path defaultWarehouse) {
    String master = this.master;
    if (master == null && System.getProperty("spark.master") == null) {
      master = "local[*]"; // not under spark-submit: the embedded default
    }
    String where = warehouse != null ? warehouse : defaultWarehouse.toAbsolutePath().toString();
    return new RuntimeOptions(master, where, catalog, RuntimeOptions.DEFAULT_NAMESPACE, conf);
  }

  /** The lakehouse of a command that may create it (its tables are created on first use). */
  Lakehouse open(Path defaultWarehouse) {
    return Lakehouse.open(runtime(defaultWarehouse), Lakehouse.Access.CREATE);
  }

  /** The lakehouse of a command that reads or maintains one: it must already hold agentgov tables. */
  Lakehouse openExisting(Path defaultWarehouse) {
    return Lakehouse.open(runtime(defaultWarehouse), Lakehouse.Access.EXISTING);
  }

  /** Prints a result: JSON with --json, else the human text, with control characters shown ({@link TerminalText}). */
  void print(Object result, String human) {
    if (json) {
      try {
        System.out.println(JSON.writeValueAsString(result));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("Cannot print the result as JSON: " + e.getOriginalMessage(), e);
      }
    } else {
      System.out.println(TerminalText.safe(human));
    }
  }

  void progress(String line) {
    if (!json) {
      System.out.println(TerminalText.safe(line));
    } else {
      System.err.println(TerminalText.safe(line));
    }
  }
}

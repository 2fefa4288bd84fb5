package io.agentgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.cli.AgentGovCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration errors as an operator meets them (issue 10): a wrong warehouse, an unreachable
 * catalog, a missing landing day, a policy with a gap or an overlap between tiers. Each must be
 * exactly one line on stderr that names what is wrong and what to do, exit code 1, and nothing
 * written: every file and folder under the test's folder is listed before and after. The checks run
 * before Spark starts, so each case takes a moment, not a session start.
 */
class ConfigurationErrorTest {
  static final String DAY = "2026-03-02";

  @TempDir
  Path dir;
  String landing;

  /** A landing folder whose day {@link #DAY} was delivered empty (its events folder exists). */
  @BeforeEach
  void landing() throws IOException {
    Files.createDirectories(dir.resolve("landing/events/" + DAY));
    landing = dir.resolve("landing").toString();
  }

  /**
   * Runs the command and asserts how it fails: exit 1, one line {@code agentgov <command>: error: ...}
   * holding every part, no stack trace, within {@code seconds}, nothing under the test's folder changed.
   */
  Run fails(String command, List<String> parts, String... args) throws IOException {
    Map<String, String> before = listing(dir);
    Instant start = Instant.now();
    Run r = AgentGovCliTest.run(args);
    Duration took = Duration.between(start, Instant.now());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("agentgov " + command + ": error: "), r.err());
    if (System.getenv("AGENTGOV_DEBUG") == null) {
      assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
    }
    for (String part : parts) {
      assertTrue(r.err().contains(part), "\"" + part + "\" not in: " + r.err());
    }
    assertTrue(took.toSeconds() < 30, "a configuration error is reported fast, not after retries: " + took);
    assertEquals(before, listing(dir), "nothing written by: " + String.join(" ", args));
    return r;
  }

  /** Every path under {@code root} with its size and modification time (folders: just the path). */
  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "folder"
            : Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  String[] ingest(String warehouse, String... more) {
    return Stream.concat(Stream.of("--warehouse", warehouse, "ingest", "--landing", landing, "--date", DAY), Stream.of(more))
        .toArray(String[]::new);
  }

  // ---------------------------------------------------------------- a wrong warehouse

  @Test
  void aWarehouseThatIsAFileOrInsideOne() throws IOException {
    Path file = Files.writeString(dir.resolve("warehouse.txt"), "not a folder");
    fails("ingest", List.of("Cannot use the warehouse " + file + ": it is a file, not a folder", "give --warehouse a folder"),
        ingest(file.toString()));
    fails("ensure", List.of("Cannot use the warehouse " + file + "/wh: " + file + " is a file, not a folder"),
        "--warehouse", file + "/wh", "tables", "ensure");
  }

  @Test
  void aWarehouseThisUserCannotWrite() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      fails("ingest", List.of("Cannot use the warehouse " + readOnly + "/wh: " + readOnly + " is not writable by ",
          "r-xr-xr-x", "give --warehouse a folder this user can write"), ingest(readOnly + "/wh"));
      fails("ensure", List.of("Cannot use the warehouse " + readOnly + ": it is not writable by "),
          "--warehouse", readOnly.toString(), "tables", "ensure");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aWarehouseOnAFileSystemHadoopDoesNotHave() throws IOException {
    fails("ingest", List.of("Cannot use the warehouse foo://bucket/wh: Hadoop has no file system for the scheme \"foo\"",
        "add the connector"), ingest("foo://bucket/wh"));
    // a scheme Hadoop knows whose connector is not in the jar (hadoop-aws)
    fails("list", List.of("Cannot use the warehouse s3a://bucket/wh: Hadoop has no file system for the scheme \"s3a\""),
        "--warehouse", "s3a://bucket/wh", "tables", "list");
  }

  @Test
  void readingCommandsNeverCreateAnEmptyLakehouse() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    for (Path warehouse : List.of(empty, dir.resolve("missing"))) {
      List<String> parts = List.of("Cannot read the lakehouse in the warehouse " + warehouse,
          "namespace lake holds no agentgov tables; run ingest into it first, or point --warehouse at an existing lakehouse");
      String wh = warehouse.toString();
      fails("list", parts, "--warehouse", wh, "tables", "list");
      fails("findings", parts, "--warehouse", wh, "findings");
      fails("compliance", parts, "--warehouse", wh, "report", "compliance", "--period", "2026-03", "--out",
          dir.resolve("reports").toString());
      fails("ingest", parts, "--warehouse", wh, "report", "ingest", "--from", DAY, "--to", DAY, "--out",
          dir.resolve("reports").toString());
      fails("maintain", parts, "--warehouse", wh, "maintain");
    }
  }

  // ---------------------------------------------------------------- an unreachable catalog

  @Test
  void anUnreachableRestCatalog() throws IOException {
    fails("ingest", List.of("Cannot open catalog agentgov (rest at http://127.0.0.1:1): ", "Connection refused",
        "check that it is running and reachable from here, and its settings spark.sql.catalog.agentgov.*"),
        ingest(dir.resolve("wh").toString(), "--conf", "spark.sql.catalog.agentgov.type=rest",
            "--conf", "spark.sql.catalog.agentgov.uri=http://127.0.0.1:1"));
  }

  @Test
  void anUnreachableJdbcCatalogAndNoPasswordInTheMessage() throws IOException {
    String[] catalog = {"--conf", "spark.sql.catalog.agentgov.catalog-impl=org.apache.iceberg.jdbc.JdbcCatalog",
        "--conf", "spark.sql.catalog.agentgov.uri=jdbc:postgresql://127.0.0.1:1/x?user=agentgov&password=hunter2",
        "--conf", "spark.sql.catalog.agentgov.warehouse=" + dir.resolve("jdbc-warehouse")};
    List<String> parts = List.of("Cannot open catalog agentgov (JdbcCatalog at jdbc:postgresql://127.0.0.1:1/x?user=agentgov"
        + "&password=***): ", "Connection refused");
    Run write = fails("ingest", parts, Stream.concat(Stream.of(catalog), Stream.of(ingest(dir.resolve("wh").toString())))
        .toArray(String[]::new));
    Run read = fails("compliance", parts, Stream.concat(Stream.of(catalog), Stream.of("report", "compliance", "--period",
        "2026-03", "--out", dir.resolve("reports").toString())).toArray(String[]::new));
    for (Run r : List.of(write, read)) {
      assertFalse(r.err().contains("hunter2"), r.err());
    }
  }

  // ---------------------------------------------------------------- a missing landing day

  @Test
  void aMissingLandingRootOrDay() throws IOException {
    String wh = dir.resolve("wh").toString();
    fails("ingest", List.of("Cannot ingest from " + dir.resolve("nowhere").toUri(), "the landing folder does not exist",
        "give it with --landing"), "--warehouse", wh, "ingest", "--landing", dir.resolve("nowhere").toString(), "--date", DAY);
    String root = dir.resolve("landing").toUri().toString().replaceFirst("/$", "");
    List<String> noMarch3 = List.of("Cannot ingest 2026-03-03 from " + root + ": ",
        "nothing landed for that day (none of events/2026-03-03/, otel/2026-03-03/, reviews/2026-03-03/,"
            + " registry/2026-03-03.jsonl, people/2026-03-03.jsonl exists)", "check --date and --landing");
    fails("ingest", noMarch3, "--warehouse", wh, "ingest", "--landing", landing, "--date", "2026-03-03");
    // a backfill with a hole fails before its first (complete) day is ingested: the same for nightly,
    // which is what the Airflow DAGs run, night by night or over a range
    Files.createDirectories(dir.resolve("landing/registry"));
    Files.writeString(dir.resolve("landing/registry/2026-03-04.jsonl"), "");
    fails("ingest", noMarch3, "--warehouse", wh, "ingest", "--landing", landing, "--from", DAY, "--to", "2026-03-04");
    fails("nightly", noMarch3, "--warehouse", wh, "nightly", "--landing", landing, "--from", DAY, "--to", "2026-03-04");
  }

  // ---------------------------------------------------------------- a policy with a gap or an overlap

  @Test
  void aPolicyWithAGapOrAnOverlapBetweenTiers() throws IOException {
    Path policies = Files.createDirectories(dir.resolve("landing/policies"));
    String head = "policy_id: payments\nversion: \"1\"\neffective_from: \"2026-01-01\"\nrules:\n";
    Path gap = Files.writeString(policies.resolve("gap.yaml"), head
        + "  - {id: amount-500, tier: 2, when: {amount_above: 500}}\n"
        + "  - {id: amount-10k, tier: 4, when: {amount_above: 10000}}\n");
    String wh = dir.resolve("wh").toString();
    fails("ingest", List.of("Cannot load policy policies/gap.yaml: rules[1].tier (rule amount-10k): tiers 2 and 4 leave a gap"
        + " on the amount_above ladder: rule amount-500 (rules[0]) requires tier 2 above 500 and this rule tier 4 above 10000,"
        + " so no value requires tier 3 (in_the_loop)", "; a policy is configuration: fix or remove ", gap.toString()), ingest(wh));
    Files.delete(gap);
    Files.writeString(policies.resolve("overlap.yaml"), head
        + "  - {id: irreversible, tier: 4, when: {reversible: false}}\n"
        + "  - {id: irreversible-refund, tier: 3, when: {action_type: [refund], reversible: false}}\n");
    fails("nightly", List.of("Cannot load policy policies/overlap.yaml: rules[1] (rule irreversible-refund): tier 3 overlaps"
        + " rule irreversible (rules[0], tier 4)", "never changes a required tier"),
        "--warehouse", wh, "nightly", "--landing", landing, "--date", DAY);
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.maintenance.MaintainJob;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Retention-aware table maintenance (docs/maintenance.md). Per table: expire snapshots no report",
        "as of the last --horizon-days could read (keeps the snapshot current at the horizon start, and everything",
        "an active legal hold covers), compact small files (not under a hold), remove orphan files. Rows are never",
        "deleted: events past their retain_until are counted, not purged. --dry-run says what would happen."})
final class MaintainCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Plan only: commit nothing, delete nothing, print what would be done.")
  boolean dryRun;

  @Option(names = "--horizon-days", defaultValue = "184", paramLabel = "DAYS",
      description = "Reports as of any time in the last DAYS stay reproducible; at least 184 (default: ${DEFAULT-VALUE}).")
  int horizonDays;

  @Option(names = "--no-compact", description = "Do not rewrite small data files.")
  boolean noCompact;

  @Option(names = "--orphans-older-than", defaultValue = "3d", paramLabel = "AGE",
      description = "Remove unreferenced files older than this, e.g. 3d or 36h; at least 1d (default: ${DEFAULT-VALUE}).")
  String orphansOlderThan;

  @Option(names = "--target-file-size", paramLabel = "SIZE",
      description = "Compaction target, e.g. 128m or 1g (default: the table's write.target-file-size-bytes, 512m).")
  String targetFileSize;

  @Option(names = "--min-input-files", defaultValue = "5", paramLabel = "N",
      description = "Compact a partition once it has N small files (default: ${DEFAULT-VALUE}).")
  int minInputFiles;

  @Option(names = "--table", paramLabel = "TABLE", description = "Only this table; repeatable (default: every table).")
  List<String> tables = List.of();

  @Override
  public Integer call() {
    // Bad values are usage errors: they fail here, before Spark starts.
    tables.forEach(t -> TablesCommand.table(t, spec));
    MaintainJob.Options options;
    try {
      options = MaintainJob.Options.defaults().withNow(Instant.now()).withHorizonDays(horizonDays).withCompact(!noCompact)
          .withCompaction(size(targetFileSize), minInputFiles).withOrphanOlderThan(age(orphansOlderThan))
          .withDryRun(dryRun).withTables(tables);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    MaintainJob.Result result;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      result = new MaintainJob(lake, options).run();
    }
    global().print(result, result.text());
    return 0;
  }

  private Duration age(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.matches("\\d+d?")) {
      return Duration.ofDays(Long.parseLong(v.replace("d", "")));
    }
    if (v.matches("\\d+h")) {
      return Duration.ofHours(Long.parseLong(v.replace("h", "")));
    }
    throw new ParameterException(spec.commandLine(), "--orphans-older-than " + value + " is not an age such as 3d or 36h");
  }

  /** 0 (the table's own target) when not given; else bytes, with an optional k, m or g (powers of 1024). */
  private long size(String value) {
    if (value == null) {
      return 0;
    }
    String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kmg]?)").matcher(v);
    if (!m.matches()) {
      throw new ParameterException(spec.commandLine(), "--target-file-size " + value + " is not a size such as 128m");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    return Long.parseLong(m.group(1)) << shift;
  }
}

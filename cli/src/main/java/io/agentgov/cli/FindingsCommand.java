package io.agentgov.cli;

import io.agentgov.jobs.governance.FindingsFormat;
import io.agentgov.jobs.governance.FindingsFormat.Format;
import io.agentgov.jobs.governance.FindingsQuery;
import io.agentgov.jobs.governance.FindingsQuery.AsOf;
import io.agentgov.jobs.governance.FindingsQuery.Filter;
import io.agentgov.jobs.governance.FindingsQuery.Findings;
import io.agentgov.jobs.governance.FindingsQuery.History;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.jobs.runtime.TerminalText;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "findings", mixinStandardHelpOptions = true,
    description = {"List governance findings from the findings table, or one finding's history.",
        "The list is the latest night at or before --as-of. Its first line (on stderr with csv",
        "and jsonl) names the night and the table snapshot read, with its commit time: that",
        "time as --as-of reproduces the list later, whatever ran since."})
final class FindingsCommand extends Leaf implements Callable<Integer> {
  @Option(names = "--type", paramLabel = "TYPE", description = "Only this finding type, e.g. shadow_agent.")
  String type;

  @Option(names = "--status", paramLabel = "STATUS",
      description = "open, reopened, resolved, or active (open or reopened).")
  String status;

  @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Only this agent's findings.")
  String agent;

  @Option(names = "--as-of", paramLabel = "TIME", description = {"A night (yyyy-mm-dd): the latest night at or before it.",
      "An RFC 3339 timestamp (2026-03-02T06:00:00Z): the table as it stood then (Iceberg time travel)."})
  String asOf;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or jsonl (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--history", paramLabel = "FINDING_ID",
      description = "Print the nights this finding opened, changed status or severity, instead of the list.")
  String history;

  @Override
  public Integer call() {
    // Bad values are usage errors: they fail here, before Spark starts.
    Format form = parameter(() -> Format.fromWire(format));
    if (history != null) {
      if (type != null || status != null || agent != null || asOf != null) {
        throw new ParameterException(spec.commandLine(), "--history " + history + " shows one finding over every night:"
            + " drop --type, --status, --agent and --as-of");
      }
      return history(form);
    }
    Filter filter = parameter(() -> new Filter(type, status, agent, asOf == null ? null : AsOf.parse(asOf)));
    Findings found;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      found = new FindingsQuery(lake).list(filter);
    }
    int n = found.rows().size();
    String provenance = n + (n == 1 ? " finding" : " findings") + " as of night " + found.night() + " (findings snapshot "
        + found.snapshotId() + ", committed " + found.committedAt() + ")";
    print(found, provenance, FindingsFormat.findings(found.rows(), form), form);
    return 0;
  }

  private int history(Format form) {
    History h;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      h = parameter(() -> new FindingsQuery(lake).history(history));
    }
    String provenance = "finding " + h.findingId() + ": " + h.findingType() + " of " + h.agentId() + " (" + h.subject()
        + "), findings snapshot " + h.snapshotId();
    print(h, provenance, FindingsFormat.history(h.transitions(), form), form);
    return 0;
  }

  /** With --json the whole result; else the rendered rows, and the provenance where it does not break csv or jsonl. */
  private void print(Object result, String provenance, String rendered, Format form) {
    if (global().json) {
      global().print(result, "");
      return;
    }
    if (form == Format.TABLE) {
      System.out.println(TerminalText.safe(provenance));
    } else {
      spec.commandLine().getErr().println(TerminalText.safe(provenance));
      spec.commandLine().getErr().flush();
    }
    System.out.print(rendered); // the table's cells are terminal-safe; csv and jsonl are data
    System.out.flush();
  }

  /** A value the query rejects is a usage error naming the value and what is allowed (exit 2). */
  private <T> T parameter(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

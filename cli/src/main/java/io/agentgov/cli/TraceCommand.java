package io.agentgov.cli;

import io.agentgov.jobs.governance.TraceView;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {"Show one workflow as an incident responder reads it: its chain of agents and actions in order.",
        "Every event of the trace at the current events snapshot, as a span tree (sub-agents under the span that",
        "delegated to them), with the policy decision, who was asked to approve and what they answered, the outcome,",
        "and spans whose parent is missing from the log. --date or --from/--to only read those event days (faster)."})
final class TraceCommand extends Leaf implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TRACE_ID", description = "The trace id: 32 hexadecimal digits.")
  String traceId;

  @ArgGroup(multiplicity = "0..1")
  DateRange days;

  @Override
  public Integer call() {
    try {
      TraceView.traceId(traceId);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    LocalDate from = null;
    LocalDate to = null;
    if (days != null) {
      days.days(spec.commandLine()); // rejects --to before --from
      from = days.first();
      to = days.last();
    }
    TraceView.Result result;
    try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
      result = TraceView.of(lake, traceId, from, to);
    }
    if (result.steps().isEmpty()) {
      throw new IllegalStateException(result.summary());
    }
    global().print(result, result.render());
    return 0;
  }
}

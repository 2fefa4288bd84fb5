package io.agentgov.cli;

import io.agentgov.jobs.maintenance.Hold;
import io.agentgov.jobs.maintenance.LegalHolds;
import io.agentgov.jobs.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "hold", mixinStandardHelpOptions = true,
    description = {"Legal holds: while a hold is in force, maintain keeps every snapshot of the held table(s) from",
        "the hold's first day on and does not compact them (docs/maintenance.md)."},
    subcommands = {HoldCommand.SetHold.class, HoldCommand.LiftHold.class, HoldCommand.ListHolds.class})
final class HoldCommand {

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Put a hold in force; prints its id.")
  static final class SetHold extends Leaf implements Callable<Integer> {
    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "A table name, or * for every table.")
    String table;

    @Option(names = "--from", paramLabel = "DAY", description = "First event day covered (default: from the beginning).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last event day covered (default: open-ended).")
    LocalDate to;

    @Option(names = "--agent", paramLabel = "AGENT_ID", description = "Only this agent's rows (default: all agents).")
    String agent;

    @Option(names = "--reason", required = true, description = "Matter or request reference.")
    String reason;

    @Option(names = "--by", required = true, paramLabel = "PERSON_ID", description = "Who sets the hold (pseudonymised id).")
    String by;

    @Override
    public Integer call() {
      if (!Hold.ALL_TABLES.equals(table)) {
        TablesCommand.table(table, spec);
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
      }
      if (reason.isBlank() || by.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--reason and --by must not be blank");
      }
      Hold hold;
      try (Lakehouse lake = global().open(Path.of("warehouse"))) {
        hold = new LegalHolds(lake).set(table, from, to, agent, reason, by);
      }
      global().print(hold, "hold " + hold.holdId() + " set: " + hold.describe());
      return 0;
    }
  }

  @Command(name = "lift", mixinStandardHelpOptions = true, description = "Lift a hold in force; it stays listed with --all.")
  static final class LiftHold extends Leaf implements Callable<Integer> {
    @Parameters(paramLabel = "HOLD_ID")
    String holdId;

    @Option(names = "--by", required = true, paramLabel = "PERSON_ID", description = "Who lifts the hold (pseudonymised id).")
    String by;

    @Override
    public Integer call() {
      Hold hold;
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        hold = new LegalHolds(lake).lift(holdId, by);
      }
      global().print(hold, "hold " + hold.holdId() + " lifted: " + hold.describe());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Holds in force (with --all, lifted ones too).")
  static final class ListHolds extends Leaf implements Callable<Integer> {
    @Option(names = "--all", description = "Include lifted holds.")
    boolean all;

    @Override
    public Integer call() {
      List<Hold> holds;
      try (Lakehouse lake = global().openExisting(Path.of("warehouse"))) {
        holds = new LegalHolds(lake).list(all);
      }
      global().print(holds, holds.isEmpty() ? (all ? "no holds were ever set" : "no hold is in force")
          : holds.stream().map(Hold::describe).collect(Collectors.joining("\n")));
      return 0;
    }
  }
}

package io.agentgov.cli;

import io.agentgov.jobs.runtime.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agentgov} command line. Usage errors exit 2, failures exit 1 with one line that says
 * what failed, where, and what to do; {@code AGENTGOV_DEBUG=1} adds the stack trace.
 */
@Command(name = "agentgov", mixinStandardHelpOptions = true, versionProvider = AgentGov.Version.class,
    description = "Governance analytics for enterprise AI agents: ingest audit logs into Iceberg, detect, report.",
    subcommands = {GenerateCommand.class, IngestCommand.class, FeaturesCommand.class, BaselinesCommand.class,
        DriftCommand.class, DetectCommand.class, FindingsCommand.class, TraceCommand.class, NightlyCommand.class,
        RecalibrateCommand.class, MaturityCommand.class, MonthlyCommand.class, EvaluateCommand.class, TablesCommand.class,
        MaintainCommand.class, HoldCommand.class, ReportCommand.class, DemoCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class AgentGov {
  @picocli.CommandLine.Mixin
  GlobalOptions global = new GlobalOptions();

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AgentGov());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      Throwable cause = e;
      while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.lang.reflect.InvocationTargetException)) {
        cause = cause.getCause();
      }
      boolean debug = System.getenv("AGENTGOV_DEBUG") != null;
      commandLine.getErr().println("agentgov " + commandLine.getCommandName() + ": error: "
          + TerminalText.safe(cause.getMessage())
          + (debug ? "" : " (AGENTGOV_DEBUG=1 shows the stack trace)"));
      if (debug) {
        e.printStackTrace(commandLine.getErr());
      }
      return 1;
    });
    return cli;
  }

  /** The jar's version, from its manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"agentgov " + io.agentgov.jobs.ingest.SoftwareVersion.get()};
    }
  }
}

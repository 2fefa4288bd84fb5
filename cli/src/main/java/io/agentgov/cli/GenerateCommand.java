package io.agentgov.cli;

import io.agentgov.generator.EnterpriseGenerator;
import io.agentgov.generator.GenerationSummary;
import io.agentgov.generator.GeneratorOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a synthetic enterprise as input-contract files, with planted ground truth.",
        "Planted faults and dirt are listed in DIR/truth; the same seed and options give byte-identical files."})
final class GenerateCommand extends Leaf implements Callable<Integer> {

  @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Writes DIR/landing and DIR/truth (default: .).")
  Path out;

  @Option(names = "--preset", defaultValue = "demo", description = "demo (a month, ~500k events) or small (tests). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--seed", description = "Random seed.")
  Long seed;

  @Option(names = "--start", description = "First day (yyyy-mm-dd).")
  LocalDate start;

  @Option(names = "--days", description = "Number of days.")
  Integer days;

  @Option(names = "--events-per-day", description = "Mean events per day.")
  Long eventsPerDay;

  @Option(names = "--agents", description = "Number of agents.")
  Integer agents;

  @Option(names = "--units", description = "Number of business units.")
  Integer units;

  @Option(names = "--otel-share", description = "Share of events written as OTel spans.")
  Double otelShare;

  @Option(names = "--dirt-rate", description = "Share of lines with a planted defect.")
  Double dirtRate;

  @Option(names = "--no-faults", description = "Plant no governance faults.")
  boolean noFaults;

  @Option(names = "--threads", description = "Writer threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    GeneratorOptions options = options();
    global().progress("generating " + options + " into " + out.toAbsolutePath());
    GenerationSummary summary = new EnterpriseGenerator(options).generate(out.resolve("landing"), out.resolve("truth"));
    if (global().json) {
      System.out.println(summary.toJson());
    } else {
      System.out.println(summary);
    }
    return 0;
  }

  GeneratorOptions options() {
    GeneratorOptions o = switch (preset) {
      case "demo" -> GeneratorOptions.demo();
      case "small" -> GeneratorOptions.small();
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--preset " + preset + " is not a preset: use demo or small");
    };
    if (seed != null) {
      o = o.withSeed(seed);
    }
    if (start != null) {
      o = o.withStart(start);
    }
    if (days != null) {
      o = o.withDays(days);
    }
    if (eventsPerDay != null) {
      o = o.withEventsPerDay(eventsPerDay);
    }
    if (agents != null) {
      o = o.withAgents(agents);
    }
    if (units != null) {
      o = o.withBusinessUnits(units);
    }
    if (otelShare != null) {
      o = o.withOtelShare(otelShare);
    }
    if (dirtRate != null) {
      o = o.withDirtRate(dirtRate);
    }
    if (noFaults) {
      o = o.withPlantFaults(false);
    }
    if (threads != null) {
      o = o.withThreads(threads);
    }
    return o;
  }
}

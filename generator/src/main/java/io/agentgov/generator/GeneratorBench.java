package io.agentgov.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures generation throughput without JUnit: {@code GeneratorBench <events> [threads] [dir]}
 * generates one day of {@code events} events ({@link GeneratorOptions#bench}) under a temporary
 * folder (or {@code dir}), prints events per second, and deletes what it wrote.
 */
public final class GeneratorBench {
  private GeneratorBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: GeneratorBench <events> [threads] [dir]");
      System.exit(2);
    }
    long events = Long.parseLong(args[0].replace("_", ""));
    GeneratorOptions options = GeneratorOptions.bench(events);
    if (args.length > 1) {
      options = options.withThreads(Integer.parseInt(args[1]));
    }
    Path base = args.length > 2 ? Files.createTempDirectory(Path.of(args[2]), "agentgov-bench-")
        : Files.createTempDirectory("agentgov-bench-");
    try {
      GenerationSummary s = new EnterpriseGenerator(options).generate(base.resolve("landing"), base.resolve("truth"));
      System.out.println(s);
      System.out.printf("events=%d threads=%d seconds=%.2f events_per_second=%.0f bytes=%d%n", s.eventRecords(),
          options.threads(), s.elapsedMillis() / 1000.0, s.eventsPerSecond(), s.bytesWritten());
    } finally {
      delete(base);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

package io.agentgov.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Generated runs shared by the test classes of one JVM (generated once, deleted at exit), and file helpers. */
final class Fixtures {
  private Fixtures() {}

  record Run(Path landing, Path truth, GenerationSummary summary) {}

  static final ObjectMapper JSON = new ObjectMapper();

  private static Run small;
  private static Run faulty;

  /** {@link GeneratorOptions#small()}: a week, three units, dense dirt. */
  static synchronized Run small() {
    if (small == null) {
      small = generate(GeneratorOptions.small());
    }
    return small;
  }

  /** A reduced demo: two weeks of the demo enterprise (five units, 80 agents) at 3,000 events a day. */
  static GeneratorOptions faultyOptions() {
    return GeneratorOptions.demo().withDays(14).withEventsPerDay(3_000).withThreads(2);
  }

  static synchronized Run faulty() {
    if (faulty == null) {
      faulty = generate(faultyOptions());
    }
    return faulty;
  }

  static Run generate(GeneratorOptions options) {
    try {
      Path dir = Files.createTempDirectory("agentgov-generator-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      GenerationSummary s = new EnterpriseGenerator(options).generate(dir.resolve("landing"), dir.resolve("truth"));
      return new Run(dir.resolve("landing"), dir.resolve("truth"), s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under {@code root}, as sorted relative paths with '/' separators. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  static byte[] content(Path file) throws IOException {
    if (file.toString().endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        return in.readAllBytes();
      }
    }
    return Files.readAllBytes(file);
  }

  /** The lines of a (possibly gzipped) file as raw bytes, split on '\n'. */
  static List<byte[]> lines(Path file) throws IOException {
    byte[] all = content(file);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        ByteArrayOutputStream b = new ByteArrayOutputStream(i - start);
        b.write(all, start, i - start);
        out.add(b.toByteArray());
        start = i + 1;
      }
    }
    if (start < all.length) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(all, start, all.length - start);
      out.add(b.toByteArray());
    }
    return out;
  }

  /** The rows of a JSON Lines truth or landing file that is known to be well formed. */
  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] line : lines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }
}

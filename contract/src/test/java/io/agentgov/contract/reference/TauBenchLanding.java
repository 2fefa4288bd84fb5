package io.agentgov.contract.reference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tau-bench airline landing folder, a real-data sample kept outside the repository. Its
 * location is {@code -Dagentgov.tauBenchLanding=DIR}, else {@code shared/} beside the repository (as
 * on workstations and in CI); tests that read it are skipped (not failed) where it is absent.
 */
public final class TauBenchLanding {
  private TauBenchLanding() {}

  /** Tests run in a module folder: its parent is the repository, whose sibling is {@code shared/}. */
  public static final String DEFAULT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
      .resolveSibling("shared/data/tau-bench-airline/landing").toString();

  /** The landing folder's {@code sub} directory, or the test is skipped. */
  public static Path require(String sub) {
    Path dir = Path.of(System.getProperty("agentgov.tauBenchLanding", DEFAULT)).resolve(sub);
    assumeTrue(Files.isDirectory(dir), "tau-bench landing data not found at " + dir);
    return dir;
  }

  /** Every regular file under {@code dir} whose name ends with {@code suffix}, sorted. */
  public static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted()
          .collect(Collectors.toList());
    }
  }
}

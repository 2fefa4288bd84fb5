package io.agentgov.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same options, same bytes: twice, and whatever the number of threads. */
class DeterminismTest {

  private static void assertSameFiles(Path a, Path b) throws IOException {
    List<String> files = Fixtures.files(a);
    assertEquals(files, Fixtures.files(b));
    assertTrue(files.size() >= 5);
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void smallTwiceWithDifferentThreadCountsIsByteIdentical(@TempDir Path dir) throws IOException {
    Fixtures.Run first = Fixtures.small();
    GeneratorOptions options = GeneratorOptions.small().withThreads(1);
    new EnterpriseGenerator(options).generate(dir.resolve("landing"), dir.resolve("truth"));
    assertSameFiles(first.landing(), dir.resolve("landing"));
    assertSameFiles(first.truth(), dir.resolve("truth"));
  }

  @Test
  void aDayOfManyChunksDoesNotDependOnThreads(@TempDir Path dir) throws IOException {
    GeneratorOptions options = GeneratorOptions.bench(60_000);
    GenerationSummary one = new EnterpriseGenerator(options.withThreads(1))
        .generate(dir.resolve("a/landing"), dir.resolve("a/truth"));
    new EnterpriseGenerator(options.withThreads(3)).generate(dir.resolve("b/landing"), dir.resolve("b/truth"));
    assertTrue(Fixtures.files(dir.resolve("a/landing")).stream().filter(f -> f.endsWith(".jsonl.gz")).count() >= 4,
        "the day is cut into several chunks");
    assertSameFiles(dir.resolve("a"), dir.resolve("b"));
    assertEquals(60_000, one.eventRecords());
  }

  @Test
  void anotherSeedGivesOtherData(@TempDir Path dir) throws IOException {
    new EnterpriseGenerator(GeneratorOptions.small().withSeed(8)).generate(dir.resolve("landing"), dir.resolve("truth"));
    byte[] a = Files.readAllBytes(Fixtures.small().landing().resolve("registry/2026-03-02.jsonl"));
    byte[] b = Files.readAllBytes(dir.resolve("landing/registry/2026-03-02.jsonl"));
    assertTrue(!java.util.Arrays.equals(a, b));
  }

  @Test
  void refusesAFolderThatIsNotEmpty(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("landing"));
    Files.writeString(dir.resolve("landing/stale.txt"), "x");
    IOException e = assertThrows(IOException.class, () -> new EnterpriseGenerator(GeneratorOptions.small())
        .generate(dir.resolve("landing"), dir.resolve("truth")));
    assertTrue(e.getMessage().startsWith("Cannot generate into"), e.getMessage());
  }

  @Test
  void benchWritesExactlyTheRequestedEvents() {
    GenerationSummary s = Fixtures.generate(GeneratorOptions.bench(12_345)).summary();
    assertEquals(12_345, s.eventRecords());
    assertEquals(12_345, s.plannedStored());
    assertEquals(0, s.lateEvents());
  }
}

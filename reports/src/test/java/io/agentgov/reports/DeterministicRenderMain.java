package io.agentgov.reports;

import java.nio.file.Path;

/**
 * Renders the sample ingest summary ({@link ReportRendererTest#summary()}) into the folder given as
 * the only argument; {@link DeterministicPdfTest} runs it in a second JVM and compares the bytes.
 */
public final class DeterministicRenderMain {
  private DeterministicRenderMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: DeterministicRenderMain <output folder>");
      System.exit(2);
    }
    RenderedReport report = new ReportRenderer().render(ReportRendererTest.summary(), Path.of(args[0]));
    System.out.println(report.pdf());
  }
}

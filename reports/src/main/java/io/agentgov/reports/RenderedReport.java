package io.agentgov.reports;

import java.nio.file.Path;

/** Where a rendered report was written, and how many pages it has. */
public record RenderedReport(Path pdf, Path html, int pages) {}

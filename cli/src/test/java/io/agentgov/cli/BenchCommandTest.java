package io.agentgov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the benchmark suite at tiny sizes: every part runs and lands in the results file
 * and the table. The figures of such a run mean nothing; the suite itself is run by hand
 * (docs/benchmarks.md). Evidently is left out here: its script installs Evidently from PyPI.
 */
class BenchCommandTest {

  @Test
  void theQuickSuiteWritesEveryPartAndTheTable(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench-results.json");
    AgentGovCliTest.Run r = AgentGovCliTest.run("bench", "--quick", "--skip", "evidently", "--dir", dir.resolve("work").toString(),
        "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode results = new ObjectMapper().readTree(out.toFile());
    assertTrue(results.at("/machine/cores").asInt() >= 1);
    assertTrue(results.at("/machine/memory_bytes").asLong() > 0);
    assertEquals(5_000, results.at("/ingest/events").asLong());
    assertEquals(results.at("/ingest/records_read").asLong(), results.at("/ingest/events_stored").asLong());
    assertTrue(results.at("/ingest/ratio").asDouble() > 0);
    assertEquals(8, results.at("/nightly_cost/nights").size());
    assertTrue(results.at("/nightly_cost/median_ratio").asDouble() > 0, results.at("/nightly_cost").toPrettyString());
    assertEquals(1, results.at("/scaling").size());
    assertTrue(results.at("/scaling/0/peak_heap_bytes").asLong() > 0);
    assertTrue(results.at("/scaling/0/peak_heap_after_gc_bytes").asLong() > 0);
    assertTrue(results.at("/scaling/0/events_per_second").asLong() > 0);
    assertTrue(results.at("/recalibration/one_pool_seconds").asDouble() > 0);
    // ingest, nightly, one scaling size and recalibration (Evidently skipped)
    assertEquals(4, results.at("/table").size(), results.toPrettyString());
    for (String part : new String[] {"ingest", "nightly", "scaling", "recalibration"}) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(part)), part + " missing from the table:\n" + r.out());
    }
  }

  @Test
  void anUnknownPartIsBadUsage() {
    AgentGovCliTest.Run r = AgentGovCliTest.run("bench", "--skip", "ingest,nonsense");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--skip nonsense"), r.err());
  }
}

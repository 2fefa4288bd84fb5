package io.agentgov.contract.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agentgov.contract.reference.TauBenchLanding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tau-bench sample's policy file parses; it states the shipped default's rules under its own id. */
class TauBenchPolicyTest {
  @Test
  void tauBenchPolicyFilesParse() throws Exception {
    Path dir = TauBenchLanding.require("policies");
    List<Path> files = TauBenchLanding.files(dir, ".yaml");
    assertFalse(files.isEmpty(), "no policy files in " + dir);
    for (Path file : files) {
      EscalationPolicy policy = EscalationPolicy.parse(Files.readString(file), file.toString());
      assertFalse(policy.rules().isEmpty());
    }
    Path esc = dir.resolve("esc-default-2026.1.yaml");
    if (Files.isRegularFile(esc)) {
      EscalationPolicy policy = EscalationPolicy.parse(Files.readString(esc), esc.toString());
      assertEquals("esc-default", policy.policyId());
      assertEquals("2024.1-tau", policy.version());
      assertEquals(LocalDate.of(2024, 1, 1), policy.effectiveFrom());
      EscalationPolicy shipped = EscalationPolicy.loadDefault();
      assertEquals(shipped.rules(), policy.rules());
      assertEquals(shipped.oversight(), policy.oversight());
      assertEquals(shipped.lifecycle(), policy.lifecycle());
    }
  }
}

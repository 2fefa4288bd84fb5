package io.agentgov.contract.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.Redactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every line of the tau-bench sample's registry, people and reviews files validates (skipped where
 * the sample is absent), and none is taken for a secret: the sample is real data without
 * credentials, so a redaction would be a false positive of the scrubber. The sample stays outside
 * the repository.
 */
class TauBenchReferenceFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FunctionalInterface
  interface Validator<T> {
    T parse(JsonNode line, Redactions redacted) throws ContractViolation;
  }

  private static <T> List<T> parseAll(String sub, Validator<T> validator) throws Exception {
    Path dir = TauBenchLanding.require(sub);
    List<Path> files = TauBenchLanding.files(dir, ".jsonl");
    assertFalse(files.isEmpty(), "no .jsonl files in " + dir);
    List<T> records = new ArrayList<>();
    Redactions redacted = new Redactions();
    for (Path file : files) {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(validator.parse(JSON.readTree(line), redacted));
        } catch (ContractViolation e) {
          fail(file + ":" + lineNumber + ": " + e.reason().code() + " " + e.field() + ": " + e.getMessage());
        }
      }
    }
    assertFalse(records.isEmpty(), "no lines in " + dir);
    assertTrue(redacted.isEmpty(), "false positives of the secret scrubber in " + dir + ": " + redacted);
    return records;
  }

  @Test
  void registryLinesValidate() throws Exception {
    List<AgentRecord> agents = parseAll("registry", AgentRecord::parse);
    // The sample tags each agent with its origin, a field the contract does not define: kept as an extra.
    assertTrue(agents.stream().anyMatch(a -> a.extras().containsKey("source")), AgentRecordTest.EXTRAS_HINT);
  }

  @Test
  void peopleLinesValidate() throws Exception {
    parseAll("people", PersonRecord::parse);
  }

  @Test
  void reviewLinesValidate() throws Exception {
    parseAll("reviews", ReviewRecord::parse);
  }
}

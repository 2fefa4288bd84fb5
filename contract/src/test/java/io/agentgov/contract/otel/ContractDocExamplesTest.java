package io.agentgov.contract.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.agentgov.contract.Redactions;
import io.agentgov.contract.event.AuditEvent;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.contract.policy.EscalationPolicy;
import io.agentgov.contract.reference.AgentRecord;
import io.agentgov.contract.reference.PersonRecord;
import io.agentgov.contract.reference.ReviewRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in docs/contract.md are valid input: the audit event and the OTel export map to the
 * same event (the export's extra attributes aside), and the registry, people, review and policy
 * examples parse.
 */
class ContractDocExamplesTest {
  static final Path DOC = Path.of("../docs/contract.md");

  @Test
  void examplesInTheContractDocumentAreValidInput() throws Exception {
    assumeTrue(Files.exists(DOC), "docs/contract.md not found from " + Path.of("").toAbsolutePath());
    List<String> json = new ArrayList<>();
    String yaml = null;
    Matcher block = Pattern.compile("```(json|yaml)\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (block.find()) {
      if (block.group(1).equals("json")) {
        json.add(block.group(2));
      } else {
        yaml = block.group(2);
      }
    }
    // in document order: event, a granted_permissions attribute, OTel export, registry, people, review
    assertEquals(6, json.size());
    EventValidator validator = new EventValidator(LocalDate.parse("2026-05-07"));
    AuditEvent fromJsonl = validator.validate(OtlpEventReader.JSON.readTree(json.get(0)), new Redactions());
    byte[] export = json.get(2).getBytes(StandardCharsets.UTF_8);
    AuditEvent fromOtel;
    try (OtlpEventReader reader = OtlpEventReader.open(() -> new ByteArrayInputStream(export), "contract.md")) {
      fromOtel = validator.validate(reader.next().event(), new Redactions());
      assertNull(reader.next());
    }
    Map<String, String> otelExtras = new TreeMap<>(fromOtel.extras());
    assertEquals(List.of("otel_attributes", "x_gateway_region"), List.copyOf(otelExtras.keySet()));
    assertEquals(withoutExtras(fromJsonl), withoutExtras(fromOtel));

    assertEquals("agt-refunds-07", AgentRecord.parse(OtlpEventReader.JSON.readTree(json.get(3)), new Redactions()).agentId());
    assertEquals("p-4410", PersonRecord.parse(OtlpEventReader.JSON.readTree(json.get(4)), new Redactions()).personId());
    assertEquals(0.05, ReviewRecord.parse(OtlpEventReader.JSON.readTree(json.get(5)), new Redactions()).inclusionProbability());
    assertEquals("2026.2", EscalationPolicy.parse(yaml, "contract.md").version());
  }

  private static String withoutExtras(AuditEvent event) {
    return event.toString().replace("extras=" + event.extras(), "");
  }
}

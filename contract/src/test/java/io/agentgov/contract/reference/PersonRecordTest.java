package io.agentgov.contract.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersonRecordTest {
  private static final String LINE = "{'person_id': 'p-7', 'display_name': 'Person 7', 'business_unit': 'payments',"
      + " 'role': 'business_process_owner', 'status': 'departed', 'departed_at': '2026-03-31T17:00:00-04:00', 'cost_center': 'cc-1'}";

  private static ObjectNode edited(Consumer<ObjectNode> edit) {
    ObjectNode line = Lines.json(LINE);
    edit.accept(line);
    return line;
  }

  @Test
  void everyFieldIsReadAndExtrasKept() throws Exception {
    assertEquals(new PersonRecord("p-7", "Person 7", "payments", "business_process_owner", "departed",
        Instant.parse("2026-03-31T21:00:00Z"), Map.of("cost_center", "\"cc-1\"")), parse(Lines.json(LINE)));
  }

  @Test
  void onlyPersonIdAndStatusAreRequiredForAnActivePerson() throws Exception {
    assertEquals(new PersonRecord("p-1", null, null, null, "active", null, Map.of()),
        parse(Lines.json("{'person_id': 'p-1', 'status': 'active'}")));
  }

  @Test
  void anActivePersonWithADepartureDateIsKept() throws Exception {
    assertEquals(Instant.parse("2026-03-31T21:00:00Z"), parse(edited(l -> l.put("status", "active"))).departedAt());
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of("missing person_id", edited(l -> l.remove("person_id")), ReasonCode.MISSING_FIELD, "person_id"),
        Arguments.of("person_id a number", edited(l -> l.put("person_id", 7)), ReasonCode.WRONG_TYPE, "person_id"),
        Arguments.of("missing status", edited(l -> l.remove("status")), ReasonCode.MISSING_FIELD, "status"),
        Arguments.of("unknown status", edited(l -> l.put("status", "on_leave")), ReasonCode.INVALID_VALUE, "status"),
        Arguments.of("departed without departed_at", edited(l -> l.remove("departed_at")), ReasonCode.MISSING_FIELD, "departed_at"),
        Arguments.of("departed_at not RFC 3339", edited(l -> l.put("departed_at", "31/03/2026")), ReasonCode.INVALID_TIMESTAMP,
            "departed_at"),
        Arguments.of("display_name not a string", edited(l -> l.putObject("display_name")), ReasonCode.WRONG_TYPE, "display_name"),
        Arguments.of("business_unit not a string", edited(l -> l.put("business_unit", false)), ReasonCode.WRONG_TYPE, "business_unit"),
        Arguments.of("role not a string", edited(l -> l.put("role", 3)), ReasonCode.WRONG_TYPE, "role"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejected(String name, ObjectNode line, ReasonCode reason, String field) {
    ContractViolation e = assertThrows(ContractViolation.class, () -> parse(line));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void contentHashSeesEveryFieldAndNotTheOffset() throws Exception {
    PersonRecord p = parse(Lines.json(LINE));
    assertEquals(p.contentHash(), parse(edited(l -> l.put("departed_at", "2026-03-31T21:00:00Z"))).contentHash());
    assertNotEquals(p.contentHash(), parse(edited(l -> l.put("role", "sponsor"))).contentHash());
    assertNotEquals(p.contentHash(), parse(edited(l -> l.remove("cost_center"))).contentHash());
  }

  /** Parses a line, counting redactions in a tally no test here looks at (SecretScrubberTest does). */
  private static PersonRecord parse(JsonNode line) throws ContractViolation {
    return PersonRecord.parse(line, new Redactions());
  }
}

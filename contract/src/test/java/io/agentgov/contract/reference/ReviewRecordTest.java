package io.agentgov.contract.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class ReviewRecordTest {
  private static final String RANDOM = "{'review_id': 'r-1', 'event_id': 'e-1', 'reviewer_id': 'p-9',"
      + " 'reviewed_at': '2026-05-07T16:31:13-04:00', 'verdict': 'should_have_escalated', 'sample_design': 'random',"
      + " 'inclusion_probability': 0.05, 'stratum': 'refund', 'queue': 'qa-2'}";

  private static ObjectNode edited(Consumer<ObjectNode> edit) {
    ObjectNode line = Lines.json(RANDOM);
    edit.accept(line);
    return line;
  }

  @Test
  void aRandomReviewIsReadWithItsExtras() throws Exception {
    assertEquals(new ReviewRecord("r-1", "e-1", "p-9", Instant.parse("2026-05-07T20:31:13Z"), "should_have_escalated", "random",
        0.05, "refund", Map.of("queue", "\"qa-2\"")), parse(Lines.json(RANDOM)));
  }

  @Test
  void aStratifiedReviewCarriesItsProbability() throws Exception {
    assertEquals(0.25, parse(edited(l -> l.put("sample_design", "stratified").put("inclusion_probability", 0.25)))
        .inclusionProbability());
  }

  @Test
  void probabilityOneIsInRange() throws Exception {
    assertEquals(1.0, parse(edited(l -> l.put("inclusion_probability", 1))).inclusionProbability());
  }

  @Test
  void aCensusWithoutProbabilityReadsAsOne() throws Exception {
    ReviewRecord r = parse(edited(l -> {
      l.put("sample_design", "census");
      l.remove("inclusion_probability");
    }));
    assertEquals(1.0, r.inclusionProbability());
    assertEquals(r, parse(edited(l -> l.put("sample_design", "census").put("inclusion_probability", 1.0))),
        "absent and 1.0 are the same census review; " + AgentRecordTest.EXTRAS_HINT);
  }

  @Test
  void aTargetedReviewHasNoProbability() throws Exception {
    ReviewRecord r = parse(edited(l -> {
      l.put("sample_design", "targeted");
      l.remove("inclusion_probability");
      l.remove("stratum");
    }));
    assertNull(r.inclusionProbability());
    assertNull(r.stratum());
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of("missing review_id", edited(l -> l.remove("review_id")), ReasonCode.MISSING_FIELD, "review_id"),
        Arguments.of("missing event_id", edited(l -> l.remove("event_id")), ReasonCode.MISSING_FIELD, "event_id"),
        Arguments.of("missing reviewer_id", edited(l -> l.remove("reviewer_id")), ReasonCode.MISSING_FIELD, "reviewer_id"),
        Arguments.of("missing reviewed_at", edited(l -> l.remove("reviewed_at")), ReasonCode.MISSING_FIELD, "reviewed_at"),
        Arguments.of("reviewed_at not RFC 3339", edited(l -> l.put("reviewed_at", "2026-05-07 16:31")), ReasonCode.INVALID_TIMESTAMP,
            "reviewed_at"),
        Arguments.of("missing verdict", edited(l -> l.remove("verdict")), ReasonCode.MISSING_FIELD, "verdict"),
        Arguments.of("unknown verdict", edited(l -> l.put("verdict", "wrong")), ReasonCode.INVALID_VALUE, "verdict"),
        Arguments.of("missing sample_design", edited(l -> l.remove("sample_design")), ReasonCode.MISSING_FIELD, "sample_design"),
        Arguments.of("unknown sample_design", edited(l -> l.put("sample_design", "convenience")), ReasonCode.INVALID_VALUE,
            "sample_design"),
        Arguments.of("inclusion_probability 0", edited(l -> l.put("inclusion_probability", 0)), ReasonCode.OUT_OF_RANGE,
            "inclusion_probability"),
        Arguments.of("inclusion_probability negative", edited(l -> l.put("inclusion_probability", -0.1)), ReasonCode.OUT_OF_RANGE,
            "inclusion_probability"),
        Arguments.of("inclusion_probability above 1", edited(l -> l.put("inclusion_probability", 1.5)), ReasonCode.OUT_OF_RANGE,
            "inclusion_probability"),
        Arguments.of("inclusion_probability a string", edited(l -> l.put("inclusion_probability", "0.05")), ReasonCode.WRONG_TYPE,
            "inclusion_probability"),
        Arguments.of("random without inclusion_probability", edited(l -> l.remove("inclusion_probability")), ReasonCode.MISSING_FIELD,
            "inclusion_probability"),
        Arguments.of("stratified without inclusion_probability",
            edited(l -> l.put("sample_design", "stratified").remove("inclusion_probability")), ReasonCode.MISSING_FIELD,
            "inclusion_probability"),
        Arguments.of("census with inclusion_probability below 1", edited(l -> l.put("sample_design", "census")),
            ReasonCode.INCONSISTENT, "inclusion_probability"),
        Arguments.of("targeted with an inclusion_probability", edited(l -> l.put("sample_design", "targeted")),
            ReasonCode.INCONSISTENT, "inclusion_probability"),
        Arguments.of("targeted with inclusion_probability 1", edited(l -> l.put("sample_design", "targeted").put("inclusion_probability", 1.0)),
            ReasonCode.INCONSISTENT, "inclusion_probability"),
        Arguments.of("stratum not a string", edited(l -> l.put("stratum", 2)), ReasonCode.WRONG_TYPE, "stratum"));
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
  void contentHashSeesEveryField() throws Exception {
    ReviewRecord r = parse(Lines.json(RANDOM));
    assertEquals(r.contentHash(), parse(edited(l -> l.put("reviewed_at", "2026-05-07T20:31:13Z"))).contentHash());
    assertNotEquals(r.contentHash(), parse(edited(l -> l.put("verdict", "correct"))).contentHash());
    assertNotEquals(r.contentHash(), parse(edited(l -> l.put("inclusion_probability", 0.5))).contentHash());
    assertNotEquals(r.contentHash(), parse(edited(l -> l.put("queue", "qa-3"))).contentHash());
  }

  /** Parses a line, counting redactions in a tally no test here looks at (SecretScrubberTest does). */
  private static ReviewRecord parse(JsonNode line) throws ContractViolation {
    return ReviewRecord.parse(line, new Redactions());
  }
}

package io.agentgov.contract.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.ReasonCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values a hostile or broken producer sends, one field at a time in an otherwise valid event: each
 * gets its reason code quickly (no quadratic parse of a huge numeric string, no megabyte message),
 * never an exception other than a {@link ContractViolation}. The end-to-end fuzz of ingest is
 * jobs' HostileInputTest; these pin the validator's rules where they were found wanting.
 */
class HostileValuesTest {
  /** As ingest reads JSON Lines: decimals exact (EventFileReader.JSON). */
  static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  static final String MARK = "@@VALUE@@";
  static final EventValidator VALIDATOR = new EventValidator(LocalDate.of(2026, 5, 4));

  static final String EVENT = """
      {"schema_version": "1", "event_id": "e1", "event_time": "2026-05-04T09:15:00Z", "agent_id": "ag-1",
       "credential": {"id": "c1", "kind": "agent_token"},
       "trace": {"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7"},
       "action": {"type": "payment", "target_system": "ledger"}, "amount": {"value": "1.00", "currency": "EUR"},
       "records_affected": 1, "data_sensitivity": "internal", "reversible": true,
       "policy": {"checked": true, "decision": "allow", "tier": 1},
       "outcome": {"status": "success", "executed_at": "2026-05-04T09:15:01Z"},
       "retention": {"class": "audit", "retain_until": "2033-05-04"}}""";

  /** The event with the value at a dotted path written as raw JSON text. */
  static JsonNode with(String path, String rawJson) throws Exception {
    ObjectNode event = (ObjectNode) JSON.readTree(EVENT);
    String[] steps = path.split("\\.");
    ObjectNode parent = event;
    for (int i = 0; i < steps.length - 1; i++) {
      parent = (ObjectNode) parent.get(steps[i]);
    }
    parent.put(steps[steps.length - 1], MARK);
    return JSON.readTree(event.toString().replace("\"" + MARK + "\"", rawJson));
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // beyond a long or a double: out of range, not "not an integer"
        Arguments.of("records_affected", "1e400", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "-1E+400", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "123456789012345678901234567890", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "\"123456789012345678901234567890\"", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "\"9223372036854775808\"", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "1E+19", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "\"" + "9".repeat(200_000) + "\"", ReasonCode.OUT_OF_RANGE),
        Arguments.of("records_affected", "1.5E-999999999", ReasonCode.WRONG_TYPE),
        Arguments.of("records_affected", "12.5", ReasonCode.WRONG_TYPE),
        Arguments.of("policy.tier", "1E+30", ReasonCode.OUT_OF_RANGE),
        Arguments.of("confidence", "1e400", ReasonCode.OUT_OF_RANGE),
        Arguments.of("amount.value", "1e400", ReasonCode.OUT_OF_RANGE),
        Arguments.of("amount.value", "1.5E-999999999", ReasonCode.OUT_OF_RANGE),
        Arguments.of("amount.value", "\"0." + "7".repeat(200_000) + "\"", ReasonCode.OUT_OF_RANGE),
        Arguments.of("amount.value", "\"123456789012345678901234567890.5\"", ReasonCode.OUT_OF_RANGE),
        // RFC 3339 has four-digit years; wider ones do not fit an Iceberg timestamp or date
        Arguments.of("event_time", "\"-999999999-01-01T00:00:00Z\"", ReasonCode.INVALID_TIMESTAMP),
        Arguments.of("event_time", "\"+10000-01-01T00:00:00Z\"", ReasonCode.INVALID_TIMESTAMP),
        Arguments.of("outcome.executed_at", "\"+999999999-12-31T23:59:59Z\"", ReasonCode.INVALID_TIMESTAMP),
        Arguments.of("retention.retain_until", "\"+999999999-12-31\"", ReasonCode.INVALID_TIMESTAMP),
        Arguments.of("retention.retain_until", "\"-0001-01-01\"", ReasonCode.INVALID_TIMESTAMP),
        // a huge value is quoted short
        Arguments.of("trace.trace_id", "\"" + "a".repeat(200_000) + "\"", ReasonCode.INVALID_ID),
        Arguments.of("schema_version", "\"" + "9".repeat(200_000) + "\"", ReasonCode.UNSUPPORTED_SCHEMA_VERSION),
        Arguments.of("amount.currency", "\"" + "E".repeat(200_000) + "\"", ReasonCode.INVALID_VALUE),
        Arguments.of("event_time", "\"2026-05-04T09:15:00." + "1".repeat(200_000) + "Z\"", ReasonCode.INVALID_TIMESTAMP));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource
  void rejected(String path, String rawJson, ReasonCode reason) throws Exception {
    JsonNode event = with(path, rawJson);
    ContractViolation violation = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(ContractViolation.class, () -> VALIDATOR.validate(event, new Redactions())));
    assertEquals(reason, violation.reason(), violation.getMessage());
    assertEquals(path, violation.field());
    assertTrue(violation.getMessage().length() < 200, "a short message: " + violation.getMessage().length() + " characters");
  }

  @ParameterizedTest(name = "records_affected = {0}")
  @CsvSource(delimiter = '|', value = {
      "\"9223372036854775807\" | 9223372036854775807",
      "12.000                  | 12",
      "5E+2                    | 500",
      "\"0\"                   | 0"})
  void integersInAnyLegalSpelling(String rawJson, long expected) throws Exception {
    assertEquals(expected, VALIDATOR.validate(with("records_affected", rawJson), new Redactions()).recordsAffected());
  }

  @ParameterizedTest(name = "amount.value = {0}")
  @CsvSource(delimiter = '|', value = {
      "\"99999999999999999999999999999.999999999\" | 99999999999999999999999999999.999999999",
      "-0.000000001                                | -0.000000001",
      "1E+28                                       | 10000000000000000000000000000"})
  void decimalsAtTheirLimits(String rawJson, String expected) throws Exception {
    assertEquals(new BigDecimal(expected).setScale(EventValidator.AMOUNT_SCALE),
        VALIDATOR.validate(with("amount.value", rawJson), new Redactions()).amount().value());
  }
}

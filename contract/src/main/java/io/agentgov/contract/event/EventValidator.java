package io.agentgov.contract.event;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.SecretScrubber;
import io.agentgov.contract.Records.Model;
import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.Vocabulary.ActionType;
import io.agentgov.contract.Vocabulary.CredentialKind;
import io.agentgov.contract.Vocabulary.DataSensitivity;
import io.agentgov.contract.Vocabulary.OutcomeStatus;
import io.agentgov.contract.Vocabulary.OversightDecision;
import io.agentgov.contract.Vocabulary.OversightMode;
import io.agentgov.contract.Vocabulary.PolicyDecision;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validates one audit event (input contract v1 §1 and its "Precise rules") and normalises it into an
 * {@link AuditEvent}. The same validator reads JSON Lines events and OTel spans mapped to the §1
 * shape, so both formats obey one rule set. The first broken rule is reported; fields are checked
 * in the contract's order, so the message names the first offending field.
 */
public final class EventValidator {
  /** The schema versions this build reads. */
  public static final String SCHEMA_VERSION = "1";
  /** Decimal places kept for amounts (the events table stores decimal(38, 9)). */
  public static final int AMOUNT_SCALE = 9;
  /**
   * How far past the end of its landing day an event_time may lie before it is treated as a clock
   * error: one day covers time-zone and clock-skew slop of any gateway.
   */
  public static final long FUTURE_TOLERANCE_DAYS = 1;

  private static final int TRACE_ID = 32;
  private static final int SPAN_ID = 16;
  private static final long MAX_COUNT = Long.MAX_VALUE;

  private final Instant latestAllowedEventTime;

  /** @param landingDay the UTC day the file arrived; events from after it (plus tolerance) are inconsistent */
  public EventValidator(LocalDate landingDay) {
    this.latestAllowedEventTime = landingDay.plusDays(1 + FUTURE_TOLERANCE_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * The event, or the first rule it breaks. Free text ({@code input_context.summary},
   * {@code action.target_resource}, {@code outcome.error_code}) and extras come back with secrets
   * replaced by markers, counted in {@code redacted} ({@link SecretScrubber}):
   * the event is sanitised before anything (its {@code event_hash} included) is computed from it.
   */
  public AuditEvent validate(JsonNode json, Redactions redacted) throws ContractViolation {
    JsonObjectReader e = JsonObjectReader.root(json, redacted);
    String schemaVersion = e.requiredString("schema_version");
    if (!SCHEMA_VERSION.equals(schemaVersion)) {
      throw new ContractViolation(ReasonCode.UNSUPPORTED_SCHEMA_VERSION, "schema_version",
          "schema_version is \"" + SecretScrubber.forMessage(schemaVersion) + "\", this build reads \"" + SCHEMA_VERSION
              + "\"");
    }
    String eventId = e.requiredString("event_id");
    Instant eventTime = e.requiredTime("event_time");
    if (eventTime.isAfter(latestAllowedEventTime)) {
      throw new ContractViolation(ReasonCode.INCONSISTENT, "event_time",
          "event_time " + eventTime + " is after the landing day (more than " + FUTURE_TOLERANCE_DAYS
              + " day past its end): a producer clock error");
    }
    String agentId = e.requiredString("agent_id");
    String agentVersion = e.optionalString("agent_version");
    JsonObjectReader m = e.optionalObject("model");
    Model model = m == null ? null : Model.read(m);

    JsonObjectReader c = e.requiredObject("credential");
    AuditEvent.Credential credential = new AuditEvent.Credential(c.requiredString("id"), c.requiredEnum("kind", CredentialKind.class));
    String onBehalfOf = e.optionalString("on_behalf_of");

    JsonObjectReader t = e.requiredObject("trace");
    AuditEvent.Trace trace = new AuditEvent.Trace(
        hexId(t, "trace_id", TRACE_ID, true), hexId(t, "span_id", SPAN_ID, true), hexId(t, "parent_span_id", SPAN_ID, false),
        t.optionalString("session_id"));

    JsonObjectReader d = e.optionalObject("delegation");
    AuditEvent.Delegation delegation = d == null ? null : new AuditEvent.Delegation(
        d.optionalString("parent_agent_id"), toInt(d.optionalLong("depth", 0, 1_000)),
        d.optionalObjectList("granted_permissions", Permission::read));

    JsonObjectReader a = e.requiredObject("action");
    AuditEvent.Action action = new AuditEvent.Action(a.requiredEnum("type", ActionType.class), a.optionalString("tool"),
        a.requiredString("target_system"), a.optionalText("target_resource"));

    JsonObjectReader am = e.optionalObject("amount");
    AuditEvent.Amount amount = null;
    if (am != null) {
      String currency = am.optionalString("currency");
      if (currency != null && !isCurrencyCode(currency)) {
        throw new ContractViolation(ReasonCode.INVALID_VALUE, am.path("currency"),
            am.path("currency") + " is \"" + SecretScrubber.forMessage(currency)
                + "\", not an ISO 4217 code (three capital letters)");
      }
      amount = new AuditEvent.Amount(am.optionalDecimal("value", AMOUNT_SCALE), currency);
    }
    Long recordsAffected = e.optionalLong("records_affected", 0, MAX_COUNT);
    String dataSensitivity = e.requiredEnum("data_sensitivity", DataSensitivity.class);
    boolean reversible = e.requiredBoolean("reversible");
    var regulatoryScope = e.optionalStringList("regulatory_scope");
    Double confidence = e.optionalDouble("confidence", 0.0, 1.0);

    JsonObjectReader ic = e.optionalObject("input_context");
    AuditEvent.InputContext inputContext = ic == null ? null
        : new AuditEvent.InputContext(ic.optionalString("digest"), ic.optionalText("summary"));

    JsonObjectReader p = e.requiredObject("policy");
    boolean checked = p.requiredBoolean("checked");
    String decision = p.requiredEnum("decision", PolicyDecision.class);
    String ruleId = p.optionalString("rule_id");
    String policyVersion = p.optionalString("policy_version");
    Integer tier = toInt(checked ? Long.valueOf(p.requiredLong("tier", 1, 4)) : p.optionalLong("tier", 1, 4));
    AuditEvent.Policy policy = new AuditEvent.Policy(checked, decision, ruleId, policyVersion, tier);

    JsonObjectReader o = e.optionalObject("oversight");
    AuditEvent.Oversight oversight = o == null ? null : new AuditEvent.Oversight(
        o.optionalEnum("mode", OversightMode.class), o.optionalString("escalated_to"), o.optionalTime("requested_at"),
        o.optionalTime("responded_at"), o.optionalEnum("decision", OversightDecision.class),
        o.optionalLong("sla_seconds", 0, MAX_COUNT));

    JsonObjectReader oc = e.requiredObject("outcome");
    String status = oc.requiredEnum("status", OutcomeStatus.class);
    String errorCode = oc.optionalText("error_code"); // OTel: the span's status message, free text
    boolean tookEffect = status.equals("success") || status.equals("partial");
    Instant executedAt = tookEffect ? oc.requiredTime("executed_at") : oc.optionalTime("executed_at");
    AuditEvent.Outcome outcome = new AuditEvent.Outcome(status, errorCode, executedAt);

    JsonObjectReader u = e.optionalObject("usage");
    AuditEvent.Usage usage = u == null ? null : new AuditEvent.Usage(u.optionalLong("input_tokens", 0, MAX_COUNT),
        u.optionalLong("output_tokens", 0, MAX_COUNT), u.optionalLong("latency_ms", 0, MAX_COUNT));

    JsonObjectReader r = e.optionalObject("retention");
    AuditEvent.Retention retention = r == null ? null
        : new AuditEvent.Retention(r.optionalString("class"), r.optionalDate("retain_until"));

    Map<String, String> extras = new TreeMap<>();
    e.collectExtras(extras);
    return new AuditEvent(schemaVersion, eventId, eventTime, agentId, agentVersion, model, credential, onBehalfOf, trace,
        delegation, action, amount, recordsAffected, dataSensitivity, reversible, regulatoryScope, confidence, inputContext,
        policy, oversight, outcome, usage, retention, extras);
  }

  /** The UTC day an event belongs to (its partition in the events table). */
  public static LocalDate eventDay(Instant eventTime) {
    return LocalDate.ofInstant(eventTime.truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
  }

  private static String hexId(JsonObjectReader o, String key, int length, boolean required) throws ContractViolation {
    String value = required ? o.requiredString(key) : o.optionalString(key);
    if (value == null || (!required && value.isEmpty())) {
      return null;
    }
    if (!isHexId(value, length)) {
      throw new ContractViolation(ReasonCode.INVALID_ID, o.path(key), o.path(key) + " is \""
          + SecretScrubber.forMessage(value) + "\", must be " + length + " hex characters, not all zero");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** ISO 4217 shape: three capital letters. */
  private static boolean isCurrencyCode(String value) {
    return value.length() == 3 && value.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  /** W3C trace-context ids: exactly {@code length} hex digits, not all zero. */
  private static boolean isHexId(String value, int length) {
    if (value.length() != length) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  private static Integer toInt(Long value) {
    return value == null ? null : Math.toIntExact(value);
  }
}

package io.agentgov.contract;

/**
 * Why a record was quarantined. Stable codes: stored in the {@code quarantine} table, planted by the
 * generator's dirt, and counted in {@code ingest_runs}. Messages carry the detail (file, line, field).
 */
public enum ReasonCode {
  /** The line or document is not valid JSON (or not valid UTF-8). */
  INVALID_JSON,
  /** Valid JSON, but not a JSON object. */
  NOT_AN_OBJECT,
  /** The line is longer than the configured maximum. */
  LINE_TOO_LONG,
  /** {@code schema_version} is not a version this build reads. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** A required field is absent or null (including conditionally required ones). */
  MISSING_FIELD,
  /** A field has the wrong JSON type (string where a number is required, ...). */
  WRONG_TYPE,
  /** A value outside the field's closed value set. */
  INVALID_VALUE,
  /** A number outside its range (confidence in [0,1], tier 1-4, non-negative counts, ...). */
  OUT_OF_RANGE,
  /** A timestamp that is not RFC 3339, or a date that is not ISO 8601. */
  INVALID_TIMESTAMP,
  /** An identifier with the wrong shape (trace_id 32 hex, span_id 16 hex). */
  INVALID_ID,
  /**
   * Fields that contradict each other or the landing: an event_time more than a day past the end of
   * its landing day, a review whose inclusion probability contradicts its sample design.
   */
  INCONSISTENT,
  /** The same id as another record with a different value. */
  CONFLICTING_DUPLICATE,
  /** An OTel export that is structurally not OTLP/JSON. */
  INVALID_OTLP,
  /** The file could not be read to the end (truncated or corrupt compression). */
  CORRUPT_FILE,
  /** A policy document that does not parse or names an unknown key or value. */
  INVALID_POLICY,
  /** A file in a landing folder that no section of the contract describes (e.g. a wrong extension). */
  UNSUPPORTED_FILE;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

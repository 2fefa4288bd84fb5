package io.agentgov.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;

/**
 * What reading a landing file yields, one row per record before deduplication: an event row, a
 * quarantine row, or a marker for an OTel span that is not an agent action (counted, not stored);
 * and after a record, one marker per secret redacted from it, naming its kind, so the one tally of
 * the parse also counts redactions. Rows are in Spark's internal form (see {@link Catalyst}).
 */
final class StagedRecords {
  static final String EVENT = "event";
  static final String QUARANTINED = "quarantined";
  static final String NOT_AN_EVENT = "not_an_event";
  static final String REDACTED = "redacted";

  static final StructType SCHEMA = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("event", EventRows.EVENT, true)
      .add("quarantine", QuarantineRows.QUARANTINE, true)
      .add("secret_kind", DataTypes.StringType, true);
  /** Positions in {@link #SCHEMA}, for readers of the rows. */
  static final int KIND = SCHEMA.fieldIndex("kind");
  static final int EVENT_ROW = SCHEMA.fieldIndex("event");
  static final int QUARANTINE_ROW = SCHEMA.fieldIndex("quarantine");
  static final int SECRET_KIND = SCHEMA.fieldIndex("secret_kind");

  private static final UTF8String EVENT_KIND = UTF8String.fromString(EVENT);
  static final UTF8String QUARANTINED_KIND = UTF8String.fromString(QUARANTINED);
  private static final UTF8String NOT_AN_EVENT_KIND = UTF8String.fromString(NOT_AN_EVENT);
  private static final UTF8String REDACTED_KIND = UTF8String.fromString(REDACTED);
  // Quarantine rows are few; they are built as external rows and converted here.
  private static final Function1<Object, Object> QUARANTINE_TO_INTERNAL =
      CatalystTypeConverters.createToCatalystConverter(QuarantineRows.QUARANTINE);

  private StagedRecords() {}

  static InternalRow event(InternalRow event) {
    return new GenericInternalRow(new Object[] {EVENT_KIND, event, null, null});
  }

  static InternalRow quarantined(Row quarantine) {
    return new GenericInternalRow(new Object[] {QUARANTINED_KIND, null, QUARANTINE_TO_INTERNAL.apply(quarantine), null});
  }

  static InternalRow notAnEvent() {
    return new GenericInternalRow(new Object[] {NOT_AN_EVENT_KIND, null, null, null});
  }

  /** One secret of the given kind ({@link io.agentgov.contract.SecretScrubber}) was redacted from the record before. */
  static InternalRow redacted(String secretKind) {
    return new GenericInternalRow(new Object[] {REDACTED_KIND, null, null, UTF8String.fromString(secretKind)});
  }
}

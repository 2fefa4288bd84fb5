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
 * quarantine row, or a marker for an OTel span that is not an agent action (counted, not stored).
 * Rows are in Spark's internal form (see {@link Catalyst}).
 */
final class StagedRecords {
  static final String EVENT = "event";
  static final String QUARANTINED = "quarantined";
  static final String NOT_AN_EVENT = "not_an_event";

  /**
   * Flat: the kind, every column of the events table (all nullable: null on quarantine rows), then
   * the quarantine row. Flat so that a cached batch is cached column by column and a pass that
   * needs a few columns (keys, tally, Deequ) reads only those, not the whole nested event.
   */
  static final StructType SCHEMA = schema();
  private static final int EVENT_COLUMNS = EventRows.EVENT.fields().length;

  private static StructType schema() {
    StructType s = new StructType().add("kind", DataTypes.StringType, false);
    for (var f : EventRows.EVENT.fields()) {
      s = s.add(f.name(), f.dataType(), true, f.metadata());
    }
    return s.add("quarantine", QuarantineRows.QUARANTINE, true);
  }

  private static final UTF8String EVENT_KIND = UTF8String.fromString(EVENT);
  private static final UTF8String QUARANTINED_KIND = UTF8String.fromString(QUARANTINED);
  private static final UTF8String NOT_AN_EVENT_KIND = UTF8String.fromString(NOT_AN_EVENT);
  // Quarantine rows are few; they are built as external rows and converted here.
  private static final Function1<Object, Object> QUARANTINE_TO_INTERNAL =
      CatalystTypeConverters.createToCatalystConverter(QuarantineRows.QUARANTINE);

  private StagedRecords() {}

  /** @param event a row of the events table as {@link RowMaker#buildInternal} makes it */
  static InternalRow event(GenericInternalRow event) {
    Object[] values = new Object[EVENT_COLUMNS + 2];
    values[0] = EVENT_KIND;
    System.arraycopy(event.values(), 0, values, 1, EVENT_COLUMNS);
    return new GenericInternalRow(values);
  }

  static InternalRow quarantined(Row quarantine) {
    Object[] values = new Object[EVENT_COLUMNS + 2];
    values[0] = QUARANTINED_KIND;
    values[EVENT_COLUMNS + 1] = QUARANTINE_TO_INTERNAL.apply(quarantine);
    return new GenericInternalRow(values);
  }

  static InternalRow notAnEvent() {
    Object[] values = new Object[EVENT_COLUMNS + 2];
    values[0] = NOT_AN_EVENT_KIND;
    return new GenericInternalRow(values);
  }
}

package io.agentgov.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What reading a landing file yields, one row per record before deduplication: an event row, a
 * quarantine row, or a marker for an OTel span that is not an agent action (counted, not stored).
 */
final class StagedRecords {
  static final String EVENT = "event";
  static final String QUARANTINED = "quarantined";
  static final String NOT_AN_EVENT = "not_an_event";

  static final StructType SCHEMA = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("event", EventRows.EVENT, true)
      .add("quarantine", QuarantineRows.QUARANTINE, true);

  private StagedRecords() {}

  static Row event(Row event) {
    return RowFactory.create(EVENT, event, null);
  }

  static Row quarantined(Row quarantine) {
    return RowFactory.create(QUARANTINED, null, quarantine);
  }

  static Row notAnEvent() {
    return RowFactory.create(NOT_AN_EVENT, null, null);
  }
}

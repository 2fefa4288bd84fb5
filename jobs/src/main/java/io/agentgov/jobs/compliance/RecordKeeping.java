package io.agentgov.jobs.compliance;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;

import io.agentgov.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * M1, EU AI Act Art. 12(1) record-keeping: the share of event records received in the period (by
 * landing day) that carried the full minimum data set. Every stored event passed the input
 * contract's validator (section 1 required fields, policy and outcome), so it is events stored over
 * events stored plus event records quarantined for a missing, malformed or invalid field.
 * {@code conflicting_duplicate} is not counted against the clause: such a record was complete, its
 * id was taken. Files outside the contract ({@code unsupported_file}) are not event records.
 */
final class RecordKeeping implements ClauseMetric {
  static final List<String> EVENT_RECORD_KINDS = List.of("events", "otel");
  static final List<String> NOT_A_MISSING_FIELD = List.of("conflicting_duplicate");

  @Override
  public Measurement measure(Clause clause, ComplianceInputs in) {
    long stored = in.read(Tables.EVENTS).where(in.inPeriod("landing_date")).count();
    Dataset<Row> failed = in.read(Tables.QUARANTINE).where(in.inPeriod("landing_date")
            .and(col("source_kind").isin(EVENT_RECORD_KINDS.toArray()))
            .and(not(col("reason_code").isin(NOT_A_MISSING_FIELD.toArray()))))
        // a record's id when it could be read, else its file and line (never its raw text)
        .withColumn("record", coalesce(col("record_key"),
            concat(element_at(split(col("source_file"), "/"), -1), lit(":"), coalesce(col("line_number").cast("string"), lit("?")))));
    List<Measurement.Evidence> evidence = new ArrayList<>();
    evidence.add(new Measurement.Evidence("event records stored (landing days of the period)", stored, "event", List.of()));
    long quarantined = 0;
    for (Row r : failed.groupBy("reason_code").count().orderBy("reason_code").collectAsList()) {
      String reason = r.getString(0);
      quarantined += r.getLong(1);
      evidence.add(new Measurement.Evidence("quarantined: " + reason, r.getLong(1), "record",
          in.first(failed.where(col("reason_code").equalTo(lit(reason))), "record")));
    }
    List<String> notes = in.scopeNotes(clause);
    if (stored + quarantined == 0) {
      return Measurement.noData(clause, "No event record landed in the period.", evidence, notes);
    }
    return Measurement.share(clause, stored, stored + quarantined, List.of(), evidence, notes);
  }
}

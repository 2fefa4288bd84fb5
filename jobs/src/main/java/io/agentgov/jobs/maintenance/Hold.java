package io.agentgov.jobs.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One legal hold, a row of {@code legal_holds}. A hold is in force while {@link #liftedAt} is null;
 * maintenance never removes what an active hold covers (docs/maintenance.md).
 *
 * @param table    a table name, or {@code *} for every table
 * @param fromDate first event day covered; null: from the beginning
 * @param toDate   last event day covered; null: open-ended
 * @param agentId  only this agent's rows where the table has {@code agent_id}; null: all
 */
public record Hold(String holdId, String table, LocalDate fromDate, LocalDate toDate, String agentId, String reason,
    String setBy, Instant setAt, String liftedBy, Instant liftedAt) {
  public static final String ALL_TABLES = "*";

  public boolean active() {
    return liftedAt == null;
  }

  public boolean covers(String tableName) {
    return ALL_TABLES.equals(table) || table.equals(tableName);
  }

  /**
   * The first instant whose table state the hold preserves: the start (UTC) of {@link #fromDate},
   * or null when the hold covers everything from the beginning.
   */
  public Instant keepsHistoryFrom() {
    return fromDate == null ? null : fromDate.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Hold lifted(String by, Instant at) {
    return new Hold(holdId, table, fromDate, toDate, agentId, reason, setBy, setAt, by, at);
  }

  /** One line for people: id, scope and state. */
  public String describe() {
    String days = (fromDate == null ? "beginning" : fromDate.toString()) + ".." + (toDate == null ? "open" : toDate.toString());
    return String.format("%s  %-18s %-23s %-12s %s  set %s by %s%s", holdId, table, days, agentId == null ? "all agents" : agentId,
        reason, setAt, setBy, active() ? "" : "  lifted " + liftedAt + " by " + liftedBy);
  }

  Row toRow() {
    return RowFactory.create(holdId, table, fromDate, toDate, agentId, reason, setBy, setAt, liftedBy, liftedAt);
  }

  static Hold of(Row r) {
    return new Hold(r.getAs("hold_id"), r.getAs("table_name"), r.getAs("from_date"), r.getAs("to_date"), r.getAs("agent_id"),
        r.getAs("reason"), r.getAs("set_by"), r.getAs("set_at"), r.getAs("lifted_by"), r.getAs("lifted_at"));
  }
}

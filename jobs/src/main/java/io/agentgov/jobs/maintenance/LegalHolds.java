package io.agentgov.jobs.maintenance;

import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;

/**
 * Sets, lifts and lists legal holds ({@code legal_holds}: one row per hold, small and
 * unpartitioned). Setting appends a row; lifting rewrites the whole table with the hold's
 * {@code lifted_by} and {@code lifted_at} filled in, validated against the snapshot it read, so a
 * hold set meanwhile is never lost (the lift fails instead and can be retried). Rows are never
 * deleted: a lifted hold stays listed with who lifted it and when.
 */
public final class LegalHolds {
  private final Lakehouse lake;

  public LegalHolds(Lakehouse lake) {
    this.lake = lake;
  }

  /**
   * Puts a hold in force from now.
   *
   * @param table   a table name or {@code *}
   * @param from    first event day covered, or null for all history
   * @param to      last event day covered, or null for open-ended
   * @param agentId only this agent's rows, or null
   */
  public Hold set(String table, LocalDate from, LocalDate to, String agentId, String reason, String setBy) {
    return set(table, from, to, agentId, reason, setBy, Instant.now());
  }

  Hold set(String table, LocalDate from, LocalDate to, String agentId, String reason, String setBy, Instant setAt) {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("Cannot set a hold without a table: name one, or * for every table");
    }
    if (!Hold.ALL_TABLES.equals(table)) {
      Tables.byName(table); // fails naming the known tables
    }
    if (reason == null || reason.isBlank() || setBy == null || setBy.isBlank()) {
      throw new IllegalArgumentException("Cannot set a hold on " + table + " without a reason (matter or request reference)"
          + " and the person setting it");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("Cannot set a hold on " + table + ": to " + to + " is before from " + from);
    }
    String agent = agentId == null || agentId.isBlank() ? null : agentId;
    List<Hold> existing = list(true);
    String id;
    do {
      id = "hold-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    } while (find(existing, id) != null);
    Hold hold = new Hold(id, table, from, to, agent, reason, setBy, setAt, null, null);
    lake.append(Tables.LEGAL_HOLDS, lake.spark().createDataFrame(List.of(hold.toRow()),
        Lakehouse.sparkSchema(Tables.LEGAL_HOLDS)));
    return hold;
  }

  /** Lifts a hold in force: maintenance may remove what it covered from the next run on. */
  public Hold lift(String holdId, String liftedBy) {
    return lift(holdId, liftedBy, Instant.now());
  }

  Hold lift(String holdId, String liftedBy, Instant liftedAt) {
    if (liftedBy == null || liftedBy.isBlank()) {
      throw new IllegalArgumentException("Cannot lift hold " + holdId + " without the person lifting it");
    }
    Long snapshot = lake.currentSnapshotId(Tables.LEGAL_HOLDS);
    if (snapshot == null) {
      throw new IllegalArgumentException("Cannot lift hold " + holdId + ": no hold was ever set");
    }
    return liftAt(snapshot, holdId, liftedBy, liftedAt);
  }

  /** Lifts a hold as the table stood at {@code snapshot}; fails if the table changed since. */
  Hold liftAt(long snapshot, String holdId, String liftedBy, Instant liftedAt) {
    List<Hold> holds = read(snapshot);
    Hold hold = find(holds, holdId);
    if (hold == null) {
      throw new IllegalArgumentException("Cannot lift hold " + holdId + ": there is no such hold (hold list --all lists"
          + " every hold)");
    }
    if (!hold.active()) {
      throw new IllegalStateException("Cannot lift hold " + holdId + ": it was lifted at " + hold.liftedAt() + " by "
          + hold.liftedBy());
    }
    Hold lifted = hold.lifted(liftedBy, liftedAt);
    List<Row> rows = new ArrayList<>();
    for (Hold h : holds) {
      rows.add(h.holdId().equals(holdId) ? lifted.toRow() : h.toRow());
    }
    try {
      // Serializable from the snapshot read: a hold appended since then makes this commit fail, not vanish.
      lake.spark().createDataFrame(rows, Lakehouse.sparkSchema(Tables.LEGAL_HOLDS))
          .writeTo(lake.name(Tables.LEGAL_HOLDS))
          .option("check-nullability", "false")
          .option("validate-from-snapshot-id", String.valueOf(snapshot))
          .option("isolation-level", "serializable")
          .overwrite(lit(true));
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("Cannot lift hold " + holdId + ": the legal_holds table vanished", e);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.apache.iceberg.exceptions.ValidationException) {
          throw new IllegalStateException("Cannot lift hold " + holdId + ": legal_holds changed since snapshot " + snapshot
              + " was read (a hold was set or lifted meanwhile); nothing was changed, lift it again", e);
        }
      }
      throw e;
    }
    return lifted;
  }

  /** Every hold (with {@code includeLifted}) or only those in force, oldest first. */
  public List<Hold> list(boolean includeLifted) {
    Long snapshot = lake.currentSnapshotId(Tables.LEGAL_HOLDS);
    if (snapshot == null) {
      return List.of();
    }
    return read(snapshot).stream().filter(h -> includeLifted || h.active()).toList();
  }

  /** The holds in force that cover a table (by name or {@code *}). */
  public List<Hold> activeOn(String table) {
    return list(false).stream().filter(h -> h.covers(table)).toList();
  }

  private List<Hold> read(long snapshot) {
    List<Hold> holds = new ArrayList<>();
    for (Row r : lake.readAt(Tables.LEGAL_HOLDS, snapshot).collectAsList()) {
      holds.add(Hold.of(r));
    }
    holds.sort(Comparator.comparing(Hold::setAt).thenComparing(Hold::holdId));
    return holds;
  }

  private static Hold find(List<Hold> holds, String holdId) {
    return holds.stream().filter(h -> h.holdId().equals(holdId)).findFirst().orElse(null);
  }
}

package io.agentgov.jobs.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Decides which snapshots of a table a report could still need, in plain Java (no Spark, no
 * commit): the plan {@link MaintainJob} carries out, and prints as it is under {@code --dry-run}.
 *
 * <p>A report "as of time T" reads the snapshot current at T: the latest entry of the table's
 * snapshot log at or before T (what Iceberg's {@code TIMESTAMP AS OF} resolves). To answer for every
 * T in [horizon start, now] the table must keep every snapshot committed since the horizon start
 * <em>and</em> the one current at the horizon start (committed before it). Each active hold keeps
 * the same from its first covered day on: every snapshot committed since then, and the one current
 * then. Branch and tag heads and the current snapshot are always kept. Everything else expires.
 */
public final class SnapshotRetention {
  /** Why a snapshot is kept, strongest first; a snapshot kept for several reasons shows the first. */
  public static final String CURRENT = "current";
  public static final String REF = "ref";
  public static final String HORIZON = "horizon";
  public static final String HORIZON_START = "horizon_start";
  public static final String HOLD = "hold";
  static final List<String> REASONS = List.of(CURRENT, REF, HORIZON, HORIZON_START, HOLD);

  private SnapshotRetention() {}

  /** A snapshot as the plan sees it. */
  public record Snap(long id, Instant committedAt, String operation) {}

  /** An entry of the snapshot log: the snapshot became current at {@code at}. */
  public record LogEntry(long snapshotId, Instant at) {}

  /** An active hold as it bears on snapshots: it keeps the table's history from {@code from} (null: all of it). */
  public record HoldWindow(String holdId, Instant from) {}

  /**
   * One snapshot's fate.
   *
   * @param keptBecause one of {@link #REASONS}, or null when it expires
   * @param holds       the holds that alone keep it (when {@code keptBecause} is {@link #HOLD})
   */
  public record Decision(long snapshotId, Instant committedAt, String operation, String keptBecause, List<String> holds) {}

  /** Kept and expired snapshots, oldest first. */
  public record Plan(List<Decision> kept, List<Decision> expired) {
    /** Kept snapshots per reason, in {@link #REASONS} order, reasons without snapshots left out. */
    public Map<String, Integer> keptBecause() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String reason : REASONS) {
        int n = (int) kept.stream().filter(d -> d.keptBecause().equals(reason)).count();
        if (n > 0) {
          counts.put(reason, n);
        }
      }
      return counts;
    }

    public List<Long> expiredIds() {
      return expired.stream().map(Decision::snapshotId).toList();
    }

    public List<Long> keptIds() {
      return kept.stream().map(Decision::snapshotId).toList();
    }
  }

  /** The plan for an Iceberg table as it stands (call {@code refresh()} first). */
  public static Plan plan(Table table, Instant horizonStart, List<HoldWindow> holds) {
    List<Snap> snaps = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      snaps.add(new Snap(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), s.operation()));
    }
    List<LogEntry> log = new ArrayList<>();
    for (HistoryEntry h : table.history()) {
      log.add(new LogEntry(h.snapshotId(), Instant.ofEpochMilli(h.timestampMillis())));
    }
    Map<Long, String> refs = new HashMap<>();
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      refs.put(ref.getValue().snapshotId(), ref.getKey());
    }
    Long current = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    return plan(snaps, log, current, refs, horizonStart, holds);
  }

  /**
   * @param snapshots    every snapshot of the table
   * @param log          the snapshot log (which snapshot was current from when)
   * @param current      the current snapshot of the main branch, or null
   * @param refHeads     snapshot id -> name of a branch or tag pointing at it
   * @param horizonStart the earliest time a report may be made as of
   * @param holds        the active holds covering the table
   */
  public static Plan plan(List<Snap> snapshots, List<LogEntry> log, Long current, Map<Long, String> refHeads,
                          Instant horizonStart, List<HoldWindow> holds) {
    Map<Long, Snap> byId = new HashMap<>();
    snapshots.forEach(s -> byId.put(s.id(), s));
    Map<Long, String> reason = new HashMap<>();
    Map<Long, TreeSet<String>> holdIds = new HashMap<>();
    if (current != null && byId.containsKey(current)) {
      reason.put(current, CURRENT);
    }
    refHeads.keySet().stream().filter(byId::containsKey).forEach(id -> reason.putIfAbsent(id, REF));
    keepFrom(horizonStart, HORIZON, HORIZON_START, snapshots, log, byId, reason);
    for (HoldWindow hold : holds) {
      Map<Long, String> byHold = new HashMap<>();
      if (hold.from() == null) {
        snapshots.forEach(s -> byHold.put(s.id(), HOLD));
      } else {
        keepFrom(hold.from(), HOLD, HOLD, snapshots, log, byId, byHold);
      }
      for (Long id : byHold.keySet()) {
        if (reason.putIfAbsent(id, HOLD) == null || HOLD.equals(reason.get(id))) {
          holdIds.computeIfAbsent(id, k -> new TreeSet<>()).add(hold.holdId());
        }
      }
    }
    List<Decision> kept = new ArrayList<>();
    List<Decision> expired = new ArrayList<>();
    snapshots.stream().sorted(Comparator.comparing(Snap::committedAt).thenComparing(Snap::id)).forEach(s -> {
      String why = reason.get(s.id());
      Decision d = new Decision(s.id(), s.committedAt(), s.operation(), why,
          List.copyOf(holdIds.getOrDefault(s.id(), new TreeSet<>())));
      (why == null ? expired : kept).add(d);
    });
    return new Plan(List.copyOf(kept), List.copyOf(expired));
  }

  /**
   * Keeps what a report as of any time from {@code start} on needs: snapshots committed at or after
   * it ({@code within}) and the one current at {@code start} ({@code anchor}). The current one is
   * taken from the snapshot log and, in case the log was trimmed or disagrees, also from commit
   * times: both are kept.
   */
  private static void keepFrom(Instant start, String within, String anchor, List<Snap> snapshots, List<LogEntry> log,
                               Map<Long, Snap> byId, Map<Long, String> reason) {
    Snap latestBefore = null;
    for (Snap s : snapshots) {
      if (!s.committedAt().isBefore(start)) {
        reason.putIfAbsent(s.id(), within);
      } else if (latestBefore == null || !s.committedAt().isBefore(latestBefore.committedAt())) {
        latestBefore = s;
      }
    }
    if (latestBefore != null) {
      reason.putIfAbsent(latestBefore.id(), anchor);
    }
    LogEntry currentAtStart = null;
    for (LogEntry e : log) {
      if (!e.at().isAfter(start) && (currentAtStart == null || !e.at().isBefore(currentAtStart.at()))) {
        currentAtStart = e;
      }
    }
    if (currentAtStart != null && byId.containsKey(currentAtStart.snapshotId())) {
      reason.putIfAbsent(currentAtStart.snapshotId(), anchor);
    }
  }
}

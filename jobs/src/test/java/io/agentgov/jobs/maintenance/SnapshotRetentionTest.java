package io.agentgov.jobs.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.maintenance.SnapshotRetention.Decision;
import io.agentgov.jobs.maintenance.SnapshotRetention.HoldWindow;
import io.agentgov.jobs.maintenance.SnapshotRetention.LogEntry;
import io.agentgov.jobs.maintenance.SnapshotRetention.Plan;
import io.agentgov.jobs.maintenance.SnapshotRetention.Snap;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retention plan in plain Java: which snapshots a report as of any time in the horizon needs. */
class SnapshotRetentionTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Snapshots 1..n committed one day apart from T0, each current from its commit on. */
  static List<Snap> daily(int n) {
    List<Snap> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new Snap(i, T0.plus(Duration.ofDays(i - 1)), "append"));
    }
    return out;
  }

  static List<LogEntry> log(List<Snap> snaps) {
    return snaps.stream().map(s -> new LogEntry(s.id(), s.committedAt())).toList();
  }

  static Plan plan(List<Snap> snaps, Instant horizonStart, List<HoldWindow> holds) {
    return SnapshotRetention.plan(snaps, log(snaps), snaps.get(snaps.size() - 1).id(), Map.of(), horizonStart, holds);
  }

  static String reason(Plan p, long id) {
    return p.kept().stream().filter(d -> d.snapshotId() == id).map(Decision::keptBecause).findFirst().orElse(null);
  }

  @Test
  void keepsTheHorizonAndTheSnapshotCurrentAtItsStart() {
    List<Snap> snaps = daily(10);
    // horizon starts at noon of day 6 (snapshot 6 committed at its midnight): 6 was current then
    Plan p = plan(snaps, T0.plus(Duration.ofDays(5)).plus(Duration.ofHours(12)), List.of());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), p.expiredIds());
    assertEquals(List.of(6L, 7L, 8L, 9L, 10L), p.keptIds());
    assertEquals(SnapshotRetention.HORIZON_START, reason(p, 6));
    assertEquals(SnapshotRetention.HORIZON, reason(p, 7));
    assertEquals(SnapshotRetention.CURRENT, reason(p, 10));
    assertEquals(Map.of("current", 1, "horizon", 3, "horizon_start", 1), p.keptBecause());
  }

  @Test
  void allHistoryInsideTheHorizonIsKept() {
    Plan p = plan(daily(4), T0.minus(Duration.ofDays(1)), List.of());
    assertTrue(p.expired().isEmpty());
    assertEquals(4, p.kept().size());
  }

  @Test
  void historyOlderThanTheHorizonKeepsOnlyTheCurrentSnapshot() {
    Plan p = plan(daily(4), T0.plus(Duration.ofDays(100)), List.of());
    assertEquals(List.of(4L), p.keptIds());
    assertEquals(SnapshotRetention.CURRENT, reason(p, 4), "current and current at the horizon start: shown as current");
  }

  @Test
  void aHoldKeepsEverythingFromItsFirstDayOnAndTheSnapshotCurrentThen() {
    List<Snap> snaps = daily(10);
    Instant horizon = T0.plus(Duration.ofDays(100));
    Instant from = LocalDate.parse("2025-01-03").atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(1);
    Plan p = plan(snaps, horizon, List.of(new HoldWindow("hold-a", from)));
    assertEquals(List.of(1L, 2L), p.expiredIds(), "snapshot 3 (committed at midnight) was current one second later");
    assertEquals(SnapshotRetention.HOLD, reason(p, 3));
    assertEquals(List.of("hold-a"), p.kept().get(0).holds());
    assertEquals(Map.of("current", 1, "hold", 7), p.keptBecause());
    Plan all = plan(snaps, horizon, List.of(new HoldWindow("hold-b", null), new HoldWindow("hold-a", from)));
    assertTrue(all.expired().isEmpty(), "a hold from the beginning keeps everything");
    assertEquals(List.of("hold-b"), all.kept().get(0).holds());
    assertEquals(List.of("hold-a", "hold-b"), all.kept().get(5).holds());
    assertEquals(List.of(), all.kept().get(9).holds(), "the current snapshot is kept anyway");
  }

  @Test
  void refsAreKeptAndTheLogDecidesWhatWasCurrent() {
    List<Snap> snaps = daily(6);
    // snapshot 4 was rolled back: from day 4 on, 3 was current again until 5 was committed
    List<LogEntry> log = List.of(new LogEntry(1, T0), new LogEntry(2, T0.plus(Duration.ofDays(1))),
        new LogEntry(3, T0.plus(Duration.ofDays(2))), new LogEntry(3, T0.plus(Duration.ofDays(3)).plusSeconds(60)),
        new LogEntry(5, T0.plus(Duration.ofDays(4))), new LogEntry(6, T0.plus(Duration.ofDays(5))));
    Instant horizon = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1));
    Plan p = SnapshotRetention.plan(snaps, log, 6L, Map.of(1L, "audit-tag"), horizon, List.of());
    assertEquals(List.of(2L), p.expiredIds());
    assertEquals(SnapshotRetention.REF, reason(p, 1));
    assertEquals(SnapshotRetention.HORIZON_START, reason(p, 3), "current at the horizon start by the snapshot log");
    assertEquals(SnapshotRetention.HORIZON_START, reason(p, 4), "latest committed before it, kept as well");
  }
}

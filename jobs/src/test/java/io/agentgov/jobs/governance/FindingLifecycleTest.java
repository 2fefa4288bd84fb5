package io.agentgov.jobs.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgov.jobs.governance.Detection.Persistence;
import io.agentgov.jobs.governance.Finding.Notify;
import io.agentgov.jobs.governance.Finding.Status;
import io.agentgov.jobs.governance.FindingType.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingLifecycleTest {
  static final LocalDate D1 = LocalDate.parse("2026-03-02");
  static final Map<String, Notify> OWNER = Map.of("ag-1", new Notify("emp_1", Notify.OWNER));

  static Detection detection(FindingType type, Persistence persistence, Severity severity, LocalDate day, long events) {
    Instant t = day.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
    return new Detection(type, "ag-1", "s", severity, persistence, "explained " + day, Map.of("k", "v"),
        events > 0 ? List.of("evt-" + day) : List.of(), t, t.plusSeconds(60), events);
  }

  static List<Finding> night(LocalDate day, List<Finding> previous, Detection... detections) {
    return FindingLifecycle.advance(day, previous, List.of(detections), OWNER, Map.of("ag-1", "finance"), 14, 3);
  }

  @Test
  void aConditionFindingOpensResolvesAndReopensUnderOneId() {
    Detection d = detection(FindingType.ABANDONED_AGENT, Persistence.CONDITION, Severity.MEDIUM, D1, 0);
    Finding opened = night(D1, List.of(), d).get(0);
    assertEquals(Status.OPEN, opened.status());
    assertEquals(D1, opened.openedOn());
    assertEquals("emp_1", opened.contact().personId());
    Finding resolved = night(D1.plusDays(1), List.of(opened)).get(0);
    assertEquals(Status.RESOLVED, resolved.status());
    assertEquals(D1.plusDays(1), resolved.resolvedOn());
    Finding carried = night(D1.plusDays(2), List.of(resolved)).get(0);
    assertEquals(Status.RESOLVED, carried.status(), "resolved findings are carried: a night's rows are the whole list");
    assertEquals(D1.plusDays(1), carried.statusSince());
    Finding reopened = night(D1.plusDays(3), List.of(carried),
        detection(FindingType.ABANDONED_AGENT, Persistence.CONDITION, Severity.MEDIUM, D1.plusDays(3), 0)).get(0);
    assertEquals(Status.REOPENED, reopened.status());
    assertEquals(1, reopened.reopenCount());
    assertEquals(opened.findingId(), reopened.findingId());
    assertEquals(D1, reopened.openedOn());
    assertNull(reopened.resolvedOn());
  }

  @Test
  void anEvidenceFindingWaitsQuietDaysBeforeResolving() {
    Finding f = night(D1, List.of(), detection(FindingType.TIER_VIOLATION, Persistence.EVIDENCE, Severity.HIGH, D1, 3)).get(0);
    for (int day = 1; day < 14; day++) {
      f = night(D1.plusDays(day), List.of(f)).get(0);
      assertEquals(Status.OPEN, f.status(), "night " + day + " of quiet");
      assertFalse(f.detectedTonight());
    }
    f = night(D1.plusDays(14), List.of(f)).get(0);
    assertEquals(Status.RESOLVED, f.status());
    assertEquals(3, f.evidenceEvents());
  }

  @Test
  void severityChangesAreRememberedAndEvidenceAccumulates() {
    Finding f = night(D1, List.of(), detection(FindingType.SCOPE_CREEP, Persistence.EVIDENCE, Severity.HIGH, D1, 2)).get(0);
    Finding g = night(D1.plusDays(1), List.of(f),
        detection(FindingType.SCOPE_CREEP, Persistence.EVIDENCE, Severity.CRITICAL, D1.plusDays(1), 5)).get(0);
    assertEquals(Severity.CRITICAL, g.severity());
    assertEquals(Severity.HIGH, g.previousSeverity());
    assertEquals(7, g.evidenceEvents());
    assertEquals(f.firstSeen(), g.firstSeen());
    assertEquals(List.of("evt-" + D1.plusDays(1), "evt-" + D1), g.sampleEventIds(), "tonight's samples first");
    assertEquals("explained " + D1.plusDays(1), g.explanation());
  }

  @Test
  void oneFindingTwiceInADetectionListIsABug() {
    Detection d = detection(FindingType.SHADOW_AGENT, Persistence.EVIDENCE, Severity.HIGH, D1, 1);
    assertThrows(IllegalArgumentException.class, () -> night(D1, List.of(), d, d));
  }

  @Test
  void findingIdsAreStableAndDistinct() {
    assertEquals(Detection.findingId(FindingType.SHADOW_AGENT, "a", "s"), Detection.findingId(FindingType.SHADOW_AGENT, "a", "s"));
    assertFalse(Detection.findingId(FindingType.SHADOW_AGENT, "a", "s").equals(Detection.findingId(FindingType.SCOPE_CREEP, "a", "s")));
  }
}

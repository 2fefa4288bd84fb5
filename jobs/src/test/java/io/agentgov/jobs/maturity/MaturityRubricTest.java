package io.agentgov.jobs.maturity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.jobs.maturity.MaturityRubric.Measure;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaturityRubricTest {
  /** Every indicator at 100 of 100. */
  static Map<Indicator, Measure> perfect() {
    Map<Indicator, Measure> m = new EnumMap<>(Indicator.class);
    for (Indicator i : Indicator.values()) {
      m.put(i, new Measure(100, 100));
    }
    return m;
  }

  @Test
  void aUnitMeetingEveryLevelIsEmbedded() {
    MaturityRubric.Assessment a = MaturityRubric.assess(perfect());
    assertEquals(4, a.stage());
    assertEquals("Embedded", a.stageName());
    assertTrue(a.nextStageGaps().isEmpty());
    a.indicators().forEach(j -> assertNull(j.nextLevel(), "nothing above Embedded"));
  }

  @Test
  void theWeakestIndicatorDecidesAndTheGapSaysHowFar() {
    Map<Indicator, Measure> m = perfect();
    m.put(Indicator.POLICY_CHECKED, new Measure(52, 100)); // log-only gateways
    m.put(Indicator.LEAST_PRIVILEGE, new Measure(13, 16));
    MaturityRubric.Assessment a = MaturityRubric.assess(m);
    assertEquals(1, a.stage());
    assertEquals(1, a.nextStageGaps().size(), "only what Defined asks is listed: " + a.nextStageGaps());
    // Defined asks 90%: 90 of 100 checked, 38 more than today.
    assertEquals("actions checked by the policy gateway: 52.0% (52 of 100), Defined needs 90.0%: 38 more",
        a.nextStageGaps().get(0));
    MaturityRubric.Judged leastPrivilege = a.indicators().stream()
        .filter(j -> j.indicator() == Indicator.LEAST_PRIVILEGE).findFirst().orElseThrow();
    assertEquals(3, leastPrivilege.stageMet(), "13 of 16 meets every level but Embedded's 99%");
  }

  @Test
  void aManagedUnitIsHeldBackOnlyByWhatEmbeddedAdds() {
    Map<Indicator, Measure> m = perfect();
    m.put(Indicator.LEAST_PRIVILEGE, new Measure(13, 16));
    MaturityRubric.Assessment a = MaturityRubric.assess(m);
    assertEquals(3, a.stage());
    assertEquals(1, a.nextStageGaps().size());
    assertTrue(a.nextStageGaps().get(0).startsWith("active agents without unused granted permissions: 81.3% (13 of 16),"
        + " Embedded needs 99.0%: 3 more"), a.nextStageGaps().get(0));
  }

  @Test
  void nothingToMeasureNeitherHoldsBackNorLifts() {
    Map<Indicator, Measure> m = perfect();
    m.put(Indicator.SAMPLED_REVIEWS, new Measure(0, 0));
    assertEquals(4, MaturityRubric.assess(m).stage());
    assertNull(MaturityRubric.assess(m).indicators().stream()
        .filter(j -> j.indicator() == Indicator.SAMPLED_REVIEWS).findFirst().orElseThrow().measure().value());
  }

  @Test
  void everyIndicatorMustBeMeasuredAndLevelsNeverFall() {
    Map<Indicator, Measure> m = perfect();
    m.remove(Indicator.NAMED_OWNERS);
    assertThrows(IllegalArgumentException.class, () -> MaturityRubric.assess(m));
    assertThrows(IllegalArgumentException.class, () -> new Measure(3, 2));
    for (Indicator i : Indicator.values()) {
      Double previous = null;
      for (int stage = 2; stage <= 4; stage++) {
        Double level = i.level(stage);
        if (previous != null) {
          assertTrue(level != null && level >= previous, i + " asks less at stage " + stage + " than below it");
        }
        previous = level;
      }
    }
  }
}

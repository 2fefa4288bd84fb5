package io.agentgov.calibration.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActivityGapTest {
  @Test
  void ruleOfSuccessionMatchesLaplace() {
    // Laplace's sunrise example: after 5 mornings out of 5, the next one has chance 6/7.
    assertEquals(6.0 / 7.0, ActivityGap.activeRate(5, 5), 1e-15);
    assertEquals(0.5, ActivityGap.activeRate(0, 0), 1e-15);
    assertEquals(1.0 / 10.0, ActivityGap.activeRate(0, 8), 1e-15);
  }

  @Test
  void silenceMultipliesTheDaysChancesOfStayingQuiet() {
    // Three weekdays at 6/7 and a weekend at 1/2 each: (1/7)^3 (1/2)^2, computed by hand.
    double p = ActivityGap.silenceProbability(6.0 / 7, 6.0 / 7, 6.0 / 7, 0.5, 0.5);
    assertEquals(7.288629737609329e-4, p, 1e-18);
    assertEquals(1.0, ActivityGap.silenceProbability(), 0.0);
  }

  @Test
  void rejectsImpossibleInputs() {
    assertThrows(IllegalArgumentException.class, () -> ActivityGap.activeRate(6, 5));
    assertThrows(IllegalArgumentException.class, () -> ActivityGap.silenceProbability(1.2));
  }
}

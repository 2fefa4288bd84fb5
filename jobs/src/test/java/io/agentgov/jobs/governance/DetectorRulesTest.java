package io.agentgov.jobs.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The driver-side rules of the registry detectors, without Spark. */
class DetectorRulesTest {
  static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

  /** Active on every weekday from {@code from} to {@code to}, idle at weekends. */
  static TreeMap<LocalDate, Night.DayUse> weekdays(LocalDate from, LocalDate to, Map<String, Long> permissions) {
    TreeMap<LocalDate, Night.DayUse> days = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        days.put(d, new Night.DayUse(d, 100, permissions, Map.of()));
      }
    }
    return days;
  }

  @Test
  void aWeekdayAgentThatFallsSilentIsImprobableAfterAFewWeekdays() {
    // Active every weekday of two weeks (10 of 10 weekdays, 0 of 2 weekend days), silent from the third Monday.
    TreeMap<LocalDate, Night.DayUse> days = weekdays(MONDAY, MONDAY.plusDays(11), Map.of());
    LocalDate quietFrom = MONDAY.plusDays(14);
    // Weekday rate (10+1)/(10+2) = 11/12, so each silent weekday has chance 1/12: by hand, (1/12)^n.
    double afterTwo = AbandonedAgentDetector.silenceProbability(days, MONDAY, MONDAY.plusDays(11), quietFrom,
        quietFrom.plusDays(1));
    assertEquals(1.0 / 144, afterTwo, 1e-15);
    double afterThree = AbandonedAgentDetector.silenceProbability(days, MONDAY, MONDAY.plusDays(11), quietFrom,
        quietFrom.plusDays(2));
    assertEquals(1.0 / 1728, afterThree, 1e-15);
    assertTrue(afterThree < 0.001, "three silent weekdays: idle under the default p-value");
    // Its usual weekend (rate (0+1)/(2+2) = 1/4 each) is not surprising: (3/4)^2.
    double weekend = AbandonedAgentDetector.silenceProbability(days, MONDAY, MONDAY.plusDays(11),
        MONDAY.plusDays(12), MONDAY.plusDays(13));
    assertEquals(9.0 / 16, weekend, 1e-15);
  }

  @Test
  void theCreepTrendCountsPermissionsNewAfterTheFirstMonth() {
    TreeMap<LocalDate, Night.DayUse> days = weekdays(LocalDate.parse("2026-02-23"), LocalDate.parse("2026-02-27"),
        Map.of("read:crm", 5L));
    LocalDate march = LocalDate.parse("2026-03-10");
    days.put(march, new Night.DayUse(march, 3, Map.of("read:crm", 1L, "update:crm", 2L, "export:crm", 1L), Map.of()));
    LocalDate april = LocalDate.parse("2026-04-01");
    days.put(april, new Night.DayUse(april, 1, Map.of("delete:crm", 1L), Map.of()));
    assertEquals("2026-03: 2, 2026-04: 1", ScopeCreepDetector.trend(days));
    assertEquals("none after 2026-02", ScopeCreepDetector.trend(weekdays(LocalDate.parse("2026-02-23"),
        LocalDate.parse("2026-03-06"), Map.of("read:crm", 1L))));
  }

  @Test
  void standingCredentialsFollowThePolicysKindsAndLifetime() {
    List<String> preferred = List.of("ephemeral_token", "agent_token");
    Instant t = Instant.parse("2026-03-01T00:00:00Z");
    assertTrue(StandingCredentialDetector.standing(new RegistryEntry.Credential("k", "static_api_key", t, null, null),
        preferred, 30).startsWith("not a kind the policy prefers"));
    assertEquals("a token that never expires", StandingCredentialDetector.standing(
        new RegistryEntry.Credential("k", "agent_token", t, null, null), preferred, 30));
    assertEquals("a token living 90 days (max_token_lifetime_days 30)", StandingCredentialDetector.standing(
        new RegistryEntry.Credential("k", "agent_token", t, t.plusSeconds(90 * 86_400L), null), preferred, 30));
    assertNull(StandingCredentialDetector.standing(
        new RegistryEntry.Credential("k", "agent_token", t, t.plusSeconds(28 * 86_400L), null), preferred, 30));
  }
}

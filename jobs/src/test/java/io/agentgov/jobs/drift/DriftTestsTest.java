package io.agentgov.jobs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Baselines and drift tests without Spark: synthetic agents whose days are built here, so that
 * each rule (weekday awareness, idle days, cold start, each metric's test, materiality, the policy
 * rule, level shifts) is checked on a case that isolates it.
 */
class DriftTestsTest {
  static final LocalDate NIGHT = LocalDate.of(2026, 3, 25); // a Wednesday
  static final DriftOptions OPTIONS = DriftOptions.defaults();

  /** A day of {@code events} events spread like a steady agent: two tools, two targets, office hours. */
  static AgentDay steadyDay(LocalDate day, long events, SplittableRandom random) {
    return day(day, events, random, t -> t < 0.7 ? "crm" : "mail", t -> t < 0.6 ? "update" : "read", 9, 17, 1.0);
  }

  static AgentDay day(LocalDate day, long events, SplittableRandom random, Function<Double, String> target,
      Function<Double, String> action, int firstHour, int lastHour, double tokenFactor) {
    Map<String, Map<String, Long>> d = new TreeMap<>();
    long sessions = Math.max(1, events / 4);
    long tokens = 0;
    for (long i = 0; i < events; i++) {
      count(d, Distribution.TARGET_SYSTEM_MIX, target.apply(random.nextDouble()));
      count(d, Distribution.ACTION_TYPE_MIX, action.apply(random.nextDouble()));
      count(d, Distribution.OUTCOME_MIX, random.nextDouble() < 0.96 ? "success" : "failure");
      count(d, Distribution.POLICY_VERSION_MIX, "2026.1");
      count(d, Distribution.OVERSIGHT_MIX, random.nextDouble() < 0.8 ? "none" : "approved");
      count(d, Distribution.LATENCY_MS, Distribution.LATENCY_MS.bins().label(
          Distribution.LATENCY_MS.bins().index(Math.exp(6 + random.nextGaussian() * 0.5))));
    }
    for (long s = 0; s < sessions; s++) {
      count(d, Distribution.HOUR_MIX, String.format("%02d", firstHour + random.nextInt(lastHour - firstHour + 1)));
      long t = Math.round(tokenFactor * Math.exp(8 + random.nextGaussian() * 0.4));
      tokens += t;
      count(d, Distribution.INPUT_TOKENS_PER_SESSION, Distribution.INPUT_TOKENS_PER_SESSION.bins().label(
          Distribution.INPUT_TOKENS_PER_SESSION.bins().index(t)));
    }
    return new AgentDay("agent-1", day, events, sessions, tokens, d);
  }

  private static void count(Map<String, Map<String, Long>> d, Distribution of, String key) {
    d.computeIfAbsent(of.key(), k -> new TreeMap<>()).merge(key, 1L, Long::sum);
  }

  /** 60 days of steady history before NIGHT: 400 events on weekdays, 40 on weekends. */
  static List<AgentDay> history(SplittableRandom random) {
    List<AgentDay> days = new ArrayList<>();
    for (LocalDate d = NIGHT.minusDays(60); d.isBefore(NIGHT); d = d.plusDays(1)) {
      long n = DayType.of(d) == DayType.WEEKDAY ? 400 + random.nextInt(40) : 40 + random.nextInt(8);
      days.add(steadyDay(d, n, random));
    }
    return days;
  }

  static Baseline baseline(List<AgentDay> days, LocalDate night) {
    return BaselineBuilder.build("agent-1", night, days, OPTIONS, 1L);
  }

  static Map<String, DriftTest> byMetric(List<DriftTest> tests) {
    Map<String, DriftTest> out = new TreeMap<>();
    tests.forEach(t -> out.put(t.metric(), t));
    return out;
  }

  @Test
  void baselineMergesOnlyTheWindowsDaysOfTheNightsType() {
    List<AgentDay> days = history(new SplittableRandom(1));
    Baseline weekday = baseline(days, NIGHT);
    assertEquals("weekday", weekday.dayType());
    assertEquals(NIGHT.minusDays(28), weekday.windowStart());
    assertEquals(NIGHT.minusDays(1), weekday.windowEnd());
    assertEquals(20, weekday.baselineDays(), "28 days hold 20 weekdays");
    assertTrue(weekday.dailyEvents().stream().allMatch(n -> n >= 400), weekday.dailyEvents().toString());
    Baseline weekend = baseline(days, LocalDate.of(2026, 3, 28));
    assertEquals("weekend", weekend.dayType());
    assertEquals(8, weekend.baselineDays());
    assertTrue(weekend.dailyEvents().stream().allMatch(n -> n < 50), weekend.dailyEvents().toString());
    long merged = weekday.counts(Distribution.TARGET_SYSTEM_MIX).values().stream().mapToLong(Long::longValue).sum();
    assertEquals(weekday.events(), merged, "a merged mix counts every event of the merged days once");
    assertEquals(List.of("crm", "mail"), weekday.knownTargets());
    assertEquals(Baseline.READY, weekday.status());
  }

  @Test
  void idleDaysCountAsZeroAndColdStartGetsInsufficientHistory() {
    SplittableRandom random = new SplittableRandom(2);
    List<AgentDay> days = new ArrayList<>();
    for (LocalDate d = NIGHT.minusDays(20); d.isBefore(NIGHT); d = d.plusDays(1)) {
      if (!d.equals(NIGHT.minusDays(7))) { // idle one Wednesday
        days.add(steadyDay(d, 300, random));
      }
    }
    Baseline b = baseline(days, NIGHT);
    assertEquals(NIGHT.minusDays(20), b.firstSeen());
    assertEquals(20, b.historyDays());
    assertEquals(b.baselineDays(), b.dailyEvents().size());
    assertTrue(b.dailyEvents().contains(0L), "the idle Wednesday is a zero, not a gap: " + b.dailyEvents());

    Baseline young = baseline(days.subList(days.size() - 10, days.size()), NIGHT);
    assertEquals(Baseline.INSUFFICIENT_HISTORY, young.status());
    assertTrue(DriftTests.run(young, steadyDay(NIGHT, 1200, random), OPTIONS).isEmpty(), "no tests in cold start");
    Baseline none = baseline(List.of(), NIGHT);
    assertNull(none.firstSeen());
    assertEquals(Baseline.INSUFFICIENT_HISTORY, none.status());
  }

  @Test
  void aSteadyNightIsTestedButNothingIsMaterial() {
    SplittableRandom random = new SplittableRandom(3);
    Baseline b = baseline(history(random), NIGHT);
    List<DriftTest> tests = DriftTests.run(b, steadyDay(NIGHT, 415, random), OPTIONS);
    Map<String, DriftTest> m = byMetric(tests);
    assertTrue(m.keySet().containsAll(List.of("volume", "volume_level", "target_system_mix", "action_type_mix",
        "hour_mix", "outcome_mix", "oversight_mix", "latency_ms", "input_tokens_per_session")), m.keySet().toString());
    tests.forEach(t -> assertFalse(t.material(), t.metric() + " " + t.explanation()));
    assertFalse(m.containsKey("new_target"));
  }

  @Test
  void tripledVolumeIsMaterialWithATinyPValue() {
    SplittableRandom random = new SplittableRandom(4);
    Baseline b = baseline(history(random), NIGHT);
    DriftTest volume = byMetric(DriftTests.run(b, steadyDay(NIGHT, 1260, random), OPTIONS)).get("volume");
    assertTrue(volume.material(), volume.explanation());
    assertTrue(volume.pValue() < 1e-10, String.valueOf(volume.pValue()));
    assertEquals(Facets.ALL_EVENTS, volume.sampleFacet());
    // a weekend night of weekday volume is compared with weekends, so it is a jump too
    LocalDate saturday = LocalDate.of(2026, 3, 28);
    Baseline weekend = baseline(history(new SplittableRandom(4)), saturday);
    assertTrue(byMetric(DriftTests.run(weekend, steadyDay(saturday, 400, random), OPTIONS)).get("volume").material());
  }

  @Test
  void aNewTargetSystemIsNamedWithItsShare() {
    SplittableRandom random = new SplittableRandom(5);
    Baseline b = baseline(history(random), NIGHT);
    AgentDay tonight = day(NIGHT, 400, random, t -> t < 0.2 ? "billing" : t < 0.76 ? "crm" : "mail",
        t -> t < 0.6 ? "update" : "read", 9, 17, 1.0);
    Map<String, DriftTest> m = byMetric(DriftTests.run(b, tonight, OPTIONS));
    DriftTest novelty = m.get("new_target");
    assertTrue(novelty.material() && novelty.alarmed(), novelty.explanation());
    assertEquals("billing", novelty.topCategories().get(0).category());
    assertEquals(List.of("billing"), novelty.sampleKeys());
    DriftTest mix = m.get("target_system_mix");
    assertTrue(mix.material(), mix.explanation());
    assertEquals("billing", mix.topCategories().get(0).category(), "the largest PSI term is the new target");
    assertEquals(0.0, mix.topCategories().get(0).baselineShare(), 0.0);
  }

  @Test
  void workMovedToTheNightShowsInTheHourMix() {
    SplittableRandom random = new SplittableRandom(6);
    Baseline b = baseline(history(random), NIGHT);
    AgentDay tonight = day(NIGHT, 400, random, t -> t < 0.7 ? "crm" : "mail", t -> t < 0.6 ? "update" : "read", 0, 5, 1.0);
    DriftTest hours = byMetric(DriftTests.run(b, tonight, OPTIONS)).get("hour_mix");
    assertTrue(hours.material() && hours.pValue() < 1e-10, hours.explanation());
  }

  @Test
  void tokensTwoAndAHalfTimesHigherMoveTheTokenDistribution() {
    SplittableRandom random = new SplittableRandom(7);
    Baseline b = baseline(history(random), NIGHT);
    AgentDay tonight = day(NIGHT, 400, random, t -> t < 0.7 ? "crm" : "mail", t -> t < 0.6 ? "update" : "read", 9, 17, 2.5);
    DriftTest tokens = byMetric(DriftTests.run(b, tonight, OPTIONS)).get("input_tokens_per_session");
    assertEquals("ks", tokens.statistic());
    assertTrue(tokens.material() && tokens.pValue() < 1e-6, tokens.explanation());
  }

  @Test
  void oversightIsNotComparedAcrossAPolicyChange() {
    SplittableRandom random = new SplittableRandom(8);
    Baseline b = baseline(history(random), NIGHT);
    AgentDay tonight = steadyDay(NIGHT, 400, random);
    Map<String, Map<String, Long>> d = new TreeMap<>(tonight.distributions());
    d.put(Distribution.POLICY_VERSION_MIX.key(), Map.of("2026.2", 400L));
    AgentDay underNewPolicy = new AgentDay(tonight.agentId(), NIGHT, 400, tonight.sessions(), tonight.inputTokens(), d);
    assertFalse(byMetric(DriftTests.run(b, underNewPolicy, OPTIONS)).containsKey("oversight_mix"));
    assertTrue(byMetric(DriftTests.run(b, tonight, OPTIONS)).containsKey("oversight_mix"));
  }

  @Test
  void aLevelShiftMustLastBeforeItIsMaterial() {
    SplittableRandom random = new SplittableRandom(9);
    List<AgentDay> days = history(random);
    // the last weekdays before the night run at +60%
    List<AgentDay> shifted = new ArrayList<>();
    for (AgentDay d : days) {
      boolean recent = !d.day().isBefore(NIGHT.minusDays(3)) && DayType.of(d.day()) == DayType.WEEKDAY;
      shifted.add(recent ? steadyDay(d.day(), 660, random) : d);
    }
    DriftTest level = byMetric(DriftTests.run(baseline(shifted, NIGHT), steadyDay(NIGHT, 660, random), OPTIONS))
        .get("volume_level");
    assertTrue(level.alarmed() && level.material(), level.explanation());
    // one high night alone alarms the CUSUM but has not lasted: not material
    DriftTest spike = byMetric(DriftTests.run(baseline(days, NIGHT), steadyDay(NIGHT, 900, random), OPTIONS))
        .get("volume_level");
    assertTrue(spike.alarmed(), spike.explanation());
    assertFalse(spike.material(), spike.explanation());
  }

  @Test
  void tooFewObservationsSkipDistributionTests() {
    SplittableRandom random = new SplittableRandom(10);
    Baseline b = baseline(history(random), NIGHT);
    Map<String, DriftTest> m = byMetric(DriftTests.run(b, steadyDay(NIGHT, 12, random), OPTIONS));
    assertTrue(m.containsKey("volume"));
    assertFalse(m.containsKey("target_system_mix"), "12 events are below the 30 a distribution test needs");
  }
}

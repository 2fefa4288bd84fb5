package io.agentgov.jobs.maturity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The maturity stage of a business unit from its measured indicators: stage {@code s} (2..4) is
 * reached when every indicator meets the level stage {@code s} and every stage below require;
 * stage 1 (Ad hoc) needs nothing. An indicator with nothing to measure (no actions, no agents)
 * neither holds a unit back nor lifts it. Pure: the maturity job measures, this class judges.
 */
public final class MaturityRubric {
  public static final String VERSION = "2026.11";
  public static final List<String> STAGES = List.of("Ad hoc", "Defined", "Managed", "Embedded");

  private MaturityRubric() {}

  /** A share: numerator over denominator; no value when the denominator is 0. */
  public record Measure(long numerator, long denominator) {
    public Measure {
      if (numerator < 0 || denominator < 0 || numerator > denominator) {
        throw new IllegalArgumentException("Cannot measure " + numerator + " out of " + denominator);
      }
    }

    public Double value() {
      return denominator == 0 ? null : (double) numerator / denominator;
    }

    boolean meets(Double level) {
      return level == null || denominator == 0 || value() >= level;
    }
  }

  /** One indicator judged: the highest stage its level meets, and the level the next stage asks for. */
  public record Judged(Indicator indicator, Measure measure, int stageMet, Double nextLevel) {}

  /** The unit's stage, each indicator judged, and what would move the unit up one stage. */
  public record Assessment(int stage, String stageName, List<Judged> indicators, List<String> nextStageGaps) {}

  public static Assessment assess(Map<Indicator, Measure> measures) {
    Map<Indicator, Measure> m = new EnumMap<>(Indicator.class);
    m.putAll(measures);
    for (Indicator i : Indicator.values()) {
      if (!m.containsKey(i)) {
        throw new IllegalArgumentException("Cannot assess maturity: indicator " + i.wire() + " was not measured");
      }
    }
    int stage = 1;
    while (stage < 4 && meetsAll(m, stage + 1)) {
      stage++;
    }
    List<Judged> judged = new ArrayList<>();
    for (Indicator i : Indicator.values()) {
      int met = 1;
      while (met < 4 && m.get(i).meets(i.level(met + 1))) {
        met++;
      }
      judged.add(new Judged(i, m.get(i), met, stage < 4 ? i.level(stage + 1) : null));
    }
    List<String> gaps = new ArrayList<>();
    if (stage < 4) {
      for (Indicator i : Indicator.values()) {
        Double level = i.level(stage + 1);
        Measure measure = m.get(i);
        if (!measure.meets(level)) {
          long needed = (long) Math.ceil(level * measure.denominator() - 1e-9) - measure.numerator();
          gaps.add(String.format("%s: %.1f%% (%d of %d), %s needs %.1f%%: %d more", i.description(), 100 * measure.value(),
              measure.numerator(), measure.denominator(), STAGES.get(stage), 100 * level, needed));
        }
      }
    }
    return new Assessment(stage, STAGES.get(stage - 1), judged, gaps);
  }

  private static boolean meetsAll(Map<Indicator, Measure> m, int stage) {
    for (Indicator i : Indicator.values()) {
      if (!m.get(i).meets(i.level(stage))) {
        return false;
      }
    }
    return true;
  }
}

package io.agentgov.jobs.drift;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Weekdays and weekends behave differently (business agents rest on Saturdays and Sundays), so a
 * night is compared only with days of its own type. Days are UTC days, as events are partitioned.
 */
public enum DayType {
  WEEKDAY, WEEKEND;

  public static DayType of(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
  }

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

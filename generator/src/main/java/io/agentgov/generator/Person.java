package io.agentgov.generator;

import java.time.LocalDate;

/**
 * A person in the directory. {@code joined} is null for people employed before the period;
 * {@code departed} is the day they left (they are listed as departed from that day on).
 */
final class Person {
  final String id;
  final String displayName;
  final String unit;
  final String role;
  final LocalDate joined;
  LocalDate departed;
  long departedAtMillis;
  final byte[] idJson;

  Person(String id, String displayName, String unit, String role, LocalDate joined) {
    this.id = id;
    this.displayName = displayName;
    this.unit = unit;
    this.role = role;
    this.joined = joined;
    this.idJson = ByteSink.quoted(id);
  }

  /** Listed in the directory snapshot of {@code day}. */
  boolean listedOn(LocalDate day) {
    return joined == null || !day.isBefore(joined);
  }

  /** Employed and able to act (approve, review, own) on {@code day}. */
  boolean activeOn(LocalDate day) {
    return listedOn(day) && (departed == null || day.isBefore(departed));
  }
}

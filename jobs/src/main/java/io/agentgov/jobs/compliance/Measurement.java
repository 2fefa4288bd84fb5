package io.agentgov.jobs.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One clause measured over the period: its value, the counts behind it, the result, the same per
 * business unit where that makes sense, and the rows behind it (counts and sample ids an auditor
 * can pull).
 *
 * @param value       a share in [0, 1], a count or a number of days (see {@code unit}); null when
 *                    nothing was measured
 * @param unit        share, count or days (the clause's pass rule's unit)
 * @param numerator   rows that meet the metric (a share), or the rows counted (a count); null if none
 * @param denominator rows measured; null when the metric has none
 * @param byUnit      per business unit, by name; empty when the metric is not per unit
 * @param evidence    the rows behind the value
 * @param notes       what the reader needs to know to read the value (scope, definitions, gaps)
 */
public record Measurement(Status status, Double value, String unit, Long numerator, Long denominator,
    List<UnitValue> byUnit, List<Evidence> evidence, List<String> notes) {

  /**
   * One business unit's share of a metric.
   *
   * @param businessUnit the registry's business unit; {@link ComplianceInputs#UNREGISTERED} for agents it does not list
   */
  public record UnitValue(String businessUnit, Double value, long numerator, long denominator, Status status) {
    public UnitValue {
      Objects.requireNonNull(businessUnit, "businessUnit");
    }
  }

  /**
   * Rows behind a value: how many, and up to N of their ids in the report's seeded order.
   *
   * @param idKind what the ids are: event, finding, agent, day or record (a quarantined record)
   */
  public record Evidence(String label, long count, String idKind, List<String> sampleIds) {
    public Evidence {
      Objects.requireNonNull(label, "label");
      sampleIds = List.copyOf(sampleIds);
    }
  }

  public Measurement {
    Objects.requireNonNull(status, "status");
    byUnit = List.copyOf(byUnit);
    evidence = List.copyOf(evidence);
    notes = List.copyOf(notes);
  }

  /** A share: the units' numerators over their denominators, judged by the clause's rule (overall and per unit). */
  static Measurement share(Clause clause, List<UnitValue> units, List<Evidence> evidence, List<String> notes) {
    return share(clause, units.stream().mapToLong(UnitValue::numerator).sum(),
        units.stream().mapToLong(UnitValue::denominator).sum(), units, evidence, notes);
  }

  /** A share {@code num / den} judged by the clause's rule; no value when {@code den} is 0. */
  static Measurement share(Clause clause, long num, long den, List<UnitValue> units, List<Evidence> evidence,
      List<String> notes) {
    Double value = den == 0 ? null : (double) num / den;
    return new Measurement(Status.judge(clause.pass(), value), value, clause.pass().unit(), num, den, units, evidence,
        notes);
  }

  /** A count of rows that should not exist, judged by the clause's rule; {@code outOf} is what was looked at. */
  static Measurement count(Clause clause, long count, Long outOf, List<UnitValue> units, List<Evidence> evidence,
      List<String> notes) {
    return new Measurement(Status.judge(clause.pass(), (double) count), (double) count, clause.pass().unit(), count,
        outOf, units, evidence, notes);
  }

  /** Nothing to measure in the period, and why. */
  static Measurement noData(Clause clause, String why, List<Evidence> evidence, List<String> notes) {
    List<String> all = new ArrayList<>();
    all.add(why);
    all.addAll(notes);
    return new Measurement(Status.NO_DATA, null, clause.pass().unit(), null, null, List.of(), evidence, all);
  }

  /** A clause the input contract cannot measure. */
  static Measurement notCovered(Clause clause) {
    return new Measurement(Status.NOT_COVERED, null, clause.pass().unit(), null, null, List.of(), List.of(),
        List.of(clause.notCovered()));
  }
}

package io.agentgov.jobs.compliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One clause of {@code clauses.yaml}: what the compliance evidence report measures for it and how it
 * is judged. Data, not code: {@link ClauseBook} reads it, a metric class ({@link ClauseMetric})
 * computes the value.
 *
 * @param id          M1 .. M12
 * @param references  framework and clause reference, in print order
 * @param appliesTo   the agents whose rows count
 * @param obligation  when a binding obligation starts to apply; null for voluntary frameworks
 * @param metric      what is counted, in words
 * @param passRule    the rule in words, as printed
 * @param pass        the rule the code applies to the value
 * @param countOf     what the denominator counts, e.g. {@code tier 3 and 4 actions}; null without one
 * @param countThat   what the numerator's rows did, e.g. {@code were overseen}
 * @param parameters  numbers a metric reads (e.g. {@code review_max_age_days})
 * @param scopeNote   who is counted when it differs from {@code appliesTo}; null when not
 * @param notCovered  why the whole clause has no input; null when it is measured
 * @param notCoveredPart why part of it has no input; null when all of it is measured
 */
public record Clause(String id, String title, List<Reference> references, AppliesTo appliesTo, Obligation obligation,
    String metric, String passRule, PassRule pass, String countOf, String countThat, Map<String, Double> parameters,
    String scopeNote, String notCovered, String notCoveredPart) {

  /** Whose rows a clause counts. */
  public enum AppliesTo {
    /** Every agent. */
    ALL_AGENTS,
    /** Agents whose registry entry says {@code eu_risk_class = high} (EU AI Act high-risk obligations). */
    EU_HIGH_RISK;

    static AppliesTo parse(String wire) {
      return switch (wire) {
        case "all_agents" -> ALL_AGENTS;
        case "eu_high_risk" -> EU_HIGH_RISK;
        default -> throw new IllegalArgumentException("Cannot read applies_to \"" + wire
            + "\": allowed are all_agents, eu_high_risk");
      };
    }
  }

  /** A framework and one of its clauses, e.g. NIST AI RMF, GOVERN 1.6. */
  public record Reference(String framework, String clause) {
    public Reference {
      Objects.requireNonNull(framework, "framework");
      Objects.requireNonNull(clause, "clause");
    }

    @Override
    public String toString() {
      return framework + " " + clause;
    }
  }

  /**
   * When a binding obligation applies.
   *
   * @param originally the date first set, when an amendment moved it; null if never moved
   */
  public record Obligation(String id, LocalDate effectiveFrom, LocalDate originally, String source) {
    public Obligation {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(effectiveFrom, "effectiveFrom");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A pass rule: {@code value op target}.
   *
   * @param unit share (0..1), count or days
   */
  public record PassRule(String op, double target, String unit) {
    public PassRule {
      if (!List.of(">=", "<=", "==").contains(op)) {
        throw new IllegalArgumentException("Cannot read pass rule op \"" + op + "\": allowed are >=, <=, ==");
      }
      if (!List.of("share", "count", "days").contains(unit)) {
        throw new IllegalArgumentException("Cannot read pass rule unit \"" + unit + "\": allowed are share, count, days");
      }
    }

    public boolean holds(double value) {
      return switch (op) {
        case ">=" -> value >= target;
        case "<=" -> value <= target;
        default -> value == target;
      };
    }

    /** The same rule against another target (e.g. retention since the lake began, when it is younger). */
    public PassRule withTarget(double newTarget) {
      return new PassRule(op, newTarget, unit);
    }
  }

  /** Whether an obligation applies in a period. */
  public enum InForce {
    /** A voluntary framework: no date. */
    VOLUNTARY,
    /** Applies on every day of the period. */
    IN_FORCE,
    /** Starts to apply within the period. */
    FROM_WITHIN_PERIOD,
    /** Applies only after the period. */
    NOT_YET
  }

  public Clause {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    references = List.copyOf(references);
    Objects.requireNonNull(appliesTo, "appliesTo");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(passRule, "passRule");
    Objects.requireNonNull(pass, "pass");
    Objects.requireNonNull(countThat, "countThat");
    parameters = Map.copyOf(parameters);
    if (references.isEmpty()) {
      throw new IllegalArgumentException("Clause " + id + " names no framework clause");
    }
  }

  /** A number from {@code parameters}; fails naming the clause when it is missing. */
  public double parameter(String name) {
    Double v = parameters.get(name);
    if (v == null) {
      throw new IllegalStateException("Cannot measure clause " + id + ": clauses.yaml gives no parameter " + name);
    }
    return v;
  }

  /** Whether the clause's obligation applies in the period from {@code start} to {@code end}. */
  public InForce inForce(LocalDate start, LocalDate end) {
    if (obligation == null) {
      return InForce.VOLUNTARY;
    }
    if (!obligation.effectiveFrom().isAfter(start)) {
      return InForce.IN_FORCE;
    }
    return obligation.effectiveFrom().isAfter(end) ? InForce.NOT_YET : InForce.FROM_WITHIN_PERIOD;
  }

  /** The references as one line, e.g. {@code EU AI Act Art. 14(4), Art. 26(2)}, frameworks in first-use order. */
  public String referenceText() {
    Map<String, List<String>> byFramework = new LinkedHashMap<>();
    references.forEach(r -> byFramework.computeIfAbsent(r.framework(), f -> new ArrayList<>()).add(r.clause()));
    List<String> parts = new ArrayList<>();
    byFramework.forEach((f, clauses) -> parts.add(f + " " + String.join(", ", clauses)));
    return String.join("; ", parts);
  }
}

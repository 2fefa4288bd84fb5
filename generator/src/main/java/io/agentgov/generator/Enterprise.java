package io.agentgov.generator;

import java.time.LocalDate;
import java.util.List;

/**
 * The synthetic enterprise, fixed for a run: units, people, agents and policy versions. Built by
 * {@link EnterpriseBuilder} from the options alone (same seed, same enterprise); read-only after.
 */
final class Enterprise {
  final GeneratorOptions options;
  final LocalDate start;
  final LocalDate end;
  final List<Unit> units;
  final List<Agent> agents;
  final List<Person> people;
  final List<Person> corporate;
  /** Policy versions, oldest effective first. */
  final List<Policy> policies;
  /** Key of the event-id bijection. */
  final long idKey;
  /** Sum of base weights of agents that may act: the denominator of each agent's volume share. */
  final double totalWeight;

  Enterprise(GeneratorOptions options, List<Unit> units, List<Agent> agents, List<Person> people, List<Person> corporate,
             List<Policy> policies, double totalWeight) {
    this.options = options;
    this.start = options.start();
    this.end = options.start().plusDays(options.days() - 1L);
    this.units = units;
    this.agents = agents;
    this.people = people;
    this.corporate = corporate;
    this.policies = policies;
    this.idKey = Seeds.derive(options.seed(), Seeds.IDS);
    this.totalWeight = totalWeight;
  }

  /** The policy in force on {@code day}: the latest with {@code effective_from} on or before it. */
  Policy policyOn(LocalDate day) {
    Policy p = policies.get(0);
    for (Policy q : policies) {
      if (!q.effectiveFrom.isAfter(day)) {
        p = q;
      }
    }
    return p;
  }

  /** The compliance officers of the corporate function, active on {@code day}. */
  List<Person> compliance(LocalDate day) {
    return corporate.stream().filter(p -> p.activeOn(day)).toList();
  }
}

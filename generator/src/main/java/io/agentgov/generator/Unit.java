package io.agentgov.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A business unit: its catalog entry, maturity, agents and people. */
final class Unit {
  final Catalog.UnitSpec spec;
  final int index;
  final Maturity maturity;
  final List<Agent> agents = new ArrayList<>();
  final List<Person> people = new ArrayList<>();

  Unit(Catalog.UnitSpec spec, int index, Maturity maturity) {
    this.spec = spec;
    this.index = index;
    this.maturity = maturity;
  }

  String id() {
    return spec.id();
  }

  /** People of {@code role} employed on {@code day}, in directory order. */
  List<Person> active(String role, LocalDate day) {
    List<Person> out = new ArrayList<>();
    for (Person p : people) {
      if (p.role.equals(role) && p.activeOn(day)) {
        out.add(p);
      }
    }
    return out;
  }
}

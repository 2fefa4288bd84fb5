package io.agentgov.generator;

import io.agentgov.contract.Records.Permission;
import io.agentgov.contract.Vocabulary.EuRiskClass;
import io.agentgov.contract.Vocabulary.EuRole;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Builds the {@link Enterprise} from the options: units with their maturity, people (with joiners
 * and leavers), agents with their registry entries and behaviour, lifecycle events, and, when
 * faults are planted, the faults each unit's maturity implies plus at least one of every kind.
 * Everything is drawn from one random stream seeded by the run seed, in a fixed order.
 */
final class EnterpriseBuilder {
  private static final double[] UNIT_SIZE = {1.4, 1.1, 1.0, 0.8, 1.0, 0.9, 0.6, 0.9};
  private static final String[] REGIONS = {"", "-emea", "-amer", "-apac", "-2", "-3", "-4", "-5", "-6", "-7"};
  private static final String[] SHADOW_SUFFIX = {"-poc", "-tmp", "-v2", "-test", "-local", "-old", "-dev"};
  private static final String[] FIRST = {"Alex", "Sam", "Robin", "Kai", "Noor", "Jo", "Mika", "Ari", "Lee", "Rene",
      "Sasha", "Toni", "Yuri", "Eli", "Dana", "Chris", "Nico", "Jules", "Remy", "Luca", "Mara", "Ines", "Omar", "Priya",
      "Tomas", "Hana", "Femi", "Lars", "Mei", "Ravi"};

  private final GeneratorOptions o;
  private final SplittableRandom rnd;
  private final LocalDate start;
  private final LocalDate end;
  private final long startMillis;
  private final List<Unit> units = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final List<Person> people = new ArrayList<>();
  private final List<Person> corporate = new ArrayList<>();
  /** Agents whose lifecycle is already special (registry-only, decommissioned, new...): no more plants. */
  private final Set<Agent> special = new HashSet<>();
  /** Agents that already carry a behaviour-changing plant. */
  private final Set<Agent> busy = new HashSet<>();
  private final long personKey;
  private int personCounter;

  private EnterpriseBuilder(GeneratorOptions o) {
    this.o = o;
    this.rnd = Seeds.random(o.seed(), Seeds.ENTERPRISE);
    this.start = o.start();
    this.end = o.start().plusDays(o.days() - 1L);
    this.startMillis = Agent.startOfDay(start);
    this.personKey = rnd.nextInt(900_000);
  }

  static Enterprise build(GeneratorOptions options) {
    return new EnterpriseBuilder(options).run();
  }

  private Enterprise run() {
    int u = o.businessUnits();
    int[] sizes = apportion(o.agents(), u);
    for (int i = 0; i < u; i++) {
      Maturity m = u == 1 ? Maturity.DEFINED : Maturity.values()[(int) Math.round(4.0 * (u - 1 - i) / (u - 1))];
      units.add(new Unit(Catalog.UNITS.get(i), i, m));
    }
    for (int i = 0; i < u; i++) {
      makePeople(units.get(i), sizes[i]);
    }
    for (String role : List.of("compliance_officer", "compliance_officer", "data_protection_officer", "ciso")) {
      Person p = person("corporate", role, null);
      corporate.add(p);
    }
    for (int i = 0; i < u; i++) {
      makeAgents(units.get(i), sizes[i]);
    }
    lifecycle();
    if (o.plantFaults()) {
      maturityFaults();
      explicitFaults();
    }
    handovers();
    chooseOtel();
    double total = 0;
    for (Agent a : agents) {
      if (mayAct(a)) {
        total += a.baseWeight;
      }
    }
    reviewRates(total);
    for (Agent a : agents) {
      a.freeze();
    }
    List<Policy> policies = new ArrayList<>();
    policies.add(Policy.v2025_1(start));
    policies.add(Policy.v2026_1(start));
    if (o.days() >= 10) {
      policies.add(Policy.v2026_2(dayAt(0.5)));
    }
    return new Enterprise(o, List.copyOf(units), List.copyOf(agents), List.copyOf(people), List.copyOf(corporate),
        List.copyOf(policies), total);
  }

  /** Whether the agent acts at some point of the period (its base weight counts towards volume shares). */
  static boolean mayAct(Agent a) {
    return !a.suspended && !a.proposedOnly && !a.historic;
  }

  /** The day at fraction {@code f} of the period, strictly after the first day when the period allows. */
  LocalDate dayAt(double f) {
    int days = o.days();
    if (days == 1) {
      return start;
    }
    long k = Math.max(1, Math.min(days - 1, Math.round(days * f)));
    return start.plusDays(k);
  }

  private int[] apportion(int total, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += UNIT_SIZE[i];
    }
    int[] out = new int[n];
    int used = 0;
    for (int i = 0; i < n; i++) {
      out[i] = Math.max(3, (int) Math.floor(total * UNIT_SIZE[i] / sum));
      used += out[i];
    }
    for (int i = 0; used < total; i = (i + 1) % n) {
      out[i]++;
      used++;
    }
    for (int i = n - 1; used > total; i = (i + n - 1) % n) {
      if (out[i] > 3) {
        out[i]--;
        used--;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ people

  private Person person(String unit, String role, LocalDate joined) {
    long digits = 100_000 + Math.floorMod(personKey + (long) personCounter++ * 7919, 900_000);
    String name = FIRST[rnd.nextInt(FIRST.length)] + " " + (char) ('A' + rnd.nextInt(26)) + ".";
    Person p = new Person("emp_" + digits, name, unit, role, joined);
    people.add(p);
    return p;
  }

  private void makePeople(Unit unit, int nAgents) {
    addPeople(unit, "executive_sponsor", 2);
    addPeople(unit, "business_process_owner", Math.max(2, (nAgents + 2) / 3));
    addPeople(unit, "ml_engineer", Math.max(2, (nAgents + 3) / 4));
    addPeople(unit, "approver", 4);
    addPeople(unit, "senior_approver", 2);
    addPeople(unit, "qa_reviewer", 3);
    addPeople(unit, "analyst", 6);
    if (o.days() >= 5) {
      // ordinary churn: an analyst leaves, an approver is replaced, a reviewer joins
      depart(first(unit, "analyst", 0), dayAt(0.3));
      unit.people.add(person(unit.id(), "approver", dayAt(0.45)));
      depart(first(unit, "approver", 1), dayAt(0.5));
      unit.people.add(person(unit.id(), "qa_reviewer", dayAt(0.2)));
      if (unit.maturity.ordinal() >= Maturity.DEFINED.ordinal()) {
        // an owner leaves; mature units hand their agents over the same day (see handovers())
        depart(first(unit, "business_process_owner", 0), dayAt(0.6));
      }
    }
  }

  private void addPeople(Unit unit, String role, int n) {
    for (int i = 0; i < n; i++) {
      unit.people.add(person(unit.id(), role, null));
    }
  }

  private static Person first(Unit unit, String role, int skip) {
    for (Person p : unit.people) {
      if (p.role.equals(role) && p.departed == null && skip-- <= 0) {
        return p;
      }
    }
    throw new IllegalStateException("Cannot find a " + role + " in " + unit.id());
  }

  private static void depart(Person p, LocalDate day) {
    p.departed = day;
    p.departedAtMillis = Agent.startOfDay(day);
  }

  // ------------------------------------------------------------------ agents

  private void makeAgents(Unit unit, int n) {
    Maturity m = unit.maturity;
    int shadows = 0;
    if (o.plantFaults() && m.shadowShare > 0) {
      shadows = (int) Math.round(m.shadowShare * n);
      if (m == Maturity.AD_HOC || (unit.index == o.businessUnits() - 1)) {
        shadows = Math.max(1, shadows);
      }
      shadows = Math.min(shadows, Math.max(0, n - 2));
    }
    int registered = n - shadows;
    List<Catalog.Archetype> plan = new ArrayList<>();
    List<Catalog.Archetype> singles = new ArrayList<>();
    for (Catalog.Archetype a : unit.spec.archetypes()) {
      if (a.kind() == Catalog.Kind.ORCHESTRATOR) {
        List<Catalog.Archetype> group = new ArrayList<>();
        addGroup(unit.spec, a, group);
        if (plan.size() + group.size() + 1 <= registered) {
          plan.addAll(group);
        }
      } else if (a.kind() != Catalog.Kind.SUB) {
        singles.add(a);
      }
    }
    for (int i = 0; plan.size() < registered; i++) {
      plan.add(singles.get(i % singles.size()));
    }
    Map<String, Integer> copies = new LinkedHashMap<>();
    Map<String, Agent> byKey = new LinkedHashMap<>();
    for (Catalog.Archetype a : plan) {
      int copy = copies.merge(a.key(), 1, Integer::sum) - 1;
      String key = a.key() + REGIONS[Math.min(copy, REGIONS.length - 1)] + (copy >= REGIONS.length ? "-" + copy : "");
      String id = "ag-" + unit.spec.code() + "-" + key + "-"
          + Seeds.hex(Seeds.permute(o.seed(), agents.size() * 131L + unit.index), 4);
      Agent agent = new Agent(agents.size(), id, unit, a, true);
      agent.key = key;
      agent.name = unit.spec.code() + "-" + key;
      agent.purpose = a.purpose();
      configure(agent);
      agents.add(agent);
      unit.agents.add(agent);
      if (copy == 0) {
        byKey.put(a.key(), agent);
      }
    }
    // delegation: orchestrators (and subs with subs) delegate to the first copy of each sub archetype
    for (Agent agent : unit.agents) {
      for (String sub : agent.archetype.subAgents()) {
        Agent s = byKey.get(sub);
        if (s != null && agent.subAgents.size() < 4 && s.parent == null) {
          agent.subAgents.add(s);
          s.parent = agent;
        }
      }
      if (!agent.subAgents.isEmpty()) {
        agent.delegateProb = agent.kind == Catalog.Kind.ORCHESTRATOR ? 0.4 : 0.5;
      }
    }
    for (int j = 0; j < shadows; j++) {
      Catalog.Archetype a = Catalog.SHADOW.get((unit.index * 2 + j) % Catalog.SHADOW.size());
      String id = unit.spec.code() + "-" + a.key() + SHADOW_SUFFIX[(unit.index + j) % SHADOW_SUFFIX.length];
      Agent agent = new Agent(agents.size(), id, unit, a, false);
      agent.key = a.key();
      agent.name = id;
      agent.purpose = "";
      configure(agent);
      agent.checked = false;
      agent.model = pickShadowModel();
      Person owner = first(unit, "analyst", 1 + j % 3);
      if (rnd.nextDouble() < 0.6) {
        agent.scheme = Agent.CredentialScheme.STATIC_KEY;
        agent.staticCredentialId = "sk_live_" + Seeds.hex(rnd.nextLong(), 16) + Seeds.hex(rnd.nextLong(), 8);
      } else {
        agent.scheme = Agent.CredentialScheme.USER;
        agent.staticCredentialId = "usr_" + owner.id + "_oauth";
      }
      agent.staticCredentialCreated = startMillis - (30 + rnd.nextInt(300)) * Agent.DAY_MS;
      agents.add(agent);
      unit.agents.add(agent);
    }
  }

  private static void addGroup(Catalog.UnitSpec spec, Catalog.Archetype a, List<Catalog.Archetype> out) {
    out.add(a);
    for (String sub : a.subAgents()) {
      addGroup(spec, spec.archetype(sub), out);
    }
  }

  private Catalog.Model pickShadowModel() {
    List<Catalog.Model> cheap = List.of(Catalog.MODELS.get(1), Catalog.MODELS.get(5), Catalog.MODELS.get(8));
    return cheap.get(rnd.nextInt(cheap.size()));
  }

  private void configure(Agent a) {
    Unit unit = a.unit;
    Maturity m = unit.maturity;
    Catalog.Archetype arch = a.archetype;
    for (Catalog.ToolSpec spec : arch.tools()) {
      a.addTool(new Tool(spec), spec.weight() * (0.7 + 0.6 * rnd.nextDouble()));
    }
    for (Tool t : a.tools) {
      if (!a.declared.contains(t.permission)) {
        a.declared.add(t.permission);
        a.granted.add(t.permission);
      }
    }
    a.model = Catalog.MODELS.get(rnd.nextInt(Catalog.MODELS.size()));
    a.agentVersion = (1 + rnd.nextInt(3)) + "." + rnd.nextInt(12) + "." + rnd.nextInt(20);
    a.createdAtMillis = startMillis - (45L + rnd.nextInt(600)) * Agent.DAY_MS + rnd.nextInt(8 * 3_600_000) + 8 * 3_600_000L;
    Person sponsor = pickActive(unit, "executive_sponsor");
    Person owner = pickActive(unit, "business_process_owner");
    Person tech = pickActive(unit, "ml_engineer");
    a.owners.add(new Agent.Holding(LocalDate.MIN, owner));
    a.sponsors.add(new Agent.Holding(LocalDate.MIN, sponsor));
    a.techOwners.add(new Agent.Holding(LocalDate.MIN, tech));
    a.lastReviewMillis = startMillis - (1L + rnd.nextInt(50)) * Agent.DAY_MS + 10 * 3_600_000L;
    a.reviewCycleDays = 60;
    a.governanceReviewPassed = rnd.nextDouble() < m.reviewPassedShare;
    a.deployedViaPipeline = rnd.nextDouble() < m.pipelineShare;
    a.scopeChanges.add(new Agent.ScopeChange(a.createdAtMillis + 2 * Agent.DAY_MS, sponsor.id,
        "initial scope: " + String.join(", ", arch.tools().stream().map(Catalog.ToolSpec::name).toList())));
    a.scheme = switch (m) {
      case EMBEDDED -> Agent.CredentialScheme.EPHEMERAL;
      case MANAGED -> rnd.nextBoolean() ? Agent.CredentialScheme.EPHEMERAL : Agent.CredentialScheme.ROTATING;
      default -> Agent.CredentialScheme.ROTATING;
    };
    a.rotationPhase = rnd.nextInt(21);
    a.euRisk = arch.euRisk();
    if (m.ordinal() <= Maturity.DEVELOPING.ordinal() && a.euRisk != EuRiskClass.HIGH && rnd.nextBoolean()) {
      a.euRisk = EuRiskClass.UNCLASSIFIED;
    }
    a.euRole = rnd.nextDouble() < 0.4 ? EuRole.PROVIDER : EuRole.DEPLOYER;
    a.costCenter = "CC-" + unit.spec.code().toUpperCase(java.util.Locale.ROOT) + "-" + (100 + rnd.nextInt(900));
    a.contextLogged = rnd.nextDouble() < m.contextLoggedShare;
    a.retention = m == Maturity.EMBEDDED;
    a.slaSeconds = switch (unit.spec.id()) {
      case "customer-service" -> 3600;
      case "it-operations" -> 1800;
      default -> 14_400;
    };
    a.baseWeight = arch.volume() * Behaviour.lognormal(rnd, 1, 0.5);
    double[] week = Catalog.weekWeights(arch.rhythm());
    double sum = 0;
    for (int d = 0; d < 7; d++) {
      a.week[d] = week[d] * (0.92 + 0.16 * rnd.nextDouble());
      sum += a.week[d];
    }
    for (int d = 0; d < 7; d++) {
      a.week[d] *= 7 / sum;
    }
    a.hourCdf = hourCdf(Catalog.hourWeights(arch.rhythm()), unit.spec.offsetMinutes());
    a.traceLength = arch.traceLength();
    a.tokensIn = (int) (arch.tokensIn() * (0.8 + 0.4 * rnd.nextDouble()));
    a.tokensOut = (int) (arch.tokensOut() * (0.8 + 0.4 * rnd.nextDouble()));
    a.latencyMs = (int) (arch.latencyMs() * (0.8 + 0.4 * rnd.nextDouble()));
    a.confidenceLogit = Behaviour.logit(Math.min(0.97, arch.confidence() + (rnd.nextDouble() - 0.5) * 0.03));
    a.confidenceSpread = 0.75;
  }

  private Person pickActive(Unit unit, String role) {
    List<Person> list = unit.active(role, start);
    return list.get(rnd.nextInt(list.size()));
  }

  /** Cumulative distribution over UTC hours of local-time weights. */
  private double[] hourCdf(double[] local, int offsetMinutes) {
    double[] utc = new double[24];
    int shift = Math.floorDiv(offsetMinutes, 60);
    for (int h = 0; h < 24; h++) {
      utc[Math.floorMod(h - shift, 24)] = local[h] * (0.85 + 0.3 * rnd.nextDouble());
    }
    double[] cdf = new double[24];
    double acc = 0;
    for (int h = 0; h < 24; h++) {
      acc += utc[h];
      cdf[h] = acc;
    }
    for (int h = 0; h < 24; h++) {
      cdf[h] /= acc;
    }
    cdf[23] = 1.0;
    return cdf;
  }

  // ------------------------------------------------------------------ lifecycle

  private boolean single(Agent a) {
    return a.registered && a.parent == null && a.subAgents.isEmpty() && !special.contains(a);
  }

  /** Candidates preferring mature units (or the least mature with {@code mature} false), in seeded random order. */
  private List<Agent> candidates(Predicate<Agent> eligible, boolean mature) {
    List<Agent> out = new ArrayList<>();
    for (Agent a : agents) {
      if (eligible.test(a)) {
        out.add(a);
      }
    }
    Map<Agent, Double> tie = new LinkedHashMap<>();
    for (Agent a : out) {
      tie.put(a, rnd.nextDouble());
    }
    Comparator<Agent> byMaturity = Comparator.comparingInt(a -> a.unit.maturity.ordinal());
    out.sort((mature ? byMaturity.reversed() : byMaturity).thenComparing(tie::get));
    return out;
  }

  private Agent pick(Predicate<Agent> eligible, boolean mature, boolean exclusive) {
    List<Agent> list = candidates(a -> eligible.test(a) && !busy.contains(a), mature);
    if (list.isEmpty()) {
      list = candidates(eligible, mature);
    }
    if (list.isEmpty()) {
      return null;
    }
    Agent a = list.get(0);
    if (exclusive) {
      busy.add(a);
    }
    return a;
  }

  private void lifecycle() {
    int n = agents.size();
    int days = o.days();
    if (n >= 16) {
      Agent a = pick(this::single, true, true);
      if (a != null) {
        a.decommissionDay = start.minusDays(20 + rnd.nextInt(150));
        a.historic = true;
        special.add(a);
      }
    }
    if (n >= 20 && days >= 4) {
      Agent a = pick(this::single, true, true);
      if (a != null) {
        a.decommissionDay = dayAt(0.6);
        special.add(a);
      }
    }
    if (n >= 24) {
      Agent a = pick(this::single, true, true);
      if (a != null) {
        a.suspended = true;
        special.add(a);
      }
    }
    if (n >= 28 && days >= 3) {
      Agent a = pick(this::single, true, true);
      if (a != null) {
        a.proposedOnly = true;
        a.createdAtMillis = Agent.startOfDay(end.minusDays(1)) + 10 * 3_600_000L;
        a.lastReviewMillis = Long.MIN_VALUE;
        a.reviewCycleDays = 0;
        a.scopeChanges.clear();
        a.scopeChanges.add(new Agent.ScopeChange(a.createdAtMillis, Agent.holder(a.sponsors, start).id,
            "proposed scope: " + String.join(", ", a.archetype.tools().stream().map(Catalog.ToolSpec::name).toList())));
        special.add(a);
      }
    }
    if (n >= 20 && days >= 6) {
      Agent a = pick(this::single, true, true);
      if (a != null) {
        a.activeFrom = dayAt(0.4);
        a.createdAtMillis = Agent.startOfDay(a.activeFrom.minusDays(3)) + 9 * 3_600_000L;
        a.lastReviewMillis = Agent.startOfDay(a.activeFrom.minusDays(1)) + 10 * 3_600_000L;
        a.scopeChanges.clear();
        a.scopeChanges.add(new Agent.ScopeChange(a.createdAtMillis + 3_600_000L, Agent.holder(a.sponsors, start).id,
            "initial scope: " + String.join(", ", a.archetype.tools().stream().map(Catalog.ToolSpec::name).toList())));
        special.add(a);
      }
    }
    if (days >= 6) {
      Agent a = pick(x -> x.registered && !special.contains(x), true, true);
      if (a != null) {
        LocalDate day = dayAt(0.5);
        a.modelAfter = otherModel(a.model);
        a.modelSwitchDay = day;
        a.modelSwitchReviewed = true;
        a.scopeChanges.add(new Agent.ScopeChange(Agent.startOfDay(day) + 9 * 3_600_000L,
            Agent.holder(a.sponsors, day).id, "model upgrade " + a.model.name() + " -> " + a.modelAfter.name()
                + " after evaluation"));
      }
    }
  }

  private Catalog.Model otherModel(Catalog.Model m) {
    int i = Catalog.MODELS.indexOf(m);
    return Catalog.MODELS.get((i + 2) % Catalog.MODELS.size());
  }

  // ------------------------------------------------------------------ faults

  private static Map<String, Object> details(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private boolean plain(Agent a) {
    return a.registered && !special.contains(a);
  }

  private void maturityFaults() {
    for (Unit unit : units) {
      Maturity m = unit.maturity;
      for (Agent a : unit.agents) {
        if (!plain(a)) {
          continue;
        }
        double r1 = rnd.nextDouble();
        double r2 = rnd.nextDouble();
        double r3 = rnd.nextDouble();
        double r4 = rnd.nextDouble();
        if (r1 < m.uncheckedShare) {
          a.checked = false;
        }
        if (m == Maturity.AD_HOC) {
          if (r2 < 0.45) {
            staticKey(a);
          } else if (r2 < 0.65) {
            userCredential(a);
          }
        } else if (m == Maturity.DEVELOPING && r2 < 0.35) {
          a.scheme = Agent.CredentialScheme.SERVICE_ACCOUNT;
          a.staticCredentialId = "sa-" + a.key + "@" + unit.spec.code() + ".iam.internal";
          a.staticCredentialCreated = a.createdAtMillis;
        }
        if (r3 < m.reviewOverdueShare) {
          staleReview(a);
        }
        if (r4 < m.unusedPermissionShare) {
          unusedPermission(a);
        }
      }
    }
  }

  private void staticKey(Agent a) {
    a.scheme = Agent.CredentialScheme.STATIC_KEY;
    a.staticCredentialId = "sk_live_" + Seeds.hex(rnd.nextLong(), 16) + Seeds.hex(rnd.nextLong(), 8);
    a.staticCredentialCreated = a.createdAtMillis;
  }

  private void userCredential(Agent a) {
    Person owner = Agent.holder(a.owners, start);
    a.scheme = Agent.CredentialScheme.USER;
    a.staticCredentialId = "usr_" + owner.id + "_oauth";
    a.staticCredentialCreated = a.createdAtMillis;
  }

  private void staleReview(Agent a) {
    ageAtLeast(a, 430);
    if (rnd.nextDouble() < 0.25) {
      a.lastReviewMillis = Long.MIN_VALUE;
      a.governanceReviewPassed = false;
    } else {
      a.lastReviewMillis = startMillis - (120L + rnd.nextInt(300)) * Agent.DAY_MS + 10 * 3_600_000L;
    }
    a.reviewCycleDays = 0;
  }

  /** Moves the agent's creation (and its initial scope) back so it is at least {@code days} old at the start. */
  private void ageAtLeast(Agent a, int days) {
    if (a.createdAtMillis > startMillis - days * Agent.DAY_MS) {
      a.createdAtMillis = startMillis - (days + rnd.nextInt(200)) * Agent.DAY_MS + 9 * 3_600_000L;
      Agent.ScopeChange initial = a.scopeChanges.get(0);
      a.scopeChanges.set(0, new Agent.ScopeChange(a.createdAtMillis + 2 * Agent.DAY_MS, initial.reviewedBy(),
          initial.change()));
    }
  }

  /** A permission of a sibling archetype the agent is granted (and declares) but has no tool for. */
  private boolean unusedPermission(Agent a) {
    for (Catalog.Archetype other : a.unit.spec.archetypes()) {
      for (Catalog.ToolSpec t : other.tools()) {
        Permission p = new Tool(t).permission;
        if (!a.granted.contains(p)) {
          a.granted.add(p);
          a.declared.add(p);
          ageAtLeast(a, 130);
          a.scopeChanges.add(new Agent.ScopeChange(a.createdAtMillis + 20 * Agent.DAY_MS,
              Agent.holder(a.sponsors, start).id, "added " + p.actionType() + " on " + p.targetSystem() + " for a pilot"));
          return true;
        }
      }
    }
    return false;
  }

  private boolean acting(Agent a) {
    return plain(a) && !a.proposedOnly && !a.suspended && a.decommissionDay == null && a.projectEndDay == null;
  }

  private void explicitFaults() {
    // lifecycle: decommissioned but still acting
    Agent dec = pick(a -> acting(a) && single(a), false, true);
    if (dec != null) {
      dec.decommissionDay = dayAt(0.4);
      dec.actsAfterDecommission = true;
      dec.planted.add(new Agent.Planted(FaultKind.DECOMMISSIONED_ACTING, dec.decommissionDay,
          details("credential_revoked", false)));
      special.add(dec);
    }
    // abandoned: the owner left and nobody took over
    Agent orphan = pick(a -> acting(a) && a.parent == null && a.unit.maturity.ordinal() <= Maturity.DEFINED.ordinal(),
        false, false);
    if (orphan != null) {
      LocalDate day = dayAt(0.3);
      Person owner = person(orphan.unit.id(), "business_process_owner", null);
      orphan.unit.people.add(owner);
      depart(owner, day);
      orphan.owners.clear();
      orphan.owners.add(new Agent.Holding(LocalDate.MIN, owner));
      orphan.orphaned = true;
    }
    // abandoned: the project ended, the agent went quiet, its credential is still live
    Agent ended = pick(a -> acting(a) && single(a), false, true);
    if (ended != null) {
      ended.projectEndDay = dayAt(0.15);
      if (ended.scheme == Agent.CredentialScheme.EPHEMERAL) {
        ended.scheme = Agent.CredentialScheme.ROTATING;
      }
      ended.planted.add(new Agent.Planted(FaultKind.ABANDONED_AGENT, ended.projectEndDay,
          details("reason", "project_ended_credential_live")));
      special.add(ended);
    }
    // abandoned: the model behind the agent changed, the registry and reviews never heard of it
    Agent swapped = pick(a -> acting(a) && a.modelSwitchDay == null, false, true);
    if (swapped != null) {
      swapped.modelAfter = otherModel(swapped.model);
      swapped.modelSwitchDay = dayAt(0.5);
      swapped.modelSwitchReviewed = false;
      swapped.planted.add(new Agent.Planted(FaultKind.ABANDONED_AGENT, swapped.modelSwitchDay,
          details("reason", "model_changed_without_review", "registry_model", modelName(swapped.model),
              "observed_model", modelName(swapped.modelAfter))));
    }
    // at least one overdue review, one unused permission, one standing credential
    if (agents.stream().noneMatch(a -> plain(a) && a.reviewCycleDays == 0 && !a.proposedOnly)) {
      Agent a = pick(x -> acting(x), false, false);
      if (a != null) {
        staleReview(a);
      }
    }
    Agent unused = pick(a -> acting(a) && !hasUnused(a), false, false);
    if (agents.stream().noneMatch(this::hasUnused) && unused != null) {
      unusedPermission(unused);
    }
    if (agents.stream().noneMatch(a -> a.registered && a.scheme == Agent.CredentialScheme.USER)) {
      Agent a = pick(x -> acting(x) && x.scheme != Agent.CredentialScheme.STATIC_KEY, false, false);
      if (a != null) {
        userCredential(a);
      }
    }
    // a static key shared by two agents of the least mature unit
    Unit lowest = units.get(units.size() - 1);
    List<Agent> sharers = new ArrayList<>();
    for (Agent a : candidates(x -> x.unit == lowest && (acting(x) || !x.registered), true)) {
      if (sharers.size() < 2) {
        sharers.add(a);
      }
    }
    if (sharers.size() < 2) {
      sharers = new ArrayList<>(candidates(x -> acting(x) || !x.registered, false));
      sharers = sharers.subList(0, Math.min(2, sharers.size()));
    }
    String shared = "sk_live_team_" + Seeds.hex(rnd.nextLong(), 16) + Seeds.hex(rnd.nextLong(), 4);
    long created = startMillis - 200 * Agent.DAY_MS;
    for (Agent a : sharers) {
      a.scheme = Agent.CredentialScheme.STATIC_KEY;
      a.staticCredentialId = shared;
      a.staticCredentialCreated = created;
    }
    scopeCreep();
    tierViolation();
    oversightAndSla();
    cascade();
    drift();
    overconfident();
  }

  private static String modelName(Catalog.Model m) {
    return m.provider() + "/" + m.name() + "@" + m.version();
  }

  private boolean hasUnused(Agent a) {
    if (!a.registered) {
      return false;
    }
    for (Permission p : a.granted) {
      boolean used = false;
      for (Tool t : a.tools) {
        used |= t.permission.equals(p);
      }
      if (!used) {
        return true;
      }
    }
    return false;
  }

  private void scopeCreep() {
    Agent a = pick(x -> acting(x) && single(x) && !x.checked, false, true);
    if (a == null) {
      a = pick(x -> acting(x) && single(x), false, true);
    }
    if (a == null) {
      return;
    }
    Catalog.ToolSpec creep = null;
    for (Catalog.Archetype other : a.unit.spec.archetypes()) {
      for (Catalog.ToolSpec t : other.tools()) {
        Permission p = new Tool(t).permission;
        if (creep == null && !a.declared.contains(p) && t.action() != io.agentgov.contract.Vocabulary.ActionType.READ) {
          creep = t;
        }
      }
    }
    if (creep == null) {
      return;
    }
    LocalDate day = dayAt(0.5);
    Tool tool = new Tool(creep);
    double total = sum(a.weights);
    a.weightsAfter = a.weights.clone();
    a.addTool(tool, 0);
    a.weightsAfter[a.weightsAfter.length - 1] = total * 0.15;
    a.weightsSwitchDay = day;
    // granted (by an over-broad role) but never declared: the registry scope does not cover it
    if (!a.granted.contains(tool.permission)) {
      a.granted.add(tool.permission);
    }
    a.scopeCreepFrom = day;
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double x : w) {
      s += x;
    }
    return s;
  }

  /** The "$200 action that modifies 50,000 records": a bulk tool, and a gateway that stops looking at records. */
  private void tierViolation() {
    Agent a = pick(x -> acting(x) && x.checked && x.parent == null && x.subAgents.isEmpty(), true, true);
    if (a == null) {
      return;
    }
    Catalog.ToolSpec bulk = Catalog.t("bulk_adjust_accounts", io.agentgov.contract.Vocabulary.ActionType.UPDATE,
        "billing", "adjustments/ADJ-", io.agentgov.contract.Vocabulary.DataSensitivity.INTERNAL, true, Catalog.Records.BULK,
        Catalog.Money.SMALL, 1);
    Tool tool = new Tool(bulk);
    a.addTool(tool, sum(a.weights) * 0.12);
    a.declared.add(tool.permission);
    a.granted.add(tool.permission);
    a.scopeChanges.add(new Agent.ScopeChange(a.createdAtMillis + 5 * Agent.DAY_MS, Agent.holder(a.sponsors, start).id,
        "added bulk account adjustments"));
    a.tierIgnore = Policy.Dimension.RECORDS;
    a.tierIgnoreFrom = dayAt(0.35);
  }

  /** Share of an agent's events whose required tier is {@code tier} or more (by simulation, default policy). */
  private double tierShare(Agent a, int tier, boolean exact) {
    Policy p = Policy.v2026_1(start);
    SplittableRandom r = new SplittableRandom(a.index);
    double total = sum(a.weights);
    double share = 0;
    for (int i = 0; i < a.tools.length; i++) {
      Tool t = a.tools[i];
      int hits = 0;
      for (int k = 0; k < 50; k++) {
        long rec = Behaviour.records(r, t.spec.records());
        long amt = Behaviour.amountCents(r, t.spec.money());
        int required = p.tierOf(p.decidingRule(t.action, amt, rec, t.sensitivity, t.reversible, t.regulated, false, null));
        if (exact ? required == tier : required >= tier) {
          hits++;
        }
      }
      share += a.weights[i] / total * hits / 50.0;
    }
    return share;
  }

  /**
   * Tier-3 actions executed before approval, and approvals that miss their SLA, each planted on the
   * gateway-checked agent with the most such actions; an agent with too few gets a tool that needs
   * tier 3 (a change to personal data).
   */
  private void oversightAndSla() {
    Agent ov = pickByTier(3, true);
    if (ov != null) {
      ov.executeBeforeApprovalFrom = dayAt(0.4);
    }
    Agent sla = pickByTier(3, false);
    if (sla != null) {
      sla.slaBreachFrom = dayAt(0.45);
    }
  }

  private Agent pickByTier(int tier, boolean exact) {
    Agent best = null;
    double bestScore = -1;
    for (Agent a : candidates(x -> acting(x) && single(x) && x.checked && !busy.contains(x), true)) {
      double score = tierShare(a, tier, exact) * a.baseWeight;
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    if (best == null) {
      return null;
    }
    busy.add(best);
    if (tierShare(best, tier, exact) < 0.1) {
      Tool tool = new Tool(Catalog.t("update_contact_details", io.agentgov.contract.Vocabulary.ActionType.UPDATE, "crm",
          "contacts/CON-", io.agentgov.contract.Vocabulary.DataSensitivity.PII, 1));
      best.addTool(tool, sum(best.weights) * 0.15);
      best.declared.add(tool.permission);
      best.granted.add(tool.permission);
      best.scopeChanges.add(new Agent.ScopeChange(best.createdAtMillis + 7 * Agent.DAY_MS,
          Agent.holder(best.sponsors, start).id, "added contact corrections"));
    }
    best.baseWeight = Math.max(best.baseWeight, 1.0);
    return best;
  }

  private void cascade() {
    for (Agent s : candidates(x -> acting(x) && x.parent != null, true)) {
      Agent parent = s.parent;
      for (Tool t : parent.tools) {
        if (!s.granted.contains(t.permission) && t.action != io.agentgov.contract.Vocabulary.ActionType.READ) {
          s.cascadeFrom = dayAt(0.45);
          s.cascadeTool = t;
          busy.add(s);
          return;
        }
      }
    }
  }

  private void drift() {
    LocalDate day = dayAt(0.55);
    String[] metrics = {"volume", "action_mix", "new_target", "tokens", "timing"};
    for (String metric : metrics) {
      Predicate<Agent> base = x -> acting(x) && single(x) && x.weightsAfter == null;
      Predicate<Agent> eligible = switch (metric) {
        case "action_mix" -> base.and(x -> distinctActions(x) >= 2);
        case "new_target" -> base.and(x -> dormantTool(x) != null);
        default -> base;
      };
      Agent a = pick(eligible, false, true);
      if (a == null) {
        continue;
      }
      Map<String, Object> d = details("metric", metric);
      switch (metric) {
        case "volume" -> {
          a.volumeAfter = 3.0;
          a.volumeDriftDay = day;
          d.put("factor", 3.0);
        }
        case "action_mix" -> {
          int dominant = argMax(a.weights);
          int rare = -1;
          for (int i = 0; i < a.tools.length; i++) {
            if (a.tools[i].action != a.tools[dominant].action && (rare < 0 || a.weights[i] < a.weights[rare])) {
              rare = i;
            }
          }
          a.weightsAfter = a.weights.clone();
          a.weightsAfter[rare] = a.weights[dominant] * 2.5;
          a.weightsSwitchDay = day;
          d.put("tool", a.tools[rare].spec.name());
          d.put("action_type", a.tools[rare].permission.actionType());
        }
        case "new_target" -> {
          Catalog.ToolSpec spec = dormantTool(a);
          Tool tool = new Tool(spec);
          a.weightsAfter = a.weights.clone();
          a.addTool(tool, 0);
          a.weightsAfter[a.weightsAfter.length - 1] = sum(a.weights) * 0.2;
          a.weightsSwitchDay = day;
          if (!a.declared.contains(tool.permission)) {
            a.declared.add(tool.permission);
            a.granted.add(tool.permission);
          }
          d.put("target_system", spec.target());
        }
        case "tokens" -> {
          a.tokensAfter = 2.5;
          a.tokensDriftDay = day;
          d.put("factor", 2.5);
        }
        case "timing" -> {
          double[] night = new double[24];
          for (int h = 0; h < 24; h++) {
            night[h] = h <= 5 ? 1.0 : 0.03;
          }
          a.hourCdfAfter = hourCdf(night, a.unit.spec.offsetMinutes());
          a.timingDriftDay = day;
          d.put("hours_local", "00-05");
        }
        default -> throw new IllegalStateException(metric);
      }
      a.planted.add(new Agent.Planted(FaultKind.DRIFT, day, d));
    }
  }

  private static int distinctActions(Agent a) {
    Set<Object> s = new HashSet<>();
    for (Tool t : a.tools) {
      s.add(t.action);
    }
    return s.size();
  }

  private static int argMax(double[] w) {
    int best = 0;
    for (int i = 1; i < w.length; i++) {
      if (w[i] > w[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A tool of a sibling archetype on a target system the agent never touches, with a permission it does not hold. */
  private static Catalog.ToolSpec dormantTool(Agent a) {
    Set<String> targets = new HashSet<>();
    for (Tool t : a.tools) {
      targets.add(t.spec.target());
    }
    for (Catalog.Archetype other : a.unit.spec.archetypes()) {
      for (Catalog.ToolSpec t : other.tools()) {
        if (!targets.contains(t.target()) && t.action() == io.agentgov.contract.Vocabulary.ActionType.READ
            && t.regulatory().isEmpty()) {
          return t;
        }
      }
    }
    return null;
  }

  private void overconfident() {
    int n = agents.size() >= 40 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      Agent a = pick(x -> acting(x) && x.parent == null
          && x.unit.maturity.reviews.ordinal() >= Maturity.ReviewProgramme.RANDOM.ordinal(), true, true);
      if (a == null) {
        return;
      }
      a.calibration = Agent.Calibration.OVERCONFIDENT;
      a.baseWeight = Math.max(a.baseWeight, 1.0);
      a.planted.add(new Agent.Planted(FaultKind.OVERCONFIDENT, start,
          details("calibration", "P(correct | confidence c) = 0.5 + 0.5 * (c - 0.5)")));
    }
  }

  // ------------------------------------------------------------------ after the plants

  /** Mature units reassign a leaver's agents the day they leave; orphaned agents keep the leaver. */
  private void handovers() {
    for (Unit unit : units) {
      for (Person p : unit.people) {
        if (p.departed == null || !p.role.equals("business_process_owner")) {
          continue;
        }
        for (Agent a : unit.agents) {
          if (a.registered && !a.orphaned && Agent.holder(a.owners, p.departed) == p) {
            List<Person> others = unit.active("business_process_owner", p.departed);
            a.owners.add(new Agent.Holding(p.departed, others.get(a.index % others.size())));
          }
        }
      }
    }
  }

  /** Agents whose events are written as OTel spans instead of gateway JSON Lines. */
  private void chooseOtel() {
    if (o.otelShare() <= 0) {
      return;
    }
    double total = 0;
    for (Agent a : agents) {
      if (mayAct(a)) {
        total += a.baseWeight;
      }
    }
    List<Agent> list = candidates(a -> mayAct(a) && !a.otelCandidateExcluded(), false);
    // shuffle across maturities: instrumentation is a team's choice, not a maturity level
    list.sort(Comparator.comparingLong(a -> Seeds.permute(o.seed(), a.index)));
    double share = 0;
    for (Agent a : list) {
      if (share >= o.otelShare() * total) {
        break;
      }
      if (share + a.baseWeight > o.otelShare() * total * 1.2 && share > 0) {
        continue;
      }
      a.otel = true;
      share += a.baseWeight;
    }
  }

  private void reviewRates(double totalWeight) {
    for (Agent a : agents) {
      if (!a.registered || totalWeight <= 0) {
        continue;
      }
      Maturity.ReviewProgramme prog = a.unit.maturity.reviews;
      double expected = Math.max(1, o.eventsPerDay() * a.baseWeight / totalWeight);
      double target = switch (prog) {
        case RANDOM -> 6;
        case STRATIFIED -> 8;
        default -> 0;
      };
      if (a.calibration == Agent.Calibration.OVERCONFIDENT) {
        target *= 3;
      }
      if (target > 0) {
        a.reviewRate = round4(Math.min(0.15, target / expected));
      }
      a.census = a.euRisk == EuRiskClass.HIGH && a.unit.maturity.ordinal() >= Maturity.MANAGED.ordinal();
      for (int b = 0; b < a.strataRate.length; b++) {
        a.strataRate[b] = round4(Math.min(1.0, a.reviewRate * STRATUM_FACTOR[b]));
      }
    }
  }

  /** Oversampling of the confidence strata (low confidence is where errors are). */
  static final double[] STRATUM_FACTOR = {4, 2, 1, 0.5, 0.5};

  static double round4(double v) {
    return new BigDecimal(v).round(new MathContext(4)).doubleValue();
  }
}

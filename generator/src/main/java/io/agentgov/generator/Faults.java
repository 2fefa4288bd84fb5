package io.agentgov.generator;

import io.agentgov.contract.Records.Permission;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth of governance faults ({@code truth/faults.jsonl}). Faults that live in the
 * registry, the directory or the agents' behaviour are taken from what was planted; faults that
 * show in events are derived from what the generated events actually contain ({@link AgentStats}),
 * so a planted fault that produced no event is not claimed, and nothing the events show is
 * missing. Every rule is stated in docs/generator.md.
 */
final class Faults {
  private Faults() {}

  /** One line of faults.jsonl. */
  record Fault(FaultKind kind, String agentId, LocalDate fromDay, Map<String, Object> details) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind.wire());
      m.put("agent_id", agentId);
      m.put("from_day", fromDay.toString());
      m.put("details", details);
      return m;
    }
  }

  private static final long REVIEW_MAX_AGE_MS = 90 * Agent.DAY_MS;

  private static Map<String, Object> details(Agent a, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("business_unit", a.unit.id());
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static LocalDate day(long epochDay) {
    return LocalDate.ofEpochDay(epochDay);
  }

  private static Map<String, String> permission(Permission p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("action_type", p.actionType());
    m.put("target_system", p.targetSystem());
    return m;
  }

  static List<Fault> derive(Enterprise ent, AgentStats s) {
    List<Fault> out = new ArrayList<>();
    for (Agent a : ent.agents) {
      int i = a.index;
      long events = s.count(i, AgentStats.Stat.EVENTS);
      if (!a.registered) {
        if (events > 0) {
          out.add(new Fault(FaultKind.SHADOW_AGENT, a.id, day(s.first(i, AgentStats.Stat.EVENTS)),
              details(a, "events", events, "credential_kind", a.scheme.kind.wire())));
        }
        continue;
      }
      planted(a, s, out);
      roles(ent, a, out);
      reviewOverdue(ent, a, out);
      unusedPermissions(ent, a, s, out);
      eventLevel(a, s, out);
    }
    credentials(ent, s, out);
    out.sort(Comparator.comparing((Fault f) -> f.kind).thenComparing(Fault::agentId).thenComparing(Fault::fromDay)
        .thenComparing(f -> f.details.toString()));
    return out;
  }

  private static void planted(Agent a, AgentStats s, List<Fault> out) {
    int i = a.index;
    for (Agent.Planted p : a.planted) {
      Map<String, Object> d = details(a);
      d.putAll(p.details());
      switch (p.kind()) {
        case DECOMMISSIONED_ACTING -> {
          long n = s.count(i, AgentStats.Stat.AFTER_DECOMMISSION);
          if (n > 0) {
            d.put("decommissioned_at", Snapshots.time(Agent.startOfDay(a.decommissionDay)));
            d.put("events_after", n);
            out.add(new Fault(p.kind(), a.id, day(s.first(i, AgentStats.Stat.AFTER_DECOMMISSION)), d));
          }
        }
        case ABANDONED_AGENT -> {
          if ("model_changed_without_review".equals(p.details().get("reason"))) {
            long n = s.count(i, AgentStats.Stat.MODEL_MISMATCH);
            if (n > 0) {
              d.put("events", n);
              out.add(new Fault(p.kind(), a.id, day(s.first(i, AgentStats.Stat.MODEL_MISMATCH)), d));
            }
          } else {
            d.put("credential_kind", a.scheme.kind.wire());
            out.add(new Fault(p.kind(), a.id, p.from(), d));
          }
        }
        case OVERCONFIDENT -> {
          d.put("reviews", s.count(i, AgentStats.Stat.REVIEWS));
          out.add(new Fault(p.kind(), a.id, p.from(), d));
        }
        default -> out.add(new Fault(p.kind(), a.id, p.from(), d));
      }
    }
  }

  /** Abandoned: an active agent whose owner, sponsor or technical owner has left and was not replaced. */
  private static void roles(Enterprise ent, Agent a, List<Fault> out) {
    String[] names = {"owner", "sponsor", "technical_owner"};
    List<List<Agent.Holding>> holdings = List.of(a.owners, a.sponsors, a.techOwners);
    for (int k = 0; k < 3; k++) {
      for (LocalDate d = ent.start; !d.isAfter(ent.end); d = d.plusDays(1)) {
        Person p = Agent.holder(holdings.get(k), d);
        if (a.listedOn(d) && a.statusOn(d).equals("active") && !p.activeOn(d)) {
          out.add(new Fault(FaultKind.ABANDONED_AGENT, a.id, d,
              details(a, "reason", "owner_departed", "role", names[k], "person_id", p.id)));
          break;
        }
      }
    }
  }

  /** Abandoned: an active agent whose last review is older than review_max_age_days (90) or absent. */
  private static void reviewOverdue(Enterprise ent, Agent a, List<Fault> out) {
    for (LocalDate d = ent.start; !d.isAfter(ent.end); d = d.plusDays(1)) {
      if (!a.listedOn(d) || !a.statusOn(d).equals("active")) {
        continue;
      }
      long last = a.lastReviewOn(d);
      if (last == Long.MIN_VALUE || Agent.startOfDay(d) - last > REVIEW_MAX_AGE_MS) {
        out.add(new Fault(FaultKind.ABANDONED_AGENT, a.id, d, details(a, "reason", "review_overdue", "last_review_at",
            last == Long.MIN_VALUE ? null : Snapshots.time(last))));
        return;
      }
    }
  }

  /** Granted permissions no event of the period used, for agents active at the end of the period. */
  private static void unusedPermissions(Enterprise ent, Agent a, AgentStats s, List<Fault> out) {
    if (!a.listedOn(ent.end) || !a.statusOn(ent.end).equals("active")) {
      return;
    }
    long events = s.count(a.index, AgentStats.Stat.EVENTS);
    for (int g = 0; g < a.granted.size(); g++) {
      if ((s.usedGrants[a.index] & (1L << g)) != 0) {
        continue;
      }
      Permission p = a.granted.get(g);
      boolean tool = false;
      for (Tool t : a.tools) {
        tool |= t.permission.equals(p);
      }
      String cause = events == 0 ? "agent_idle" : tool ? "not_drawn" : "never_called";
      out.add(new Fault(FaultKind.UNUSED_PERMISSION, a.id, ent.start,
          details(a, "permission", permission(p), "cause", cause)));
    }
  }

  private static void eventLevel(Agent a, AgentStats s, List<Fault> out) {
    int i = a.index;
    long creep = s.count(i, AgentStats.Stat.SCOPE_CREEP);
    if (creep > 0) {
      List<Map<String, String>> perms = new ArrayList<>();
      for (int t = 0; t < a.tools.length; t++) {
        if (!a.toolInScope[t]) {
          perms.add(permission(a.tools[t].permission));
        }
      }
      if (a.cascadeTool != null && !a.declared.contains(a.cascadeTool.permission)) {
        perms.add(permission(a.cascadeTool.permission));
      }
      out.add(new Fault(FaultKind.SCOPE_CREEP, a.id, day(s.first(i, AgentStats.Stat.SCOPE_CREEP)),
          details(a, "events", creep, "permissions", perms, "via", a.cascadeTool != null ? "delegation" : "direct")));
    }
    long tier = s.count(i, AgentStats.Stat.TIER_VIOLATION);
    if (tier > 0) {
      out.add(new Fault(FaultKind.TIER_VIOLATION, a.id, day(s.first(i, AgentStats.Stat.TIER_VIOLATION)),
          details(a, "events", tier, "ignored_dimension",
              a.tierIgnore == null ? null : a.tierIgnore.name().toLowerCase(java.util.Locale.ROOT))));
    }
    long before = s.count(i, AgentStats.Stat.EXECUTED_BEFORE_APPROVAL);
    long halt = s.count(i, AgentStats.Stat.EXECUTED_DESPITE_HALT);
    long unchecked = s.count(i, AgentStats.Stat.NOT_CHECKED);
    if (before + halt + unchecked > 0) {
      long first = Math.min(s.first(i, AgentStats.Stat.EXECUTED_BEFORE_APPROVAL),
          Math.min(s.first(i, AgentStats.Stat.EXECUTED_DESPITE_HALT), s.first(i, AgentStats.Stat.NOT_CHECKED)));
      Map<String, Object> reasons = new LinkedHashMap<>();
      reasons.put("executed_before_approval", before);
      reasons.put("executed_despite_halt", halt);
      reasons.put("not_checked", unchecked);
      out.add(new Fault(FaultKind.OVERSIGHT_VIOLATION, a.id, day(first), details(a, "events", before + halt + unchecked,
          "reasons", reasons, "policy_checked", a.checked)));
    }
    long sla = s.count(i, AgentStats.Stat.SLA_BREACH);
    if (sla > 0) {
      out.add(new Fault(FaultKind.SLA_BREACH, a.id, day(s.first(i, AgentStats.Stat.SLA_BREACH)),
          details(a, "events", sla, "sla_seconds", a.slaSeconds, "max_response_seconds", s.maxResponseSeconds[i])));
    }
    long cascade = s.count(i, AgentStats.Stat.CASCADE);
    if (cascade > 0) {
      out.add(new Fault(FaultKind.PRIVILEGE_CASCADE, a.id, day(s.first(i, AgentStats.Stat.CASCADE)),
          details(a, "events", cascade, "parent_agent_id", a.parent.id, "excess",
              List.of(permission(a.cascadeTool.permission)))));
    }
  }

  /** Shared credentials (used by more than one agent) and standing ones (static keys, user credentials, service accounts). */
  private static void credentials(Enterprise ent, AgentStats s, List<Fault> out) {
    for (Map.Entry<String, AgentStats.CredentialUse> e : s.credentials.entrySet()) {
      AgentStats.CredentialUse use = e.getValue();
      if (use.firstDayByAgent.size() > 1) {
        List<Long> firsts = new ArrayList<>(use.firstDayByAgent.values());
        firsts.sort(null);
        LocalDate from = day(firsts.get(1));
        List<String> ids = use.firstDayByAgent.keySet().stream().map(k -> ent.agents.get(k).id).sorted().toList();
        for (int agent : use.firstDayByAgent.keySet()) {
          Agent a = ent.agents.get(agent);
          out.add(new Fault(FaultKind.SHARED_CREDENTIAL, a.id, from,
              details(a, "credential_id", e.getKey(), "credential_kind", use.kind, "agents", ids)));
        }
      }
      if (use.kind.equals("static_api_key") || use.kind.equals("user_credential")
          || use.kind.equals("service_account")) {
        for (Map.Entry<Integer, Long> u : use.firstDayByAgent.entrySet()) {
          Agent a = ent.agents.get(u.getKey());
          out.add(new Fault(FaultKind.STANDING_CREDENTIAL, a.id, day(u.getValue()),
              details(a, "credential_id", e.getKey(), "credential_kind", use.kind)));
        }
      }
    }
  }
}

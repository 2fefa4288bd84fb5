package io.agentgov.generator;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generated events show, per agent: counts and first day of every event-level fault,
 * permissions used, credentials used. Filled per chunk (no sharing between threads) and merged in
 * chunk order; the truth of event-level faults is derived from it, so the truth says exactly what
 * the data contains.
 */
final class AgentStats {
  enum Stat {
    EVENTS, EXECUTED, SCOPE_CREEP, TIER_VIOLATION, EXECUTED_BEFORE_APPROVAL, EXECUTED_DESPITE_HALT, NOT_CHECKED,
    SLA_BREACH, CASCADE, AFTER_DECOMMISSION, MODEL_MISMATCH, REVIEWS
  }

  static final int N = Stat.values().length;

  /** One credential: its kind and, per agent index, the first epoch day it was used. */
  static final class CredentialUse {
    final String kind;
    final TreeMap<Integer, Long> firstDayByAgent = new TreeMap<>();

    CredentialUse(String kind) {
      this.kind = kind;
    }
  }

  final long[][] count;
  final long[][] firstDay;
  final long[] usedGrants;
  final long[] maxResponseSeconds;
  final Map<String, CredentialUse> credentials = new TreeMap<>();

  AgentStats(int agents) {
    count = new long[agents][N];
    firstDay = new long[agents][N];
    for (long[] row : firstDay) {
      Arrays.fill(row, Long.MAX_VALUE);
    }
    usedGrants = new long[agents];
    maxResponseSeconds = new long[agents];
  }

  void add(int agent, Stat s, long epochDay) {
    count[agent][s.ordinal()]++;
    if (epochDay < firstDay[agent][s.ordinal()]) {
      firstDay[agent][s.ordinal()] = epochDay;
    }
  }

  long count(int agent, Stat s) {
    return count[agent][s.ordinal()];
  }

  long first(int agent, Stat s) {
    return firstDay[agent][s.ordinal()];
  }

  void credential(String id, String kind, int agent, long epochDay) {
    CredentialUse use = credentials.get(id);
    if (use == null) {
      use = new CredentialUse(kind);
      credentials.put(id, use);
    }
    use.firstDayByAgent.merge(agent, epochDay, Math::min);
  }

  void merge(AgentStats o) {
    for (int a = 0; a < count.length; a++) {
      for (int s = 0; s < N; s++) {
        count[a][s] += o.count[a][s];
        firstDay[a][s] = Math.min(firstDay[a][s], o.firstDay[a][s]);
      }
      usedGrants[a] |= o.usedGrants[a];
      maxResponseSeconds[a] = Math.max(maxResponseSeconds[a], o.maxResponseSeconds[a]);
    }
    for (Map.Entry<String, CredentialUse> e : o.credentials.entrySet()) {
      CredentialUse mine = credentials.get(e.getKey());
      if (mine == null) {
        mine = new CredentialUse(e.getValue().kind);
        credentials.put(e.getKey(), mine);
      }
      for (Map.Entry<Integer, Long> u : e.getValue().firstDayByAgent.entrySet()) {
        mine.firstDayByAgent.merge(u.getKey(), u.getValue(), Math::min);
      }
    }
  }
}

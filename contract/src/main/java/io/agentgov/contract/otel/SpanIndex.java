package io.agentgov.contract.otel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of one file by (traceId, spanId): each span's agent and parent, so an {@code invoke_agent}
 * span can name the agent that delegated to it. Open addressing over primitive arrays (a few bytes a
 * span, not a map entry per span), since one file may hold hundreds of thousands of spans.
 *
 * <p>A span is keyed by a 64-bit hash of its trace and span id; two spans of one file collide with
 * probability about n²/2⁶⁵ (below 10⁻⁸ for a million spans), and a collision only mislabels a
 * delegating agent. The first span stored under a key wins.
 */
final class SpanIndex {
  /** No agent on the span or its resource. */
  static final int NO_AGENT = Integer.MIN_VALUE;

  private long[] keys = new long[1024];
  private long[] parents = new long[1024];
  private int[] agents = new int[1024];
  private int size;
  private final List<String> agentNames = new ArrayList<>();
  private final Map<String, Integer> agentIndex = new HashMap<>();

  /** The key of a span; 0 (no span) never is one. Ids are normalised lower-case hex. */
  static long key(String traceId, String spanId) {
    long h = mix(Long.parseUnsignedLong(traceId, 0, 16, 16) ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ Long.parseUnsignedLong(traceId, 16, 32, 16));
    h = mix(h ^ Long.parseUnsignedLong(spanId, 0, 16, 16));
    return h == 0 ? 1 : h;
  }

  /** Murmur3's 64-bit finaliser. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The reference of an agent id for {@link #put}, or {@link #NO_AGENT} for null. */
  int agentRef(String agentId) {
    if (agentId == null) {
      return NO_AGENT;
    }
    Integer index = agentIndex.get(agentId);
    if (index == null) {
      index = agentNames.size();
      agentNames.add(agentId);
      agentIndex.put(agentId, index);
    }
    return index;
  }

  /** Stores a span unless its key is already stored; {@code parentKey} 0 for a root span. */
  void put(long key, int agentRef, long parentKey) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    agents[slot] = agentRef;
    parents[slot] = parentKey;
    size++;
  }

  /** The slot of a span, or -1. */
  int find(long key) {
    int mask = keys.length - 1;
    int slot = (int) key & mask;
    while (keys[slot] != 0) {
      if (keys[slot] == key) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The agent of the span in {@code slot}, or null. */
  String agentAt(int slot) {
    return agentName(agents[slot]);
  }

  String agentName(int ref) {
    return ref >= 0 ? agentNames.get(ref) : null;
  }

  long parentAt(int slot) {
    return parents[slot];
  }

  /**
   * Resolves deferred references: a span without its own agent, stored before its resource was read,
   * has the reference {@code -(ordinal + 1)} of its resource, whose agent is {@code resourceAgents.get(ordinal)}.
   */
  void resolveDeferred(List<String> resourceAgents) {
    for (int slot = 0; slot < keys.length; slot++) {
      int ref = agents[slot];
      if (keys[slot] != 0 && ref < 0 && ref != NO_AGENT) {
        int ordinal = -ref - 1;
        agents[slot] = ordinal < resourceAgents.size() ? agentRef(resourceAgents.get(ordinal)) : NO_AGENT;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldParents = parents;
    int[] oldAgents = agents;
    keys = new long[oldKeys.length * 2];
    parents = new long[oldKeys.length * 2];
    agents = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        put(oldKeys[i], oldAgents[i], oldParents[i]);
      }
    }
  }
}

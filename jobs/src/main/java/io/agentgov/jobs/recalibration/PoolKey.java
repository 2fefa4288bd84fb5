package io.agentgov.jobs.recalibration;

import java.io.Serializable;

/**
 * A pool of reviewed decisions: an agent's decision class (action type × tier), or a coarser pool
 * when classes are too sparse to certify a threshold alone ({@link Pooling}). Null action type or
 * tier means the pool spans them. Tier 0 stands for decisions the gateway did not check.
 */
public record PoolKey(String agentId, String actionType, Integer tier) implements Serializable {
  public static final String CLASS = "class";
  public static final String ACTION_TYPE = "action_type";
  public static final String AGENT = "agent";

  public String id() {
    return agentId + "/" + (actionType == null ? "*" : actionType) + "/" + (tier == null ? "*" : tier);
  }

  public String level() {
    return tier != null ? CLASS : actionType != null ? ACTION_TYPE : AGENT;
  }
}

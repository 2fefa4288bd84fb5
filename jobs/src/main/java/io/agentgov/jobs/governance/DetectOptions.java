package io.agentgov.jobs.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.contract.policy.EscalationPolicy;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detectors' thresholds (docs/detectors.md#configuration). The three lifecycle ages default to
 * the policy in force ({@code lifecycle: review_max_age_days, idle_days, unused_permission_days});
 * a value set here overrides the policy's.
 *
 * @param policyId the policy read for agents whose registry entry names none, and for the lifecycle ages
 * @param reviewMaxAgeDays null: the policy's
 * @param idleDays null: the policy's
 * @param unusedPermissionDays null: the policy's
 * @param quietDays an evidence finding resolves after this many days without new evidence
 * @param lookbackDays how far back features and registry versions are read (unused grants, idle agents, trends)
 * @param minObservedDays a grant is judged unused only after the lake has observed the agent this long
 * @param quietPValue an active agent that went silent is idle early when a silence this long had
 *     probability below this under its own activity rate ({@link io.agentgov.calibration.drift.ActivityGap})
 * @param minSilentDays and has been silent at least this many days
 * @param rhythmDays the days before the silence its activity rate is measured on
 * @param sharedCredentialDays a credential used by two agents within this many days is shared
 * @param samples sample event ids kept per finding
 */
public record DetectOptions(String policyId, Integer reviewMaxAgeDays, Integer idleDays, Integer unusedPermissionDays,
    int quietDays, int lookbackDays, int minObservedDays, double quietPValue, int minSilentDays, int rhythmDays,
    int sharedCredentialDays, int samples) implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DetectOptions {
    positive("quiet days", quietDays);
    positive("look-back days", lookbackDays);
    positive("minimum observed days", minObservedDays);
    positive("minimum silent days", minSilentDays);
    positive("rhythm days", rhythmDays);
    positive("shared-credential days", sharedCredentialDays);
    positive("samples", samples);
    if (reviewMaxAgeDays != null) {
      positive("review max age days", reviewMaxAgeDays);
    }
    if (idleDays != null) {
      positive("idle days", idleDays);
    }
    if (unusedPermissionDays != null) {
      positive("unused permission days", unusedPermissionDays);
    }
    if (!(quietPValue > 0 && quietPValue < 1)) {
      throw new IllegalArgumentException("Cannot detect: the quiet p-value must be in (0, 1), got " + quietPValue);
    }
    if (policyId == null || policyId.isBlank()) {
      throw new IllegalArgumentException("Cannot detect: a policy id is required");
    }
  }

  public static DetectOptions defaults() {
    return new DetectOptions("default", null, null, null, 14, 90, 14, 0.001, 3, 28, 30, 5);
  }

  public DetectOptions withLifecycle(Integer reviewMaxAgeDays, Integer idleDays, Integer unusedPermissionDays) {
    return new DetectOptions(policyId, reviewMaxAgeDays, idleDays, unusedPermissionDays, quietDays, lookbackDays,
        minObservedDays, quietPValue, minSilentDays, rhythmDays, sharedCredentialDays, samples);
  }

  public DetectOptions withQuietDays(int days) {
    return new DetectOptions(policyId, reviewMaxAgeDays, idleDays, unusedPermissionDays, days, lookbackDays,
        minObservedDays, quietPValue, minSilentDays, rhythmDays, sharedCredentialDays, samples);
  }

  public DetectOptions withMinObservedDays(int days) {
    return new DetectOptions(policyId, reviewMaxAgeDays, idleDays, unusedPermissionDays, quietDays, lookbackDays,
        days, quietPValue, minSilentDays, rhythmDays, sharedCredentialDays, samples);
  }

  /** The lifecycle ages in effect: this run's overrides, else the policy's. */
  public EscalationPolicy.Lifecycle lifecycle(EscalationPolicy policy) {
    EscalationPolicy.Lifecycle p = policy.lifecycle();
    return new EscalationPolicy.Lifecycle(reviewMaxAgeDays != null ? reviewMaxAgeDays : p.reviewMaxAgeDays(),
        idleDays != null ? idleDays : p.idleDays(), unusedPermissionDays != null ? unusedPermissionDays : p.unusedPermissionDays());
  }

  /** The options as JSON with the lifecycle ages resolved, stored with every finding to re-run a night the same way. */
  public String settings(EscalationPolicy policy) {
    EscalationPolicy.Lifecycle l = lifecycle(policy);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy_id", policyId);
    m.put("policy_version", policy.version());
    m.put("review_max_age_days", l.reviewMaxAgeDays());
    m.put("idle_days", l.idleDays());
    m.put("unused_permission_days", l.unusedPermissionDays());
    m.put("quiet_days", quietDays);
    m.put("lookback_days", lookbackDays);
    m.put("min_observed_days", minObservedDays);
    m.put("quiet_p_value", quietPValue);
    m.put("min_silent_days", minSilentDays);
    m.put("rhythm_days", rhythmDays);
    m.put("shared_credential_days", sharedCredentialDays);
    m.put("samples", samples);
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot write detect settings: " + e.getMessage(), e);
    }
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("Cannot detect: " + what + " must be at least 1, got " + value);
    }
  }
}

package io.agentgov.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A finding open (or reopened) at the end of the month: a row of the month's last {@code findings}
 * partition.
 *
 * @param findingId the stable finding id
 * @param type finding type, e.g. {@code shadow_agent}
 * @param severity low, medium, high or critical
 * @param status open or reopened
 * @param agentId the agent it is about
 * @param openedOn the night it was first detected
 * @param ageDays days it has been open, counted to the night the state is as of
 * @param notifyId who to notify; null when nobody is known (then the governance office)
 * @param notifyRole owner, sponsor, technical_owner, acted_for or governance_office
 * @param explanation one line in plain words
 */
public record ScorecardFinding(String findingId, String type, String severity, String status, String agentId,
    LocalDate openedOn, long ageDays, String notifyId, String notifyRole, String explanation) {

  /** Severities, most severe first: the order of every table and chart. */
  public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  /** Age buckets in days open, youngest first. */
  public static final List<String> AGE_BUCKETS = List.of("0–7 days", "8–30 days", "31–90 days", "over 90 days");

  public ScorecardFinding {
    Objects.requireNonNull(findingId, "findingId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(openedOn, "openedOn");
    Objects.requireNonNull(explanation, "explanation");
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("Cannot report finding " + findingId + " with severity '" + severity
          + "': expected one of " + SEVERITIES);
    }
    if (ageDays < 0) {
      throw new IllegalArgumentException("Cannot report finding " + findingId + " open for " + ageDays + " days");
    }
  }

  /** 0 for critical .. 3 for low. */
  public int severityRank() {
    return SEVERITIES.indexOf(severity);
  }

  /** The age bucket, one of {@link #AGE_BUCKETS}. */
  public String ageBucket() {
    return AGE_BUCKETS.get(bucketIndex(ageDays));
  }

  static int bucketIndex(long days) {
    return days <= 7 ? 0 : days <= 30 ? 1 : days <= 90 ? 2 : 3;
  }

  /** Critical or high. */
  public boolean serious() {
    return severityRank() <= 1;
  }

  /** Who to notify, in words: {@code emp_000123 (owner)}, or the governance office. */
  public String notifyText() {
    if (notifyId == null) {
      return "governance office";
    }
    return notifyId + " (" + Scorecard.words(notifyRole == null ? "owner" : notifyRole, false) + ")";
  }

  public String getFindingId() {
    return findingId;
  }

  public String getTypeLabel() {
    return Scorecard.words(type, false);
  }

  public String getSeverity() {
    return severity;
  }

  public String getSeverityColor() {
    return Scorecard.severityColor(severity);
  }

  public String getAgentId() {
    return agentId;
  }

  public String getOpenedOn() {
    return openedOn.toString();
  }

  public Long getAgeDays() {
    return ageDays;
  }

  public String getNotify() {
    return notifyText();
  }

  public String getExplanation() {
    return explanation;
  }

  public String getStatusNote() {
    return "reopened".equals(status) ? "reopened" : "";
  }
}

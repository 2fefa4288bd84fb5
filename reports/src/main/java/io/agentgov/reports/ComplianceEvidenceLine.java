package io.agentgov.reports;

import java.util.List;
import java.util.Objects;

/**
 * Rows behind a clause's value: what they are, how many, and up to N of their ids (seeded order)
 * that an auditor can pull from the tables.
 *
 * @param idKind event, finding, agent, day, record, ...
 */
public record ComplianceEvidenceLine(String label, long count, String idKind, List<String> ids) {

  public ComplianceEvidenceLine {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(idKind, "idKind");
    ids = List.copyOf(ids);
    if (ids.size() > count) {
      throw new IllegalArgumentException("Cannot show " + ids.size() + " sample ids for \"" + label + "\" of "
          + count + " rows");
    }
  }

  public String getLabel() {
    return label;
  }

  public String getCountText() {
    return ComplianceFormat.count(count);
  }

  /** The sample ids, or a dash; {@code (first 5 of 12)} when some are left out. */
  public String getIdsText() {
    if (ids.isEmpty()) {
      return "\u2014";
    }
    return idKind + " ids: " + ComplianceFormat.ids(ids)
        + (ids.size() < count ? " (" + ids.size() + " of " + ComplianceFormat.count(count) + ")" : "");
  }
}

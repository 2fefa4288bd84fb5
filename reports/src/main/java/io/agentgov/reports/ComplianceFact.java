package io.agentgov.reports;

import java.util.Objects;

/** A labelled value of the compliance evidence report, already written out (manifest lines, policies). */
public record ComplianceFact(String label, String value) {

  public ComplianceFact {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(value, "value");
  }

  public String getLabel() {
    return label;
  }

  public String getValue() {
    return value;
  }
}

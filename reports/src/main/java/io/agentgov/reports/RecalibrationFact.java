package io.agentgov.reports;

import java.util.Objects;

/** One labelled number on a pool's page of the recalibration review, already written out. */
public record RecalibrationFact(String label, String value) {

  public RecalibrationFact {
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

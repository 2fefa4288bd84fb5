package io.agentgov.reports;

import java.util.Objects;

/** One line of text in a list of the scorecard (a headline, a gap to the next stage). */
public record ScorecardLine(String text) {

  public ScorecardLine {
    Objects.requireNonNull(text, "text");
  }

  public String getText() {
    return text;
  }
}

package io.agentgov.jobs.governance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * A detector whose evidence is the night's events meeting one condition: each group of
 * {@link Evidence} (per agent and subject) becomes one detection, explained by the subclass. These
 * findings rest on events, so they persist as {@link Detection.Persistence#EVIDENCE}.
 */
abstract class EventDetector implements Detector {
  /** Which judged events are evidence ({@link Night#VERDICT_SCHEMA} columns). */
  abstract Column where();

  /** The finding subject per event. */
  abstract Column subject();

  /** Columns whose values the explanation and details count. */
  abstract String[] counted();

  /** One line in plain words. */
  abstract String explain(Evidence.Group g);

  /** Structured evidence beyond the counts of {@link #counted()}, which are always included. */
  Map<String, String> details(Evidence.Group g, Night night) {
    return Map.of();
  }

  FindingType.Severity severity(Evidence.Group g) {
    return type().severity(g.highImpact());
  }

  @Override
  public List<Evidence.Spec> evidence(Night night) {
    return List.of(new Evidence.Spec(type().wire(), where(), subject(), counted()));
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found found) {
    return found.groups(type().wire()).stream().map(g -> {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("events_tonight", Long.toString(g.events()));
      details.put("high_impact", Boolean.toString(g.highImpact()));
      for (String c : counted()) {
        if (!g.counts(c).isEmpty()) {
          details.put(c, g.top(c, 20));
        }
      }
      details.putAll(details(g, night));
      return new Detection(type(), g.agentId(), g.subject(), severity(g), Detection.Persistence.EVIDENCE, explain(g),
          details, g.samples(), g.first(), g.last(), g.events());
    }).toList();
  }
}

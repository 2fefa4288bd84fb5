package io.agentgov.jobs.governance;

import java.util.List;

/**
 * One governance detector. It may ask questions of the night's judged events ({@link #evidence});
 * the detect job answers all detectors' questions in one go, then each turns its answers, the
 * registry and the directory into detections, one per finding.
 */
public interface Detector {
  FindingType type();

  /** The questions this detector asks of the night's events; names unique to the detector. */
  default List<Evidence.Spec> evidence(Night night) {
    return List.of();
  }

  List<Detection> detect(Night night, Evidence.Found found);
}

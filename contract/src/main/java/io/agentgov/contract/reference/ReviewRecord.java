package io.agentgov.contract.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.JsonObjectReader;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.Vocabulary;
import java.time.Instant;
import java.util.Map;

/**
 * One human review of an agent decision ({@code reviews/<yyyy-mm-dd>/*.jsonl}, input contract v1
 * section 5 and "Precise rules"), validated.
 *
 * <p>Required: {@code review_id}, {@code event_id}, {@code reviewer_id}, {@code reviewed_at},
 * {@code verdict}, {@code sample_design}. {@code inclusion_probability}, when present, is a number in
 * (0, 1] ({@link ReasonCode#OUT_OF_RANGE}); by design it is
 * <ul>
 *   <li>{@code random}, {@code stratified}: required ({@link ReasonCode#MISSING_FIELD});</li>
 *   <li>{@code census}: 1.0; absent reads as 1.0, any other value is {@link ReasonCode#INCONSISTENT};</li>
 *   <li>{@code targeted}: absent (null here); present is {@link ReasonCode#INCONSISTENT}, since a
 *       targeted review is not a probability sample.</li>
 * </ul>
 * {@code stratum} is optional for every design (a Horvitz-Thompson estimate needs only the
 * inclusion probabilities).
 */
public record ReviewRecord(String reviewId, String eventId, String reviewerId, Instant reviewedAt, String verdict,
    String sampleDesign, Double inclusionProbability, String stratum, Map<String, String> extras) {

  public ReviewRecord {
    extras = ReferenceJson.immutableExtras(extras);
  }

  /** Validates one review line; secrets in its extras are replaced by markers, counted in {@code redacted}. */
  public static ReviewRecord parse(JsonNode line, Redactions redacted) throws ContractViolation {
    JsonObjectReader r = JsonObjectReader.root(line, redacted);
    String reviewId = r.requiredString("review_id");
    String eventId = r.requiredString("event_id");
    String reviewerId = r.requiredString("reviewer_id");
    Instant reviewedAt = r.requiredTime("reviewed_at");
    String verdict = r.requiredEnum("verdict", Vocabulary.Verdict.class);
    String design = r.requiredEnum("sample_design", Vocabulary.SampleDesign.class);
    String path = r.path("inclusion_probability");
    Double probability = r.optionalDouble("inclusion_probability", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    if (probability != null && !(probability > 0 && probability <= 1)) {
      throw new ContractViolation(ReasonCode.OUT_OF_RANGE, path, path + " is " + probability + ", must be in (0, 1]");
    }
    switch (Vocabulary.fromWire(Vocabulary.SampleDesign.class, design)) {
      case RANDOM, STRATIFIED -> {
        if (probability == null) {
          throw new ContractViolation(ReasonCode.MISSING_FIELD, path,
              "missing field " + path + ", required when sample_design is " + design);
        }
      }
      case CENSUS -> {
        if (probability == null) {
          probability = 1.0;
        } else if (probability != 1.0) {
          throw new ContractViolation(ReasonCode.INCONSISTENT, path,
              path + " is " + probability + ", but a census review has inclusion probability 1.0");
        }
      }
      case TARGETED -> {
        if (probability != null) {
          throw new ContractViolation(ReasonCode.INCONSISTENT, path,
              path + " is " + probability + ", but a targeted review is not a probability sample: leave it out");
        }
      }
    }
    String stratum = r.optionalString("stratum");
    return new ReviewRecord(reviewId, eventId, reviewerId, reviewedAt, verdict, design, probability, stratum, ReferenceJson.extras(r));
  }

  /** Canonical JSON of the validated record (see {@link AgentRecord#canonicalJson()}); a census reads 1.0. */
  public String canonicalJson() {
    ObjectNode o = ReferenceJson.object();
    ReferenceJson.put(o, "review_id", reviewId);
    ReferenceJson.put(o, "event_id", eventId);
    ReferenceJson.put(o, "reviewer_id", reviewerId);
    ReferenceJson.put(o, "reviewed_at", reviewedAt);
    ReferenceJson.put(o, "verdict", verdict);
    ReferenceJson.put(o, "sample_design", sampleDesign);
    ReferenceJson.put(o, "inclusion_probability", inclusionProbability);
    ReferenceJson.put(o, "stratum", stratum);
    ReferenceJson.putExtras(o, extras);
    return ReferenceJson.canonical(o);
  }

  /** SHA-256 (lower-case hex) of {@link #canonicalJson()}. */
  public String contentHash() {
    return io.agentgov.contract.CanonicalJson.sha256Hex(canonicalJson());
  }
}

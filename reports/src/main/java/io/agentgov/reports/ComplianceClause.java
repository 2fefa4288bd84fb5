package io.agentgov.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One clause of the compliance evidence report: what it asks, its value for the period, the result,
 * the same per business unit, and the rows behind it. Values arrive as measured; this record only
 * writes them out.
 *
 * @param references    e.g. {@code EU AI Act Art. 14(4), Art. 26(2)}
 * @param appliesTo     whose rows count, in words
 * @param inForce       voluntary, in force, from within period, not yet
 * @param effectiveFrom when a binding obligation applies; null for voluntary frameworks
 * @param obligationSource where that date comes from
 * @param status        pass, fail, no data, not covered
 * @param unit          share, count or days
 * @param countOf       what the denominator counts; null without one
 * @param countThat     what the numerator's rows did
 * @param sentence      the result in the framework's own words
 */
public record ComplianceClause(String id, String title, String references, String appliesTo, String inForce,
    LocalDate effectiveFrom, String obligationSource, String metric, String passRule, String status, Double value,
    String unit, Long numerator, Long denominator, String countOf, String countThat, String sentence, List<String> notes,
    List<ComplianceUnit> units, List<ComplianceEvidenceLine> evidence) {

  public ComplianceClause {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(unit, "unit");
    notes = List.copyOf(notes);
    units = List.copyOf(units);
    evidence = List.copyOf(evidence);
    if (!"voluntary".equals(inForce) && effectiveFrom == null) {
      throw new IllegalArgumentException("Clause " + id + " is binding (" + inForce + ") but names no date it applies from");
    }
  }

  public String getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public String getReferences() {
    return references;
  }

  /** Whether it applies in the period, and to whom. */
  public String getApplicability() {
    String when = switch (inForce) {
      case "voluntary" -> "Voluntary framework";
      case "in force" -> "In force since " + effectiveFrom;
      case "from within period" -> "In force from " + effectiveFrom + ", within the period";
      default -> "Not yet in force: applies from " + effectiveFrom + "; measured for readiness";
    };
    return when + ". Applies to " + appliesTo + "." + (obligationSource == null ? "" : " Date: " + obligationSource + ".");
  }

  /** The summary table's short form: {@code voluntary}, {@code in force}, {@code from 2027-12-02}. */
  public String getInForceShort() {
    return switch (inForce) {
      case "voluntary" -> "voluntary";
      case "in force" -> "in force";
      default -> "from " + effectiveFrom;
    };
  }

  public String getMetric() {
    return metric;
  }

  public String getPassRule() {
    return passRule;
  }

  public String getValueText() {
    return ComplianceFormat.value(value, unit, numerator, denominator);
  }

  /** {@code 412 of 415 tier 3 and 4 actions were overseen}; empty when nothing was counted. */
  public String getCountsText() {
    if (numerator == null) {
      return "";
    }
    if (denominator == null || countOf == null) {
      return ComplianceFormat.count(numerator) + " " + countThat;
    }
    return ComplianceFormat.count(numerator) + " of " + ComplianceFormat.count(denominator) + " " + countOf + " "
        + countThat;
  }

  public String getStatusLabel() {
    return ComplianceFormat.statusLabel(status);
  }

  public String getStatusColor() {
    return ComplianceFormat.statusColor(status);
  }

  public String getSentence() {
    return sentence;
  }

  /** The notes as one block, a line each. */
  public String getNotesText() {
    return String.join("\n", notes);
  }

  public Boolean getHasNotes() {
    return !notes.isEmpty();
  }

  public List<ComplianceUnit> getUnits() {
    return units;
  }

  public Boolean getHasUnits() {
    return !units.isEmpty();
  }

  public List<ComplianceEvidenceLine> getEvidence() {
    return evidence;
  }

  public Boolean getHasEvidence() {
    return !evidence.isEmpty();
  }
}

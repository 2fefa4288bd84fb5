package io.agentgov.contract;

/**
 * A record breaks input contract v1. Thrown by the validators and turned into a quarantine row by
 * ingest; {@link #field()} is the dotted path of the offending field, or null for the whole record.
 * No stack trace: it is an expected outcome on bad input, raised once per bad line.
 */
public final class ContractViolation extends Exception {
  private final ReasonCode reason;
  private final String field;

  public ContractViolation(ReasonCode reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public ReasonCode reason() {
    return reason;
  }

  public String field() {
    return field;
  }
}

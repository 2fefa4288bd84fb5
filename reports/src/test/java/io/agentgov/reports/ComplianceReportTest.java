package io.agentgov.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compliance evidence report rendered from hand-made records, as an auditor reads it. */
class ComplianceReportTest {
  static final LocalDate START = LocalDate.of(2026, 3, 1);
  static final LocalDate END = LocalDate.of(2026, 3, 31);
  static final Instant AS_OF = Instant.parse("2026-04-01T06:00:00Z");
  static final String OTEL_ID = "5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174";

  static List<String> ids(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i == 0 ? OTEL_ID : prefix + "-" + (1000 + 37 * i));
    }
    return out;
  }

  static ComplianceClause clause(String id, String title, String refs, String inForce, String status, Double value,
      String unit, Long num, Long den, String of, String that, List<ComplianceUnit> units) {
    return new ComplianceClause(id, title, refs, inForce.equals("voluntary") ? "all agents"
        : "agents whose registry entry says eu_risk_class = high", inForce,
        inForce.equals("voluntary") ? null : LocalDate.of(2027, 12, 2),
        inForce.equals("voluntary") ? null : "Regulation (EU) 2024/1689 Art. 113, as amended by the 2026 Digital Omnibus",
        "What is measured for " + title + ", in a sentence or two that may wrap onto a second line when it is long enough to do so.",
        "at least 99.5%", status, value, unit, num, den, of, that,
        "Measured practice " + ("pass".equals(status) ? "aligned with " : "not yet aligned with ") + refs + ".",
        List.of("Counted over agents whose registry entry of the event's day says eu_risk_class = high."), units,
        List.of(new ComplianceEvidenceLine("tier 3: executed before approval", 12, "event", ids("evt", 5)),
            new ComplianceEvidenceLine("active oversight_violation findings (these agents)", 2, "finding",
                List.of("F-3c1e0a9b27d4f5e6", "F-00aa11bb22cc33dd")),
            new ComplianceEvidenceLine("tier 3/4: not executed", 0, "event", List.of())));
  }

  static ComplianceReport report(List<ComplianceDay> days) {
    List<ComplianceUnit> units = List.of(new ComplianceUnit("claims", "pass", 1.0, "share", 120, 120),
        new ComplianceUnit("finance", "fail", 0.97, "share", 97, 100),
        new ComplianceUnit("(unregistered)", "no data", null, "share", 0, 0));
    List<ComplianceClause> clauses = new ArrayList<>();
    clauses.add(clause("M1", "Record-keeping", "EU AI Act Art. 12(1)", "not yet", "pass", 0.9991, "share", 99_910L,
        100_000L, "event records received", "carried the minimum data set", List.of()));
    clauses.add(clause("M2", "Human oversight", "EU AI Act Art. 14(4), Art. 26(2)", "not yet", "fail", 217.0 / 220,
        "share", 217L, 220L, "tier 3 and 4 actions", "were overseen", units));
    clauses.add(clause("M3", "Log retention", "EU AI Act Art. 19(1), Art. 26(6)", "not yet", "pass", 31.0, "days", 31L,
        31L, "event days ingested in the last 184 days", "are still retained", List.of()));
    clauses.add(new ComplianceClause("M5", "Serious-incident reporting", "EU AI Act Art. 73",
        "agents whose registry entry says eu_risk_class = high", "not yet", LocalDate.of(2027, 12, 2), "Omnibus",
        "Serious incidents reported within 15 days.", "100%", "not covered", null, "share", null, null, "serious incidents",
        "were reported in time", "No evidence: not covered by the input contract.",
        List.of("The input contract carries no incident register."), List.of(), List.of()));
    for (int i = 6; i <= 12; i++) {
      clauses.add(clause("M" + i, "Clause " + i, "NIST AI RMF GOVERN 1." + i + "; ISO/IEC 42001 A.6.2." + i, "voluntary",
          i % 2 == 0 ? "pass" : "fail", i % 2 == 0 ? 0.0 : 3.0, "count", i % 2 == 0 ? 0L : 3L, 80L, "agents seen acting",
          "were not in the registry", units));
    }
    List<ComplianceTableRead> tables = List.of(
        new ComplianceTableRead("agentgov.lake.events", 6_012_345_678_901_234_567L, AS_OF.minusSeconds(3600), 512_345),
        new ComplianceTableRead("agentgov.lake.reviews", null, null, 0));
    List<ComplianceFact> manifest = List.of(new ComplianceFact("Software version", "0.1.0-SNAPSHOT"),
        new ComplianceFact("Report configuration hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    List<ComplianceFact> policies = List.of(new ComplianceFact("default 2026.1", "in force from 2026-01-01 (latest)"));
    List<ComplianceSample> samples = List.of(new ComplianceSample("claims", "tier 1", 10_234, ids("evt", 3)),
        new ComplianceSample("claims", "unchecked", 12, ids("evt", 3)));
    return new ComplianceReport(START, END, AS_OF, 42L, 3, clauses, tables, manifest, policies,
        "sha256-merkle/256-prefix-buckets/v1", days, samples,
        List.of("M5 Serious-incident reporting (EU AI Act Art. 73): no input.", "A legal opinion."), List.of());
  }

  static List<ComplianceDay> days(boolean tampered) {
    List<ComplianceDay> days = new ArrayList<>();
    for (int d = 0; d < 31; d++) {
      boolean changed = tampered && d == 4;
      days.add(new ComplianceDay(START.plusDays(d), 16_000 + d, "ab".repeat(32), 16_000L + d,
          changed ? "cd".repeat(32) : "ab".repeat(32), AS_OF.minusSeconds(86_400L * (31 - d)), changed ? 1 : 0,
          changed ? List.of("evt-20260305-000412") : List.of(), changed ? "changed" : "intact"));
    }
    return days;
  }

  /** Kept under target/ so a person can open the sample after {@code mvn test}. */
  @Test
  void rendersEveryClauseAndIsByteIdenticalWhenRenderedAgain() throws Exception {
    Path dir = Path.of("target", "compliance-sample");
    RenderedReport first = new ComplianceRenderer().render(report(days(true)), dir);
    assertEquals(dir.resolve("compliance-evidence-2026-03-01_2026-03-31-as-of-2026-04-01T06-00-00Z.pdf"), first.pdf());
    assertTrue(first.pages() >= 4, "pages: " + first.pages());
    byte[] bytes = Files.readAllBytes(first.pdf());
    RenderedReport second = new ComplianceRenderer().render(report(days(true)), dir.resolve("again"));
    assertArrayEquals(bytes, Files.readAllBytes(second.pdf()));

    String html = Files.readString(first.html());
    for (String expected : List.of("Human oversight", "98.6%", "217 of 220 tier 3 and 4 actions were overseen",
        "Not yet in force: applies from 2027-12-02", "NOT COVERED", "Changed: 1 of 31 event days",
        "evt-20260305-000412", OTEL_ID, "Preparer", "Reviewer", "Approver", "What this report does not cover",
        "no snapshot at the as-of time", "--as-of 2026-04-01T06:00:00Z --seed 42")) {
      assertTrue(html.contains(expected), "the HTML shows " + expected);
    }
  }

  @Test
  void sharesNeverRoundUpToAPass() {
    assertEquals("99.9%", ComplianceFormat.pct(1249, 1250));
    assertEquals("100%", ComplianceFormat.pct(1250, 1250));
    assertEquals("99.4%", ComplianceFormat.pct(9949, 10_000));
    assertEquals("0.0%", ComplianceFormat.pct(0, 3));
  }

  @Test
  void anIntactPeriodSaysSo(@TempDir Path dir) {
    ComplianceReport r = report(days(false));
    assertEquals("Intact: all 31 event days of the period match the digests stored at ingest.", r.integrityVerdict());
    assertEquals("6 pass · 4 fail · 1 not covered", r.resultCounts());
    assertTrue(new ComplianceRenderer().render(r, dir).pages() >= 4);
    assertThrows(IllegalArgumentException.class, () -> new ComplianceEvidenceLine("x", 1, "event", List.of("a", "b")));
  }
}

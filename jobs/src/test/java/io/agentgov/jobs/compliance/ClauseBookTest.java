package io.agentgov.jobs.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The clause file as data: every clause, its dates and the wording rules, without Spark. */
class ClauseBookTest {
  static final ClauseBook BOOK = ClauseBook.load();

  @Test
  void definesEveryClauseWithAMetricClass() {
    assertEquals(ClauseBook.IDS, BOOK.clauses().stream().map(Clause::id).toList());
    assertEquals(ClauseBook.IDS, java.util.List.copyOf(new java.util.TreeMap<>(ComplianceEvidence.METRICS).keySet()
        .stream().sorted(java.util.Comparator.comparingInt(id -> Integer.parseInt(id.substring(1)))).toList()));
    assertNotNull(BOOK.clause("M5").notCovered());
    assertNotNull(BOOK.clause("M10").notCoveredPart());
    assertEquals(64, BOOK.sha256().length());
  }

  @Test
  void euHighRiskObligationsApplyFromTheDeferredDate() {
    Clause m2 = BOOK.clause("M2");
    assertEquals(Clause.AppliesTo.EU_HIGH_RISK, m2.appliesTo());
    assertEquals(LocalDate.of(2027, 12, 2), m2.obligation().effectiveFrom());
    assertEquals(LocalDate.of(2026, 8, 2), m2.obligation().originally());
    assertEquals(Clause.InForce.NOT_YET, m2.inForce(LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 31)));
    assertEquals(Clause.InForce.FROM_WITHIN_PERIOD, m2.inForce(LocalDate.of(2027, 12, 1), LocalDate.of(2027, 12, 31)));
    assertEquals(Clause.InForce.IN_FORCE, m2.inForce(LocalDate.of(2027, 12, 2), LocalDate.of(2027, 12, 31)));
    assertEquals(Clause.InForce.VOLUNTARY, BOOK.clause("M6").inForce(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
  }

  @Test
  void nistIsAlignedWithNeverCompliantWith() {
    assertEquals("Measured practice aligned with NIST AI RMF GOVERN 1.5; supports conformity with ISO/IEC 42001 A.6.2.6.",
        BOOK.sentence(BOOK.clause("M7"), Status.PASS));
    assertEquals("Measured practice not yet aligned with NIST AI RMF GOVERN 1.6.", BOOK.sentence(BOOK.clause("M6"), Status.FAIL));
    assertEquals("Measured practice consistent with the obligation in EU AI Act Art. 14(4), Art. 26(2).",
        BOOK.sentence(BOOK.clause("M2"), Status.PASS));
    assertEquals("EU AI Act Art. 14(4), Art. 26(2)", BOOK.clause("M2").referenceText());
    for (Clause c : BOOK.clauses()) {
      for (Status s : Status.values()) {
        assertTrue(!BOOK.sentence(c, s).toLowerCase().contains("compliant"), BOOK.sentence(c, s));
      }
    }
  }

  @Test
  void forbiddenWordingIsRefused() throws Exception {
    String yaml = new String(ClauseBook.class.getClassLoader().getResourceAsStream(ClauseBook.RESOURCE).readAllBytes(),
        StandardCharsets.UTF_8).replace("pass_wording: aligned with", "pass_wording: compliant with");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClauseBook.parse(yaml.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("forbids \"compliant with\""), e.getMessage());
  }

  @Test
  void passRulesJudgeTheValue() {
    assertEquals(Status.PASS, Status.judge(BOOK.clause("M1").pass(), 0.995));
    assertEquals(Status.FAIL, Status.judge(BOOK.clause("M1").pass(), 0.9949));
    assertEquals(Status.PASS, Status.judge(BOOK.clause("M6").pass(), 0.0));
    assertEquals(Status.FAIL, Status.judge(BOOK.clause("M6").pass(), 1.0));
    assertEquals(Status.NO_DATA, Status.judge(BOOK.clause("M2").pass(), null));
    assertEquals(184.0, BOOK.clause("M3").parameter("retention_days"));
  }
}

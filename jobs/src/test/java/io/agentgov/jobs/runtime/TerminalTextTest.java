package io.agentgov.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

  @Test
  void plainTextNewlinesTabsAndLettersOfEveryScriptAreUnchanged() {
    String text = "agent ag-7\tacted 3 times\nnaïve 代理 مرحبا \uD83D\uDE80 \u00a0";
    assertSame(text, TerminalText.safe(text));
  }

  @Test
  void controlSequencesAreShownNotObeyed() {
    // CSI clear screen and SGR colour (ECMA-48), an OSC 8 hyperlink ended by BEL, a CR that would overwrite the line
    assertEquals("\\u001b[2J\\u001b[31mred\\u001b[0m", TerminalText.safe("\u001b[2J\u001b[31mred\u001b[0m"));
    assertEquals("\\u001b]8;;http://evil/\\u0007click\\u001b]8;;\\u0007",
        TerminalText.safe("\u001b]8;;http://evil/\u0007click\u001b]8;;\u0007"));
    assertEquals("ok\\u000dFAILED", TerminalText.safe("ok\rFAILED"));
    assertEquals("a\\u0000b\\u007fc\\u009bd\\u0085e", TerminalText.safe("a\u0000b\u007fc\u009bd\u0085e"));
  }

  @Test
  void bidirectionalOverridesAndIsolatesAreShown() {
    // Trojan Source (CVE-2021-42574): the right-to-left override U+202E makes this id display as "ag-evilexe.png"
    assertEquals("ag-evil\\u202egnp.exe", TerminalText.safe("ag-evil\u202egnp.exe"));
    assertEquals("\\u2066x\\u2069 \\u202ay\\u202c", TerminalText.safe("\u2066x\u2069 \u202ay\u202c"));
  }

  @Test
  void aCellShowsNewlinesAndTabsSoItsRowStaysOneLine() {
    assertEquals("two\\u000alines\\u0009tab \\u001b[0m", TerminalText.cell("two\nlines\ttab \u001b[0m"));
    assertSame("ag-7", TerminalText.cell("ag-7"));
  }

  @Test
  void nothingIsLost() {
    assertEquals(null, TerminalText.safe(null));
    assertEquals("", TerminalText.safe(""));
    assertEquals("\\u0001", TerminalText.safe("\u0001"));
  }
}

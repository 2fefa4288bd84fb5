package io.agentgov.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The UTF-8 check in front of the JSON parser, against RFC 3629 and against the JDK's strict decoder. */
class Utf8Test {

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "61 62 63,            ASCII",
      "C2 80,               U+0080 the first two-byte character",
      "DF BF,               U+07FF",
      "E0 A0 80,            U+0800 the first three-byte character",
      "ED 9F BF,            U+D7FF just below the surrogates",
      "EE 80 80,            U+E000 just above them",
      "EF BB BF,            U+FEFF a byte order mark",
      "EF BF BF,            U+FFFF",
      "F0 90 80 80,         U+10000 the first four-byte character",
      "F4 8F BF BF,         U+10FFFF the last character",
      "61 62 63 64 65 66 67 68 C3 A9 69, ASCII past the eight-byte fast path"})
  void wellFormed(String bytes, String what) {
    byte[] b = hex(bytes);
    assertEquals(-1, Utf8.firstInvalid(b, b.length), what);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "61 62 00 63,          2, NUL",
      "61 62 FF 63,          2, never used",
      "61 62 80 63,          2, a lone continuation byte",
      "61 62 C0 AF,          2, overlong slash",
      "61 62 C1 BF,          2, overlong two bytes",
      "61 62 E0 80 AF,       3, overlong three bytes",
      "61 62 F0 80 80 AF,    3, overlong four bytes",
      "61 62 ED A0 80,       3, an encoded surrogate",
      "61 62 F4 90 80 80,    3, above U+10FFFF",
      "61 62 F5 80 80 80,    2, lead byte past F4",
      "61 62 C3 63,          3, a continuation that is not one",
      "61 62 E2 82 63,       4, the third byte missing",
      "61 62 C3,             2, cut by the end of the line",
      "61 62 63 64 65 66 67 68 69 00, 9, NUL past the fast path",
      "7B 00 22 00,          1, UTF-16LE"})
  void illFormed(String bytes, int index, String what) {
    byte[] b = hex(bytes);
    assertEquals(index, Utf8.firstInvalid(b, b.length), what);
  }

  /** Random bytes, mostly valid text with damage spliced in, judged by the JDK's decoder set to report errors. */
  @Test
  void agreesWithTheJdkDecoderOnRandomInput() {
    Random random = new Random(3629);
    for (int round = 0; round < 20_000; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int pieces = random.nextInt(6); pieces >= 0; pieces--) {
        if (random.nextInt(4) == 0) {
          byte[] junk = new byte[1 + random.nextInt(4)];
          random.nextBytes(junk);
          out.writeBytes(junk);
        } else {
          int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
          if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            codePoint = 'x'; // a lone surrogate has no UTF-8 form
          }
          out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] b = out.toByteArray();
      boolean jdk = decodes(b) && new String(b, StandardCharsets.UTF_8).indexOf('\0') < 0;
      assertEquals(jdk, Utf8.firstInvalid(b, b.length) < 0, HexFormat.ofDelimiter(" ").formatHex(b));
    }
  }

  static boolean decodes(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)); // reports malformed input by default
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A stream that hands out at most {@code chunk} bytes a read, so sequences straddle reads. */
  static InputStream chunked(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @Test
  void aCheckedStreamPassesTextSplitAcrossReads() throws IOException {
    byte[] text = "{\"agent\": \"代理-\uD83E\uDD16-ü\"}".getBytes(StandardCharsets.UTF_8);
    for (int chunk = 1; chunk <= 5; chunk++) {
      assertArrayEquals(text, Utf8.checked(chunked(text, chunk)).readAllBytes(), "chunks of " + chunk);
    }
  }

  @Test
  void aCheckedStreamHandsOutTheBytesBeforeABadOneThenFails() throws IOException {
    byte[] bytes = hex("7B 22 61 22 3A 22 C0 AF 22 7D"); // {"a":" then an overlong slash
    InputStream in = Utf8.checked(chunked(bytes, 64));
    byte[] buffer = new byte[64];
    assertEquals(6, in.read(buffer, 0, 64), "the six good bytes first");
    CharConversionException e = assertThrows(CharConversionException.class, () -> in.read(buffer, 0, 64));
    assertTrue(e.getMessage().contains("byte 7 (0xC0)"), e.getMessage());
    assertThrows(CharConversionException.class, () -> Utf8.checked(chunked(hex("61 E2 82"), 64)).readAllBytes(),
        "the input ends inside a character");
  }

  @Test
  void theIngestParserRejectsWhatJacksonWouldDecode() {
    for (byte[] line : new byte[][] {
        "{\"a\": 1}".getBytes(StandardCharsets.UTF_16LE), "{\"a\": 1}".getBytes(StandardCharsets.UTF_16),
        hex("7B 22 61 22 3A 22 C0 AF 22 7D"), hex("7B 22 61 22 3A 22 ED A0 80 22 7D")}) {
      ContractViolation v = assertThrows(ContractViolation.class, () -> EventFileReader.parse(line, line.length));
      assertEquals(ReasonCode.INVALID_JSON, v.reason(), v.getMessage());
    }
  }
}

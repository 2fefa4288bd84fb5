package io.agentgov.jobs.ingest;

import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are what a JSON input may hold: well-formed UTF-8 (RFC 3629, section 4: no
 * overlong forms, no encoded surrogates, nothing above U+10FFFF) and no NUL byte. Jackson decodes
 * overlong forms and encoded surrogates instead of rejecting them, and reads UTF-16 and UTF-32 text
 * (it detects the encoding from the NUL bytes such text is full of) as if the contract allowed it;
 * a NUL never occurs in UTF-8 JSON text (JSON requires it escaped inside strings and does not allow
 * it between tokens).
 *
 * <p>A checker keeps its state between calls of {@link #check}, so a sequence may be split across
 * the chunks of a stream ({@link #checked(InputStream)}).
 */
final class Utf8 {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_BITS = 0x0101010101010101L;

  /** Continuation bytes still expected, and the range the next one must fall in. */
  private int remaining;
  private int low;
  private int high;

  /** The index of the first byte that is NUL or not part of well-formed UTF-8 in a whole line, or -1. */
  static int firstInvalid(byte[] bytes, int length) {
    Utf8 checker = new Utf8();
    int invalid = checker.check(bytes, 0, length);
    if (invalid < 0 && checker.remaining > 0) {
      return length - 1; // the line ends inside a sequence
    }
    return invalid;
  }

  /** How the byte at {@code index} breaks the rule, for a message; {@code position} is its 1-based place in the input. */
  static String describe(byte[] bytes, int index, long position) {
    return bytes[index] == 0
        ? "a NUL byte at byte " + position + " (input must be UTF-8, not UTF-16 or UTF-32)"
        : String.format("not valid UTF-8: byte %d (0x%02X)", position, bytes[index] & 0xFF);
  }

  /** Checks {@code bytes[from, to)} after what was checked before; the index of the first bad byte, or -1. */
  int check(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      if (remaining == 0) {
        while (i + 8 <= to && plainAscii((long) LONGS.get(bytes, i))) {
          i += 8; // most text is ASCII: eight bytes at a time
        }
        if (i == to) {
          break;
        }
        int b = bytes[i] & 0xFF;
        if (b < 0x80) {
          if (b == 0) {
            return i;
          }
        } else if (!lead(b)) {
          return i;
        }
      } else {
        int b = bytes[i] & 0xFF;
        if (b < low || b > high) {
          return i;
        }
        low = 0x80;
        high = 0xBF;
        remaining--;
      }
      i++;
    }
    return -1;
  }

  /** Eight bytes, none with its high bit set and none zero (the zero test is the classic (x - 0x01..) & ~x & 0x80..). */
  private static boolean plainAscii(long x) {
    return ((x | ((x - LOW_BITS) & ~x)) & HIGH_BITS) == 0;
  }

  /** RFC 3629 section 4: a lead byte fixes the sequence's length and the range of its second byte. */
  private boolean lead(int b) {
    low = 0x80;
    high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      remaining = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      remaining = 2;
      low = b == 0xE0 ? 0xA0 : 0x80;   // E0 80..9F would be overlong
      high = b == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
    } else if (b >= 0xF0 && b <= 0xF4) {
      remaining = 3;
      low = b == 0xF0 ? 0x90 : 0x80;   // F0 80..8F would be overlong
      high = b == 0xF4 ? 0x8F : 0xBF;  // F4 90.. would be above U+10FFFF
    } else {
      return false; // a continuation byte, C0/C1 (overlong) or F5..FF (never used)
    }
    return true;
  }

  /**
   * {@code in}, checked as it is read: the bytes before a bad one are handed out, then the next read
   * throws a {@link CharConversionException} naming it, so a parser reading the stream fails at the
   * bad byte's own line, having read everything before it.
   */
  static InputStream checked(InputStream in) {
    return new FilterInputStream(in) {
      private final Utf8 checker = new Utf8();
      private long position;
      private String failure;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] bytes, int offset, int count) throws IOException {
        if (failure != null) {
          throw new CharConversionException(failure);
        }
        int n = in.read(bytes, offset, count);
        if (n < 0 && checker.remaining > 0) {
          throw new CharConversionException("not valid UTF-8: the input ends inside a character");
        }
        int bad = n <= 0 ? -1 : checker.check(bytes, offset, offset + n);
        if (bad >= 0) {
          failure = describe(bytes, bad, position + bad - offset + 1);
          if (bad == offset) {
            throw new CharConversionException(failure);
          }
          n = bad - offset;
        }
        position += Math.max(n, 0);
        return n;
      }

      @Override
      public long skip(long n) {
        return 0; // every byte is read, so every byte is checked
      }
    };
  }
}

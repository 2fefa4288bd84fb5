package io.agentgov.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A growable byte buffer with the few JSON primitives the event writers need. Hand-written rather
 * than a Jackson {@code JsonGenerator} because the generator must write 200,000+ events per second
 * on two cores: keys and most values are pre-encoded byte arrays, numbers and timestamps are
 * formatted digit by digit, and nothing allocates per event.
 */
final class ByteSink {
  private byte[] buf;
  private int len;

  ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    len = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON string literal (with quotes), pre-encoded. */
  static byte[] quoted(String s) {
    ByteSink sink = new ByteSink(s.length() + 8);
    sink.string(s);
    return sink.toByteArray();
  }

  ByteSink raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  ByteSink raw(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  ByteSink raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** ASCII text without quoting or escaping (the caller knows it needs none). */
  ByteSink ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** A JSON string literal, escaped as RFC 8259 requires. */
  ByteSink string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
        ensure(1);
        buf[len++] = (byte) c;
      } else {
        escapeSlow(s, i);
        break;
      }
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  private void escapeSlow(String s, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    raw(utf8(sb.toString()));
  }

  ByteSink num(long v) {
    ensure(20);
    if (v == 0) {
      buf[len++] = '0';
      return this;
    }
    if (v < 0) {
      buf[len++] = '-';
      if (v == Long.MIN_VALUE) {
        return ascii("9223372036854775808");
      }
      v = -v;
    }
    int start = len;
    while (v > 0) {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    reverse(start, len - 1);
    return this;
  }

  private void reverse(int i, int j) {
    while (i < j) {
      byte t = buf[i];
      buf[i++] = buf[j];
      buf[j--] = t;
    }
  }

  /** {@code milli / 1000} as a decimal with up to three fraction digits, trailing zeros dropped. */
  ByteSink thousandths(int milli) {
    num(milli / 1000);
    int frac = milli % 1000;
    ensure(4);
    buf[len++] = '.';
    if (frac == 0) {
      buf[len++] = '0';
      return this;
    }
    buf[len++] = (byte) ('0' + frac / 100);
    if (frac % 100 != 0) {
      buf[len++] = (byte) ('0' + (frac / 10) % 10);
      if (frac % 10 != 0) {
        buf[len++] = (byte) ('0' + frac % 10);
      }
    }
    return this;
  }

  /** A money amount given in cents, written with two fraction digits (e.g. 1234.50). */
  ByteSink cents(long cents) {
    num(cents / 100);
    int frac = (int) (cents % 100);
    ensure(3);
    buf[len++] = '.';
    buf[len++] = (byte) ('0' + frac / 10);
    buf[len++] = (byte) ('0' + frac % 10);
    return this;
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The low {@code digits} hex digits of {@code v}, lower case. */
  ByteSink hex(long v, int digits) {
    ensure(digits);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    len += digits;
    return this;
  }

  // ------------------------------------------------------------------ timestamps

  /** "yyyy-mm-ddT" of recent days, four slots by epoch day (offsets make neighbouring days alternate). */
  private final long[] cachedDay = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
  private final byte[][] cachedDate = new byte[4][];

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /**
   * An RFC 3339 timestamp in quotes, millisecond precision, written in the given UTC offset
   * (minutes; 0 writes {@code Z}). The instant is the same whatever the offset.
   */
  ByteSink timestamp(long epochMillis, int offsetMinutes) {
    long local = epochMillis + offsetMinutes * 60_000L;
    long day = Math.floorDiv(local, MILLIS_PER_DAY);
    int ms = (int) Math.floorMod(local, MILLIS_PER_DAY);
    int slot = (int) (day & 3);
    if (day != cachedDay[slot]) {
      cachedDate[slot] = utf8(LocalDate.ofEpochDay(day).toString() + "T");
      cachedDay[slot] = day;
    }
    ensure(32);
    buf[len++] = '"';
    System.arraycopy(cachedDate[slot], 0, buf, len, 11);
    len += 11;
    int h = ms / 3_600_000;
    int m = (ms / 60_000) % 60;
    int s = (ms / 1000) % 60;
    int f = ms % 1000;
    two(h);
    buf[len++] = ':';
    two(m);
    buf[len++] = ':';
    two(s);
    buf[len++] = '.';
    buf[len++] = (byte) ('0' + f / 100);
    buf[len++] = (byte) ('0' + (f / 10) % 10);
    buf[len++] = (byte) ('0' + f % 10);
    if (offsetMinutes == 0) {
      buf[len++] = 'Z';
    } else {
      int a = Math.abs(offsetMinutes);
      buf[len++] = (byte) (offsetMinutes < 0 ? '-' : '+');
      two(a / 60);
      buf[len++] = ':';
      two(a % 60);
    }
    buf[len++] = '"';
    return this;
  }

  private void two(int v) {
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
  }

  /** Epoch nanoseconds of {@code epochMillis} as a quoted decimal string (OTLP/JSON int64). */
  ByteSink nanosString(long epochMillis, int extraNanos) {
    raw('"');
    num(epochMillis * 1_000_000L + extraNanos);
    raw('"');
    return this;
  }
}

package io.agentgov.contract.otel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keeps the bytes the JSON parser reads, so a span's raw text can be cut out of the input by the
 * parser's byte offsets instead of serialising its tree again (which cost a fifth of the reading
 * time). While nothing is retained only a tail of the input is kept: the parser reads ahead by at
 * most its buffer (8,000 bytes), so a span's first byte is always still here when its start token
 * is seen.
 */
final class RawCapture extends FilterInputStream {
  private static final int TAIL = 64 * 1024;

  private byte[] buffer = new byte[4 * TAIL];
  /** Absolute offset of {@code buffer[0]}. */
  private long base;
  private int length;
  private boolean retaining;

  RawCapture(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      keep(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] bytes, int offset, int count) throws IOException {
    int n = in.read(bytes, offset, count);
    if (n > 0) {
      keep(bytes, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // the parser never skips; skipping would lose bytes
  }

  private void keep(byte[] bytes, int offset, int n) {
    if (!retaining && length + n > buffer.length) {
      int drop = Math.max(0, length - TAIL);
      System.arraycopy(buffer, drop, buffer, 0, length - drop);
      length -= drop;
      base += drop;
    }
    if (length + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
    }
    System.arraycopy(bytes, offset, buffer, length, n);
    length += n;
  }

  /** Keeps every byte from absolute offset {@code start} on, until {@link #release}; false if they are gone. */
  boolean retainFrom(long start) {
    if (start < base || start > base + length) {
      return false;
    }
    int drop = (int) (start - base);
    if (drop > TAIL) {
      System.arraycopy(buffer, drop, buffer, 0, length - drop);
      length -= drop;
      base += drop;
    }
    retaining = true;
    return true;
  }

  void release() {
    retaining = false;
  }

  /**
   * The bytes {@code [start, end)} as JSON text, or null if gone: verbatim when on one line (exporters
   * write compact JSON), else with the whitespace outside strings removed (pretty-printed files).
   */
  String compactText(long start, long end) {
    if (start < base || end > base + length || end < start) {
      return null;
    }
    int from = (int) (start - base);
    int to = (int) (end - base);
    boolean oneLine = true;
    for (int i = from; i < to && oneLine; i++) {
      oneLine = buffer[i] != '\n';
    }
    if (oneLine) {
      return new String(buffer, from, to - from, StandardCharsets.UTF_8); // as exporters write it: already compact
    }
    byte[] out = new byte[to - from];
    int n = 0;
    boolean inString = false;
    for (int i = from; i < to; i++) {
      byte b = buffer[i];
      if (inString) {
        out[n++] = b;
        if (b == '\\' && i + 1 < to) {
          out[n++] = buffer[++i];
        } else if (b == '"') {
          inString = false;
        }
      } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        out[n++] = b;
        inString = b == '"';
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}

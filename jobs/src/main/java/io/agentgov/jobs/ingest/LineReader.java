package io.agentgov.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads newline-terminated lines as raw bytes (no charset decoding, so invalid UTF-8 reaches the
 * JSON parser and is reported, instead of being replaced silently). A line longer than the limit is
 * consumed to its end but only its first {@code limit} bytes are kept, and {@link #overLimit} says so.
 * A trailing {@code \r} is dropped.
 */
final class LineReader {
  private final InputStream in;
  private final int limit;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int filled;
  private byte[] line = new byte[4096];
  private int length;
  private boolean overLimit;
  private long lineNumber;

  LineReader(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    length = 0;
    overLimit = false;
    boolean any = false;
    while (true) {
      if (position == filled) {
        filled = in.read(buffer, 0, buffer.length);
        position = 0;
        if (filled <= 0) {
          filled = 0;
          if (any) {
            lineNumber++;
          }
          return finish(any);
        }
      }
      any = true;
      int start = position;
      while (position < filled && buffer[position] != '\n') {
        position++;
      }
      append(start, position);
      if (position < filled) {
        position++; // the newline
        lineNumber++;
        return finish(true);
      }
    }
  }

  private boolean finish(boolean any) {
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return any;
  }

  private void append(int from, int to) {
    int count = to - from;
    int room = limit - length;
    if (count > room) {
      overLimit = true;
      count = Math.max(room, 0);
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  boolean overLimit() {
    return overLimit;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  boolean blank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}

package io.agentgov.generator;

import java.util.SplittableRandom;

/**
 * Seed derivation. Every random stream of the generator is a {@link SplittableRandom} seeded from
 * the run seed and the coordinates of the work it drives (purpose, day, chunk), never from a shared
 * stream, so output does not depend on thread scheduling or on the order in which work is done.
 */
final class Seeds {
  private Seeds() {}

  /** Stream purposes: distinct constants so two purposes never share a stream. */
  static final long ENTERPRISE = 0x454E54L;
  static final long DAY_PLAN = 0x504C414EL;
  static final long CHUNK = 0x4348554EL;
  static final long IDS = 0x49445321L;

  /** The splitmix64 finaliser (Steele, Lea, Flood 2014): a bijection on 64-bit values. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed derived from the run seed and any number of coordinates. */
  static long derive(long seed, long... parts) {
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix64(h + 0x9E3779B97F4A7C15L + p);
    }
    return h;
  }

  static SplittableRandom random(long seed, long... parts) {
    return new SplittableRandom(derive(seed, parts));
  }

  /**
   * A keyed bijection on 64-bit values: distinct inputs give distinct outputs, so identifiers made
   * from a unique counter are unique without a registry of issued ids, yet look random.
   */
  static long permute(long key, long value) {
    return mix64(mix64(value ^ key) + key);
  }

  /** Lower-case hex of {@code value}, {@code digits} digits (the low-order ones). */
  static String hex(long value, int digits) {
    char[] out = new char[digits];
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return new String(out);
  }

  static final char[] HEX = "0123456789abcdef".toCharArray();
}

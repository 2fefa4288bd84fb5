package io.agentgov.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Merkle scheme of event_day_digests, checked against hashes computed directly with SHA-256. */
class MerkleTest {
  static byte[] sha(byte[]... parts) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      sha.update(p);
    }
    return sha.digest();
  }

  static byte[] leaf(String s) throws Exception {
    return sha(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void treeOfThreeCarriesTheOddLeafUp() throws Exception {
    byte[] a = leaf("a");
    byte[] b = leaf("b");
    byte[] c = leaf("c");
    // level 1: H(a||b), c (carried); root: H(H(a||b) || c)
    assertArrayEquals(sha(sha(a, b), c), Merkle.root(List.of(a, b, c)));
    assertArrayEquals(a, Merkle.root(List.of(a)));
    assertArrayEquals(sha(new byte[0]), Merkle.root(List.of()));
  }

  @Test
  void dayRootIsTheTreeOverAllBucketRoots() throws Exception {
    byte[][] buckets = new byte[Merkle.BUCKETS][];
    byte[] only = leaf("x");
    buckets[7] = only;
    byte[] empty = sha(new byte[0]);
    byte[][] leaves = new byte[Merkle.BUCKETS][];
    for (int i = 0; i < Merkle.BUCKETS; i++) {
      leaves[i] = i == 7 ? only : empty;
    }
    assertEquals(HexFormat.of().formatHex(Merkle.root(List.of(leaves))), Merkle.dayRoot(buckets));
    buckets[7] = leaf("y");
    assertNotEquals(HexFormat.of().formatHex(Merkle.root(List.of(leaves))), Merkle.dayRoot(buckets), "a changed row changes the root");
  }

  @Test
  void bucketIsTheFirstByte() {
    assertEquals(0, Merkle.bucket("00ff"));
    assertEquals(255, Merkle.bucket("ff00"));
    assertEquals(0xa7, Merkle.bucket("a7" + "0".repeat(62)));
  }
}

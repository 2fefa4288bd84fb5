package io.agentgov.jobs.ingest;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The per-day Merkle root of {@code event_day_digests} (docs/tables.md, "Tamper evidence"). Leaves
 * are event hashes, split into 256 buckets by their first byte so that each bucket's tree can be
 * built by a different Spark task; the day's root is the tree over the 256 bucket roots. Each
 * tree is the binary Merkle tree of RFC 6962 §2.1 minus its domain-separation prefixes: a parent
 * is SHA-256(left ‖ right) and an odd last node is carried up unchanged (as in Bitcoin's tree but
 * without duplication, which lets two different leaf lists share a root). Leaves enter a bucket's
 * tree in ascending order, so the root depends on the set of rows, not on their file order.
 */
public final class Merkle {
  public static final String ALGORITHM = "sha256-merkle/256-prefix-buckets/v1";
  public static final int BUCKETS = 256;

  private Merkle() {}

  /** The bucket of a hex event hash: its first byte. */
  public static int bucket(String hexHash) {
    return Integer.parseInt(hexHash.substring(0, 2), 16);
  }

  /** Root of the binary tree over {@code leaves} in the given order; SHA-256("") when empty. */
  public static byte[] root(List<byte[]> leaves) {
    MessageDigest sha = EventDigest.sha256();
    if (leaves.isEmpty()) {
      return sha.digest(new byte[0]);
    }
    List<byte[]> level = leaves;
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        sha.update(level.get(i));
        up.add(sha.digest(level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        up.add(level.get(level.size() - 1));
      }
      level = up;
    }
    return level.get(0);
  }

  /** The day's root from its 256 bucket roots (null entries are empty buckets). */
  public static String dayRoot(byte[][] bucketRoots) {
    List<byte[]> roots = new ArrayList<>(BUCKETS);
    byte[] empty = root(List.of());
    for (int b = 0; b < BUCKETS; b++) {
      roots.add(bucketRoots[b] == null ? empty : bucketRoots[b]);
    }
    return HexFormat.of().formatHex(root(roots));
  }
}

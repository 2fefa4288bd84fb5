package io.agentgov.jobs.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The distributions the daily features keep per agent, as data: each is a mix of categories or a
 * numeric quantity counted into fixed bins, measured per event or per session. Counts per category
 * or bin add up across days, so a window's baseline is a sum of days and never a re-read of events.
 * docs/drift.md lists them with the test each gets.
 */
public enum Distribution {
  ACTION_TYPE_MIX("action_type_mix", Level.EVENT, null),
  TARGET_SYSTEM_MIX("target_system_mix", Level.EVENT, null),
  TOOL_MIX("tool_mix", Level.EVENT, null),
  /**
   * Permissions exercised, {@code "<action_type>:<target_system>"} (action types never hold a
   * colon): the least-privilege and scope-creep look-backs of the governance detectors. Not
   * drift-tested: its shifts are the action-type and target mixes' shifts.
   */
  PERMISSION_MIX("permission_mix", Level.EVENT, null, false),
  /**
   * Credentials used, {@code "<kind>:<id>"}: which agents share a credential over the look-back.
   * Not drift-tested: ephemeral tokens change id every day by design.
   */
  CREDENTIAL_MIX("credential_mix", Level.EVENT, null, false),
  /**
   * UTC hour a session starts, "00".."23": the agent's timing profile. Counted per session, not per
   * event, because the calls of one session come seconds apart and would count one start many times.
   */
  HOUR_MIX("hour_mix", Level.SESSION, null),
  OUTCOME_MIX("outcome_mix", Level.EVENT, null),
  /** The oversight decision, else the oversight mode, else "none": escalation and override rates. */
  OVERSIGHT_MIX("oversight_mix", Level.EVENT, null),
  /**
   * Policy version the gateway applied ("unchecked" when it did not check): not tested itself, it
   * explains oversight shifts.
   */
  POLICY_VERSION_MIX("policy_version_mix", Level.EVENT, null, false),
  LATENCY_MS("latency_ms", Level.EVENT, Bins.decades125()),
  AMOUNT("amount", Level.EVENT, Bins.decades125()),
  RECORDS_AFFECTED("records_affected", Level.EVENT, Bins.decades125()),
  CONFIDENCE("confidence", Level.EVENT, Bins.confidence()),
  ACTIONS_PER_SESSION("actions_per_session", Level.SESSION, Bins.decades125()),
  INPUT_TOKENS_PER_SESSION("input_tokens_per_session", Level.SESSION, Bins.decades125()),
  OUTPUT_TOKENS_PER_SESSION("output_tokens_per_session", Level.SESSION, Bins.decades125());

  /** Whether one observation is an event or a session (all of an agent's events sharing a session id). */
  public enum Level { EVENT, SESSION }

  private final String key;
  private final Level level;
  private final Bins bins;
  private final boolean driftTested;

  Distribution(String key, Level level, Bins bins) {
    this(key, level, bins, true);
  }

  Distribution(String key, Level level, Bins bins, boolean driftTested) {
    this.key = key;
    this.level = level;
    this.bins = bins;
    this.driftTested = driftTested;
  }

  /** Whether the drift job tests this distribution (the others are kept for other readers). */
  public boolean driftTested() {
    return driftTested;
  }

  /** The name stored in the {@code distributions} column. */
  public String key() {
    return key;
  }

  public Level level() {
    return level;
  }

  public boolean numeric() {
    return bins != null;
  }

  /** The bins of a numeric distribution; fails for a mix. */
  public Bins bins() {
    if (bins == null) {
      throw new IllegalStateException(key + " is a mix of categories, not a binned quantity");
    }
    return bins;
  }

  /**
   * Fixed, ordered bins for a numeric quantity. Bin {@code i} is {@code [edges[i], edges[i+1])},
   * the last is open above; values below the first edge fall into bin 0. Labels name the bin in
   * the table ({@code "[100,200)"}, {@code "≥1000000000"}); positions place it on the axis the
   * Wasserstein distance is measured on.
   */
  public static final class Bins {
    private final double[] edges;
    private final String[] labels;
    private final double[] positions;

    private Bins(double[] edges, double[] positions) {
      this.edges = edges;
      this.positions = positions;
      this.labels = new String[edges.length];
      for (int i = 0; i < edges.length; i++) {
        labels[i] = i + 1 < edges.length ? "[" + format(edges[i]) + "," + format(edges[i + 1]) + ")" : "≥" + format(edges[i]);
      }
    }

    /**
     * 0, 1, 2, 5, 10, 20, 50, … 10⁹: the 1-2-5 series, three bins a decade, for counts, tokens,
     * milliseconds and money whose spread is multiplicative. Positions are log10 of each bin's
     * geometric middle (−0.5 for [0,1), 9.5 for the open top), so Wasserstein reads in decades.
     */
    static Bins decades125() {
      List<Double> edges = new ArrayList<>(List.of(0.0));
      for (double decade = 1; decade <= 1e9; decade *= 10) {
        edges.add(decade);
        if (decade < 1e9) {
          edges.add(2 * decade);
          edges.add(5 * decade);
        }
      }
      double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
      double[] p = new double[e.length];
      p[0] = -0.5;
      for (int i = 1; i < e.length; i++) {
        p[i] = i + 1 < e.length ? Math.log10(Math.sqrt(e[i] * e[i + 1])) : Math.log10(e[i]) + 0.5;
      }
      return new Bins(e, p);
    }

    /**
     * Confidence in [0, 1]: tenths up to 0.5, then steps of 0.02 where agents' confidence lives;
     * 1.0 falls in the last bin. Positions are bin midpoints.
     */
    static Bins confidence() {
      List<Double> edges = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        edges.add(i / 10.0);
      }
      for (int i = 25; i < 50; i++) {
        edges.add(i / 50.0);
      }
      double[] e = edges.stream().mapToDouble(Double::doubleValue).toArray();
      double[] p = new double[e.length];
      for (int i = 0; i < e.length; i++) {
        p[i] = (e[i] + (i + 1 < e.length ? e[i + 1] : 1.0)) / 2;
      }
      return new Bins(e, p);
    }

    public int size() {
      return edges.length;
    }

    public double lowerEdge(int bin) {
      return edges[bin];
    }

    public String label(int bin) {
      return labels[bin];
    }

    public double position(int bin) {
      return positions[bin];
    }

    /** The bin of a value: the last edge at or below it (values below 0 go to bin 0). */
    public int index(double value) {
      int i = Arrays.binarySearch(edges, value);
      return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Counts per bin, in bin order, from a label -> count map (unknown labels are an error). */
    public long[] counts(Map<String, Long> byLabel) {
      long[] counts = new long[edges.length];
      byLabel.forEach((label, n) -> {
        int i = Arrays.asList(labels).indexOf(label);
        if (i < 0) {
          throw new IllegalArgumentException("Cannot read bin " + label + ": not a bin of this distribution");
        }
        counts[i] += n;
      });
      return counts;
    }

    private static String format(double edge) {
      return edge == Math.rint(edge) ? String.valueOf((long) edge) : String.valueOf(edge);
    }
  }
}

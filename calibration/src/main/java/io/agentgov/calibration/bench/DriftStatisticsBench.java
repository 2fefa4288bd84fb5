package io.agentgov.calibration.bench;

import io.agentgov.calibration.drift.ContingencyTest;
import io.agentgov.calibration.drift.Divergence;
import io.agentgov.calibration.drift.TwoSampleKs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Throughput and results of agentgov's drift statistics ({@code io.agentgov.calibration.drift}) on
 * a file of per-agent feature pairs, for the comparison with Evidently in
 * {@code scripts/bench/drift_vs_evidently.py} (issue 9).
 *
 * <p>Each pair is what the nightly drift job compares for one agent and one distribution of
 * {@code agent_daily_features}: the baseline's counts per category or bin (reference) against the
 * night's (current). The statistics are those {@code io.agentgov.jobs.drift.DriftTests} computes:
 * <ul>
 *   <li><b>mix</b> (categorical): {@link Divergence#psi(long[], long[])} (empty proportions floored
 *       at {@value Divergence#PSI_EMPTY_BIN_FLOOR}), {@link Divergence#jensenShannonDistance}
 *       (natural log, a distance), and {@link ContingencyTest#chiSquare} twice: on the counts pooled
 *       by Cochran's rule ({@link ContingencyTest#poolSparse} with a smallest expected count of
 *       {@value #MIN_EXPECTED}, as the drift job does for its p-value) and on the unpooled counts
 *       (what Evidently's chi-square sees);</li>
 *   <li><b>binned</b> (numeric quantity in ordered bins at given positions):
 *       {@link TwoSampleKs#testBinned} (D and its asymptotic p-value),
 *       {@link TwoSampleKs#wasserstein1Binned}, and that distance over the reference's standard
 *       deviation on the positions, floored at half the narrowest gap between positions (the drift
 *       job's {@code wasserstein_norm}).</li>
 * </ul>
 *
 * <h2>Input: tab-separated text, one pair a line</h2>
 * <pre>
 *   # comment lines start with '#'; blank lines are ignored
 *   kind &lt;TAB&gt; id &lt;TAB&gt; reference counts &lt;TAB&gt; current counts &lt;TAB&gt; axis
 *   mix      ag-0001/tool_mix     120,30,0,5        10,2,1,0         crm.read,crm.write,mail.send,(none)
 *   binned   ag-0001/latency_ms   0,4,80,300,12     0,1,70,250,40    0.1505,0.5,0.8495,1.1505,1.5
 * </pre>
 * {@code kind} is {@code mix} or {@code binned}; {@code id} is unique in the file and has no tab;
 * counts are comma-separated non-negative integers, the same number in both vectors (at least 2),
 * each vector with a positive total. The axis has one entry per bin: for a mix, the category labels
 * (non-empty, distinct; the bench does not use them, the Python side expands counts into labelled
 * samples); for binned, the bins' positions, finite and strictly increasing (for 1-2-5 bins agentgov
 * uses log10 of each bin's geometric middle). A line that breaks these rules fails the whole run with
 * an {@link IllegalArgumentException} naming the file and the line number.
 *
 * <h2>Output: tab-separated text</h2>
 * <pre>
 *   # agentgov drift statistics bench output, version 1
 *   # pairs=2000 passes=1 warmup_passes=1 seconds=0.0123 pairs_per_second=162601.6 timing=...
 *   id &lt;TAB&gt; statistic &lt;TAB&gt; value
 * </pre>
 * one row per pair and statistic, values printed by {@link Double#toString(double)}, which
 * round-trips to the same double. Statistics: {@code psi}, {@code js_distance},
 * {@code chi2_statistic}, {@code chi2_df}, {@code chi2_p} (unpooled), {@code chi2_pooled_bins},
 * {@code chi2_pooled_statistic}, {@code chi2_pooled_df}, {@code chi2_pooled_p} for mixes;
 * {@code ks_d}, {@code ks_p}, {@code wasserstein1}, {@code reference_spread},
 * {@code wasserstein_norm} for binned pairs. A chi-square with fewer than two bins (after pooling,
 * or non-empty unpooled) is not a test: its rows are left out, as the drift job skips it.
 *
 * <h2>Timing</h2>
 * The input is parsed first, then every pair is computed {@code warmupPasses} times untimed (so the
 * JIT compiles the statistics), then {@code passes} times between two {@link System#nanoTime()}
 * reads. The time covers the statistics only: not the JVM start, not reading the input, not writing
 * the output.
 */
public final class DriftStatisticsBench {

    /** Cochran's smallest expected count per bin, the drift job's default ({@code DriftOptions.minExpected}). */
    public static final double MIN_EXPECTED = 5.0;

    /** First line of the output file. */
    public static final String OUTPUT_HEADER = "# agentgov drift statistics bench output, version 1";

    /**
     * The timing of a run.
     *
     * @param pairs pairs computed in the timed passes (pairs in the file times passes)
     * @param seconds wall-clock seconds of the timed passes
     * @param pairsPerSecond {@code pairs / seconds}
     */
    public record Result(long pairs, double seconds, double pairsPerSecond) {
    }

    /** The two kinds of pair, named as in the input's first column. */
    enum Kind {
        MIX("mix"), BINNED("binned");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One parsed input line; {@code positions} is null for a mix. */
    record Pair(int line, String id, Kind kind, long[] reference, long[] current, double[] positions) {
    }

    // Slots of a pair's results; NaN means "not computed" and is not written.
    private static final String[] MIX_STATS = {"psi", "js_distance", "chi2_statistic", "chi2_df", "chi2_p",
        "chi2_pooled_bins", "chi2_pooled_statistic", "chi2_pooled_df", "chi2_pooled_p"};
    private static final String[] BINNED_STATS = {"ks_d", "ks_p", "wasserstein1", "reference_spread",
        "wasserstein_norm"};

    private DriftStatisticsBench() {
    }

    /**
     * Command line: {@code DriftStatisticsBench [--warmup-passes N] [--passes N] <input> <output>}.
     * Prints the timing line of the output's header.
     *
     * @param args the arguments above
     * @throws IOException if the input cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        int warmup = 1;
        int passes = 1;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup-passes" -> warmup = Integer.parseInt(value(args, ++i));
                case "--passes" -> passes = Integer.parseInt(value(args, ++i));
                default -> files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            System.err.println("usage: DriftStatisticsBench [--warmup-passes N] [--passes N] <input.tsv> <output.tsv>");
            System.exit(2);
        }
        Result r = run(Path.of(files.get(0)), Path.of(files.get(1)), warmup, passes);
        System.out.println(timingLine(r, warmup, passes));
    }

    /**
     * Runs the bench with one untimed warm-up pass and one timed pass.
     *
     * @see #run(Path, Path, int, int)
     */
    public static Result run(Path input, Path output) throws IOException {
        return run(input, output, 1, 1);
    }

    /**
     * Reads the pairs of {@code input}, computes every statistic {@code warmupPasses} times untimed and
     * {@code passes} times timed, and writes the results of the last pass to {@code output}.
     *
     * @param input the input file (format in the class comment)
     * @param output the output file, replaced
     * @param warmupPasses untimed passes first, at least 0
     * @param passes timed passes, at least 1
     * @return the timing of the timed passes
     * @throws IllegalArgumentException for a malformed input line (naming it) or bad pass counts
     * @throws IOException if a file cannot be read or written
     */
    public static Result run(Path input, Path output, int warmupPasses, int passes) throws IOException {
        if (warmupPasses < 0 || passes < 1) {
            throw new IllegalArgumentException("Cannot run the drift statistics bench: warm-up passes " + warmupPasses
                    + " must be at least 0 and passes " + passes + " at least 1");
        }
        List<Pair> pairs = read(input);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("Cannot run the drift statistics bench: " + input + " holds no pair");
        }
        double[][] results = new double[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            results[i] = new double[pairs.get(i).kind() == Kind.MIX ? MIX_STATS.length : BINNED_STATS.length];
        }
        for (int pass = 0; pass < warmupPasses; pass++) {
            computeAll(pairs, results);
        }
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            computeAll(pairs, results);
        }
        long elapsed = System.nanoTime() - start;
        long computed = (long) pairs.size() * passes;
        // Guard a zero reading (coarse clocks) so the rate stays finite.
        double seconds = Math.max(elapsed, 1L) / 1e9;
        Result result = new Result(computed, seconds, computed / seconds);
        write(output, pairs, results, timingLine(result, warmupPasses, passes));
        return result;
    }

    /** The one-line timing summary, also the output's second header line. */
    static String timingLine(Result r, int warmupPasses, int passes) {
        return String.format(Locale.ROOT, "# pairs=%d passes=%d warmup_passes=%d seconds=%.9f pairs_per_second=%.3f"
                + " timing=statistics_only(no JVM start, no file reading or writing)", r.pairs(), passes, warmupPasses,
                r.seconds(), r.pairsPerSecond());
    }

    private static void computeAll(List<Pair> pairs, double[][] results) {
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            try {
                if (p.kind() == Kind.MIX) {
                    mix(p.reference(), p.current(), results[i]);
                } else {
                    binned(p.reference(), p.current(), p.positions(), results[i]);
                }
            } catch (IllegalArgumentException e) {
                // read() validates what the statistics check, so this is not expected; name the line anyway.
                throw new IllegalArgumentException("Cannot compute the drift statistics of line " + p.line() + " ("
                        + p.id() + "): " + e.getMessage(), e);
            }
        }
    }

    /** A categorical mix: what {@code DriftTests.mix} computes, plus the unpooled chi-square. */
    static void mix(long[] r, long[] c, double[] out) {
        out[0] = Divergence.psi(r, c);
        out[1] = Divergence.jensenShannonDistance(r, c);
        // Unpooled chi-square: Evidently does not pool, so this is the closer one to compare.
        // ContingencyTest drops bins empty in both vectors and needs two left.
        int nonEmpty = 0;
        for (int j = 0; j < r.length; j++) {
            if (r[j] + c[j] > 0) {
                nonEmpty++;
            }
        }
        if (nonEmpty >= 2) {
            ContingencyTest.Result chi = ContingencyTest.chiSquare(r, c);
            out[2] = chi.statistic();
            out[3] = chi.degreesOfFreedom();
            out[4] = chi.pValue();
        } else {
            out[2] = out[3] = out[4] = Double.NaN;
        }
        // The drift job's p-value: chi-square on Cochran-pooled bins, skipped below two bins.
        ContingencyTest.Pooled pooled = ContingencyTest.poolSparse(r, c, MIN_EXPECTED);
        out[5] = pooled.bins();
        if (pooled.bins() >= 2) {
            ContingencyTest.Result chi = ContingencyTest.chiSquare(pooled.reference(), pooled.current());
            out[6] = chi.statistic();
            out[7] = chi.degreesOfFreedom();
            out[8] = chi.pValue();
        } else {
            out[6] = out[7] = out[8] = Double.NaN;
        }
    }

    /** A binned quantity: what {@code DriftTests.numeric} computes. */
    static void binned(long[] r, long[] c, double[] positions, double[] out) {
        TwoSampleKs.Result ks = TwoSampleKs.testBinned(r, c);
        out[0] = ks.d();
        out[1] = ks.pValue();
        double w = TwoSampleKs.wasserstein1Binned(r, c, positions);
        out[2] = w;
        double spread = TwoSampleKs.referenceSpread(r, positions);
        out[3] = spread;
        out[4] = w / spread;
    }

    /**
     * Parses an input file (format in the class comment).
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed line
     */
    static List<Pair> read(Path input) throws IOException {
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        List<Pair> pairs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            try {
                Pair p = parse(number, line);
                if (!ids.add(p.id())) {
                    throw new IllegalArgumentException("id " + p.id() + " appears twice");
                }
                pairs.add(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot read drift bench input " + input + ": line " + number + ": "
                        + e.getMessage(), e);
            }
        }
        return pairs;
    }

    private static Pair parse(int number, String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException(f.length + " tab-separated fields, expected 5 (kind, id, reference"
                    + " counts, current counts, axis)");
        }
        Kind kind;
        if (f[0].equals(Kind.MIX.label)) {
            kind = Kind.MIX;
        } else if (f[0].equals(Kind.BINNED.label)) {
            kind = Kind.BINNED;
        } else {
            throw new IllegalArgumentException("kind '" + f[0] + "' is neither 'mix' nor 'binned'");
        }
        String id = f[1];
        if (id.isEmpty()) {
            throw new IllegalArgumentException("empty id");
        }
        long[] reference = counts("reference", f[2]);
        long[] current = counts("current", f[3]);
        if (reference.length != current.length) {
            throw new IllegalArgumentException("reference has " + reference.length + " bins but current has "
                    + current.length);
        }
        if (reference.length < 2) {
            throw new IllegalArgumentException("only " + reference.length + " bin, at least 2 are needed");
        }
        String[] axis = f[4].split(",", -1);
        if (axis.length != reference.length) {
            throw new IllegalArgumentException(axis.length + " axis entries for " + reference.length + " bins");
        }
        double[] positions = null;
        if (kind == Kind.MIX) {
            Set<String> labels = new HashSet<>();
            for (String label : axis) {
                if (label.isEmpty() || !labels.add(label)) {
                    throw new IllegalArgumentException("category label '" + label + "' is empty or repeated");
                }
            }
        } else {
            positions = new double[axis.length];
            for (int j = 0; j < axis.length; j++) {
                positions[j] = number("position " + j, axis[j]);
                if (!Double.isFinite(positions[j]) || (j > 0 && !(positions[j] > positions[j - 1]))) {
                    throw new IllegalArgumentException("position " + j + " = " + axis[j]
                            + " is not finite or not above the one before");
                }
            }
        }
        return new Pair(number, id, kind, reference, current, positions);
    }

    private static long[] counts(String name, String field) {
        String[] parts = field.split(",", -1);
        long[] counts = new long[parts.length];
        long total = 0;
        for (int j = 0; j < parts.length; j++) {
            try {
                counts[j] = Long.parseLong(parts[j].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " count " + j + " = '" + parts[j] + "' is not an integer");
            }
            if (counts[j] < 0) {
                throw new IllegalArgumentException(name + " count " + j + " = " + counts[j] + " is negative");
            }
            total = Math.addExact(total, counts[j]);
        }
        if (total == 0) {
            throw new IllegalArgumentException(name + " counts are all zero");
        }
        return counts;
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a number");
        }
    }

    private static void write(Path output, List<Pair> pairs, double[][] results, String timing) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            w.write(OUTPUT_HEADER);
            w.newLine();
            w.write(timing);
            w.newLine();
            w.write("id\tstatistic\tvalue");
            w.newLine();
            for (int i = 0; i < pairs.size(); i++) {
                String[] names = pairs.get(i).kind() == Kind.MIX ? MIX_STATS : BINNED_STATS;
                for (int s = 0; s < names.length; s++) {
                    double v = results[i][s];
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    w.write(pairs.get(i).id());
                    w.write('\t');
                    w.write(names[s]);
                    w.write('\t');
                    w.write(Double.toString(v));
                    w.newLine();
                }
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Cannot run the drift statistics bench: " + args[i - 1]
                    + " needs a value");
        }
        return args[i];
    }
}

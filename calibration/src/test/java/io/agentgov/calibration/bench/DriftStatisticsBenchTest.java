package io.agentgov.calibration.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgov.calibration.drift.ContingencyTest;
import io.agentgov.calibration.drift.Divergence;
import io.agentgov.calibration.drift.TwoSampleKs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of {@link DriftStatisticsBench}: its output equals direct calls of the drift classes (exactly:
 * the output prints doubles with {@link Double#toString(double)}, which round-trips), and a malformed
 * input line fails the run with its line number.
 */
class DriftStatisticsBenchTest {

    private static final long[] MIX_R = {120, 30, 0, 5};
    private static final long[] MIX_C = {60, 15, 6, 2};
    // A new category (absent from the reference) that is frequent tonight.
    private static final long[] NEW_R = {400, 300, 200, 0};
    private static final long[] NEW_C = {20, 15, 10, 25};
    private static final long[] LAT_R = {0, 4, 80, 300, 12};
    private static final long[] LAT_C = {0, 1, 70, 250, 40};
    private static final double[] LAT_X = {-0.5, 0.1505149978319906, 0.5, 0.8494850021680094, 1.1505149978319906};
    // A reference in a single bin: its standard deviation is 0, so the spread is the floor.
    private static final long[] ONE_R = {0, 50, 0};
    private static final long[] ONE_C = {5, 40, 5};
    private static final double[] ONE_X = {0.25, 0.5, 1.0};

    @TempDir
    Path dir;

    @Test
    void outputEqualsDirectCallsOfTheDriftClasses() throws IOException {
        Path in = dir.resolve("in.tsv");
        Files.write(in, List.of(
                "# tiny input",
                line("mix", "ag-1/tool_mix", MIX_R, MIX_C, "crm.read,crm.write,mail.send,(none)"),
                "",
                line("mix", "ag-1/target_system_mix", NEW_R, NEW_C, "crm,erp,mail,marketing"),
                line("binned", "ag-1/latency_ms", LAT_R, LAT_C, join(LAT_X)),
                line("binned", "ag-2/records_affected", ONE_R, ONE_C, join(ONE_X))), StandardCharsets.UTF_8);
        Path out = dir.resolve("out/results.tsv");

        DriftStatisticsBench.Result r = DriftStatisticsBench.run(in, out);

        assertEquals(4, r.pairs());
        assertTrue(r.seconds() > 0, "seconds " + r.seconds());
        assertEquals(r.pairs() / r.seconds(), r.pairsPerSecond(), 1e-9 * r.pairsPerSecond());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(DriftStatisticsBench.OUTPUT_HEADER, lines.get(0));
        assertTrue(lines.get(1).startsWith("# pairs=4 passes=1 warmup_passes=1 seconds="), lines.get(1));
        Map<String, Double> got = results(lines);

        expectMix(got, "ag-1/tool_mix", MIX_R, MIX_C);
        expectMix(got, "ag-1/target_system_mix", NEW_R, NEW_C);
        expectBinned(got, "ag-1/latency_ms", LAT_R, LAT_C, LAT_X);
        expectBinned(got, "ag-2/records_affected", ONE_R, ONE_C, ONE_X);
        // The one-bin reference: spread is half the narrowest gap, 0.5 · 0.25.
        assertEquals(0.125, got.get("ag-2/records_affected\treference_spread"));
        // 9 statistics per mix (both chi-squares ran here), 5 per binned pair.
        assertEquals(2 * 9 + 2 * 5, got.size());
    }

    @Test
    void pooledChiSquareBelowTwoBinsIsLeftOut() throws IOException {
        // Pooling every bin of a tiny table leaves one bin: the drift job runs no test, nor does the bench.
        Path in = dir.resolve("in.tsv");
        Files.write(in, List.of(line("mix", "ag-3/outcome_mix", new long[] {3, 1, 1}, new long[] {1, 2, 0},
                "ok,error,blocked")), StandardCharsets.UTF_8);
        Path out = dir.resolve("out.tsv");
        DriftStatisticsBench.run(in, out, 0, 2);
        Map<String, Double> got = results(Files.readAllLines(out, StandardCharsets.UTF_8));
        assertEquals(1.0, got.get("ag-3/outcome_mix\tchi2_pooled_bins"));
        assertFalse(got.containsKey("ag-3/outcome_mix\tchi2_pooled_p"));
        assertEquals(ContingencyTest.chiSquare(new long[] {3, 1, 1}, new long[] {1, 2, 0}).pValue(),
                got.get("ag-3/outcome_mix\tchi2_p"));
    }

    @Test
    void malformedLineNamesItsNumber() throws IOException {
        Path in = dir.resolve("bad.tsv");
        Files.write(in, List.of(
                "# header",
                line("mix", "ag-1/tool_mix", MIX_R, MIX_C, "a,b,c,d"),
                "mix\tag-1/outcome_mix\t10,x,3\t1,2,3\tok,error,blocked"), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftStatisticsBench.run(in, dir.resolve("never.tsv")));
        assertTrue(e.getMessage().contains("line 3:"), e.getMessage());
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("never.tsv")));
    }

    @Test
    void otherMalformedLinesNameTheirNumbers() throws IOException {
        String good = line("binned", "ag-1/latency_ms", LAT_R, LAT_C, join(LAT_X));
        Map<String, String> bad = Map.of(
                "binned\tag-9/x\t1,2\t1,2\t0.5,0.25", "not above",
                "mix\tag-9/x\t1,2\t1,2,3\ta,b", "bins but current has",
                "mix\tag-9/x\t0,0\t1,2\ta,b", "all zero",
                "hist\tag-9/x\t1,2\t1,2\ta,b", "neither",
                "mix\tag-9/x\t1,2\t1,2", "expected 5",
                "mix\tag-9/x\t1,2\t1,2\ta,a", "repeated",
                "binned\tag-1/latency_ms\t1,2\t1,2\t0,1", "appears twice");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            Path in = dir.resolve("bad.tsv");
            Files.write(in, List.of(good, b.getKey()), StandardCharsets.UTF_8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DriftStatisticsBench.run(in, dir.resolve("out.tsv")), b.getKey());
            assertTrue(e.getMessage().contains("line 2:") && e.getMessage().contains(b.getValue()), e.getMessage());
        }
    }

    private static void expectMix(Map<String, Double> got, String id, long[] r, long[] c) {
        assertEquals(Divergence.psi(r, c), got.get(id + "\tpsi"));
        assertEquals(Divergence.jensenShannonDistance(r, c), got.get(id + "\tjs_distance"));
        ContingencyTest.Result chi = ContingencyTest.chiSquare(r, c);
        assertEquals(chi.statistic(), got.get(id + "\tchi2_statistic"));
        assertEquals(chi.degreesOfFreedom(), got.get(id + "\tchi2_df"));
        assertEquals(chi.pValue(), got.get(id + "\tchi2_p"));
        ContingencyTest.Pooled pooled = ContingencyTest.poolSparse(r, c, 5.0);
        assertEquals(pooled.bins(), got.get(id + "\tchi2_pooled_bins"));
        ContingencyTest.Result pooledChi = ContingencyTest.chiSquare(pooled.reference(), pooled.current());
        assertEquals(pooledChi.statistic(), got.get(id + "\tchi2_pooled_statistic"));
        assertEquals(pooledChi.degreesOfFreedom(), got.get(id + "\tchi2_pooled_df"));
        assertEquals(pooledChi.pValue(), got.get(id + "\tchi2_pooled_p"));
    }

    private static void expectBinned(Map<String, Double> got, String id, long[] r, long[] c, double[] x) {
        TwoSampleKs.Result ks = TwoSampleKs.testBinned(r, c);
        assertEquals(ks.d(), got.get(id + "\tks_d"));
        assertEquals(ks.pValue(), got.get(id + "\tks_p"));
        double w = TwoSampleKs.wasserstein1Binned(r, c, x);
        assertEquals(w, got.get(id + "\twasserstein1"));
        // The drift job's spread, recomputed here: population SD of the reference on the positions,
        // at least half the narrowest gap.
        long m = 0;
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            m += r[i];
            sum += r[i] * x[i];
        }
        double mean = sum / m;
        double var = 0;
        double gap = Double.MAX_VALUE;
        for (int i = 0; i < r.length; i++) {
            var += r[i] * (x[i] - mean) * (x[i] - mean) / m;
            if (i > 0) {
                gap = Math.min(gap, x[i] - x[i - 1]);
            }
        }
        double spread = Math.max(Math.sqrt(var), gap / 2);
        assertEquals(spread, got.get(id + "\treference_spread"), 1e-12);
        assertEquals(w / spread, got.get(id + "\twasserstein_norm"), 1e-12);
    }

    private static Map<String, Double> results(List<String> lines) {
        Map<String, Double> values = new HashMap<>();
        for (String l : lines) {
            if (l.startsWith("#") || l.equals("id\tstatistic\tvalue")) {
                continue;
            }
            String[] f = l.split("\t");
            values.put(f[0] + "\t" + f[1], Double.parseDouble(f[2]));
        }
        return values;
    }

    private static String line(String kind, String id, long[] r, long[] c, String axis) {
        return kind + "\t" + id + "\t" + join(r) + "\t" + join(c) + "\t" + axis;
    }

    private static String join(long[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.toString();
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.toString();
    }
}

package io.agentgov.calibration.drift;

import static io.agentgov.calibration.drift.DivergenceTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tests of {@link LevelShift}.
 *
 * <p>Reference values: <b>hand</b>, the recursions of the Javadoc stepped through in the comments;
 * the Page–Hinkley path also checked in Python with exact fractions ({@code 0, 0, 0, 0, 15/2, 41/3,
 * 793/42}).
 */
class LevelShiftTest {

    @Test
    void cusumAlarmsOnlyWhenTheThresholdIsExceeded() {
        // hand: target 0, k 1, h 4. S = max(0, S + x − 1):
        // x 0 → 0; 1 → 0; 3 → 2; 0 → 1; 4 → 4 (= h, no alarm); 5 → 8 (> h, alarm at index 5).
        LevelShift.Result r = LevelShift.cusum(new double[] {0, 1, 3, 0, 4, 5}, 0, 1, 4);
        assertArrayEquals(new double[] {0, 0, 2, 1, 4, 8}, r.path(), 0.0);
        assertEquals(5, r.alarmIndex());
        assertTrue(r.alarmed());
    }

    @Test
    void cusumUsesTheTarget() {
        // hand: target 10, k 0.5, h 2. S = max(0, S + x − 10.5):
        // 10 → 0; 12 → 1.5; 12 → 3 (alarm at index 2); 8 → 0.5.
        LevelShift.Result r = LevelShift.cusum(new double[] {10, 12, 12, 8}, 10, 0.5, 2);
        assertArrayEquals(new double[] {0, 1.5, 3, 0.5}, r.path(), 0.0);
        assertEquals(2, r.alarmIndex());
    }

    @Test
    void cusumWithoutAlarm() {
        LevelShift.Result r = LevelShift.cusum(new double[] {1, -1, 1, -1}, 0, 0.5, 1);
        assertArrayEquals(new double[] {0.5, 0, 0.5, 0}, r.path(), 0.0);
        assertEquals(LevelShift.NO_ALARM, r.alarmIndex());
        assertFalse(r.alarmed());
    }

    @Test
    void pageHinkleyDetectsAStep() {
        // hand: δ 0.5, λ 5. Running means 0 0 0 0 2 10/3 30/7; m = −0.5 −1 −1.5 −2 5.5 35/6 ...:
        // PH = 0 0 0 0 7.5 (alarm at index 4) 41/3 793/42.
        LevelShift.Result r = LevelShift.pageHinkley(new double[] {0, 0, 0, 0, 10, 10, 10}, 0.5, 5);
        assertArrayEquals(new double[] {0, 0, 0, 0, 7.5, 41.0 / 3, 793.0 / 42}, r.path(), 1e-12);
        assertEquals(4, r.alarmIndex());
    }

    @Test
    void pageHinkleyOnAConstantSeriesNeverAlarms() {
        LevelShift.Result r = LevelShift.pageHinkley(new double[] {3, 3, 3, 3}, 0, 0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, r.path(), 0.0);
        assertEquals(LevelShift.NO_ALARM, r.alarmIndex());
    }

    @Test
    void resultPathIsACopy() {
        LevelShift.Result r = LevelShift.cusum(new double[] {2}, 0, 0, 10);
        r.path()[0] = 99;
        assertEquals(2.0, r.path()[0], 0.0);
    }

    @Test
    void rejectsBadInput() {
        assertRejected("Cannot run a CUSUM: x are empty", () -> LevelShift.cusum(new double[0], 0, 1, 4));
        assertRejected("Cannot run a CUSUM: k = -1.0 is not a finite non-negative number",
                () -> LevelShift.cusum(new double[] {1}, 0, -1, 4));
        assertRejected("Cannot run a CUSUM: target = NaN is not finite",
                () -> LevelShift.cusum(new double[] {1}, Double.NaN, 1, 4));
        assertRejected("Cannot run a Page–Hinkley test: lambda = NaN is not a finite non-negative number",
                () -> LevelShift.pageHinkley(new double[] {1}, 0.1, Double.NaN));
        assertRejected("Cannot run a Page–Hinkley test: x[0] = Infinity is not finite",
                () -> LevelShift.pageHinkley(new double[] {Double.POSITIVE_INFINITY}, 0.1, 1));
    }
}

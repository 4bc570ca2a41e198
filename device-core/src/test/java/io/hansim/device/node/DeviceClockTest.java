package io.hansim.device.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** G.4: a device's own clock — offset, drift, its inverse, and a sync. */
class DeviceClockTest {
    private static final long HOUR = 3_600_000_000L;

    @Test
    void g4_offsetAndDriftAddUp() {
        DeviceClock c = new DeviceClock(-600, 100); // 10 min slow, 100 ppm fast
        assertEquals(-600_000_000L, c.errorAt(0));
        assertEquals(-600_000_000L + 360_000L, c.errorAt(HOUR), "100 ppm of an hour is 0.36 s");
        assertEquals(HOUR - 600_000_000L + 360_000L, c.localAt(HOUR));
        DeviceClock slow = new DeviceClock(0, -50);
        assertEquals(-180_000L, slow.errorAt(HOUR));
    }

    @Test
    void g4_trueAtInvertsLocalAt() {
        DeviceClock c = new DeviceClock(37, 250.5);
        for (long t : new long[] {0, 1, 999_999, HOUR, 7 * 24 * HOUR + 12345}) {
            long local = c.localAt(t);
            long back = c.trueAt(local);
            assertTrue(Math.abs(back - t) <= 1, t + " -> " + local + " -> " + back);
        }
    }

    @Test
    void g4_aSyncSetsTheClockAndItDriftsOnFromThere() {
        DeviceClock c = new DeviceClock(-600, 1000);
        c.set(HOUR, HOUR); // the CH's time at one hour
        assertEquals(0, c.errorAt(HOUR));
        assertEquals(3_600_000L, c.errorAt(2 * HOUR), "1000 ppm of the next hour");
        assertEquals(1, c.corrections());
    }

    @Test
    void g4_aPerfectClockIsTheTruth() {
        DeviceClock p = DeviceClock.perfect();
        assertTrue(p.isPerfect());
        assertEquals(HOUR, p.localAt(HOUR));
        assertEquals(HOUR, p.trueAt(HOUR));
    }

    @Test
    void g4_anImpossibleDriftIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceClock(0, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> new DeviceClock(0, Double.NaN));
    }
}

package io.hansim.device.han;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceRecord.Fate;
import io.hansim.device.han.TraceRecord.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Reordering proper on a link (R7.8: "the HAN bus injects loss, delay, duplication and reordering
 * per link, from a seed"): a held-back frame arrives after a frame sent later, with a fixed delay, so
 * no spread of delays can be the cause.
 */
class HanBusReorderingTest {
    /** Frames A→B every 50 ms on a link with a fixed 10 ms delay: without reordering they arrive in order. */
    private static HanBusTest.Rig run(long seed, LinkFaults f, int frames) {
        HanBusTest.Rig r = new HanBusTest.Rig(seed);
        r.bus.setFaults(HanBusTest.A, HanBusTest.B, f);
        for (int i = 0; i < frames; i++) {
            int n = i;
            r.scheduler.at(i * 50_000L, () -> r.send(HanBusTest.A, HanBusTest.B, n, 10));
        }
        r.scheduler.advance(frames * 50_000L + 10_000_000L);
        return r;
    }

    private static List<Integer> counters(List<ApsFrame> frames) {
        List<Integer> out = new ArrayList<>();
        frames.forEach(f -> out.add(f.apsCounter()));
        return out;
    }

    @Test
    void r7_8_reorderingDeliversFramesOutOfOrder() {
        HanBusTest.Rig r = run(7, LinkFaults.PERFECT.withReordering(30, LinkFaults.DEFAULT_REORDER_HOLD_MAX), 200);
        List<Integer> got = counters(r.atB);
        assertEquals(200, got.size(), "every frame arrives once");
        assertEquals(200, new TreeSet<>(got).size(), "no frame twice, none lost");
        int inversions = 0;
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i) < got.get(i - 1)) {
                inversions++;
                // a held frame arrives right after the one that overtook it
                assertEquals(got.get(i - 1) - 1, (int) got.get(i), "at position " + i + ": " + got);
            }
        }
        assertTrue(inversions > 20 && inversions < 100, "about 30 % of frames held back, got " + inversions);
        assertEquals(inversions, r.bus.stats().reordered());
        long traced = r.sink.records.stream().filter(t -> t.kind() == Kind.DELIVERY && t.fate() == Fate.DELIVERED
                && t.detail().startsWith("reordered")).count();
        assertEquals(inversions, traced, "each reordered delivery says so in the trace");
    }

    @Test
    void r7_8_withoutReorderingAFixedDelayKeepsTheOrder() {
        HanBusTest.Rig r = run(7, LinkFaults.PERFECT, 200);
        List<Integer> got = counters(r.atB);
        List<Integer> sorted = new ArrayList<>(got);
        sorted.sort(null);
        assertEquals(sorted, got);
        assertEquals(0, r.bus.stats().reordered());
    }

    @Test
    void r7_8_reorderingIsSeededAndShiftsNoOtherDraw() {
        LinkFaults lossy = LinkFaults.PERFECT.withLoss(20).withDuplication(5);
        List<Integer> a = counters(run(11, lossy.withReordering(25, LinkFaults.DEFAULT_REORDER_HOLD_MAX), 250).atB);
        List<Integer> b = counters(run(11, lossy.withReordering(25, LinkFaults.DEFAULT_REORDER_HOLD_MAX), 250).atB);
        assertEquals(a, b, "same seed, same order");
        List<Integer> plain = counters(run(11, lossy, 250).atB);
        assertEquals(new TreeSet<>(plain), new TreeSet<>(a), "the same frames are lost with and without reordering");
        assertEquals(plain.size(), a.size(), "and the same ones duplicated");
        assertNotEquals(plain, a);
    }

    @Test
    void r7_8_aHeldFrameWithNoLaterFrameIsDeliveredAtItsHoldLimit() {
        HanBusTest.Rig r = run(3, LinkFaults.PERFECT.withReordering(100, 500_000), 1);
        assertEquals(List.of(0), counters(r.atB));
        TraceRecord d = r.sink.records.stream().filter(t -> t.kind() == Kind.DELIVERY).findFirst().orElseThrow();
        assertEquals(10_000 + 500_000, d.time(), "its own 10 ms delay plus the 500 ms hold limit");
        assertTrue(d.detail().contains("delivered late"), d.detail());
    }

    @Test
    void r7_8_reorderingAppliesOnlyInsideTheFaultWindow() {
        LinkFaults f = LinkFaults.PERFECT.withReordering(100, LinkFaults.DEFAULT_REORDER_HOLD_MAX)
                .withFaultWindow(1_000_000, 2_000_000);
        HanBusTest.Rig r = run(5, f, 60); // frames at 0..2.95 s; the window holds those at 1.00..1.95 s
        List<Integer> got = counters(r.atB);
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i) < got.get(i - 1)) {
                assertTrue(got.get(i) >= 20 && got.get(i) < 40, "reordered outside the window: " + got);
            }
        }
        assertTrue(r.bus.stats().reordered() > 0);
    }

    @Test
    void reorderParametersAreChecked() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LinkFaults.PERFECT.withReordering(101, 1));
        assertTrue(e.getMessage().contains("reorderPercent"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LinkFaults.PERFECT.withReordering(5, 0));
        assertTrue(e.getMessage().contains("reorderHoldMax"), e.getMessage());
    }
}

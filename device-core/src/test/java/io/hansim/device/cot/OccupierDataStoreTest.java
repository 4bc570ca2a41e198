package io.hansim.device.cot;

import static io.hansim.device.cot.CotHost.ESME;
import static io.hansim.device.cot.CotHost.GPF;
import static io.hansim.device.cot.CotHost.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.cot.TenancyAction.CotIgnored;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OccupierDataStoreTest {
    private static final long DAY = 86_400;
    private static final long COT = T0 + 10 * DAY;

    private static CotHost filled() {
        CotHost h = new CotHost(CotProfile.ppmid(new SpecVersion(5, 0), ESME, GPF));
        for (OccupierDataKind k : OccupierDataKind.values()) {
            for (int d = 0; d < 14; d += 3) {
                h.record(k, T0 + d * DAY);
            }
        }
        h.now = T0 + 15 * DAY;
        return h;
    }

    /**
     * R56.5: a power cut at any write of the clear leaves, after the next boot, no record of the
     * previous occupier in a cleared kind, every record of the new occupier, and the CoT handled.
     */
    @Test
    void r56_5_aPowerCutAtAnyWriteOfTheClearLeavesNothingHalfClearedAfterTheNextBoot() {
        CotHost reference = filled();
        List<OccupierRecord> after = reference.store.records().stream().filter(r -> r.recordedAtUtc() >= COT).toList();
        reference.boot();
        long before = reference.store.writes();
        reference.cot(ESME, COT, 0x200);
        long clearWrites = reference.store.writes() - before;
        assertTrue(clearWrites > 7, "one journal write, one per erased record, one per kind: " + clearWrites);

        for (int n = 0; n < clearWrites; n++) {
            CotHost h = filled();
            h.boot();
            h.store.cutPowerAfterWrites(n);
            int cutAt = n;
            assertThrows(PowerCutException.class, () -> h.cot(ESME, COT, 0x200), () -> "cut after " + cutAt);
            h.powerCut();
            h.boot(); // recover() runs first
            if (n == 0) {
                // the intent never reached flash: not begun at all (nothing half done), the CoT not handled;
                // the boot query learns it again from the meters
                assertEquals(filled().store.records(), h.store.records());
                assertEquals(OptionalLong.empty(), h.store.lastHandledCotUtc());
            } else {
                assertEquals(List.of(), h.store.scanBefore(COT), "cut after " + n);
                assertEquals(after, h.store.records(), "cut after " + n);
                assertEquals(OptionalLong.of(COT), h.store.lastHandledCotUtc(), "cut after " + n);
            }
            h.cot(GPF, COT, 0x200);
            assertEquals(List.of(), h.store.scanBefore(COT));
            assertEquals(after, h.store.records());
        }
    }

    @Test
    void recoverFinishesAnInterruptedJournalAndRecordsTheCot() {
        CotHost h = filled();
        h.store.beginClear(COT, EnumSet.of(OccupierDataKind.CONSUMPTION_DAY, OccupierDataKind.SUPPLIER_MESSAGES));
        h.store.clearNext();
        assertEquals(Set.of(OccupierDataKind.SUPPLIER_MESSAGES), h.store.journal().orElseThrow().remaining());
        assertEquals(OptionalLong.empty(), h.store.lastHandledCotUtc());
        assertThrows(IllegalStateException.class, () -> TenancyMonitor.restore(h.profile, h.store));
        assertEquals(COT, h.store.recover().orElseThrow().cotUtc());
        assertEquals(List.of(), h.store.scanBefore(COT, EnumSet.of(OccupierDataKind.SUPPLIER_MESSAGES)));
        assertEquals(4, h.store.scanBefore(COT, EnumSet.of(OccupierDataKind.TOP_UP_HISTORY)).size());
        assertEquals(OptionalLong.of(COT), h.store.lastHandledCotUtc());
        assertTrue(h.store.journal().isEmpty());
    }

    @Test
    void aSecondClearCannotBeginWhileOneIsOpen() {
        OccupierDataStore s = new OccupierDataStore();
        s.beginClear(COT, EnumSet.of(OccupierDataKind.CONSUMPTION_DAY));
        assertThrows(IllegalStateException.class, () -> s.beginClear(COT + 1, EnumSet.of(OccupierDataKind.CONSUMPTION_DAY)));
    }

    @Test
    void theMonitorRestoredAfterACutDuringTheLastStepDoesNotHandleTheCotTwice() {
        CotHost h = filled();
        h.boot();
        h.autoClear = false;
        h.cot(ESME, COT, 0x400);
        for (int i = 0; i < 5; i++) {
            h.step();
        }
        h.powerCut();
        h.boot();
        h.cot(ESME, COT, 0x400);
        assertEquals(new CotIgnored(ESME, COT, IgnoreReason.NOT_NEWER_THAN_HANDLED), h.reports.get(h.reports.size() - 1));
        assertEquals(List.of(), h.store.scanBefore(COT));
    }

    @Test
    void aRecordNeedsAValidUtcTime() {
        assertThrows(IllegalArgumentException.class,
                () -> new OccupierRecord(OccupierDataKind.CONSUMPTION_DAY, 0xFFFF_FFFFL, "x", 0));
        assertThrows(IllegalArgumentException.class,
                () -> new OccupierRecord(OccupierDataKind.CONSUMPTION_DAY, -1, "x", 0));
    }
}

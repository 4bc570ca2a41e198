package io.hansim.device.cot;

import static io.hansim.device.cot.CotHost.ESME;
import static io.hansim.device.cot.CotHost.GPF;
import static io.hansim.device.cot.CotHost.T0;
import static io.hansim.device.cot.OccupierDataKind.CONSUMPTION_DAY;
import static io.hansim.device.cot.OccupierDataKind.CONSUMPTION_MONTH;
import static io.hansim.device.cot.OccupierDataKind.CONSUMPTION_WEEK;
import static io.hansim.device.cot.OccupierDataKind.DEBT_RECOVERY;
import static io.hansim.device.cot.OccupierDataKind.SUPPLIER_MESSAGES;
import static io.hansim.device.cot.OccupierDataKind.TOP_UP_HISTORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.cot.TenancyAction.CotHandled;
import io.hansim.device.cot.TenancyAction.CotIgnored;
import io.hansim.device.cot.TenancyAction.QueryChangeOfTenancy;
import io.hansim.device.cot.TenancyAction.SetTimer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenancyMonitorTest {
    private static final SpecVersion V4_2 = new SpecVersion(4, 2);
    private static final SpecVersion V5_0 = new SpecVersion(5, 0);
    private static final long DAY = 86_400;
    private static final Set<OccupierDataKind> MANDATED =
            EnumSet.of(CONSUMPTION_DAY, CONSUMPTION_WEEK, CONSUMPTION_MONTH, SUPPLIER_MESSAGES);

    /** A host with one record of every kind at T0 and at T0 + 2 days. */
    private static CotHost host(CotProfile p) {
        CotHost h = new CotHost(p);
        for (OccupierDataKind k : OccupierDataKind.values()) {
            h.record(k, T0);
            h.record(k, T0 + 2 * DAY);
        }
        return h;
    }

    @Test
    void r56_2_startedQueriesTheEsmeAndTheGpfThenPollsAtTheInterval() {
        TenancyMonitor m = new TenancyMonitor(CotProfile.ihd(V5_0, ESME, GPF).withPollInterval(600), OptionalLong.empty());
        assertEquals(List.of(new QueryChangeOfTenancy(ESME), new QueryChangeOfTenancy(GPF),
                new SetTimer(TenancyTimer.POLL, T0 + 600)), m.handle(new TenancyEvent.Started(T0)));
        assertEquals(List.of(new QueryChangeOfTenancy(ESME), new QueryChangeOfTenancy(GPF),
                new SetTimer(TenancyTimer.POLL, T0 + 1200)), m.handle(new TenancyEvent.PollDue(T0 + 600)));
    }

    @Test
    void r56_2_defaultPollIntervalIsThirtyMinutes() {
        assertEquals(1800, CotProfile.ppmid(V5_0, ESME, GPF).pollIntervalSeconds());
    }

    @Test
    void r56_2_theGpfAloneSufficesWhenTheEsmeIsGone() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(GPF, T0 + DAY, 0x200); // the ESME never answers
        assertEquals(List.of(), h.store.scanBefore(T0 + DAY, MANDATED));
        assertEquals(OptionalLong.of(T0 + DAY), h.store.lastHandledCotUtc());
    }

    @Test
    void r56_2_theEsmeAloneSufficesWhenTheGpfIsGone() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        assertEquals(List.of(), h.store.scanBefore(T0 + DAY, MANDATED));
    }

    @Test
    void r56_2_aStrangerCannotTriggerAClear() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(0x99, T0 + DAY, 0x600);
        assertEquals(List.of(new CotIgnored(0x99, T0 + DAY, IgnoreReason.UNKNOWN_SOURCE)), h.reports);
        assertEquals(12, h.store.records().size());
    }

    @Test
    void r56_3_aDueCotWithBit0x200ClearsHistoryAndMessagesAndKeepsTheNewOccupiersRecords() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.record(CONSUMPTION_DAY, T0 + DAY); // recorded exactly at the CoT time: the new occupier's
        h.cot(ESME, T0 + DAY, 0x200);
        for (OccupierDataKind k : MANDATED) {
            assertTrue(h.store.records(k).stream().allMatch(r -> r.recordedAtUtc() >= T0 + DAY), k.name());
            assertTrue(h.store.records(k).stream().anyMatch(r -> r.recordedAtUtc() == T0 + 2 * DAY), k.name());
        }
        assertEquals(2, h.store.records(CONSUMPTION_DAY).size());
        assertEquals(List.of(new CotHandled(T0 + DAY, MANDATED, Set.of())), h.reports);
        assertEquals(OptionalLong.of(T0 + DAY), h.monitor.lastHandledCotUtc());
        assertEquals(OptionalLong.of(T0 + DAY), h.store.lastHandledCotUtc());
    }

    @Test
    void r56_3_bit0x400AloneAlsoClears() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(GPF, T0 + DAY, 0x400);
        assertEquals(List.of(), h.store.scanBefore(T0 + DAY, MANDATED));
    }

    @Test
    void r56_3_withoutBit0x200Or0x400NothingIsCleared() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(GPF, T0 + DAY, 0x1 | 0x2000 | 0x4000); // snapshots, transaction log, prepayment: meter-side bits
        assertEquals(List.of(new CotIgnored(GPF, T0 + DAY, IgnoreReason.NO_CLEAR_BITS)), h.reports);
        assertEquals(12, h.store.records().size());
        assertEquals(OptionalLong.empty(), h.store.lastHandledCotUtc());
    }

    @Test
    void r56_3_aFutureCotArmsATimerAndClearsOnlyWhenReached() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.boot();
        long cot = T0 + DAY;
        h.cot(ESME, cot, 0x200);
        assertEquals(cot, h.timers.get(TenancyTimer.IMPLEMENTATION));
        assertEquals(12, h.store.records().size(), "nothing cleared before the implementation time");
        h.record(CONSUMPTION_DAY, T0 + DAY / 2); // still the previous occupier's
        h.advanceTo(cot - 1);
        assertEquals(13, h.store.records().size());
        h.advanceTo(cot);
        assertEquals(List.of(), h.store.scanBefore(cot, MANDATED));
        assertEquals(1, h.reports(CotHandled.class).size());
    }

    @Test
    void r56_3_aCotNotLaterThanTheLastHandledIsIgnoredAndALaterOneClearsAgain() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        h.cot(GPF, T0 + DAY, 0x200); // the same CoT, from the other source
        h.cot(GPF, T0 + DAY / 2, 0x200); // an older one
        assertEquals(List.of(new CotIgnored(GPF, T0 + DAY, IgnoreReason.NOT_NEWER_THAN_HANDLED),
                new CotIgnored(GPF, T0 + DAY / 2, IgnoreReason.NOT_NEWER_THAN_HANDLED)), h.reports(CotIgnored.class));
        assertEquals(1, h.reports(CotHandled.class).size());
        assertEquals(1, h.store.records(CONSUMPTION_WEEK).size());
        h.cot(ESME, T0 + 3 * DAY, 0x200);
        assertEquals(0, h.store.records(CONSUMPTION_WEEK).size());
        assertEquals(OptionalLong.of(T0 + 3 * DAY), h.store.lastHandledCotUtc());
    }

    @Test
    void r56_3_aSourceWithdrawingItsFutureCotCancelsTheTimer() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        h.cot(ESME, 0xFFFF_FFFFL, 0);
        assertFalse(h.timers.containsKey(TenancyTimer.IMPLEMENTATION));
        h.advanceTo(T0 + 2 * DAY);
        assertEquals(12, h.store.records().size());
    }

    @Test
    void r56_4_extrasAreClearedByDefault() {
        CotHost h = host(CotProfile.ppmid(V5_0, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        assertEquals(List.of(), h.store.scanBefore(T0 + DAY));
        assertEquals(List.of(new CotHandled(T0 + DAY, EnumSet.allOf(OccupierDataKind.class), Set.of())), h.reports);
    }

    @Test
    void r56_4_anExtraWithClearOnCotFalseSurvivesAndIsNamed() {
        CotHost h = host(CotProfile.ppmid(V5_0, ESME, GPF).withExtra(TOP_UP_HISTORY, false));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        assertEquals(List.of(new OccupierRecord(TOP_UP_HISTORY, T0, "TOP_UP_HISTORY@" + T0, T0 % 1000)),
                h.store.scanBefore(T0 + DAY));
        CotHandled handled = h.reports(CotHandled.class).get(0);
        assertEquals(Set.of(TOP_UP_HISTORY), handled.kept());
        assertTrue(handled.cleared().contains(DEBT_RECOVERY));
    }

    @Test
    void r56_4_aMandatedKindCannotBeAnExtra() {
        CotProfile p = CotProfile.ihd(V5_0, ESME, GPF);
        assertThrows(IllegalArgumentException.class, () -> p.withExtra(SUPPLIER_MESSAGES, false));
    }

    @Test
    void r56_6_belowTheThresholdTheDeviceDoesNothingButReport() {
        CotHost h = host(CotProfile.ppmid(V4_2, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        assertEquals(List.of(), h.all, "no query, no timer below v5.0");
        assertEquals(TenancyMonitor.State.OFF, h.monitor.state());
        h.cot(ESME, T0 + DAY, 0x600);
        assertEquals(List.of(new CotIgnored(ESME, T0 + DAY, IgnoreReason.BELOW_SPEC_VERSION)), h.reports);
        assertEquals(12, h.store.records().size());
    }

    @Test
    void r56_6_theThresholdIsConfiguration() {
        CotHost strict = host(CotProfile.ihd(V5_0, ESME, GPF).withThreshold(new SpecVersion(5, 1)));
        strict.now = T0 + 3 * DAY;
        strict.boot();
        strict.cot(ESME, T0 + DAY, 0x200);
        assertEquals(12, strict.store.records().size());

        CotHost lenient = host(CotProfile.ihd(V4_2, ESME, GPF).withThreshold(V4_2));
        lenient.now = T0 + 3 * DAY;
        lenient.boot();
        lenient.cot(ESME, T0 + DAY, 0x200);
        assertEquals(List.of(), lenient.store.scanBefore(T0 + DAY, MANDATED));
    }

    @Test
    void r56_8_anUpgradeToTheThresholdHandlesTheCotPublishedBeforeIt() {
        CotHost h = host(CotProfile.ppmid(V4_2, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.cot(GPF, T0 + DAY, 0x200); // published while the device ran 4.2
        assertEquals(12, h.store.records().size());
        h.upgrade(V5_0);
        assertEquals(List.of(ESME, GPF), h.queries, "the upgraded firmware asks both at once");
        h.cot(GPF, T0 + DAY, 0x200); // the GPF still publishes it
        assertEquals(List.of(), h.store.scanBefore(T0 + DAY));
        // and after a reboot on the new image it stays handled
        h.powerCut();
        h.boot();
        h.cot(GPF, T0 + DAY, 0x200);
        assertEquals(IgnoreReason.NOT_NEWER_THAN_HANDLED, h.reports(CotIgnored.class).get(1).reason());
    }

    @Test
    void r56_8_aDeviceThatIsNotUpgradedKeepsThePreviousOccupiersData() {
        CotHost h = host(CotProfile.ppmid(V4_2, ESME, GPF));
        h.now = T0 + 3 * DAY;
        h.boot();
        h.upgrade(new SpecVersion(4, 3)); // still below 5.0
        h.cot(GPF, T0 + DAY, 0x200);
        assertEquals(6, h.store.scanBefore(T0 + DAY).size());
        assertEquals(IgnoreReason.BELOW_SPEC_VERSION, h.reports(CotIgnored.class).get(0).reason());
    }

    @Test
    void clearStepDoneWithoutAClearIsAHostError() {
        TenancyMonitor m = new TenancyMonitor(CotProfile.ihd(V5_0, ESME, GPF), OptionalLong.empty());
        m.handle(new TenancyEvent.Started(T0));
        assertThrows(IllegalStateException.class, () -> m.handle(new TenancyEvent.ClearStepDone(T0)));
    }
    @Test
    void r56_3_twoSourcesWithDifferentFutureCotsAreEachHandledWhenReached() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.boot();
        h.cot(ESME, T0 + 2 * DAY + 10, 0x200);
        h.cot(GPF, T0 + DAY, 0x400);
        assertEquals(T0 + DAY, h.timers.get(TenancyTimer.IMPLEMENTATION), "the earliest first");
        h.advanceTo(T0 + DAY);
        assertEquals(T0 + 2 * DAY + 10, h.timers.get(TenancyTimer.IMPLEMENTATION));
        assertEquals(4, h.store.scanBefore(T0 + 3 * DAY, MANDATED).size(), "the T0 + 2 days records remain");
        h.advanceTo(T0 + 3 * DAY);
        assertEquals(List.of(), h.store.scanBefore(T0 + 2 * DAY + 10, MANDATED));
        assertEquals(List.of(T0 + DAY, T0 + 2 * DAY + 10),
                h.reports(CotHandled.class).stream().map(CotHandled::cotUtc).toList());
    }

    @Test
    void r56_6_goingBelowTheThresholdTurnsCotOff() {
        CotHost h = host(CotProfile.ihd(V5_0, ESME, GPF));
        h.boot();
        h.cot(ESME, T0 + DAY, 0x200);
        h.upgrade(V4_2); // e.g. a rollback to an older image
        assertEquals(TenancyMonitor.State.OFF, h.monitor.state());
        assertTrue(h.timers.isEmpty(), "poll and implementation timers cancelled: " + h.timers);
        h.advanceTo(T0 + 2 * DAY);
        assertEquals(12, h.store.records().size());
    }

    @Test
    void r56_2_aProfileNeedsDistinctSources() {
        CotProfile p = CotProfile.ihd(V5_0, ESME, GPF);
        assertThrows(IllegalArgumentException.class, () -> new CotProfile(p.specification(), V5_0, V5_0, 60,
                Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new CotProfile(p.specification(), V5_0, V5_0, 60,
                Map.of(), List.of(ESME, ESME)));
    }
}

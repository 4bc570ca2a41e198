package io.hansim.device.cot;

import static io.hansim.device.cot.CotHost.ESME;
import static io.hansim.device.cot.CotHost.GPF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stateful property (DESIGN.md §6, §8): the fuzz input is a sequence of events — time passing,
 * records being written, the ESME and the GPF publishing CoT information (or being unreachable),
 * clear steps, power cuts between steps and in the middle of a write, OTA upgrades across the
 * threshold — and after every step:
 * <ul>
 *   <li>no record of a cleared kind dated before the last handled CoT is left, except while a
 *       clear is visibly in progress, and never after a boot (R56.3, R56.5);</li>
 *   <li>no record dated at or after a CoT, and no record of a kept extra, is ever removed
 *       (R56.3, R56.4);</li>
 *   <li>the last handled CoT is one a source published with 0x200 or 0x400, and has been reached;</li>
 *   <li>a device that has never run a version at or above the threshold has cleared nothing (R56.6);</li>
 * </ul>
 * and at the end, once the device is on and both sources answer, every reached CoT with a clear
 * bit has been handled (R56.2, R56.8).
 */
class TenancyMonitorFuzzTest {
    private static final long DAY = 86_400;
    private static final long[] SOURCES = {ESME, GPF};
    private static final long[] CONTROLS = {0x200, 0x400, 0x600, 0, 0x1, 0x4000, 0x2200};
    private static final SpecVersion[] VERSIONS = {new SpecVersion(4, 2), new SpecVersion(5, 0), new SpecVersion(5, 1)};

    /** What a meter currently publishes: implementation time and control. */
    private record Published(long implementationUtc, long control) {
    }

    @FuzzTest(maxDuration = "30s")
    void eventSequencesNeverLeakOrOverClear(FuzzedDataProvider in) {
        CotProfile profile = CotProfile.ppmid(in.pickValue(VERSIONS), ESME, GPF)
                .withExtra(OccupierDataKind.TOP_UP_HISTORY, in.consumeBoolean())
                .withExtra(OccupierDataKind.DEBT_RECOVERY, in.consumeBoolean());
        CotHost h = new CotHost(profile);
        h.autoClear = in.consumeBoolean();
        Map<Long, Published> meters = new HashMap<>();
        Set<Long> publishedWithClearBits = new HashSet<>();
        List<OccupierRecord> added = new ArrayList<>();
        boolean everOn = atOrAboveThreshold(profile, profile.specVersion());
        boot(h);

        int steps = 0;
        while (in.remainingBytes() > 0 && steps++ < 150) {
            boolean booted = false;
            try {
                switch (in.consumeInt(0, 8)) {
                    case 0 -> h.advanceTo(h.now + in.consumeLong(0, 4 * DAY));
                    case 1 -> {
                        OccupierRecord r = new OccupierRecord(in.pickValue(OccupierDataKind.values()), h.now, "r", steps);
                        h.store.add(r);
                        added.add(r);
                    }
                    case 2 -> {
                        long source = SOURCES[in.consumeInt(0, 1)];
                        int form = in.consumeInt(0, 9);
                        long impl = form == 0 ? 0xFFFF_FFFFL
                                // a CoT exactly at a record's time: that record is the new occupier's (R56.3)
                                : form <= 3 && !added.isEmpty() ? added.get(in.consumeInt(0, added.size() - 1)).recordedAtUtc()
                                : h.now + in.consumeLong(-3 * DAY, 3 * DAY);
                        long control = CONTROLS[in.consumeInt(0, CONTROLS.length - 1)];
                        meters.put(source, new Published(impl, control));
                        if ((control & 0x600) != 0 && impl != 0xFFFF_FFFFL) {
                            publishedWithClearBits.add(impl);
                        }
                        if (in.consumeBoolean()) { // an unsolicited Publish Change of Tenancy
                            h.cot(source, impl, control);
                        }
                    }
                    case 3 -> answerQueries(h, meters, in.consumeBoolean(), in.consumeBoolean());
                    case 4 -> h.step();
                    case 5 -> {
                        h.powerCut();
                        boot(h);
                        booted = true;
                    }
                    case 6 -> h.store.cutPowerAfterWrites(in.consumeInt(0, 12));
                    case 7 -> {
                        SpecVersion v = in.pickValue(VERSIONS);
                        everOn |= atOrAboveThreshold(profile, v);
                        h.upgrade(v);
                    }
                    default -> h.advanceTo(h.now);
                }
            } catch (PowerCutException cut) {
                h.powerCut();
                boot(h);
                booted = true;
            }
            check(h, added, publishedWithClearBits, everOn, booted);
        }

        // Liveness: power up on the current firmware, both sources answer, every reached CoT is handled.
        h.powerCut();
        h.autoClear = true;
        boot(h);
        try {
            answerQueries(h, meters, true, true);
        } catch (PowerCutException cut) { // a cut still armed from the sequence: boot once more
            h.powerCut();
            boot(h);
            answerQueries(h, meters, true, true);
        }
        check(h, added, publishedWithClearBits, everOn, true);
        if (h.monitor.state() != TenancyMonitor.State.OFF) {
            for (Published p : meters.values()) {
                if ((p.control() & 0x600) != 0 && p.implementationUtc() <= h.now) {
                    assertTrue(h.store.lastHandledCotUtc().orElse(-1) >= p.implementationUtc(),
                            "R56.2/R56.3: reached CoT " + p + " not handled; last " + h.store.lastHandledCotUtc());
                }
            }
        }
    }

    /** Independent of {@link CotProfile#cotApplies}, so a bug there cannot hide itself here. */
    private static boolean atOrAboveThreshold(CotProfile p, SpecVersion v) {
        return v.major() > p.cotThreshold().major()
                || v.major() == p.cotThreshold().major() && v.minor() >= p.cotThreshold().minor();
    }

    private static void boot(CotHost h) {
        while (true) {
            try {
                h.boot();
                return;
            } catch (PowerCutException again) { // the injected cut is one-shot
                h.powerCut();
            }
        }
    }

    private static void answerQueries(CotHost h, Map<Long, Published> meters, boolean esmeUp, boolean gpfUp) {
        List<Long> asked = List.copyOf(h.queries);
        h.queries.clear();
        for (long source : asked) {
            Published p = meters.get(source);
            if (p != null && (source == ESME ? esmeUp : gpfUp)) {
                h.cot(source, p.implementationUtc(), p.control());
            }
        }
    }

    private static void check(CotHost h, List<OccupierRecord> added, Set<Long> published, boolean everOn, boolean booted) {
        OccupierDataStore s = h.store;
        long last = s.lastHandledCotUtc().orElse(-1);
        var journal = s.journal();
        if (booted) {
            assertTrue(journal.isEmpty(), "R56.5: a boot leaves no clear half done");
        }
        if (!everOn) {
            for (OccupierDataKind k : OccupierDataKind.values()) {
                assertEquals(added.stream().filter(r -> r.kind() == k).toList(), s.records(k),
                        "R56.6: below the threshold nothing is cleared");
            }
            assertEquals(-1, last);
            assertTrue(journal.isEmpty());
            return;
        }
        if (last >= 0) {
            assertTrue(published.contains(last), "the handled CoT " + last + " was published with a clear bit");
            assertTrue(last <= h.now, "the handled CoT " + last + " had been reached at " + h.now);
        }
        Set<OccupierDataKind> cleared = h.profile.clearedOnCot();
        long clearingTo = journal.map(OccupierDataStore.ClearJournal::cotUtc).orElse(-1L);
        for (OccupierDataKind k : OccupierDataKind.values()) {
            List<OccupierRecord> held = s.records(k);
            int i = 0;
            for (OccupierRecord r : added) {
                if (r.kind() != k) {
                    continue;
                }
                boolean mustGo = cleared.contains(k) && r.recordedAtUtc() < last;
                boolean mayGo = cleared.contains(k) && r.recordedAtUtc() < Math.max(last, clearingTo);
                boolean present = i < held.size() && held.get(i) == r;
                if (present) {
                    i++;
                }
                if (mustGo) {
                    assertTrue(!present, "R56.5: " + r + " predates the handled CoT " + last);
                } else if (!mayGo) {
                    assertTrue(present, "R56.3/R56.4: " + r + " was removed (last CoT " + last
                            + ", clearing to " + clearingTo + ")");
                }
            }
            assertEquals(held.size(), i, "the store holds only records that were added, in order");
        }
    }
}

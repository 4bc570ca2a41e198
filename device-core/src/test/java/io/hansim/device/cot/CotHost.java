package io.hansim.device.cot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal host for {@link TenancyMonitor} in tests: it carries out the actions on an
 * {@link OccupierDataStore}, keeps the timers and records queries and reports. A power cut drops
 * the monitor and the timers (RAM) and keeps the store (flash).
 */
final class CotHost {
    static final long ESME = 0x0011_2233_4455_6601L;
    static final long GPF = 0x0011_2233_4455_6602L;
    /** 2024-01-01T00:00:00Z as UTCTime. */
    static final long T0 = 757_382_400L;

    CotProfile profile;
    final OccupierDataStore store = new OccupierDataStore();
    TenancyMonitor monitor;
    long now = T0;
    final Map<TenancyTimer, Long> timers = new EnumMap<>(TenancyTimer.class);
    final List<Long> queries = new ArrayList<>();
    final List<TenancyAction> reports = new ArrayList<>();
    final List<TenancyAction> all = new ArrayList<>();
    /** When false, ClearNext actions are only counted ({@link #owedSteps}) and run by {@link #step()}. */
    boolean autoClear = true;
    int owedSteps;

    CotHost(CotProfile profile) {
        this.profile = profile;
    }

    /** Boots: recover the store, rebuild the monitor from it, Started. */
    CotHost boot() {
        store.recover();
        monitor = TenancyMonitor.restore(profile, store);
        timers.clear();
        owedSteps = 0;
        deliver(new TenancyEvent.Started(now));
        return this;
    }

    void powerCut() {
        monitor = null;
        timers.clear();
        owedSteps = 0;
    }

    void deliver(TenancyEvent e) {
        apply(monitor.handle(e));
    }

    void cot(long source, long implementationUtc, long control) {
        deliver(new TenancyEvent.CotInformation(source, 1, implementationUtc, control, now));
    }

    void record(OccupierDataKind kind, long at) {
        store.add(new OccupierRecord(kind, at, kind + "@" + at, at % 1000));
    }

    /** Advances time to {@code t}, firing due timers (implementation first). */
    void advanceTo(long t) {
        now = Math.max(now, t);
        Long impl = timers.get(TenancyTimer.IMPLEMENTATION);
        if (impl != null && impl <= now) {
            timers.remove(TenancyTimer.IMPLEMENTATION);
            deliver(new TenancyEvent.ImplementationDue(now));
        }
        Long poll = timers.get(TenancyTimer.POLL);
        if (poll != null && poll <= now) {
            timers.remove(TenancyTimer.POLL);
            deliver(new TenancyEvent.PollDue(now));
        }
    }

    void upgrade(SpecVersion v) {
        profile = profile.withSpecVersion(v);
        deliver(new TenancyEvent.Upgraded(v, now));
    }

    /** Runs one owed clear step. */
    void step() {
        if (owedSteps > 0) {
            owedSteps--;
            store.clearNext();
            deliver(new TenancyEvent.ClearStepDone(now));
        }
    }

    <T extends TenancyAction> List<T> reports(Class<T> type) {
        return reports.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void apply(List<TenancyAction> actions) {
        all.addAll(actions);
        for (TenancyAction a : actions) {
            if (a instanceof TenancyAction.QueryChangeOfTenancy q) {
                queries.add(q.sourceEui());
            } else if (a instanceof TenancyAction.SetTimer s) {
                timers.put(s.timer(), s.atUtc());
            } else if (a instanceof TenancyAction.CancelTimer c) {
                timers.remove(c.timer());
            } else if (a instanceof TenancyAction.BeginClear b) {
                store.beginClear(b.cotUtc(), b.kinds());
            } else if (a instanceof TenancyAction.ClearNext) {
                owedSteps++;
                if (autoClear) {
                    step();
                }
            } else {
                reports.add(a);
            }
        }
    }
}

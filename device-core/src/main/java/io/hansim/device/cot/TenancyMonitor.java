package io.hansim.device.cot;

import io.hansim.zigbee.devicemgmt.TenancyChangeControl;
import io.hansim.zigbee.machine.Machine;
import io.hansim.zigbee.machine.TimeBase;
import io.hansim.device.cot.TenancyAction.BeginClear;
import io.hansim.device.cot.TenancyAction.CancelTimer;
import io.hansim.device.cot.TenancyAction.ClearNext;
import io.hansim.device.cot.TenancyAction.CotHandled;
import io.hansim.device.cot.TenancyAction.CotIgnored;
import io.hansim.device.cot.TenancyAction.QueryChangeOfTenancy;
import io.hansim.device.cot.TenancyAction.SetTimer;
import io.hansim.device.cot.TenancyEvent.ClearStepDone;
import io.hansim.device.cot.TenancyEvent.CotInformation;
import io.hansim.device.cot.TenancyEvent.ImplementationDue;
import io.hansim.device.cot.TenancyEvent.PollDue;
import io.hansim.device.cot.TenancyEvent.Started;
import io.hansim.device.cot.TenancyEvent.Upgraded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Change-of-Tenancy logic of an IHD or PPMID (SECMP0056) as a sans-I/O state machine:
 * {@link #handle(TenancyEvent)} takes one event with the time in it and returns the
 * {@link TenancyAction}s for the host. No clock, no threads, no storage of its own: the host runs
 * the timers, sends the queries and carries out the clearing on its {@link OccupierDataStore}.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li><b>Boot</b>: the host calls {@link OccupierDataStore#recover()}, builds the monitor with
 *       {@link #restore(CotProfile, OccupierDataStore)} (the last handled CoT comes from the store)
 *       and hands it {@link Started}. Below the profile's threshold version the monitor is
 *       {@link State#OFF}: no queries, and CoT information is answered
 *       {@link IgnoreReason#BELOW_SPEC_VERSION} (R56.6). Otherwise it is {@link State#WATCHING}.
 *   <li><b>Watching</b>: at start and every poll interval, one {@link QueryChangeOfTenancy} per
 *       source, the ESME and the GPF (R56.2). Either source's answer suffices: each source's latest
 *       CoT information is kept (a newer publication from the same source replaces it), so a lost
 *       meter only loses its own vote.
 *   <li><b>Deciding</b> (R56.3): a CoT is acted on when its implementation time is later than the
 *       last CoT handled, has been reached (implementation ≤ now; a future one arms
 *       {@link TenancyTimer#IMPLEMENTATION}) and its control has 0x200 (clear IHD data – consumer) or
 *       0x400 (– supplier) set (gbcs.md §8.2). Either bit clears all occupier data, as R56.3 reads.
 *       If several are due, the latest is handled: it covers the earlier ones.
 *   <li><b>Clearing</b> ({@link State#CLEARING}): {@link BeginClear} with every mandated kind and
 *       each extra whose clearOnCot is true (R56.4), then one {@link ClearNext} per kind, each
 *       answered by {@link ClearStepDone}; then {@link CotHandled} names what was cleared and kept.
 *       The store records the CoT as handled in the same write that finishes the clear, so a power
 *       cut never leaves "handled but not cleared".
 *   <li><b>Upgrade</b> ({@link Upgraded}, R56.8): reaching the threshold turns the monitor on as at
 *       boot, so it queries at once. A CoT published before the upgrade is handled after it: the
 *       old firmware recorded nothing, so any published CoT is newer than the last handled — the
 *       safer choice for privacy (R56.5). Going below the threshold turns it off (after a clear in
 *       progress finishes: the journal is already persisted).
 * </ol>
 * A future CoT learned but not yet due is RAM only: after a power cut, the boot query learns it
 * again from the meters, which keep publishing their latest CoT (R56.1).
 */
public final class TenancyMonitor implements Machine<TenancyEvent, TenancyAction, TenancyTimer> {

    /** The monitor's states. */
    public enum State {
        /** Built, {@link Started} not yet received. */
        STOPPED,
        /** The firmware is below the CoT threshold version: CoT is off (R56.6). */
        OFF,
        /** Polling the sources and waiting for a CoT to become due. */
        WATCHING,
        /** Clearing the previous occupier's data, one kind per step. */
        CLEARING
    }

    /** Proposed Tenancy Change Control 0x200 clear IHD data – consumer (gbcs.md §8.2). */
    public static final long CLEAR_IHD_DATA_CONSUMER = TenancyChangeControl.Bit.CLEAR_IHD_DATA_CONSUMER.mask();
    /** Proposed Tenancy Change Control 0x400 clear IHD data – supplier (gbcs.md §8.2). */
    public static final long CLEAR_IHD_DATA_SUPPLIER = TenancyChangeControl.Bit.CLEAR_IHD_DATA_SUPPLIER.mask();

    private static final long NONE = -1;

    private final CotProfile profile;
    private SpecVersion specVersion;
    private State state = State.STOPPED;
    private long lastHandled;
    private final Map<Long, CotInformation> pending = new LinkedHashMap<>();
    private long implementationTimerAt = NONE;

    private long clearingCot = NONE;
    private Set<OccupierDataKind> clearingKinds = Set.of();
    private Set<OccupierDataKind> clearingKept = Set.of();
    private int stepsLeft;

    private List<TenancyAction> out;

    /**
     * A monitor for {@code profile} whose last handled CoT was {@code lastHandledCotUtc} (from the
     * store, see {@link OccupierDataStore#lastHandledCotUtc()}).
     */
    public TenancyMonitor(CotProfile profile, OptionalLong lastHandledCotUtc) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.specVersion = profile.specVersion();
        this.lastHandled = lastHandledCotUtc.orElse(NONE);
    }

    /**
     * The monitor at boot, from the flash. {@link OccupierDataStore#recover()} must have run.
     *
     * @throws IllegalStateException when the store still holds an unfinished clear
     */
    public static TenancyMonitor restore(CotProfile profile, OccupierDataStore store) {
        if (store.journal().isPresent()) {
            throw new IllegalStateException("call OccupierDataStore.recover() before restoring the monitor");
        }
        return new TenancyMonitor(profile, store.lastHandledCotUtc());
    }

    /** Handles one event; returns the actions, in order. */
    @Override
    public List<TenancyAction> handle(TenancyEvent event) {
        Objects.requireNonNull(event, "event");
        out = new ArrayList<>();
        // Java 17: no pattern switch; the interface is sealed, so this chain is complete.
        if (event instanceof Started e) {
            onStarted(e.nowUtc());
        } else if (event instanceof PollDue e) {
            onPollDue(e.nowUtc());
        } else if (event instanceof CotInformation e) {
            onCotInformation(e);
        } else if (event instanceof ImplementationDue e) {
            implementationTimerAt = NONE; // it fired, whatever the state
            if (state == State.WATCHING) {
                evaluate(e.nowUtc());
            }
        } else if (event instanceof ClearStepDone e) {
            onClearStepDone(e.nowUtc());
        } else if (event instanceof Upgraded e) {
            onUpgraded(e);
        }
        return List.copyOf(out);
    }

    /** {@link TenancyEvent.PollDue} or {@link TenancyEvent.ImplementationDue}, at UTCTime {@code nowUtc}. */
    @Override
    public TenancyEvent timerFired(TenancyTimer timer, long nowUtc) {
        return timer == TenancyTimer.POLL ? new PollDue(nowUtc) : new ImplementationDue(nowUtc);
    }

    /** The monitor reads and arms UTCTime seconds (CoT implementation times are calendar times). */
    @Override
    public TimeBase timeBase() {
        return TimeBase.ZCL_UTC_SECONDS;
    }

    public State state() {
        return state;
    }

    /** The firmware's specification version as the monitor knows it (changes with {@link Upgraded}). */
    public SpecVersion specVersion() {
        return specVersion;
    }

    /** The implementation time of the last CoT handled, if any. */
    public OptionalLong lastHandledCotUtc() {
        return lastHandled == NONE ? OptionalLong.empty() : OptionalLong.of(lastHandled);
    }

    /** The CoT information waiting to become due, per source. */
    public Collection<CotInformation> pendingCots() {
        return List.copyOf(pending.values());
    }

    private void onStarted(long now) {
        if (state == State.CLEARING) {
            // A clear in progress carries on; the host's boot order (recover first) makes this rare.
            startWatching(now, false);
            return;
        }
        if (!profile.cotApplies(specVersion)) {
            state = State.OFF;
            return;
        }
        state = State.WATCHING;
        startWatching(now, true);
    }

    private void startWatching(long now, boolean evaluate) {
        query(now);
        if (evaluate) {
            evaluate(now);
        }
    }

    private void onPollDue(long now) {
        if (state == State.WATCHING || state == State.CLEARING) {
            query(now);
        }
    }

    private void query(long now) {
        // One query per source: the ESME and the GPF both publish CoT (R56.1, R56.2).
        for (long source : profile.sources()) {
            out.add(new QueryChangeOfTenancy(source));
        }
        out.add(new SetTimer(TenancyTimer.POLL, now + profile.pollIntervalSeconds()));
    }

    private void onCotInformation(CotInformation e) {
        long source = e.sourceEui();
        if (!profile.sources().contains(source)) {
            ignore(e, IgnoreReason.UNKNOWN_SOURCE);
            return;
        }
        if (state == State.OFF || !profile.cotApplies(specVersion)) {
            ignore(e, IgnoreReason.BELOW_SPEC_VERSION);
            return;
        }
        // The source's latest word replaces what it said before, whatever it says now.
        pending.remove(source);
        if (e.implementationUtc() == Utc.INVALID) {
            ignore(e, IgnoreReason.NO_CHANGE_OF_TENANCY);
        } else if (e.implementationUtc() <= newestKnownHandled()) {
            ignore(e, IgnoreReason.NOT_NEWER_THAN_HANDLED);
        } else if ((e.controlBits() & (CLEAR_IHD_DATA_CONSUMER | CLEAR_IHD_DATA_SUPPLIER)) == 0) {
            ignore(e, IgnoreReason.NO_CLEAR_BITS);
        } else {
            pending.put(source, e);
        }
        if (state == State.WATCHING) {
            evaluate(e.nowUtc());
        }
    }

    private long newestKnownHandled() {
        return Math.max(lastHandled, clearingCot);
    }

    private void ignore(CotInformation e, IgnoreReason reason) {
        out.add(new CotIgnored(e.sourceEui(), e.implementationUtc(), reason));
    }

    /** In WATCHING: start the clear of the latest due CoT, and keep the implementation timer right. */
    private void evaluate(long now) {
        pending.values().removeIf(c -> c.implementationUtc() <= lastHandled);
        long due = NONE;
        for (CotInformation c : pending.values()) {
            if (c.implementationUtc() <= now) {
                due = Math.max(due, c.implementationUtc());
            }
        }
        if (due != NONE) {
            long cot = due;
            pending.values().removeIf(c -> c.implementationUtc() <= cot);
            beginClear(cot);
        }
        long next = NONE;
        for (CotInformation c : pending.values()) {
            next = next == NONE ? c.implementationUtc() : Math.min(next, c.implementationUtc());
        }
        if (next != NONE && next != implementationTimerAt) {
            out.add(new SetTimer(TenancyTimer.IMPLEMENTATION, next));
        } else if (next == NONE && implementationTimerAt != NONE) {
            out.add(new CancelTimer(TenancyTimer.IMPLEMENTATION));
        }
        implementationTimerAt = next;
    }

    private void beginClear(long cot) {
        state = State.CLEARING;
        clearingCot = cot;
        clearingKinds = profile.clearedOnCot();
        clearingKept = profile.keptOnCot();
        stepsLeft = clearingKinds.size();
        out.add(new BeginClear(cot, clearingKinds, clearingKept));
        out.add(new ClearNext());
    }

    private void onClearStepDone(long now) {
        if (state != State.CLEARING) {
            throw new IllegalStateException("ClearStepDone in state " + state + ": no ClearNext was asked for");
        }
        stepsLeft--;
        if (stepsLeft > 0) {
            out.add(new ClearNext());
            return;
        }
        lastHandled = Math.max(lastHandled, clearingCot);
        out.add(new CotHandled(clearingCot, clearingKinds, clearingKept));
        clearingCot = NONE;
        if (profile.cotApplies(specVersion)) {
            state = State.WATCHING;
            evaluate(now);
        } else {
            turnOff();
        }
    }

    private void onUpgraded(Upgraded e) {
        specVersion = e.newSpecVersion();
        boolean on = profile.cotApplies(specVersion);
        if (state == State.OFF && on) {
            // R56.8: the upgraded firmware asks at once, as after joining.
            state = State.WATCHING;
            startWatching(e.nowUtc(), true);
        } else if (state == State.WATCHING && !on) {
            turnOff();
        }
        // STOPPED: Started decides; CLEARING: the clear finishes, then the version is looked at.
    }

    private void turnOff() {
        state = State.OFF;
        pending.clear();
        out.add(new CancelTimer(TenancyTimer.POLL));
        if (implementationTimerAt != NONE) {
            out.add(new CancelTimer(TenancyTimer.IMPLEMENTATION));
            implementationTimerAt = NONE;
        }
    }
}

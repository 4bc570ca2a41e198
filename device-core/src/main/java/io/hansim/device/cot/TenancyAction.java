package io.hansim.device.cot;

import io.hansim.zigbee.machine.Action;
import io.hansim.zigbee.machine.ArmTimer;
import io.hansim.zigbee.machine.DisarmTimer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The outputs of {@link TenancyMonitor#handle(TenancyEvent)}, in the order to carry them out.
 * {@link SetTimer} and {@link CancelTimer} are the common timer actions of every machine (their times
 * are ZCL UTCTime seconds, {@link io.hansim.zigbee.machine.TimeBase#ZCL_UTC_SECONDS}); the others are
 * the monitor's own.
 */
public sealed interface TenancyAction extends Action {

    /** Ask {@code sourceEui} for CoT information: Get Change of Tenancy or a read of 0x0200/0x0201 (R56.2). */
    record QueryChangeOfTenancy(long sourceEui) implements TenancyAction {
    }

    /** Arm {@code timer} for UTCTime {@code atUtc}, replacing an earlier deadline. */
    record SetTimer(TenancyTimer timer, long atUtc) implements TenancyAction, ArmTimer<TenancyTimer> {
        public SetTimer {
            Objects.requireNonNull(timer, "timer");
        }

        /** {@link #atUtc()}: the monitor's time base is UTCTime seconds. */
        @Override
        public long at() {
            return atUtc;
        }
    }

    /** Disarm {@code timer}. */
    record CancelTimer(TenancyTimer timer) implements TenancyAction, DisarmTimer<TenancyTimer> {
        public CancelTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * Call {@link OccupierDataStore#beginClear(long, Set)} with {@code cotUtc} and {@code kinds}; a
     * {@link ClearNext} follows.
     *
     * @param cotUtc the CoT being handled
     * @param kinds  the kinds to clear (R56.3, R56.4)
     * @param kept   the extras the profile keeps (R56.4), for the report
     */
    record BeginClear(long cotUtc, Set<OccupierDataKind> kinds, Set<OccupierDataKind> kept) implements TenancyAction {
        public BeginClear {
            kinds = copy(kinds);
            kept = copy(kept);
        }
    }

    /** Call {@link OccupierDataStore#clearNext()}, then hand back {@link TenancyEvent.ClearStepDone}. */
    record ClearNext() implements TenancyAction {
    }

    /** A CoT was handled: report and log it (R56.3, R56.4 names what survived). */
    record CotHandled(long cotUtc, Set<OccupierDataKind> cleared, Set<OccupierDataKind> kept) implements TenancyAction {
        public CotHandled {
            cleared = copy(cleared);
            kept = copy(kept);
        }
    }

    /** CoT information led to nothing, and why. */
    record CotIgnored(long sourceEui, long implementationUtc, IgnoreReason reason) implements TenancyAction {
        public CotIgnored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static Set<OccupierDataKind> copy(Set<OccupierDataKind> s) {
        return java.util.Collections.unmodifiableSet(s.isEmpty() ? EnumSet.noneOf(OccupierDataKind.class)
                    : EnumSet.copyOf(s)); // declaration order: Set.copyOf iterates in a per-JVM order
    }
}

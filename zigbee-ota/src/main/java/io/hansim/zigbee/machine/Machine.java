package io.hansim.zigbee.machine;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sans-I/O state machine (DESIGN.md §2, §4): {@link #handle} takes one event carrying the current
 * time and returns what to do, in order. It does no I/O, starts no thread and reads no clock.
 *
 * <p>A driver carries out the common actions ({@link Transmit}, {@link ArmTimer},
 * {@link DisarmTimer}) and hands the rest to the machine's host. When an armed timer's deadline is
 * reached it feeds the machine {@link #timerFired(Object, long)}, so the driver needs no knowledge
 * of the machine's event family.
 *
 * @param <E> the machine's event family
 * @param <A> the machine's action family
 * @param <T> the machine's timer identity, as in its {@link ArmTimer}s
 */
public interface Machine<E, A extends Action, T> {

    /** Handles one event; returns the actions, in the order to carry them out (never null). */
    List<A> handle(E event);

    /**
     * The event that tells the machine {@code timer} reached its deadline.
     *
     * @param timer the timer, as armed
     * @param now   the current time in the machine's {@link #timeBase()}
     */
    E timerFired(T timer, long now);

    /** The unit of the times in the machine's events and {@link ArmTimer}s; virtual µs by default. */
    default TimeBase timeBase() {
        return TimeBase.VIRTUAL_MICROS;
    }

    /** Builds the event for a fired timer; {@link #of} takes one. */
    /**
     * Where a driver carries out the common actions: send, arm, disarm. A machine's {@link #route}
     * hands each of its common actions here with its fields.
     */
    interface Common<T> {
        void transmit(long destinationEui64, boolean broadcast, int clusterId, io.hansim.zigbee.zcl.Bytes zclFrame);

        void arm(T timer, long at);

        void disarm(T timer);
    }

    /**
     * Hands {@code action} to {@code out} if it is a common action (Transmit, ArmTimer, DisarmTimer) and
     * says whether it was. The default asks the action through those interfaces; a machine on a hot
     * path overrides it with checks of its own final record classes, so the one driver shared by every
     * machine makes no megamorphic interface call per action (issue 15 measured a fleet 20 % slower
     * before this).
     */
    @SuppressWarnings("unchecked")
    default boolean route(A action, Common<T> out) {
        Transmit t = action.asTransmit();
        if (t != null) {
            out.transmit(t.destinationEui64(), t.broadcast(), t.clusterId(), t.zclFrame());
            return true;
        }
        ArmTimer<?> arm = action.asArmTimer();
        if (arm != null) {
            out.arm((T) arm.timer(), arm.at());
            return true;
        }
        DisarmTimer<?> disarm = action.asDisarmTimer();
        if (disarm != null) {
            out.disarm((T) disarm.timer());
            return true;
        }
        return false;
    }

    @FunctionalInterface
    interface TimerEvents<T, E> {
        E fired(T timer, long now);
    }

    /**
     * A machine from its parts, for a machine class that does not implement this interface itself
     * (or a test's): {@code Machine.of(server::handle, (t, now) -> new ServerEvent.TimerFired(now, t),
     * TimeBase.VIRTUAL_MICROS)}.
     */
    static <E, A extends Action, T> Machine<E, A, T> of(Function<? super E, List<A>> handle,
            TimerEvents<? super T, ? extends E> timerEvents, TimeBase timeBase) {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(timerEvents, "timerEvents");
        Objects.requireNonNull(timeBase, "timeBase");
        return new Machine<>() {
            @Override
            public List<A> handle(E event) {
                return handle.apply(event);
            }

            @Override
            public E timerFired(T timer, long now) {
                return timerEvents.fired(timer, now);
            }

            @Override
            public TimeBase timeBase() {
                return timeBase;
            }
        };
    }
}

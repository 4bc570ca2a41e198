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

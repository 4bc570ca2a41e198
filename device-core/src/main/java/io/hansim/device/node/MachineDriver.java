package io.hansim.device.node;

import io.hansim.zigbee.machine.Action;
import io.hansim.zigbee.machine.ArmTimer;
import io.hansim.zigbee.machine.DisarmTimer;
import io.hansim.zigbee.machine.Machine;
import io.hansim.zigbee.machine.TimeBase;
import io.hansim.zigbee.machine.Transmit;
import io.hansim.zigbee.zcl.Bytes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one driver of every sans-I/O {@link Machine} on a device (DESIGN.md §2; decision 0021): it feeds
 * the machine its events and carries out the common actions through a {@link Port} —
 * {@link Transmit} as a ZCL frame on its cluster, {@link ArmTimer} and {@link DisarmTimer} on the
 * scheduler with one pending deadline per timer identity — and hands every other action (the
 * machine's domain actions: storage, activation, outcomes) to the host's {@link DomainActions}.
 *
 * <p>Life cycle, as a device's power: {@link #start} attaches a fresh machine (at boot: RAM is new),
 * {@link #stop} detaches it and voids its timers (power lost). Actions are carried out in list order;
 * when the machine is stopped or replaced while a batch is carried out (a domain action that
 * reboots the device, such as an OTA activation), the rest of that batch is not carried out — it
 * belonged to a machine that no longer runs.
 *
 * <p>Times: a machine on {@link TimeBase#VIRTUAL_MICROS} arms virtual microseconds and is told the
 * virtual time; one on {@link TimeBase#ZCL_UTC_SECONDS} arms UTCTime seconds — the driver schedules at
 * the virtual time that second begins (never in the past) — and is told the UTCTime second in
 * progress when it fires. The conversion is the port's, so there is one clock per simulation.
 *
 * <p>Single-threaded, like the simulation that owns it.
 *
 * @param <E> the machine's events
 * @param <A> the machine's actions
 * @param <T> the machine's timer identity
 */
public final class MachineDriver<E, A extends Action, T> {

    /** What the driver may use of its device: the bus, the scheduler and the clock. */
    public interface Port {

        /** Sends {@code zclFrame} on {@code clusterId} from the device's endpoint. */
        void send(long destinationEui64, boolean broadcast, int clusterId, Bytes zclFrame);

        /**
         * Runs {@code action} at virtual time {@code atMicros} (a time in the past means now). The
         * scheduled work dies with the device's power.
         */
        Cancellable schedule(long atMicros, Runnable action);

        /** Virtual time, microseconds since the simulation epoch. */
        long now();

        /** ZCL UTCTime (seconds since 2000-01-01) at virtual time {@code micros}. */
        long zclUtcAt(long micros);

        /**
         * The virtual time at which ZCL UTCTime {@code utc} begins; {@code Long.MIN_VALUE} for a
         * time that has none (0xFFFFFFFF).
         */
        long microsAtZclUtc(long utc);
    }

    /** The driver's port over a role's {@link io.hansim.device.node.Port}: its sends, timers and the one clock. */
    public static Port over(io.hansim.device.node.Port p) {
        Objects.requireNonNull(p, "port");
        return new Port() {
            @Override
            public void send(long destinationEui64, boolean broadcast, int clusterId, Bytes zclFrame) {
                p.send(destinationEui64, broadcast, clusterId, zclFrame);
            }

            @Override
            public Cancellable schedule(long atMicros, Runnable action) {
                return p.at(atMicros, action)::cancel;
            }

            @Override
            public long now() {
                return p.now();
            }

            @Override
            public long zclUtcAt(long micros) {
                return p.time().zclUtcTimeAt(p.localTime(micros)); // the device's own clock (G.4)
            }

            @Override
            public long microsAtZclUtc(long utc) {
                long local = p.time().microsAtZclUtcTime(utc);
                return local == Long.MIN_VALUE ? local : p.trueTime(local);
            }
        };
    }

    /** A scheduled deadline that can be withdrawn. */
    @FunctionalInterface
    public interface Cancellable {
        /** Withdraws it; no effect once it ran or was withdrawn. */
        void cancel();
    }

    /** The host's side: the machine's own actions. */
    @FunctionalInterface
    public interface DomainActions<A> {
        /** Carries out {@code action}, a domain action (not Transmit, ArmTimer or DisarmTimer). */
        void carryOut(A action);
    }

    private final Port port;
    private final DomainActions<? super A> domain;
    private final Consumer<? super List<A>> batches;
    private Consumer<? super List<A>> afterBatches = batch -> { };
    private final Map<T, Cancellable> timers = new HashMap<>();
    private Machine<E, A, T> machine;
    /** Changes at every start and stop, so a batch notices that its machine went. */
    private long generation;

    /**
     * A driver whose host sees only the domain actions.
     *
     * @param port   the device's bus, scheduler and clock
     * @param domain what to do with each domain action
     */
    public MachineDriver(Port port, DomainActions<? super A> domain) {
        this(port, batch -> { }, domain);
    }

    /**
     * A driver whose host also sees each batch of actions, whole and before any of it is carried
     * out (for action logs and counters).
     *
     * @param port    the device's bus, scheduler and clock
     * @param batches called with every list the machine returns, before it is carried out
     * @param domain  what to do with each domain action
     */
    public MachineDriver(Port port, Consumer<? super List<A>> batches, DomainActions<? super A> domain) {
        this.port = Objects.requireNonNull(port, "port");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    /**
     * Also hands every batch, once it has been carried out, to {@code after} (a host's listeners that
     * read state the batch changed). Batches started by a timer the driver fired are handed over too.
     */
    public MachineDriver<E, A, T> afterEachBatch(Consumer<? super List<A>> after) {
        afterBatches = Objects.requireNonNull(after, "after");
        return this;
    }

    /**
     * Attaches {@code m} (at boot). A machine still attached is stopped first: its timers are void.
     * Feed the boot event with {@link #handle} afterwards.
     */
    public void start(Machine<E, A, T> m) {
        Objects.requireNonNull(m, "machine");
        stop();
        machine = m;
        timeBase = m.timeBase();
        generation++;
    }

    /**
     * Detaches the machine and withdraws its pending timers (power lost; the device may have withdrawn
     * them already, which is harmless). Events until the next {@link #start} are dropped.
     */
    public void stop() {
        if (machine == null && timers.isEmpty()) {
            return;
        }
        for (Cancellable c : timers.values()) {
            c.cancel(); // only flags; the order does not matter
        }
        timers.clear();
        machine = null;
        generation++;
    }

    /** Whether a machine is attached. */
    public boolean running() {
        return machine != null;
    }

    /** The attached machine, or null while stopped. */
    public Machine<E, A, T> machine() {
        return machine;
    }

    /** Whether {@code timer} has a pending deadline. */
    public boolean armed(T timer) {
        return timers.containsKey(timer);
    }

    /** How many timers have a pending deadline. */
    public int armedTimers() {
        return timers.size();
    }

    /**
     * Feeds the machine {@code event} and carries out what it returns.
     *
     * @return the machine's actions, all of them (also those a reboot in the batch left undone);
     *         empty while stopped
     */
    public List<A> handle(E event) {
        Machine<E, A, T> m = machine;
        if (m == null) {
            return List.of();
        }
        List<A> actions = m.handle(event);
        batches.accept(actions);
        long batch = generation;
        for (int i = 0, n = actions.size(); i < n && generation == batch; i++) {
            carryOut(m, actions.get(i));
        }
        afterBatches.accept(actions);
        return actions;
    }

    @SuppressWarnings("unchecked") // T is the machine's timer type: its ArmTimer/DisarmTimer actions carry it
    /** The common actions of the running machine, carried out here (see {@link Machine#route}). */
    private final Machine.Common<T> common = new Machine.Common<>() {
        @Override
        public void transmit(long destinationEui64, boolean broadcast, int clusterId, Bytes zclFrame) {
            port.send(destinationEui64, broadcast, clusterId, zclFrame);
        }

        @Override
        public void arm(T timer, long at) {
            withdraw(timer);
            long when = timeBase == TimeBase.VIRTUAL_MICROS ? at : Math.max(port.now(), port.microsAtZclUtc(at));
            timers.put(timer, port.schedule(when, () -> fire(timer)));
        }

        @Override
        public void disarm(T timer) {
            withdraw(timer);
        }
    };

    /** The running machine's time base, read once at start. */
    private TimeBase timeBase = TimeBase.VIRTUAL_MICROS;

    private void carryOut(Machine<E, A, T> m, A a) {
        if (!m.route(a, common)) {
            domain.carryOut(a);
        }
    }

    private void fire(T timer) {
        timers.remove(timer);
        Machine<E, A, T> m = machine;
        if (m == null) {
            return; // a port that keeps timers past the power: nothing runs to be told
        }
        long now = m.timeBase() == TimeBase.VIRTUAL_MICROS ? port.now() : port.zclUtcAt(port.now());
        handle(m.timerFired(timer, now));
    }

    private void withdraw(T timer) {
        Cancellable old = timers.remove(timer);
        if (old != null) {
            old.cancel();
        }
    }
}

package io.hansim.device.sim;

import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * The virtual clock and event queue of one simulation (DESIGN.md §2): {@code long} microseconds, events
 * ordered by (time, sequence) so two events at the same instant run in the order they were scheduled.
 * Single-threaded and wall-clock free; a run ends with a {@link RunOutcome}, never by spinning.
 */
public final class Scheduler {
    /** Default livelock guard: this many events in a row at one instant means something loops. */
    public static final int DEFAULT_MAX_EVENTS_PER_INSTANT = 1_000_000;

    /** A scheduled event; {@link #cancel()} stops it from running. */
    public static final class Handle {
        private final long time;
        private final long key;
        private final long seq;
        private final Runnable action;
        private boolean cancelled;
        private boolean done;

        private Handle(long time, long key, long seq, Runnable action) {
            this.time = time;
            this.key = key;
            this.seq = seq;
            this.action = action;
        }

        /** The order of this event among those at its instant (its sequence number unless given one). */
        public long orderKey() {
            return key;
        }

        /** Cancels the event; true if it had neither run nor been cancelled before. */
        public boolean cancel() {
            boolean effective = !cancelled && !done;
            cancelled = true;
            return effective;
        }

        public boolean isCancelled() {
            return cancelled;
        }

        /** True once the event ran. */
        public boolean isDone() {
            return done;
        }

        public long time() {
            return time;
        }
    }

    private final PriorityQueue<Handle> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                    : a.key != b.key ? Long.compare(a.key, b.key) : Long.compare(a.seq, b.seq));
    private final int maxEventsPerInstant;
    private long now;
    private long seq;
    private long eventsRun;

    public Scheduler() {
        this(DEFAULT_MAX_EVENTS_PER_INSTANT);
    }

    public Scheduler(int maxEventsPerInstant) {
        if (maxEventsPerInstant < 1) {
            throw new IllegalArgumentException("maxEventsPerInstant must be positive: " + maxEventsPerInstant);
        }
        this.maxEventsPerInstant = maxEventsPerInstant;
    }

    /** Virtual time in microseconds. */
    public long now() {
        return now;
    }

    /** Events run so far (cancelled ones not counted). */
    public long eventsRun() {
        return eventsRun;
    }

    /** Events waiting, cancelled ones included until they reach the head of the queue. */
    public int pending() {
        return queue.size();
    }

    /** Schedules {@code action} at absolute virtual time {@code time}; a time in the past means now. */
    public Handle at(long time, Runnable action) {
        Objects.requireNonNull(action, "action");
        Handle h = new Handle(Math.max(time, now), seq, seq++, action);
        queue.add(h);
        return h;
    }

    /**
     * Schedules {@code action} at {@code time}, ordered among the events at that instant as if it had
     * been scheduled when the sequence counter stood at {@code orderKey} (a value {@link #nextSeq()} gave
     * earlier). The device port uses it for an external device's timer, which the device set while it
     * answered an earlier event (issue 17: the order of same-instant events is the order they were set).
     */
    public Handle at(long time, long orderKey, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (orderKey < 0 || orderKey > seq) {
            throw new IllegalArgumentException("order key " + orderKey + " is not a sequence number given so far");
        }
        Handle h = new Handle(Math.max(time, now), orderKey, seq++, action);
        queue.add(h);
        return h;
    }

    /**
     * Runs every event due before {@code time}, and those at {@code time} whose order key is at most
     * {@code maxKey}, in order; the clock then stands at {@code time}. A hosted device answering its
     * TIMER runs only the events the timer stood for (issue 17).
     */
    public void runDue(long time, long maxKey) {
        while (true) {
            Handle next = nextLive();
            if (next == null || next.time > time || (next.time == time && next.key > maxKey)) {
                break;
            }
            queue.poll();
            now = next.time;
            next.done = true;
            eventsRun++;
            next.action.run();
        }
        now = Math.max(now, time);
    }

    /** The sequence number the next scheduled event gets. */
    public long nextSeq() {
        return seq;
    }

    /** The order key of the next live event, or -1 when none waits. */
    public long nextEventOrderKey() {
        Handle h = nextLive();
        return h == null ? -1 : h.key;
    }

    /** Schedules {@code action} {@code delay} microseconds from now. */
    public Handle after(long delay, Runnable action) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return at(Math.addExact(now, delay), action);
    }

    /**
     * Runs until the queue drains: {@link RunOutcome#CONDITION_MET}, or a livelock stop. A simulation
     * with periodic timers (an OTA client's Query Next Image interval) never drains; drive those with
     * {@link #runUntil} and a deadline.
     */
    public RunOutcome run() {
        RunOutcome o = runUntil(() -> false, Long.MAX_VALUE);
        return o == RunOutcome.STALLED_QUEUE_EMPTY ? RunOutcome.CONDITION_MET : o;
    }

    /**
     * Runs events until {@code condition} holds (checked before the first event and after each),
     * virtual time would pass {@code deadline} (the clock then stands at the deadline), the queue
     * empties (the clock stays at the last event), or the livelock guard trips.
     */
    public RunOutcome runUntil(BooleanSupplier condition, long deadline) {
        Objects.requireNonNull(condition, "condition");
        long sameInstant = 0;
        while (true) {
            if (condition.getAsBoolean()) {
                return RunOutcome.CONDITION_MET;
            }
            Handle next = nextLive();
            if (next == null) {
                return RunOutcome.STALLED_QUEUE_EMPTY;
            }
            if (next.time > deadline) {
                now = Math.max(now, deadline);
                return RunOutcome.DEADLINE_REACHED;
            }
            queue.poll();
            sameInstant = next.time == now ? sameInstant + 1 : 1;
            if (sameInstant > maxEventsPerInstant) {
                queue.add(next); // put it back: the caller may inspect and decide
                return RunOutcome.STALLED_LIVELOCK;
            }
            now = next.time;
            next.done = true;
            eventsRun++;
            next.action.run();
        }
    }

    /**
     * Lets {@code duration} of virtual time pass, running every event due in it; the clock then
     * stands at now + duration even if the queue emptied ({@link RunOutcome#DEADLINE_REACHED}).
     */
    public RunOutcome advance(long duration) {
        if (duration < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        long deadline = Math.addExact(now, duration);
        RunOutcome o = runUntil(() -> false, deadline);
        if (o == RunOutcome.STALLED_LIVELOCK) {
            return o;
        }
        now = deadline;
        return RunOutcome.DEADLINE_REACHED;
    }

    /** The time of the next live event, or {@link Long#MAX_VALUE} when none waits. */
    public long nextEventTime() {
        Handle h = nextLive();
        return h == null ? Long.MAX_VALUE : h.time;
    }

    /**
     * Runs every event due before {@code time} and sets the clock to {@code time} (not earlier than
     * now): a hosted device's clock follows the simulation it is part of (the device port, issue 17).
     */
    public RunOutcome runBefore(long time) {
        if (time <= now) {
            return RunOutcome.DEADLINE_REACHED;
        }
        RunOutcome o = runUntil(() -> false, time - 1);
        if (o == RunOutcome.STALLED_LIVELOCK) {
            return o;
        }
        now = time;
        return RunOutcome.DEADLINE_REACHED;
    }

    private Handle nextLive() {
        Handle h = queue.peek();
        while (h != null && h.cancelled) {
            queue.poll();
            h = queue.peek();
        }
        return h;
    }
}

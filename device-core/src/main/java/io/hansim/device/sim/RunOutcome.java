package io.hansim.device.sim;

/**
 * How a {@link Scheduler} run ended. A run never spins: it stops with one of these (DESIGN.md §2).
 */
public enum RunOutcome {
    /** The condition held (for {@link Scheduler#run()}: the queue drained). */
    CONDITION_MET,
    /** Virtual time reached the deadline before the condition held. */
    DEADLINE_REACHED,
    /** The queue emptied before the condition held: nothing can ever make it true. */
    STALLED_QUEUE_EMPTY,
    /** Too many events ran without virtual time moving: a livelock, stopped rather than spun. */
    STALLED_LIVELOCK;

    public boolean isStalled() {
        return this == STALLED_QUEUE_EMPTY || this == STALLED_LIVELOCK;
    }
}

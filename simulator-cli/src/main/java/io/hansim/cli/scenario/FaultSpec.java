package io.hansim.cli.scenario;

import java.time.Duration;
import java.util.List;

/**
 * Faults on the link between two nodes, both directions (R7.8): maps onto {@code LinkFaults}.
 *
 * @param a                one end: {@code hub} or a device id
 * @param b                the other end
 * @param lossPercent      0..100
 * @param duplicatePercent 0..100
 * @param reorderPercent   0..100, chance a frame is held back behind the next one
 * @param minDelay         the shortest delay of a frame on the link
 * @param maxDelay         the longest; each frame's delay is drawn uniformly between the two (R7.8)
 * @param reorderHold      the longest a frame is held back waiting for a later one
 * @param windows          windows of virtual time from the start of the run
 * @param position         where the fault's entry starts
 */
public record FaultSpec(String a, String b, double lossPercent, double duplicatePercent, double reorderPercent,
        Duration minDelay, Duration maxDelay, Duration reorderHold, List<Window> windows, Position position) {

    /** 10 ms per hop, the bus's default ({@code LinkFaults.PERFECT}). */
    public static final Duration DEFAULT_DELAY = Duration.ofMillis(10);
    /** {@code LinkFaults.DEFAULT_REORDER_HOLD_MAX}. */
    public static final Duration DEFAULT_REORDER_HOLD = Duration.ofSeconds(2);

    public FaultSpec {
        windows = List.copyOf(windows);
    }

    /**
     * A half-open interval [from, to) of virtual time: the link is down in it when {@code down}, else
     * loss, duplication and reordering apply only inside it ({@code LinkFaults.faultWindow}).
     */
    public record Window(Duration from, Duration to, boolean down, Position position) {
    }
}

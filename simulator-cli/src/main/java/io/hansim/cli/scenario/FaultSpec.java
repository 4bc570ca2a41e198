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
 * @param windows          windows of virtual time from the start of the run
 * @param position         where the fault's entry starts
 */
public record FaultSpec(String a, String b, double lossPercent, double duplicatePercent, double reorderPercent,
        List<Window> windows, Position position) {

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

package io.hansim.device.han;

import java.util.List;
import java.util.Objects;

/**
 * How one directed link treats frames (R7.8: "a congested and … unreliable delivery method"): loss
 * and duplication probabilities, a uniform delay in [minDelay, maxDelay] per copy (so frames reorder
 * when the range is wider than their spacing), the largest APS payload it carries, down windows, and
 * an optional window outside which loss, duplication and extra delay do not apply. Data, not code.
 *
 * @param lossPercent      0..100, chance a frame copy is lost
 * @param duplicatePercent 0..100, chance a delivered frame arrives twice
 * @param minDelay         microseconds, at least 1 (a frame never arrives at the instant it is sent)
 * @param maxDelay         microseconds, at least minDelay
 * @param maxPayload       the largest ZCL payload in octets; larger frames are dropped "too big"
 * @param down             windows in which the link carries nothing ("link down")
 * @param faultWindow      if not null, loss/duplication/delay spread apply only inside it
 */
public record LinkFaults(double lossPercent, double duplicatePercent, long minDelay, long maxDelay, int maxPayload,
        List<Window> down, Window faultWindow) {

    /**
     * Default payload limit, (derived): a 127-octet IEEE 802.15.4 frame leaves roughly 80–100 octets
     * for the APS payload depending on NWK security and source routing; 100 carries a 64-octet OTA
     * block (81 octets of ZCL) as GB devices use.
     */
    public static final int DEFAULT_MAX_PAYLOAD = 100;
    /** 10 ms per hop, no faults. */
    public static final LinkFaults PERFECT = new LinkFaults(0, 0, 10_000, 10_000, DEFAULT_MAX_PAYLOAD, List.of(), null);

    /** A half-open interval [from, until) of virtual time. */
    public record Window(long from, long until) {
        public Window {
            if (until < from) {
                throw new IllegalArgumentException("window ends before it starts: " + from + ".." + until);
            }
        }

        public boolean contains(long t) {
            return t >= from && t < until;
        }
    }

    public LinkFaults {
        percent("lossPercent", lossPercent);
        percent("duplicatePercent", duplicatePercent);
        if (minDelay < 1 || maxDelay < minDelay) {
            throw new IllegalArgumentException("need 1 <= minDelay <= maxDelay: " + minDelay + ", " + maxDelay);
        }
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        down = List.copyOf(Objects.requireNonNull(down, "down"));
    }

    public LinkFaults withLoss(double percent) {
        return new LinkFaults(percent, duplicatePercent, minDelay, maxDelay, maxPayload, down, faultWindow);
    }

    public LinkFaults withDuplication(double percent) {
        return new LinkFaults(lossPercent, percent, minDelay, maxDelay, maxPayload, down, faultWindow);
    }

    public LinkFaults withDelay(long min, long max) {
        return new LinkFaults(lossPercent, duplicatePercent, min, max, maxPayload, down, faultWindow);
    }

    public LinkFaults withMaxPayload(int octets) {
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, octets, down, faultWindow);
    }

    /** Adds a window in which the link is down. */
    public LinkFaults withDown(long from, long until) {
        List<Window> d = new java.util.ArrayList<>(down);
        d.add(new Window(from, until));
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, d, faultWindow);
    }

    public LinkFaults withFaultWindow(long from, long until) {
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, down,
                new Window(from, until));
    }

    public boolean isDownAt(long t) {
        // A loop, not a stream: this runs for every frame (issue 8 profile).
        for (int i = 0; i < down.size(); i++) {
            if (down.get(i).contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether loss, duplication and delay spread apply at {@code t}. */
    public boolean faultsActiveAt(long t) {
        return faultWindow == null || faultWindow.contains(t);
    }

    private static void percent(String name, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException(name + " must be 0..100: " + v);
        }
    }
}

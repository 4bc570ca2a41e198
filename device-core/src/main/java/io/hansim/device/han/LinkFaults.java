package io.hansim.device.han;

import java.util.List;
import java.util.Objects;

/**
 * How one directed link treats frames (R7.8: "a congested and … unreliable delivery method"): loss
 * and duplication probabilities, a uniform delay in [minDelay, maxDelay] per copy (so frames also
 * reorder when the range is wider than their spacing), reordering proper, the largest APS payload
 * it carries, down windows, and an optional window outside which loss, duplication, reordering and
 * extra delay do not apply. Data, not code.
 *
 * <p>Reordering: with chance {@code reorderPercent} a frame that is not lost is held back on the
 * link and delivered right after the next frame the link carries, so the receiver sees the two in
 * the opposite order to their sending. One frame is held at a time. If no later frame comes within
 * {@code reorderHoldMax}, the held frame is delivered then, late but in order: a link does not keep
 * a frame for ever. The draws come from a stream of their own ({@code Seeds} label "reorder"), so
 * setting a reorder chance does not change a link's loss, duplication and delay draws.
 *
 * @param lossPercent      0..100, chance a frame copy is lost
 * @param duplicatePercent 0..100, chance a delivered frame arrives twice
 * @param minDelay         microseconds, at least 1 (a frame never arrives at the instant it is sent)
 * @param maxDelay         microseconds, at least minDelay
 * @param maxPayload       the largest ZCL payload in octets; larger frames are dropped "too big"
 * @param down             windows in which the link carries nothing ("link down")
 * @param faultWindow      if not null, loss/duplication/reordering/delay spread apply only inside it
 * @param reorderPercent   0..100, chance a frame is held back behind the next one on the link
 * @param reorderHoldMax   microseconds, at least 1: the longest a frame is held back waiting for a
 *                         later one. Default {@link #DEFAULT_REORDER_HOLD_MAX}
 */
public record LinkFaults(double lossPercent, double duplicatePercent, long minDelay, long maxDelay, int maxPayload,
        List<Window> down, Window faultWindow, double reorderPercent, long reorderHoldMax) {

    /**
     * Default payload limit, (derived): a 127-octet IEEE 802.15.4 frame leaves roughly 80–100 octets
     * for the APS payload depending on NWK security and source routing; 100 carries a 64-octet OTA
     * block (81 octets of ZCL) as GB devices use.
     */
    public static final int DEFAULT_MAX_PAYLOAD = 100;
    /**
     * How long a held-back frame waits for a later one, (derived): 2 s covers a ZCL exchange and its
     * first retry on a GB HAN, so request/answer traffic can overtake; any value keeps runs
     * deterministic. Configuration ({@link #withReordering}).
     */
    public static final long DEFAULT_REORDER_HOLD_MAX = 2_000_000;
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
        percent("reorderPercent", reorderPercent);
        if (reorderHoldMax < 1) {
            throw new IllegalArgumentException("reorderHoldMax must be positive: " + reorderHoldMax);
        }
        if (minDelay < 1 || maxDelay < minDelay) {
            throw new IllegalArgumentException("need 1 <= minDelay <= maxDelay: " + minDelay + ", " + maxDelay);
        }
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        down = List.copyOf(Objects.requireNonNull(down, "down"));
    }

    /** A link without reordering proper (frames still reorder through a spread of delays). */
    public LinkFaults(double lossPercent, double duplicatePercent, long minDelay, long maxDelay, int maxPayload,
            List<Window> down, Window faultWindow) {
        this(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, down, faultWindow, 0,
                DEFAULT_REORDER_HOLD_MAX);
    }

    public LinkFaults withLoss(double percent) {
        return new LinkFaults(percent, duplicatePercent, minDelay, maxDelay, maxPayload, down, faultWindow,
                reorderPercent, reorderHoldMax);
    }

    public LinkFaults withDuplication(double percent) {
        return new LinkFaults(lossPercent, percent, minDelay, maxDelay, maxPayload, down, faultWindow,
                reorderPercent, reorderHoldMax);
    }

    public LinkFaults withDelay(long min, long max) {
        return new LinkFaults(lossPercent, duplicatePercent, min, max, maxPayload, down, faultWindow,
                reorderPercent, reorderHoldMax);
    }

    public LinkFaults withMaxPayload(int octets) {
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, octets, down, faultWindow,
                reorderPercent, reorderHoldMax);
    }

    /** Adds a window in which the link is down. */
    public LinkFaults withDown(long from, long until) {
        List<Window> d = new java.util.ArrayList<>(down);
        d.add(new Window(from, until));
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, d, faultWindow,
                reorderPercent, reorderHoldMax);
    }

    public LinkFaults withFaultWindow(long from, long until) {
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, down,
                new Window(from, until), reorderPercent, reorderHoldMax);
    }

    /**
     * Holds a frame back behind the next one with chance {@code percent}, for at most
     * {@code holdMax} microseconds (R7.8).
     */
    public LinkFaults withReordering(double percent, long holdMax) {
        return new LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, maxPayload, down, faultWindow, percent,
                holdMax);
    }

    public boolean isDownAt(long t) {
        // A plain loop: the bus asks this for every frame, and a stream cost ~5 % of a whole OTA (issue 8).
        for (int i = 0, n = down.size(); i < n; i++) {
            if (down.get(i).contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether loss, duplication, reordering and delay spread apply at {@code t}. */
    public boolean faultsActiveAt(long t) {
        return faultWindow == null || faultWindow.contains(t);
    }

    private static void percent(String name, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException(name + " must be 0..100: " + v);
        }
    }
}

package io.hansim.device.han;

import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.Seeds;
import io.hansim.device.sim.SimTime;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceRecord.Fate;
import io.hansim.device.han.TraceRecord.Kind;
import io.hansim.device.han.TraceSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The in-memory HAN of one simulation (DESIGN.md §2): devices attach with their EUI-64, short address
 * and endpoint; {@link #send} decides each copy's fate on the sender's directed link from that link's
 * own seeded stream ({@link Seeds#link}), and the delivery happens on the {@link Scheduler}. A device
 * that is powered off receives nothing. Every send and every delivery decision goes to the trace
 * sinks in the order it happens (the {@link TraceSink} contract).
 *
 * <p>Fates are decided at send time (loss, link down, too big, duplication, delay, reordering);
 * whether the receiver is on is decided at delivery time, since it may lose power while the frame is
 * in flight. A frame the link holds back for reordering ({@link LinkFaults#reorderPercent()}) is
 * delivered right after the next frame sent on the same directed link, or late at its hold limit.
 */
public final class HanBus {
    /** What a device gives the bus to receive frames. */
    @FunctionalInterface
    public interface Receiver {
        void receive(ApsFrame frame);
    }

    /** One attached device. */
    public record Attachment(long eui64, int shortAddress, int endpoint, Receiver receiver) {
    }

    /** Counters for assertions and reports (read-only outside the bus). */
    public static final class Stats {
        private long sent;
        private long bytesSent;
        private long delivered;
        private long duplicated;
        private long lost;
        private long linkDown;
        private long tooBig;
        private long receiverOff;
        private long receiverAsleep;
        private long noSuchDevice;
        private long noSuchEndpoint;
        private long reordered;

        /** APS payload octets of the frames handed to the bus (a fleet's HAN traffic, issue 8). */
        public long bytesSent() {
            return bytesSent;
        }

        /** Frames handed to the bus. */
        public long sent() {
            return sent;
        }

        /** First copies delivered. */
        public long delivered() {
            return delivered;
        }

        /** Second copies delivered. */
        public long duplicated() {
            return duplicated;
        }

        public long lost() {
            return lost;
        }

        public long linkDown() {
            return linkDown;
        }

        public long tooBig() {
            return tooBig;
        }

        public long receiverOff() {
            return receiverOff;
        }

        /** Frames that reached a sleepy device while its radio was off (see {@link HanBus#setAsleep}). */
        public long receiverAsleep() {
            return receiverAsleep;
        }

        public long noSuchDevice() {
            return noSuchDevice;
        }

        /** Unicasts to an endpoint the addressee does not have (G.5). */
        public long noSuchEndpoint() {
            return noSuchEndpoint;
        }

        /** Frames held back on their link and delivered after a later frame overtook them (R7.8). */
        public long reordered() {
            return reordered;
        }

        public long dropped() {
            return lost + linkDown + tooBig + receiverOff + receiverAsleep + noSuchDevice + noSuchEndpoint;
        }
    }

    private record LinkKey(long from, long to) {
    }

    /** A frame a link holds back until a later one overtakes it (reordering, R7.8). */
    private record Held(ApsFrame frame, Attachment to, Scheduler.Handle limit) {
    }

    /**
     * Virtual time zero in UTC when a simulation names none: the same instant the pcap sink uses, so
     * a trace and its pcap agree (derived; any fixed instant keeps runs deterministic).
     */
    public static final java.time.Instant DEFAULT_EPOCH = java.time.Instant.parse("2025-01-01T00:00:00Z");

    /** Why a unicast to an EUI-64 that is not attached goes nowhere (the record names the EUI-64). */
    public static final String NOT_ON_THE_HAN = "no such device: not on the HAN (a unicast, delivered to no one)";

    /**
     * Why a unicast to an endpoint its addressee does not have goes nowhere (G.5; the APS layer of the
     * addressee drops it). Followed by the endpoints, e.g. {@code ": 0x01, the device is on 0x7B"}.
     */
    public static final String NO_SUCH_ENDPOINT = "no such endpoint";

    private final Scheduler scheduler;
    private final Seeds seeds;
    private final Map<Long, Attachment> devices = new LinkedHashMap<>();
    private final Map<Long, Boolean> powered = new HashMap<>();
    private final java.util.Set<Long> asleep = new java.util.HashSet<>();
    private final java.util.Set<Integer> shortAddresses = new java.util.HashSet<>();
    private final Map<LinkKey, LinkFaults> faults = new HashMap<>();
    private final Map<LinkKey, SplittableRandom> streams = new HashMap<>();
    /** The reordering draws, a stream apart so that a reorder chance shifts no other draw. */
    private final Map<LinkKey, SplittableRandom> reorderStreams = new HashMap<>();
    private final Map<LinkKey, Held> held = new HashMap<>();
    private final List<TraceSink> sinks = new ArrayList<>();
    private final Stats stats = new Stats();
    private final SimTime time;
    private LinkFaults defaultFaults = LinkFaults.PERFECT;
    /** Why a device that is off is off, when not simply "receiver off" (a failed external device). */
    private final Map<Long, String> offReasons = new HashMap<>();
    /** When set, sent frames go here instead of onto this bus (a device hosted behind the port). */
    private java.util.function.Consumer<ApsFrame> outbound;

    public HanBus(Scheduler scheduler, Seeds seeds) {
        this(scheduler, seeds, new SimTime(DEFAULT_EPOCH));
    }

    /**
     * @param time what virtual time zero is in UTC: the devices on this bus take their UTCTime from it
     *             (the CH is the HAN's time master, requirements G.4)
     */
    public HanBus(Scheduler scheduler, Seeds seeds, SimTime time) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.time = Objects.requireNonNull(time, "time");
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The UTC meaning of virtual time for every device on this bus (G.4). */
    public SimTime time() {
        return time;
    }

    public Stats stats() {
        return stats;
    }

    /** Attaches a device, powered on. */
    public Attachment attach(long eui64, int shortAddress, int endpoint, Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (devices.containsKey(eui64)) {
            throw new IllegalArgumentException(String.format("EUI-64 %016X is already attached", eui64));
        }
        if (!shortAddresses.add(shortAddress)) { // a set, not a scan: attaching N devices stays linear
            throw new IllegalArgumentException(String.format("short address %04X is already in use", shortAddress));
        }
        Attachment a = new Attachment(eui64, shortAddress, endpoint, receiver);
        devices.put(eui64, a);
        powered.put(eui64, true);
        return a;
    }

    /** Every attached device, in attach order. */
    public List<Attachment> attachments() {
        return List.copyOf(devices.values());
    }

    /**
     * Hands every frame sent on this bus to {@code sink} instead of delivering it (no fate, no trace):
     * the bus of a device model hosted behind the device port, whose frames go out as FRAME_OUT and
     * meet their fate on the simulation's own bus (issue 17, ModelHost).
     */
    public void divertSends(java.util.function.Consumer<ApsFrame> sink) {
        outbound = Objects.requireNonNull(sink, "sink");
    }

    public Optional<Attachment> attachment(long eui64) {
        return Optional.ofNullable(devices.get(eui64));
    }

    /** A device that is off receives nothing (its frames in flight are dropped "receiver off"). */
    public void setPowered(long eui64, boolean on) {
        requireAttached(eui64);
        powered.put(eui64, on);
    }

    /**
     * Why frames to a device that is off are dropped, instead of "receiver off" (e.g. "device failed"
     * for an external device whose port failed); null restores the plain reason.
     */
    public void setOffReason(long eui64, String reason) {
        requireAttached(eui64);
        if (reason == null) {
            offReasons.remove(eui64);
        } else {
            offReasons.put(eui64, reason);
        }
    }

    /**
     * A sleepy device's radio (a battery GSME between wake-ups): while asleep it receives nothing and
     * frames that reach it are dropped "receiver asleep" (requirements G.3: the CH queues for it).
     */
    public void setAsleep(long eui64, boolean on) {
        requireAttached(eui64);
        if (on) {
            asleep.add(eui64);
        } else {
            asleep.remove(eui64);
        }
    }

    public boolean isAsleep(long eui64) {
        return asleep.contains(eui64);
    }

    public boolean isPowered(long eui64) {
        return powered.getOrDefault(eui64, false);
    }

    public void addTraceSink(TraceSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
    }

    /** Faults for every link that has no faults of its own. */
    public void setDefaultFaults(LinkFaults f) {
        defaultFaults = Objects.requireNonNull(f, "faults");
    }

    /** Faults of the directed link {@code from → to}. */
    public void setFaults(long fromEui64, long toEui64, LinkFaults f) {
        faults.put(new LinkKey(fromEui64, toEui64), Objects.requireNonNull(f, "faults"));
    }

    /** Faults of both directions between {@code a} and {@code b}. */
    public void setFaultsBothWays(long a, long b, LinkFaults f) {
        setFaults(a, b, f);
        setFaults(b, a, f);
    }

    public LinkFaults faults(long fromEui64, long toEui64) {
        return faults.getOrDefault(new LinkKey(fromEui64, toEui64), defaultFaults);
    }

    /**
     * Sends a frame: unicast to {@code destinationEui64}, or to every other attached device whose
     * endpoint matches (or all, for endpoint 0xFF) when {@link ApsFrame#isBroadcast()}.
     */
    public void send(ApsFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (outbound != null) {
            outbound.accept(frame);
            return;
        }
        stats.sent++;
        stats.bytesSent += frame.payload().length();
        if (!sinks.isEmpty()) { // no record built when nobody listens (a fleet's hot path, issue 8)
            trace(new TraceRecord(scheduler.now(), Kind.SEND, Fate.SENT, frame.destinationEui64(), frame, ""));
        }
        if (frame.isBroadcast()) {
            for (Attachment a : List.copyOf(devices.values())) {
                if (a.eui64 != frame.sourceEui64()
                        && (frame.destinationEndpoint() == 0xFF || frame.destinationEndpoint() == a.endpoint)) {
                    dispatch(frame, a);
                }
            }
            return;
        }
        Attachment to = devices.get(frame.destinationEui64());
        if (to == null) {
            stats.noSuchDevice++;
            if (!sinks.isEmpty()) {
                trace(new TraceRecord(scheduler.now(), Kind.DELIVERY, Fate.DROPPED, frame.destinationEui64(), frame,
                        NOT_ON_THE_HAN));
            }
            return;
        }
        int ep = frame.destinationEndpoint();
        if (ep != to.endpoint && ep != 0xFF && ep != 0x00) { // 0x00: the ZDO, which every device has
            stats.noSuchEndpoint++;
            if (!sinks.isEmpty()) {
                trace(new TraceRecord(scheduler.now(), Kind.DELIVERY, Fate.DROPPED, to.eui64, frame,
                        String.format("%s: 0x%02X, the device is on 0x%02X", NO_SUCH_ENDPOINT, ep, to.endpoint)));
            }
            return;
        }
        dispatch(frame, to);
    }

    private void dispatch(ApsFrame frame, Attachment to) {
        long now = scheduler.now();
        LinkKey key = new LinkKey(frame.sourceEui64(), to.eui64);
        LinkFaults f = faults.getOrDefault(key, defaultFaults);
        SplittableRandom rnd = streams.computeIfAbsent(key, k -> seeds.link(k.from, k.to));
        // Draw the same number of values for every frame, whatever its fate, so one fault setting
        // does not shift the stream of later frames' other decisions.
        double lossDraw = rnd.nextDouble() * 100;
        double dupDraw = rnd.nextDouble() * 100;
        long delay1 = draw(rnd, f);
        long delay2 = draw(rnd, f);
        boolean active = f.faultsActiveAt(now);
        if (frame.payload().length() > f.maxPayload()) {
            drop(frame, to, "too big: " + frame.payload().length() + " > " + f.maxPayload());
            stats.tooBig++;
            return;
        }
        if (f.isDownAt(now)) {
            drop(frame, to, "link down");
            stats.linkDown++;
            return;
        }
        if (active && lossDraw < f.lossPercent()) {
            drop(frame, to, "loss");
            stats.lost++;
            return;
        }
        if (!active) {
            delay1 = f.minDelay();
            delay2 = f.minDelay();
        }
        boolean holdBack = false;
        if (f.reorderPercent() > 0) {
            double reorderDraw = reorderStreams.computeIfAbsent(key, k -> seeds.stream("reorder", k.from, k.to))
                    .nextDouble() * 100;
            holdBack = active && reorderDraw < f.reorderPercent();
        }
        // One frame is held at a time: a frame that finds another held is the one that overtakes it.
        Held overtaken = held.isEmpty() ? null : held.remove(key); // no lookup on a link that never holds
        if (holdBack && overtaken == null) {
            hold(key, frame, to, delay1 + f.reorderHoldMax());
        } else {
            scheduler.after(delay1, () -> deliver(frame, to, false, ""));
        }
        if (overtaken != null) {
            overtaken.limit().cancel();
            stats.reordered++;
            // Scheduled after this frame's delivery at the same instant: the scheduler keeps that order.
            scheduler.after(delay1, () -> deliver(overtaken.frame(), overtaken.to(), false,
                    "reordered: held back and overtaken by a later frame"));
        }
        if (active && dupDraw < f.duplicatePercent()) {
            scheduler.after(delay2, () -> deliver(frame, to, true, ""));
        }
    }

    /** Holds {@code frame} on its link until a later frame overtakes it, or until {@code limit} from now. */
    private void hold(LinkKey key, ApsFrame frame, Attachment to, long limit) {
        Scheduler.Handle[] handle = new Scheduler.Handle[1];
        handle[0] = scheduler.after(limit, () -> {
            Held h = held.get(key);
            if (h != null && h.limit() == handle[0]) {
                held.remove(key);
                deliver(frame, to, false, "held back for reordering; no later frame came, delivered late");
            }
        });
        held.put(key, new Held(frame, to, handle[0]));
    }

    private static long draw(SplittableRandom rnd, LinkFaults f) {
        return f.maxDelay() > f.minDelay() ? f.minDelay() + rnd.nextLong(f.maxDelay() - f.minDelay() + 1) : f.minDelay();
    }

    private void deliver(ApsFrame frame, Attachment to, boolean duplicate, String detail) {
        if (!isPowered(to.eui64)) {
            stats.receiverOff++;
            drop(frame, to, offReasons.isEmpty() ? "receiver off" : offReasons.getOrDefault(to.eui64, "receiver off"));
            return;
        }
        if (!asleep.isEmpty() && asleep.contains(to.eui64)) {
            stats.receiverAsleep++;
            drop(frame, to, "receiver asleep");
            return;
        }
        if (duplicate) {
            stats.duplicated++;
        } else {
            stats.delivered++;
        }
        if (!sinks.isEmpty()) {
            trace(new TraceRecord(scheduler.now(), Kind.DELIVERY, duplicate ? Fate.DUPLICATED : Fate.DELIVERED,
                to.eui64, frame, detail));
        }
        to.receiver.receive(frame);
    }

    private void drop(ApsFrame frame, Attachment to, String why) {
        if (sinks.isEmpty()) {
            return;
        }
        trace(new TraceRecord(scheduler.now(), Kind.DELIVERY, Fate.DROPPED, to.eui64, frame, why));
    }

    private void trace(TraceRecord r) {
        for (TraceSink s : sinks) {
            s.record(r);
        }
    }

    private void requireAttached(long eui64) {
        if (!devices.containsKey(eui64)) {
            throw new IllegalArgumentException(String.format("EUI-64 %016X is not attached", eui64));
        }
    }
}

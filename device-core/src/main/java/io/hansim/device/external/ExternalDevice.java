package io.hansim.device.external;

import io.hansim.device.gb.DeviceClass;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.SimTime;
import io.hansim.port.PortCodec;
import io.hansim.port.PortMessage;
import io.hansim.port.PortOversizedException;
import io.hansim.port.PortProtocolException;
import io.hansim.port.PortReader;
import io.hansim.port.PortWriter;
import io.hansim.zigbee.zcl.Bytes;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A device under test outside hansim, on the HAN through the device port (docs/device-port.md, issue
 * 17): a {@link Node} whose cluster roles live across the port. Frames to it go out as FRAME_IN; its
 * FRAME_OUTs are transmitted by the node with the node's addresses and APS counter; the node answers
 * ZDO Match Descriptor Requests from the clusters in its HELLO. In lockstep the device's DONE deadline
 * is a node timer (it dies with the power), and hansim waits for each DONE. Its flash regions are kept
 * here and survive power cuts and restarts. A device that crashes, hangs or sends garbage gets a
 * {@link DevicePortFailure}, is powered off (frames to it are dropped "device failed") and the run goes
 * on.
 *
 * <p>Not thread-safe, like the simulation it is part of; a real-time device's reader thread only queues.
 */
public final class ExternalDevice implements HanDevice, AutoCloseable {
    /** hansim's own limit on a device's regions, in octets (docs/device-port.md "Flash regions"). */
    public static final long MAX_STORAGE = 64L << 20;

    /** Log lines kept per device: the most recent ones (decision 0017: bounded logs). */
    public static final int MAX_LOG_LINES = 10_000;

    /** The real-time pacing step in virtual time (how often hansim looks for the device's messages). */
    public static final long REALTIME_TICK = 10_000;

    /** Why frames to a failed device are dropped. */
    public static final String DEVICE_FAILED = "device failed";

    /** One log line with its virtual time. */
    public record LogLine(long time, int level, String line) {
    }

    private static final Object EOF = new Object();

    private final ExternalSpec spec;
    private final HanBus bus;
    private final Node node;
    private final PortMessage.Hello hello;
    private final PortConnection connection;
    private final PortWriter writer;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Map<String, byte[]> regions = new LinkedHashMap<>();
    /**
     * The most octets one READ_RESULT carries: what fits the protocol's default max-message (65 536) with
     * its type, status and length, whatever this side accepts, so every shim can take it.
     */
    static final int READ_RESULT_MAX_DATA = 65_536 - 6;
    /** Set by the write watchdog when it killed a connection whose device stopped reading. */
    private volatile boolean writeTimedOut;
    private long storage;
    private final Map<String, String> status = new LinkedHashMap<>();
    private final ArrayDeque<LogLine> logs = new ArrayDeque<>();
    private final Map<String, String> welcomeParams = new LinkedHashMap<>();
    private final List<PortMessage.Peer> peers = new ArrayList<>();
    private DevicePortFailure failure;
    private boolean welcomed;
    private boolean orderlyOff;
    private boolean restarting;
    private boolean closed;
    private Scheduler.Handle deadline;
    private long exchanges;
    /** The simulation scheduler's sequence counter at WELCOME (index 0) and at each event sent (1, 2, …). */
    private long[] seqAtEvent = new long[64];
    /** The order key DEADLINE_ORIGIN gave for the coming DONE, or -1. */
    private long pendingOrderKey = -1;
    private long hubEui64;
    private SmetsVersion hubSmets = SmetsVersion.SMETS2_PLUS;
    private long wallStart;
    private long virtualStart;

    /**
     * Starts or connects to the device and waits for its HELLO (at most the hello timeout). A device
     * that gives none is built anyway, already failed, so the run and its report show why.
     */
    public ExternalDevice(ExternalSpec spec, HanBus bus) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.bus = java.util.Objects.requireNonNull(bus, "bus");
        long now = bus.scheduler().now();
        PortConnection c = null;
        PortMessage.Hello h = null;
        DevicePortFailure f = null;
        long helloDeadline = System.nanoTime() + spec.helloTimeout().toNanos();
        try {
            if (spec.launch() instanceof ExternalSpec.Command cmd) {
                c = PortConnection.start(cmd);
            } else {
                c = PortConnection.connect((ExternalSpec.Connect) spec.launch(), helloDeadline);
            }
        } catch (IOException e) {
            f = new DevicePortFailure(DevicePortFailure.Kind.CRASHED,
                    (spec.launch() instanceof ExternalSpec.Command ? "could not start " : "") + e.getMessage(), now);
        }
        this.connection = c;
        this.writer = c == null ? null : new PortWriter(c.out);
        if (c != null) {
            startReader(c);
            Object o = take(helloDeadline);
            if (o instanceof PortMessage.Hello hh) {
                h = hh;
                f = checkHello(hh, now);
            } else {
                f = classify(o, "HELLO", "within the hello timeout " + seconds(spec.helloTimeout()), now);
            }
        }
        this.hello = f == null ? h : h; // a HELLO that fails its checks is still shown in reports
        long eui = h != null && f == null ? h.eui64()
                : spec.eui64() != null ? spec.eui64() : placeholderEui64(spec.name());
        int endpoint = h != null && f == null ? h.endpoint() : Node.DEFAULT_ENDPOINT;
        this.node = new Node(spec.name(), eui, spec.shortAddress(), endpoint, bus, 0).owner(this);
        node.forwardFrames(h == null || f != null ? List.of() : h.serverClusters(),
                h == null || f != null ? List.of() : h.clientClusters(), this::frameIn);
        node.afterBoot(this::booted);
        node.onPowerLost(this::powerLost);
        if (f != null) {
            failure = f;
            if (connection != null) {
                connection.kill();
            }
        }
    }

    private DevicePortFailure checkHello(PortMessage.Hello h, long now) {
        if (h.version() != PortMessage.VERSION) {
            return new DevicePortFailure(DevicePortFailure.Kind.VERSION, "the device speaks protocol version "
                    + h.version() + "; hansim speaks " + PortMessage.VERSION, now);
        }
        String why = null;
        if (!h.kind().equals(spec.stands())) {
            why = "HELLO kind \"" + h.kind() + "\" but the device stands in for " + spec.stands();
        } else if (spec.eui64() != null && spec.eui64() != h.eui64()) {
            why = String.format("HELLO EUI-64 %016X but the scenario gives %016X", h.eui64(), spec.eui64());
        } else if (h.endpoint() < 1 || h.endpoint() > 240) {
            why = "HELLO endpoint " + h.endpoint() + " is not 1..240";
        }
        return why == null ? null : new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, why, now);
    }

    /** A stable EUI-64 for a device that never said its own (0xEE prefix: not a real OUI here). */
    private static long placeholderEui64(String name) {
        return 0xEE00_0000_0000_0000L | (name.hashCode() & 0xFFFF_FFFFL);
    }

    private void startReader(PortConnection c) {
        PortReader reader = PortReader.ofDevice(c.in, spec.maxMessage());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    PortMessage m = reader.read();
                    if (m == null) {
                        queue.add(EOF);
                        return;
                    }
                    if (spec.clock() == ExternalSpec.Clock.REALTIME) {
                        // Real time: READ is answered at once, from this thread, so the WRITEs and ERASEs
                        // before it in the stream take effect here too, in stream order: a READ must see
                        // what the device wrote just before it (lane B found a last block missing when the
                        // WRITE waited in the queue for the next pacing tick while its READ was answered).
                        if (m instanceof PortMessage.Read r) {
                            answerRead(r);
                            continue;
                        }
                        if (m instanceof PortMessage.Write w && writeIfItFits(w)) {
                            continue; // one that does not fit goes through the queue to fail the device
                        }
                        if (m instanceof PortMessage.Erase e) {
                            erase(e);
                            continue;
                        }
                    }
                    queue.add(m);
                }
            } catch (IOException | RuntimeException e) {
                queue.add(e);
            }
        }, "hansim-port-" + spec.name());
        t.setDaemon(true);
        t.start();
    }

    /** The next thing the reader queued, or null at {@code deadlineNanos}. */
    private Object take(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            return wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What a non-message from the reader means while waiting for {@code what}. */
    private DevicePortFailure classify(Object o, String what, String limit, long now) {
        if (o == null) {
            return new DevicePortFailure(DevicePortFailure.Kind.TIMEOUT, "no " + what + " " + limit, now);
        }
        if (o instanceof PortOversizedException x) {
            return new DevicePortFailure(DevicePortFailure.Kind.OVERSIZED, "message of " + x.length()
                    + " octets at stream offset " + x.offset() + " is above max-message " + x.maxMessage(), now);
        }
        if (o instanceof PortProtocolException x) {
            return new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, x.getMessage(), now);
        }
        if (o == EOF || o instanceof IOException) {
            String how = o == EOF ? "closed its stream" : o instanceof EOFException ? "closed its stream mid-message ("
                    + ((IOException) o).getMessage() + ")" : "stream failed: " + ((IOException) o).getMessage();
            StringBuilder d = new StringBuilder("the device ").append(how).append(" while hansim waited for ")
                    .append(what);
            if (connection != null && connection.isProcess()) {
                Integer exit = connection.exitStatus(1000);
                d.append(exit == null ? "; the process still runs" : "; exit status " + exit);
                String tail = connection.stderrTail();
                if (!tail.isEmpty()) {
                    d.append("; stderr: ").append(tail.strip());
                }
            }
            return new DevicePortFailure(DevicePortFailure.Kind.CRASHED, d.toString(), now);
        }
        if (o instanceof PortMessage.Bye b) {
            return new DevicePortFailure(DevicePortFailure.Kind.LEFT, "the device said BYE: " + b.reason(), now);
        }
        if (o instanceof RuntimeException x) {
            return new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, x.toString(), now);
        }
        return new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, "expected " + what + ", got "
                + ((PortMessage) o).getClass().getSimpleName(), now);
    }

    // ---- what the simulation tells it

    /** Joins the CH (R7.3, R202.3, R202.4): registered as the class of the kind it stands in for. */
    public void joinedTo(CommsHub hub) {
        hubEui64 = hub.eui64();
        hubSmets = hub.smetsVersion();
        if (deviceClass() == DeviceClass.PPMID) {
            hub.join(eui64(), DeviceClass.PPMID, () -> hubSmets, spec.capability());
        } else {
            hub.join(eui64(), deviceClass(), null);
        }
        welcomeParams.put("ch.smets", hub.smetsVersion() == SmetsVersion.SMETS1 ? "SMETS1" : "SMETS2+");
        welcomeParams.put("ch.eui64", String.format("%016X", hub.eui64()));
        welcomeParams.put("device.name", spec.name());
        welcomeParams.put("ota.blockSize", Integer.toString(hub.spec().ota().transfer().blockSizeCap()));
    }

    /** A WELCOME parameter (docs/device-port.md "WELCOME parameters"); before the device boots. */
    public void welcomeParam(String key, String value) {
        welcomeParams.put(key, value);
    }

    /** The devices on the HAN that WELCOME lists; before the device boots. */
    public void peers(List<PortMessage.Peer> p) {
        peers.clear();
        peers.addAll(p);
    }

    /** The class of the kind it stands in for, as the CH's OTA side sees it (R7.1, R7.2). */
    public DeviceClass deviceClass() {
        return switch (spec.stands()) {
            case "ppmid" -> DeviceClass.PPMID;
            case "hcalcs" -> DeviceClass.HCALCS;
            default -> DeviceClass.IHD;
        };
    }

    /** The PPMID's SMETS version: its CH's (R202.3). */
    public SmetsVersion resultingSmetsVersion() {
        return hubSmets;
    }

    // ---- what it offers

    @Override
    public Node node() {
        return node;
    }

    public ExternalSpec spec() {
        return spec;
    }

    /** The HELLO the device introduced itself with (empty if it never did). */
    public Optional<PortMessage.Hello> hello() {
        return Optional.ofNullable(hello);
    }

    /** Why the device was taken off the HAN, if it was. */
    public Optional<DevicePortFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** False when the device runs in real time: the run is then not deterministic. */
    public boolean isDeterministic() {
        return spec.clock() == ExternalSpec.Clock.LOCKSTEP;
    }

    /** The status the device exports (STATUS), in the order keys were first set. */
    public Map<String, String> status() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(status));
    }

    /** The device's log lines (the last {@link #MAX_LOG_LINES}). */
    public List<LogLine> logs() {
        return List.copyOf(logs);
    }

    /** Copies of the device's flash regions by name. */
    public synchronized Map<String, byte[]> regions() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        regions.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    public synchronized Optional<byte[]> region(String name) {
        byte[] b = regions.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** Events the device has answered. */
    public long exchanges() {
        return exchanges;
    }

    /** The running firmware's File Version from the status key {@code firmware.version} (8 hex digits). */
    @Override
    public long runningFirmwareVersion() {
        String v = status.get("firmware.version");
        if (v != null) {
            try {
                return Long.parseLong(v.strip(), 16) & 0xFFFF_FFFFL;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** An orderly power-down (POWER off), as opposed to {@link #powerOff()}, a cut. */
    public void powerDown() {
        orderlyOff = true;
        try {
            node.powerOff();
        } finally {
            orderlyOff = false;
        }
    }

    // ---- the session

    /** Every power-on, the first boot included: WELCOME first, then POWER on. */
    private void booted() {
        if (failure != null) {
            bus.setOffReason(node.eui64(), DEVICE_FAILED); // failed before it joined: off the HAN from the start
            node.powerOff();
            return;
        }
        long now = node.now();
        if (!welcomed) {
            welcomed = true;
            PortMessage.Welcome w = new PortMessage.Welcome(PortMessage.VERSION,
                    spec.clock() == ExternalSpec.Clock.LOCKSTEP ? PortMessage.Clock.LOCKSTEP
                            : PortMessage.Clock.REALTIME,
                    now, bus.time().zclUtcTimeAt(0), bus.scheduler() == null ? 0 : seed(), spec.shortAddress(),
                    peers, welcomeParams());
            seqAtEvent[0] = bus.scheduler().nextSeq();
            if (!send(w)) {
                return;
            }
            if (spec.clock() == ExternalSpec.Clock.REALTIME) {
                wallStart = System.nanoTime();
                virtualStart = now;
                bus.scheduler().at(now, this::pace);
            }
        }
        exchange(new PortMessage.Power(now, PortMessage.PowerState.ON), false);
    }

    private long seedValue;

    /** The simulation's seed (WELCOME {@code seed}), given by the simulation. */
    public void seed(long s) {
        seedValue = s;
    }

    private long seed() {
        return seedValue;
    }

    private Map<String, String> welcomeParams() {
        Map<String, String> m = new LinkedHashMap<>(welcomeParams);
        m.putAll(spec.params());
        return m;
    }

    private void powerLost() {
        cancelDeadline();
        if (failure != null || !welcomed || restarting) {
            return;
        }
        exchange(new PortMessage.Power(node.now(), orderlyOff ? PortMessage.PowerState.OFF
                : PortMessage.PowerState.CUT), !orderlyOff);
    }

    private void frameIn(ApsFrame f) {
        if (failure != null) {
            return;
        }
        exchange(new PortMessage.FrameIn(node.now(), f.sourceEui64(), f.sourceShort(), f.sourceEndpoint(),
                f.destinationEndpoint(), f.profileId(), f.clusterId(), f.isBroadcast(),
                io.hansim.port.Octets.of(f.payload().toArray())), false);
    }

    private void timerFired() {
        deadline = null;
        if (failure != null) {
            return;
        }
        exchange(new PortMessage.Timer(node.now()), false);
    }

    /**
     * The device's timer at {@code at}: kept if it is already armed there (its place among same-instant
     * events stays), else ordered by DEADLINE_ORIGIN when the device gave one.
     */
    private void arm(long at) {
        long key = pendingOrderKey >= 0 ? pendingOrderKey : bus.scheduler().nextSeq();
        if (deadline != null && !deadline.isDone() && !deadline.isCancelled() && deadline.time() == at
                && (pendingOrderKey < 0 || deadline.orderKey() == key)) {
            return;
        }
        cancelDeadline();
        deadline = node.timer(at, key, this::timerFired);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    private boolean send(PortMessage.FromHansim m) {
        try {
            guardedWrite(m);
            return true;
        } catch (IOException e) {
            if (writeTimedOut) {
                fail(new DevicePortFailure(DevicePortFailure.Kind.TIMEOUT, "the device did not take hansim's "
                        + m.getClass().getSimpleName() + " within the exchange timeout "
                        + seconds(spec.exchangeTimeout()) + " (it stopped reading its input)", node.now()));
                return false;
            }
            // the device has gone: what the reader saw (EOF, its exit) says more than the broken pipe
            Object o = take(System.nanoTime() + 1_000_000_000L);
            fail(classify(o == null ? e : o, "a message to be taken", "", node.now()));
            return false;
        }
    }

    /**
     * Writes one message, from either thread (the simulation's, or a real-time reader answering READ),
     * under a watchdog: a device that stops reading its input would otherwise block hansim in a full pipe
     * or socket buffer for ever. Past the exchange timeout the watchdog kills the connection, which ends
     * the write with an IOException that {@link #writeTimedOut} explains.
     */
    private void guardedWrite(PortMessage.FromHansim m) throws IOException {
        java.util.concurrent.ScheduledFuture<?> dog = Watchdog.EXECUTOR.schedule(() -> {
            writeTimedOut = true;
            connection.kill();
        }, spec.exchangeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            synchronized (writer) {
                writer.write(m);
            }
        } finally {
            dog.cancel(false);
        }
    }

    /** One daemon thread for every device's write watchdog; it only ever kills a stuck connection. */
    private static final class Watchdog {
        static final java.util.concurrent.ScheduledThreadPoolExecutor EXECUTOR;

        static {
            EXECUTOR = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "hansim-port-watchdog");
                t.setDaemon(true);
                return t;
            });
            EXECUTOR.setRemoveOnCancelPolicy(true); // most watchdogs are cancelled within microseconds
        }
    }

    /**
     * Sends an event and, in lockstep, carries out the device's answer up to its DONE ({@code discard}:
     * a power cut's answer, of which nothing is done). In real time the event is only sent.
     */
    private void exchange(PortMessage.Event e, boolean discard) {
        long seqNow = bus.scheduler().nextSeq();
        if (!send(e)) {
            return;
        }
        exchanges++;
        if (exchanges >= seqAtEvent.length) {
            seqAtEvent = java.util.Arrays.copyOf(seqAtEvent, seqAtEvent.length * 2);
        }
        seqAtEvent[(int) exchanges] = seqNow;
        pendingOrderKey = -1;
        if (spec.clock() == ExternalSpec.Clock.REALTIME) {
            return;
        }
        long limit = System.nanoTime() + spec.exchangeTimeout().toNanos();
        while (failure == null) {
            Object o = take(limit);
            if (o instanceof PortMessage.Done d) {
                if (!discard && node.isPowered() && d.hasDeadline()) {
                    arm(Math.max(d.nextDeadline(), node.now()));
                } else {
                    cancelDeadline();
                }
                pendingOrderKey = -1;
                return;
            }
            if (o instanceof PortMessage.DeadlineOrigin x) {
                if (x.event() > exchanges) {
                    fail(new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, "DEADLINE_ORIGIN names event "
                            + x.event() + " but only " + exchanges + " were sent", e.now()));
                    return;
                }
                pendingOrderKey = seqAtEvent[(int) x.event()];
                continue;
            }
            if (o instanceof PortMessage.FromDevice m && !(m instanceof PortMessage.Hello)
                    && !(m instanceof PortMessage.Bye)) {
                act(m, discard);
            } else {
                fail(classify(o, "DONE", "within the exchange timeout " + seconds(spec.exchangeTimeout())
                        + " after " + eventName(e) + " at " + SimTime.format(e.now()), e.now()));
            }
        }
    }

    /** Real time: virtual time follows the wall clock; the device's messages are taken as they come. */
    private void pace() {
        if (failure != null || closed) {
            return;
        }
        long now = bus.scheduler().now();
        long wallDue = wallStart + (now - virtualStart) * 1_000;
        long sleep = wallDue - System.nanoTime();
        if (sleep > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Object o;
        while (failure == null && (o = queue.poll()) != null) {
            if (o instanceof PortMessage.Done) {
                continue; // the device keeps its own timers in real time
            }
            if (o instanceof PortMessage.FromDevice m && !(m instanceof PortMessage.Hello)
                    && !(m instanceof PortMessage.Bye)) {
                act(m, !node.isPowered());
            } else {
                fail(classify(o, "a message", "", now));
            }
        }
        if (failure == null) {
            bus.scheduler().at(now + REALTIME_TICK, this::pace);
        }
    }

    /** One action of an answer. */
    private void act(PortMessage.FromDevice m, boolean discard) {
        long now = node.now();
        if (m instanceof PortMessage.Read r) {
            if (!answerRead(r)) {
                fail(writeTimedOut
                        ? new DevicePortFailure(DevicePortFailure.Kind.TIMEOUT, "the device did not take its READ_RESULT"
                                + " within the exchange timeout " + seconds(spec.exchangeTimeout())
                                + " (it stopped reading its input)", now)
                        : new DevicePortFailure(DevicePortFailure.Kind.CRASHED, "the device's stream closed during READ",
                                now));
            }
            return;
        }
        if (m instanceof PortMessage.Log l) {
            logs.addLast(new LogLine(now, l.level(), l.line()));
            if (logs.size() > MAX_LOG_LINES) {
                logs.removeFirst();
            }
            return;
        }
        if (discard) {
            return; // no power to do it (a cut's answer, or a real-time action while off)
        }
        if (m instanceof PortMessage.FrameOut f) {
            if (node.isPowered()) {
                node.transmitFrame(f.dstEui64(), f.dstEndpoint(), f.srcEndpoint(), f.profile(), f.cluster(),
                        Bytes.of(f.zcl().toArray()));
            }
        } else if (m instanceof PortMessage.Write w) {
            write(w, now);
        } else if (m instanceof PortMessage.Erase e) {
            erase(e);
        } else if (m instanceof PortMessage.Status s) {
            s.values().forEach((k, v) -> {
                if (v.isEmpty()) {
                    status.remove(k);
                } else {
                    status.put(k, v);
                }
            });
        } else if (m instanceof PortMessage.Restart r) {
            if (node.isPowered()) {
                restarting = true; // the device knows it is going down: no POWER cut is sent
                try {
                    node.powerOff();
                } finally {
                    restarting = false;
                }
                bus.scheduler().at(Math.addExact(now, r.delay()), node::powerOn);
            }
        }
    }

    private synchronized void erase(PortMessage.Erase e) {
        byte[] old = regions.remove(e.region());
        storage -= old == null ? 0 : old.length;
    }

    /** Real time, on the reader thread: applies {@code w} unless it would pass the storage limit. */
    private synchronized boolean writeIfItFits(PortMessage.Write w) {
        byte[] old = regions.get(w.region());
        long size = Math.max(old == null ? 0 : old.length, w.offset() + w.data().length());
        if (storage + size - (old == null ? 0 : old.length) > MAX_STORAGE) {
            return false;
        }
        write(w, 0);
        return true;
    }

    private synchronized void write(PortMessage.Write w, long now) {
        byte[] old = regions.get(w.region());
        long end = w.offset() + w.data().length();
        long size = Math.max(old == null ? 0 : old.length, end);
        long grow = size - (old == null ? 0 : old.length);
        if (storage + grow > MAX_STORAGE) {
            fail(new DevicePortFailure(DevicePortFailure.Kind.PROTOCOL, "WRITE of " + w.data().length() + " octets at "
                    + w.offset() + " into \"" + w.region() + "\" would take the device's regions above "
                    + MAX_STORAGE + " octets (maxStorage)", now));
            return;
        }
        byte[] b = old;
        if (old == null || size > old.length) {
            b = new byte[(int) size];
            java.util.Arrays.fill(b, (byte) 0xFF); // a gap reads as erased flash
            if (old != null) {
                System.arraycopy(old, 0, b, 0, old.length);
            }
        }
        System.arraycopy(w.data().toArray(), 0, b, (int) w.offset(), w.data().length());
        regions.put(w.region(), b);
        storage += grow;
    }

    /** Answers READ at once; false if the stream is gone. */
    private boolean answerRead(PortMessage.Read r) {
        PortMessage.ReadResult rr;
        synchronized (this) {
            byte[] b = regions.get(r.region());
            if (b == null) {
                rr = new PortMessage.ReadResult(PortMessage.ReadResult.NO_SUCH_REGION, io.hansim.port.Octets.EMPTY);
            } else if (r.offset() > b.length) {
                rr = new PortMessage.ReadResult(PortMessage.ReadResult.BEYOND_END, io.hansim.port.Octets.EMPTY);
            } else {
                // At most what fits one message (docs/device-port.md, READ): a device reads a big region in parts.
                long n = Math.min(Math.min(r.length(), b.length - r.offset()), READ_RESULT_MAX_DATA);
                rr = new PortMessage.ReadResult(PortMessage.ReadResult.OK,
                        io.hansim.port.Octets.of(b, (int) r.offset(), (int) n));
            }
        }
        try {
            guardedWrite(rr);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes the device off the HAN: powered off, frames to it dropped "device failed", process killed. */
    private void fail(DevicePortFailure f) {
        if (failure != null) {
            return;
        }
        failure = f;
        cancelDeadline();
        if (connection != null) {
            connection.kill();
        }
        bus.setOffReason(node.eui64(), DEVICE_FAILED);
        node.powerOff();
    }

    /**
     * Ends the session: BYE, the device's BYE (and its exit) within the bye timeout, then the process
     * is killed whatever it does. Safe to call twice.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connection == null) {
            return;
        }
        if (failure == null) {
            try {
                guardedWrite(new PortMessage.HansimBye("the run is over"));
                long limit = System.nanoTime() + spec.byeTimeout().toNanos();
                Object o;
                while ((o = take(limit)) != null && !(o instanceof PortMessage.Bye) && o != EOF
                        && !(o instanceof Exception)) {
                    // actions after the run are ignored
                }
                if (connection.isProcess()) {
                    connection.exitStatus(Math.max(0, (limit - System.nanoTime()) / 1_000_000));
                }
            } catch (IOException e) {
                // gone already
            }
        }
        connection.kill();
    }

    private static String eventName(PortMessage.Event e) {
        if (e instanceof PortMessage.Power p) {
            return "POWER " + p.state().name().toLowerCase(java.util.Locale.ROOT);
        }
        return e instanceof PortMessage.FrameIn ? "FRAME_IN" : "TIMER";
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "external " + spec.stands() + " " + node;
    }

    static int defaultMaxMessage() {
        return PortCodec.DEFAULT_MAX_MESSAGE;
    }
}

package io.hansim.device.node;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.sim.SimTime;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device on the HAN as the network sees it (DESIGN.md §2): APS addressing, power, flash
 * ({@link NonVolatileStore}), timers that die with the power, and one {@link ZclEndpoint} carrying the
 * device's cluster roles. Final: what a device does is the roles it is given, not a subclass.
 *
 * <p>Power: {@link #powerOff()} loses RAM (every role's {@link ClusterRole#powerLost()}) and every
 * timer; the flash stays. {@link #powerOn()} boots every role from what the flash holds, in the order
 * the roles were added.
 */
public final class Node implements Port {
    /** See {@link HanDevice#REBOOT_DELAY}. */
    public static final long REBOOT_DELAY = 1_000_000;

    /** The application endpoint of hansim's devices unless a device kind gives another. */
    public static final int DEFAULT_ENDPOINT = 1;

    private static final HanDevice.ActivityListener[] NO_LISTENERS = {};

    private final String name;
    private final long eui64;
    private final int shortAddress;
    private final HanBus bus;
    private final NonVolatileStore store;
    private final ZclEndpoint endpoint;
    private final List<Scheduler.Handle> timers = new ArrayList<>();
    private HanDevice owner;
    private boolean powered;
    private boolean attached;
    private int apsCounter;
    private int tsn;
    private long framesReceived;
    private HanDevice.ActivityListener[] activityListeners = NO_LISTENERS;
    private int sweepAt = 64;
    /** Null while the device keeps the CH's time (most of a fleet: no object per device, issue 8). */
    private DeviceClock clock;
    private EndpointPolicy endpointPolicy = EndpointPolicy.BOUND;
    /** What discovery knows and waits for; only off BOUND (issue 8's memory budget per idle device). */
    private Discovery discovery;

    /** Endpoint discovery state (G.5). */
    private static final class Discovery {
        /** Endpoints learnt by discovery or from frames received, by (device, cluster). */
        final java.util.Map<PeerCluster, Integer> endpoints = new java.util.HashMap<>();
        /** Unicasts waiting for a Match Descriptor answer, by (device, cluster). */
        final java.util.Map<PeerCluster, List<Bytes>> waiting = new java.util.LinkedHashMap<>();
        /** Match Descriptor Requests in flight: transaction sequence number → what they ask about. */
        final java.util.Map<Integer, PeerCluster> asking = new java.util.HashMap<>();
        int tsn;
        long failures;
        long answered;
        /** How long a discovery waits for its answer before the frames waiting on it are given up, µs. */
        long timeout = 10_000_000L;
    }

    private record PeerCluster(long eui64, int clusterId) {
    }
    /** Frames for a device whose cluster roles live across the device port (issue 17), else null. */
    private java.util.function.Consumer<ApsFrame> forwarder;
    private List<Integer> forwardedServer = List.of();
    private List<Integer> forwardedClient = List.of();
    /** What runs when the power goes (after RAM and timers are lost); empty for most devices. */
    private List<Runnable> onPowerLost = List.of();
    /** Set: {@link #reboot} asks this instead of rebooting itself (a model hosted behind the port). */
    private java.util.function.LongConsumer rebootHandler;

    /** The shared empty list until a boot action is added: most devices have none (issue 8's memory budget). */
    private List<Runnable> afterBoot = List.of();

    public Node(String name, long eui64, int shortAddress, HanBus bus, long factoryFirmwareVersion) {
        this(name, eui64, shortAddress, DEFAULT_ENDPOINT, bus, factoryFirmwareVersion);
    }

    public Node(String name, long eui64, int shortAddress, int endpointId, HanBus bus, long factoryFirmwareVersion) {
        this.name = Objects.requireNonNull(name, "name");
        this.eui64 = eui64;
        this.shortAddress = shortAddress;
        this.bus = Objects.requireNonNull(bus, "bus");
        this.store = new NonVolatileStore(factoryFirmwareVersion);
        this.endpoint = new ZclEndpoint(endpointId, this);
    }

    /** The device this node is the network face of (told to activity listeners); set once. */
    public Node owner(HanDevice device) {
        if (owner != null) {
            throw new IllegalStateException(name + " already belongs to " + owner);
        }
        owner = Objects.requireNonNull(device, "device");
        return this;
    }

    /** What the roles of this node may use. */
    public Port port() {
        return this;
    }

    /** The device's own clock (G.4). */
    public DeviceClock clock() {
        if (clock == null) {
            clock = DeviceClock.perfect(); // made on demand: a time client needs one to set
        }
        return clock;
    }

    /** Gives the device its own clock (offset and drift, G.4); before it boots. */
    public Node clock(DeviceClock c) {
        clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    public EndpointPolicy endpointPolicy() {
        return endpointPolicy;
    }

    /** How the device finds the endpoints it sends to (G.5); before it is attached. */
    public Node endpointPolicy(EndpointPolicy p) {
        if (attached) {
            throw new IllegalStateException(name + " is attached: its endpoint policy is set before it boots");
        }
        endpointPolicy = Objects.requireNonNull(p, "policy");
        if (p != EndpointPolicy.BOUND && discovery == null) {
            discovery = new Discovery();
        }
        return this;
    }

    /** How long a Match Descriptor Request waits for its answer (µs) before its frames are given up. */
    public Node discoveryTimeout(long micros) {
        if (micros <= 0) {
            throw new IllegalArgumentException("discovery timeout must be positive, was " + micros);
        }
        if (discovery == null) {
            discovery = new Discovery();
        }
        discovery.timeout = micros;
        return this;
    }

    /** The endpoint this device found (or was told by a frame) serving {@code clusterId} on {@code eui64}. */
    public Optional<Integer> knownEndpoint(long eui64, int clusterId) {
        return discovery == null ? Optional.empty()
                : Optional.ofNullable(discovery.endpoints.get(new PeerCluster(eui64, clusterId)));
    }

    /** Unicasts given up because discovery found no endpoint for them (G.5). */
    public long discoveryFailures() {
        return discovery == null ? 0 : discovery.failures;
    }

    /** Match Descriptor Requests this device answered. */
    public long matchDescriptorsAnswered() {
        return discovery == null ? 0 : discovery.answered;
    }

    /** Adds a cluster role to the endpoint; before the node is attached. */
    public <R extends ClusterRole> R add(R role) {
        if (attached) {
            throw new IllegalStateException(name + " is attached: roles are added before it boots");
        }
        endpoint.add(role);
        return role;
    }

    /**
     * Something the device runs after its roles have booted, at every power-on (e.g. a sleepy
     * device's wake cycle, which arms its first wake from there); added before the node boots.
     */
    public void afterBoot(Runnable action) {
        if (attached) {
            throw new IllegalStateException(name + " is attached: boot actions are added before it boots");
        }
        Objects.requireNonNull(action, "action");
        if (afterBoot.isEmpty()) {
            afterBoot = new ArrayList<>(2);
        }
        afterBoot.add(action);
    }

    /**
     * The device's application lives across the device port (issue 17): every frame it receives, but
     * ZDO Match Descriptor Requests, goes to {@code forwarder} as it is (no ZCL decoding, no answer from
     * hansim), and the node answers Match Descriptor Requests from the clusters the device declared
     * ({@code server}, {@code client}) instead of from roles. Before the node is attached.
     */
    public Node forwardFrames(List<Integer> server, List<Integer> client, java.util.function.Consumer<ApsFrame> to) {
        if (attached) {
            throw new IllegalStateException(name + " is attached: forwarding is set before it boots");
        }
        forwardedServer = List.copyOf(server);
        forwardedClient = List.copyOf(client);
        forwarder = Objects.requireNonNull(to, "forwarder");
        return this;
    }

    /** Something the node runs each time its power goes, after RAM and timers are lost; before boot. */
    public void onPowerLost(Runnable action) {
        if (attached) {
            throw new IllegalStateException(name + " is attached: power actions are added before it boots");
        }
        Objects.requireNonNull(action, "action");
        if (onPowerLost.isEmpty()) {
            onPowerLost = new ArrayList<>(1);
        }
        onPowerLost.add(action);
    }

    /**
     * Restarts ({@link #reboot}) go to {@code handler} with their delay instead of being done here: a
     * model hosted behind the device port tells hansim, which powers its node off and on (issue 17).
     */
    public void rebootHandler(java.util.function.LongConsumer handler) {
        rebootHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Sends a frame the device built itself (device port FRAME_OUT): the node adds its addresses and
     * APS counter; {@code destinationEui64} {@link ApsFrame#BROADCAST_EUI64} with endpoint 0xFF
     * broadcasts to receivers on when idle.
     */
    public void transmitFrame(long destinationEui64, int destinationEndpoint, int sourceEndpoint, int profile,
            int clusterId, Bytes zcl) {
        if (destinationEui64 == ApsFrame.BROADCAST_EUI64 && destinationEndpoint == 0xFF) {
            transmit(ApsFrame.BROADCAST_EUI64, ApsFrame.BROADCAST_RX_ON_WHEN_IDLE, 0xFF, profile, sourceEndpoint,
                    clusterId, zcl);
            return;
        }
        int destShort = bus.attachment(destinationEui64).map(HanBus.Attachment::shortAddress)
                .orElse(ApsFrame.ADDRESS_UNKNOWN);
        transmit(destinationEui64, destShort, destinationEndpoint, profile, sourceEndpoint, clusterId, zcl);
    }

    public ZclEndpoint endpoint() {
        return endpoint;
    }

    /** The role of type {@code type}, if the endpoint has one. */
    public <R> Optional<R> role(Class<R> type) {
        for (ClusterRole r : endpoint.roles()) {
            if (type.isInstance(r)) {
                return Optional.of(type.cast(r));
            }
        }
        return Optional.empty();
    }

    /** Attaches the node to its bus and boots it (done once by the simulation). */
    public void attachAndBoot() {
        if (attached) {
            throw new IllegalStateException(name + " is already attached");
        }
        attached = true;
        bus.attach(eui64, shortAddress, endpoint.endpointId(), this::receive);
        powered = true;
        endpoint.boot();
        afterBoot.forEach(Runnable::run);
        activity();
    }

    public void addActivityListener(HanDevice.ActivityListener l) {
        Objects.requireNonNull(l, "listener");
        HanDevice.ActivityListener[] a = Arrays.copyOf(activityListeners, activityListeners.length + 1);
        a[a.length - 1] = l;
        activityListeners = a;
    }

    private void activity() {
        for (HanDevice.ActivityListener l : activityListeners) {
            l.afterActivity(owner);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public long eui64() {
        return eui64;
    }

    public int shortAddress() {
        return shortAddress;
    }

    @Override
    public boolean isPowered() {
        return powered;
    }

    @Override
    public NonVolatileStore store() {
        return store;
    }

    public long framesReceived() {
        return framesReceived;
    }

    public HanBus bus() {
        return bus;
    }

    @Override
    public long now() {
        return bus.scheduler().now();
    }

    /** ZCL UTCTime by the device's own clock (G.4). */
    @Override
    public long utcNow() {
        return bus.time().zclUtcTimeAt(localTime(now()));
    }

    /** The instant by the device's own clock (G.4). */
    public java.time.Instant instantNow() {
        return bus.time().instantAt(localTime(now()));
    }

    @Override
    public long localTime(long micros) {
        return clock == null ? micros : clock.localAt(micros);
    }

    @Override
    public long trueTime(long localMicros) {
        return clock == null ? localMicros : clock.trueAt(localMicros);
    }

    public void powerOff() {
        if (!powered) {
            return;
        }
        powered = false;
        bus.setPowered(eui64, false);
        for (Scheduler.Handle h : timers) {
            h.cancel();
        }
        timers.clear();
        if (discovery != null) {
            discovery.waiting.clear(); // RAM: the frames waiting for discovery are lost; what was learnt stays
            discovery.asking.clear();
        }
        endpoint.powerLost();
        for (Runnable r : onPowerLost) {
            r.run();
        }
        activity();
    }

    public void powerOn() {
        if (powered) {
            return;
        }
        powered = true;
        bus.setPowered(eui64, true);
        endpoint.boot();
        afterBoot.forEach(Runnable::run);
        activity();
    }

    /** Off now, on again after {@code delay} (an activation's restart). */
    @Override
    public void reboot(long delay) {
        if (rebootHandler != null) {
            rebootHandler.accept(delay);
            return;
        }
        powerOff();
        bus.scheduler().after(delay, this::powerOn);
    }

    /**
     * A timer that dies with the power, ordered among same-instant events by {@code orderKey}
     * ({@link Scheduler#at(long, long, Runnable)}): an external device's deadline (issue 17).
     */
    public Scheduler.Handle timer(long at, long orderKey, Runnable action) {
        if (timers.size() >= sweepAt) {
            timers.removeIf(h -> h.isDone() || h.isCancelled());
            sweepAt = Math.max(64, 2 * timers.size());
        }
        Scheduler.Handle h = bus.scheduler().at(at, orderKey, activityListeners.length == 0 ? action : () -> {
            action.run();
            activity();
        });
        timers.add(h);
        return h;
    }

    /** A timer that dies with the power. */
    public Scheduler.Handle timer(long at, Runnable action) {
        // Forget fired and cancelled timers now and then, amortised O(1) per timer: a CH serving
        // thousands of clients holds thousands of live timers, and a sweep at every call once past a
        // fixed size made a run quadratic in devices (issue 14).
        if (timers.size() >= sweepAt) {
            timers.removeIf(h -> h.isDone() || h.isCancelled());
            sweepAt = Math.max(64, 2 * timers.size());
        }
        // Wrapped only when someone observes, so an unobserved fleet device allocates nothing more.
        Scheduler.Handle h = bus.scheduler().at(at, activityListeners.length == 0 ? action : () -> {
            action.run();
            activity();
        });
        timers.add(h);
        return h;
    }

    /** Sends ZCL octets on {@code clusterId} to {@code destinationEui64}, or broadcasts them. */
    @Override
    public void send(long destinationEui64, boolean broadcast, int clusterId, Bytes zcl) {
        if (broadcast) {
            transmit(ApsFrame.BROADCAST_EUI64, ApsFrame.BROADCAST_RX_ON_WHEN_IDLE, 0xFF, ApsFrame.PROFILE_SMART_ENERGY,
                    endpoint.endpointId(), clusterId, zcl);
            return;
        }
        Optional<HanBus.Attachment> a = bus.attachment(destinationEui64);
        int destShort = a.map(HanBus.Attachment::shortAddress).orElse(ApsFrame.ADDRESS_UNKNOWN); // a unicast still
        int destEndpoint;
        switch (endpointPolicy) {
            case BOUND -> destEndpoint = a.map(HanBus.Attachment::endpoint).orElse(DEFAULT_ENDPOINT);
            case ASSUME_ENDPOINT_1 -> destEndpoint = 1;
            default -> {
                PeerCluster key = new PeerCluster(destinationEui64, clusterId);
                Integer known = discovery.endpoints.get(key);
                if (known == null) {
                    discover(key, destShort, zcl);
                    return;
                }
                destEndpoint = known;
            }
        }
        transmit(destinationEui64, destShort, destEndpoint, ApsFrame.PROFILE_SMART_ENERGY, endpoint.endpointId(),
                clusterId, zcl);
    }

    private void transmit(long dest, int destShort, int destEndpoint, int profile, int srcEndpoint, int clusterId,
            Bytes payload) {
        ApsFrame f = new ApsFrame(eui64, shortAddress, srcEndpoint, dest, destShort, destEndpoint, profile, clusterId,
                apsCounter, payload);
        apsCounter = (apsCounter + 1) & 0xFF;
        bus.send(f);
    }

    /**
     * G.5: the frame waits for a Match Descriptor answer naming the endpoint that serves (client→server
     * frame) or uses (server→client) its cluster on the addressee; one request per (device, cluster).
     */
    private void discover(PeerCluster key, int destShort, Bytes zcl) {
        Discovery d = discovery;
        List<Bytes> queue = d.waiting.get(key);
        if (queue != null) {
            queue.add(zcl);
            return;
        }
        queue = new ArrayList<>();
        queue.add(zcl);
        d.waiting.put(key, queue);
        boolean toServer = zcl.isEmpty() || (zcl.get(0) & 0x08) == 0; // ZCL frame control: direction bit
        int tsn = d.tsn;
        d.tsn = (d.tsn + 1) & 0xFF;
        d.asking.put(tsn, key);
        var req = new io.hansim.zigbee.zdo.MatchDescriptorRequest(tsn,
                destShort == ApsFrame.ADDRESS_UNKNOWN ? ApsFrame.BROADCAST_RX_ON_WHEN_IDLE : destShort,
                ApsFrame.PROFILE_SMART_ENERGY, toServer ? List.of(key.clusterId()) : List.of(),
                toServer ? List.of() : List.of(key.clusterId()));
        transmit(key.eui64(), destShort, io.hansim.zigbee.zdo.Zdo.ENDPOINT, io.hansim.zigbee.zdo.Zdo.PROFILE_ID,
                io.hansim.zigbee.zdo.Zdo.ENDPOINT, io.hansim.zigbee.zdo.MatchDescriptorRequest.CLUSTER_ID,
                Bytes.of(req.encode()));
        timer(now() + d.timeout, () -> {
            if (d.asking.get(tsn) == key) {
                d.asking.remove(tsn);
                List<Bytes> lost = d.waiting.remove(key);
                d.failures += lost == null ? 0 : lost.size();
            }
        });
    }

    /** A ZDO frame (profile 0, endpoint 0): Match Descriptor Request answered, Response used (G.5). */
    private void zdo(ApsFrame frame) {
        byte[] b = frame.payload().toArray();
        try {
            if (frame.clusterId() == io.hansim.zigbee.zdo.MatchDescriptorRequest.CLUSTER_ID) {
                var req = io.hansim.zigbee.zdo.MatchDescriptorRequest.decode(b);
                boolean broadcastAsk = req.nwkAddrOfInterest() >= 0xFFFD;
                if (!broadcastAsk && req.nwkAddrOfInterest() != shortAddress) {
                    return; // not about this device (no ZDO forwarding for children here)
                }
                boolean match = req.profileId() == ApsFrame.PROFILE_SMART_ENERGY
                        && (serves(req.inClusters(), ClusterRole.Side.SERVER)
                                || serves(req.outClusters(), ClusterRole.Side.CLIENT));
                if (!match && broadcastAsk) {
                    return; // a broadcast request is answered only by a match (Zigbee spec §2.4.4.2.7)
                }
                if (discovery != null) {
                    discovery.answered++;
                }
                var rsp = new io.hansim.zigbee.zdo.MatchDescriptorResponse(req.transactionSequence(),
                        io.hansim.zigbee.zdo.ZdoStatus.SUCCESS, shortAddress,
                        match ? List.of(endpoint.endpointId()) : List.of());
                transmit(frame.sourceEui64(), frame.sourceShort(), io.hansim.zigbee.zdo.Zdo.ENDPOINT,
                        io.hansim.zigbee.zdo.Zdo.PROFILE_ID, io.hansim.zigbee.zdo.Zdo.ENDPOINT,
                        io.hansim.zigbee.zdo.MatchDescriptorResponse.CLUSTER_ID, Bytes.of(rsp.encode()));
            } else if (frame.clusterId() == io.hansim.zigbee.zdo.MatchDescriptorResponse.CLUSTER_ID
                    && discovery != null) {
                Discovery d = discovery;
                var rsp = io.hansim.zigbee.zdo.MatchDescriptorResponse.decode(b);
                PeerCluster key = d.asking.get(rsp.transactionSequence());
                if (key == null || key.eui64() != frame.sourceEui64()) {
                    return; // not the answer to a question in flight
                }
                d.asking.remove(rsp.transactionSequence());
                List<Bytes> queue = d.waiting.remove(key);
                if (rsp.status() != io.hansim.zigbee.zdo.ZdoStatus.SUCCESS || rsp.matchList().isEmpty()) {
                    d.failures += queue == null ? 0 : queue.size();
                    return;
                }
                d.endpoints.put(key, rsp.matchList().get(0));
                if (queue != null) {
                    for (Bytes zcl : queue) {
                        send(key.eui64(), false, key.clusterId(), zcl);
                    }
                }
            }
        } catch (io.hansim.zigbee.zcl.ZclDecodeException e) {
            // a malformed ZDO frame has nothing to answer with (no status for it in ZDP): dropped
        }
    }

    private boolean serves(List<Integer> clusters, ClusterRole.Side side) {
        if (forwarder != null) {
            for (int c : side == ClusterRole.Side.SERVER ? forwardedServer : forwardedClient) {
                if (clusters.contains(c)) {
                    return true;
                }
            }
            return false;
        }
        for (ClusterRole r : endpoint.roles()) {
            if (r.side() == side && clusters.contains(r.clusterId())) {
                return true;
            }
        }
        return false;
    }

    /** The next ZCL transaction sequence number for a command this device originates. */
    @Override
    public int nextTsn() {
        int t = tsn;
        tsn = (tsn + 1) & 0xFF;
        return t;
    }

    private void receive(ApsFrame frame) {
        if (!powered) {
            return; // the bus already drops these; belt and braces
        }
        framesReceived++;
        if (forwarder != null) {
            if (frame.profileId() == io.hansim.zigbee.zdo.Zdo.PROFILE_ID
                    && frame.destinationEndpoint() == io.hansim.zigbee.zdo.Zdo.ENDPOINT
                    && frame.clusterId() == io.hansim.zigbee.zdo.MatchDescriptorRequest.CLUSTER_ID) {
                zdo(frame); // hansim's stack answers for the device (docs/device-port.md)
            } else {
                forwarder.accept(frame);
            }
            activity();
            return;
        }
        if (frame.profileId() == io.hansim.zigbee.zdo.Zdo.PROFILE_ID
                && frame.destinationEndpoint() == io.hansim.zigbee.zdo.Zdo.ENDPOINT) {
            zdo(frame);
            activity();
            return;
        }
        if (discovery != null && endpointPolicy == EndpointPolicy.DISCOVER && !frame.isBroadcast()) {
            // An answer goes to the endpoint the question came from (APS source endpoint).
            discovery.endpoints.putIfAbsent(new PeerCluster(frame.sourceEui64(), frame.clusterId()), frame.sourceEndpoint());
        }
        endpoint.receive(frame);
        activity();
    }

    @Override
    public String toString() {
        return String.format("%s(%016X)", name, eui64);
    }

    // ---- Port: the node is the port its roles get (one object less per device, issue 8's memory budget)

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public SimTime time() {
        return bus.time();
    }

    @Override
    public Scheduler.Handle at(long at, Runnable action) {
        return timer(at, action);
    }

    @Override
    public void answer(Inbound in, ZclStatus status) {
        endpoint.answer(in, status);
    }

    @Override
    public void reply(Inbound in, GeneralCommand command) {
        endpoint.reply(in, command);
    }
}

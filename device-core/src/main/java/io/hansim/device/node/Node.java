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
    private final List<Runnable> afterBoot = new ArrayList<>();

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
        afterBoot.add(Objects.requireNonNull(action, "action"));
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

    @Override
    public long utcNow() {
        return bus.time().zclUtcTimeAt(now());
    }

    public java.time.Instant instantNow() {
        return bus.time().instantAt(now());
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
        endpoint.powerLost();
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
        powerOff();
        bus.scheduler().after(delay, this::powerOn);
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
        int destShort;
        int destEndpoint;
        long dest = destinationEui64;
        if (broadcast) {
            dest = ApsFrame.BROADCAST_EUI64;
            destShort = ApsFrame.BROADCAST_RX_ON_WHEN_IDLE;
            destEndpoint = 0xFF;
        } else {
            Optional<HanBus.Attachment> a = bus.attachment(destinationEui64);
            destShort = a.map(HanBus.Attachment::shortAddress).orElse(ApsFrame.ADDRESS_UNKNOWN); // a unicast still
            destEndpoint = a.map(HanBus.Attachment::endpoint).orElse(DEFAULT_ENDPOINT);
        }
        ApsFrame f = new ApsFrame(eui64, shortAddress, endpoint.endpointId(), dest, destShort, destEndpoint,
                ApsFrame.PROFILE_SMART_ENERGY, clusterId, apsCounter, zcl);
        apsCounter = (apsCounter + 1) & 0xFF;
        bus.send(f);
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

package io.hansim.device;

import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.HanBus;
import io.hansim.device.sim.Scheduler;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device on the HAN: its address, its power, its flash ({@link NonVolatileStore}) and the routing of
 * frames by cluster (DESIGN.md §2). Devices decode nothing themselves beyond routing: the Basic cluster
 * (0x0000) answers Read Attributes from {@link #basicAttributes()}; a cluster the subclass handles in
 * {@link #onClusterFrame} goes to its state machine; anything else is answered with a Default Response
 * UNSUPPORTED_CLUSTER (0xC3), as the ZCL requires for a unicast command to a cluster the endpoint lacks.
 *
 * <p>Power: {@link #powerOff()} loses RAM (the subclass's {@link #onPowerLost()} drops its state machine
 * objects) and every timer; the flash stays. {@link #powerOn()} boots from what the flash holds.
 */
public abstract class HanDevice {
    /**
     * How long a restart after an activation takes in virtual time, (derived): long enough that frames
     * in flight to the device are lost, as on a real reboot.
     */
    public static final long REBOOT_DELAY = 1_000_000;

    /** The one application endpoint hansim's devices use. */
    public static final int ENDPOINT = 1;

    /**
     * Told each time a device has finished handling something that can change its state: a frame
     * received, one of its timers fired, power on or off. An observer reads the device's state here
     * and stamps what changed with the virtual time it changed at (issue 13: polling at frames logged a
     * change that happened in a timer at the next frame, ~30 minutes late), and it costs one call per
     * device event rather than a walk over every device per frame.
     */
    @FunctionalInterface
    public interface ActivityListener {
        void afterActivity(HanDevice device);
    }

    private static final ActivityListener[] NO_LISTENERS = {};

    private final String name;
    private final long eui64;
    private final int shortAddress;
    private final HanBus bus;
    protected final NonVolatileStore store;
    private final List<Scheduler.Handle> timers = new ArrayList<>();
    private boolean powered;
    private boolean attached;
    private int apsCounter;
    private int tsn;
    private long framesReceived;
    private ActivityListener[] activityListeners = NO_LISTENERS;
    private int sweepAt = 64;

    protected HanDevice(String name, long eui64, int shortAddress, HanBus bus, long factoryFirmwareVersion) {
        this.name = Objects.requireNonNull(name, "name");
        this.eui64 = eui64;
        this.shortAddress = shortAddress;
        this.bus = Objects.requireNonNull(bus, "bus");
        this.store = new NonVolatileStore(factoryFirmwareVersion);
    }

    /** Attaches the device to its bus and boots it (done once by {@link Simulation}). */
    public final void attachAndBoot() {
        if (attached) {
            throw new IllegalStateException(name + " is already attached");
        }
        attached = true;
        bus.attach(eui64, shortAddress, ENDPOINT, this::receive);
        powered = true;
        onBoot();
        activity();
    }

    /**
     * Adds an observer of this device's activity. Add it before the device boots (e.g. through
     * {@link Simulation.Builder#activityListener}) to see timers set at boot fire too.
     */
    public final void addActivityListener(ActivityListener l) {
        Objects.requireNonNull(l, "listener");
        ActivityListener[] a = java.util.Arrays.copyOf(activityListeners, activityListeners.length + 1);
        a[a.length - 1] = l;
        activityListeners = a;
    }

    private void activity() {
        for (ActivityListener l : activityListeners) {
            l.afterActivity(this);
        }
    }

    public String name() {
        return name;
    }

    public long eui64() {
        return eui64;
    }

    public int shortAddress() {
        return shortAddress;
    }

    public boolean isPowered() {
        return powered;
    }

    /** The flash, for assertions (image slots, persisted download, attributes). */
    public NonVolatileStore store() {
        return store;
    }

    /** The firmware version running now (the running slot's File Version). */
    public long runningFirmwareVersion() {
        return store.runningVersion();
    }

    /** Frames the device accepted while powered. */
    public long framesReceived() {
        return framesReceived;
    }

    protected final HanBus bus() {
        return bus;
    }

    protected final long now() {
        return bus.scheduler().now();
    }

    /** ZCL UTCTime now, from the bus's clock (the CH is the time master, G.4). */
    public final long utcNow() {
        return bus.time().zclUtcTimeAt(now());
    }

    /** The UTC instant now, for GBCS date-times. */
    public final java.time.Instant instantNow() {
        return bus.time().instantAt(now());
    }

    /** Cuts the power: RAM and timers are lost, frames in flight to it are dropped, flash stays. */
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
        onPowerLost();
        activity();
    }

    /** Restores the power: the device boots from its flash. */
    public void powerOn() {
        if (powered) {
            return;
        }
        powered = true;
        bus.setPowered(eui64, true);
        onBoot();
        activity();
    }

    /** Off now, on again after {@code delay} (an activation's restart). */
    protected final void reboot(long delay) {
        powerOff();
        bus.scheduler().after(delay, this::powerOn);
    }

    /** A timer that dies with the power. */
    protected final Scheduler.Handle timer(long at, Runnable action) {
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

    /** Sends a ZCL frame on {@code clusterId} to {@code destinationEui64}, or broadcasts it. */
    protected final void sendZcl(long destinationEui64, boolean broadcast, int clusterId, Bytes zcl) {
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
            destEndpoint = a.map(HanBus.Attachment::endpoint).orElse(ENDPOINT);
        }
        ApsFrame f = new ApsFrame(eui64, shortAddress, ENDPOINT, dest, destShort, destEndpoint,
                ApsFrame.PROFILE_SMART_ENERGY, clusterId, apsCounter, zcl);
        apsCounter = (apsCounter + 1) & 0xFF;
        bus.send(f);
    }

    /** The next ZCL transaction sequence number for a command this device originates. */
    protected final int nextTsn() {
        int t = tsn;
        tsn = (tsn + 1) & 0xFF;
        return t;
    }

    private void receive(ApsFrame frame) {
        if (!powered) {
            return; // the bus already drops these; belt and braces
        }
        framesReceived++;
        if (frame.clusterId() == BasicAttribute.CLUSTER_ID) {
            basic(frame);
        } else if (!onClusterFrame(frame)) {
            replyDefault(frame, ZclStatus.UNSUPPORTED_CLUSTER);
        }
        activity();
    }

    /**
     * A frame for a cluster other than Basic; return false if the device lacks that cluster (it is
     * then answered UNSUPPORTED_CLUSTER).
     */
    protected boolean onClusterFrame(ApsFrame frame) {
        return false; // a device with only the Basic cluster
    }

    /** Called at power-on (also the first one): rebuild RAM state from {@link #store}. */
    protected void onBoot() {
    }

    /** Called when power is cut: drop RAM state. */
    protected void onPowerLost() {
    }

    /**
     * The Basic cluster server attributes (ZCL §3.2). SWBuildID carries the running firmware version
     * in hex so a Basic read shows what runs, as R7.11 needs of a live read.
     */
    public Map<Integer, ZclValue> basicAttributes() {
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        m.put(BasicAttribute.ZCL_VERSION.id(), ZclValue.uint8(0x03)); // (derived) ZCL revision of SE 1.4 stacks
        m.put(BasicAttribute.APPLICATION_VERSION.id(), ZclValue.uint8((int) (runningFirmwareVersion() & 0xFF)));
        m.put(BasicAttribute.MANUFACTURER_NAME.id(), ZclValue.string("hansim"));
        m.put(BasicAttribute.MODEL_IDENTIFIER.id(), ZclValue.string(name.length() > 32 ? name.substring(0, 32) : name));
        m.put(BasicAttribute.POWER_SOURCE.id(), ZclValue.enum8(0x01)); // mains, single phase
        m.put(BasicAttribute.SW_BUILD_ID.id(), ZclValue.string(String.format("%08X", runningFirmwareVersion())));
        return m;
    }

    private void basic(ApsFrame frame) {
        ZclFrame zcl;
        try {
            zcl = ZclFrame.decode(frame.payload().toArray());
        } catch (ZclDecodeException e) {
            replyMalformed(frame);
            return;
        }
        if (zcl.header().frameType() != ZclHeader.FrameType.GLOBAL) {
            replyDefault(frame, ZclStatus.UNSUP_CLUSTER_COMMAND);
            return;
        }
        GeneralFrame g;
        try {
            g = GeneralCommandCodec.decode(zcl);
        } catch (ZclDecodeException e) {
            replyMalformed(frame);
            return;
        }
        if (g.command() instanceof ReadAttributes ra) {
            Map<Integer, ZclValue> attrs = basicAttributes();
            List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>();
            for (int id : ra.attributeIds()) {
                ZclValue v = attrs.get(id);
                records.add(v != null ? ReadAttributesResponse.StatusRecord.success(id, v)
                        : ReadAttributesResponse.StatusRecord.failure(id, ZclStatus.UNSUPPORTED_ATTRIBUTE));
            }
            reply(frame, zcl.header(), fitToFrame(new ReadAttributesResponse(records)));
        } else if (!(g.command() instanceof DefaultResponse)) {
            replyDefault(frame, ZclStatus.UNSUP_GENERAL_COMMAND);
        }
    }

    /**
     * {@code r} cut to the records that fit one HAN frame (payload at most
     * {@link io.hansim.device.han.LinkFaults#DEFAULT_MAX_PAYLOAD} octets): ZCL §2.5.2 lets a Read
     * Attributes Response carry only the records that fit, and the client asks again for the rest.
     */
    protected static ReadAttributesResponse fitToFrame(ReadAttributesResponse r) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(r.records());
        while (!records.isEmpty() && GeneralCommandCodec.encode(GeneralFrame.of(ZclHeader.Direction.SERVER_TO_CLIENT,
                true, 0, new ReadAttributesResponse(records))).length > io.hansim.device.han.LinkFaults.DEFAULT_MAX_PAYLOAD) {
            records.remove(records.size() - 1);
        }
        return records.size() == r.records().size() ? r : new ReadAttributesResponse(records);
    }

    private void replyMalformed(ApsFrame frame) {
        replyDefault(frame, ZclStatus.MALFORMED_COMMAND);
    }

    /**
     * A Default Response with {@code status} to {@code frame}, unless it was a broadcast, a Default
     * Response itself, or not even a ZCL header (ZCL §2.5.12: never answer those).
     */
    protected final void replyDefault(ApsFrame frame, ZclStatus status) {
        if (frame.isBroadcast()) {
            return;
        }
        ZclHeader h;
        try {
            h = ZclFrame.decode(frame.payload().toArray()).header();
        } catch (ZclDecodeException e) {
            return;
        }
        if (h.frameType() == ZclHeader.FrameType.GLOBAL && h.commandId() == DefaultResponse.COMMAND_ID) {
            return;
        }
        reply(frame, h, new DefaultResponse(h.commandId(), status));
    }

    private void reply(ApsFrame to, ZclHeader request, io.hansim.zigbee.zcl.GeneralCommand command) {
        ZclHeader.Direction back = request.direction() == ZclHeader.Direction.CLIENT_TO_SERVER
                ? ZclHeader.Direction.SERVER_TO_CLIENT : ZclHeader.Direction.CLIENT_TO_SERVER;
        GeneralFrame g = GeneralFrame.of(back, true, request.transactionSequenceNumber(), command);
        sendZcl(to.sourceEui64(), false, to.clusterId(), Bytes.of(GeneralCommandCodec.encode(g)));
    }

    @Override
    public String toString() {
        return String.format("%s(%016X)", name, eui64);
    }
}

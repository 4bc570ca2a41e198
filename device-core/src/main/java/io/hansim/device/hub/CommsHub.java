package io.hansim.device.hub;

import io.hansim.device.gb.DeviceClass;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.MachineDriver;
import io.hansim.device.node.Node;
import io.hansim.device.role.BasicServer;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.device.sim.SimTime;
import io.hansim.device.hub.DistributionRefusedException.Reason;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.image.OtaImageException;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.OtaImage;
import io.hansim.zigbee.ota.server.OtaServer;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.Refusal;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.ota.server.ServerEvent;
import io.hansim.zigbee.ota.server.ServerTimer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Communications Hub: the OTA Upgrade server for PPMIDs and HCALCS (R7.1), hosting the sans-I/O
 * {@link OtaServer} on the bus. Its image buffer is limited and shared (R7.7, the server's capacity).
 * {@link #distribute} is SR 11.4 / 11.1 as far as the HAN is concerned: it refuses an IHD (R7.2), a
 * PPMID whose resulting SMETS version is SMETS1 or whose model cannot work in SMETS2+ systems
 * (R202.4) and everything when the CH has no OTA for HAN devices (R7.13), before any frame goes out;
 * otherwise it stages the image, in either GB form (G.6), and sends Image Notify.
 * CCS08 outcomes (R7.8, R7.10) and read-back results are kept for assertions.
 */
public final class CommsHub implements HanDevice {
    /**
     * A CH as data.
     *
     * @param ota              the OTA server configuration (its EUI-64 is set to the CH's)
     * @param otaForHanDevices the CHF capability of R7.13
     * @param chts             the CHTS version the CH implements; its GPF serves Change of Tenancy
     *                         from {@link io.hansim.device.meter.GasProxy#DEFAULT_COT_THRESHOLD} (R56.6)
     * @param endpoint         the CH's application endpoint, 1..240 (G.5; default
     *                         {@link Node#DEFAULT_ENDPOINT}; HenryGiraldo/gbcs's CH uses 0x7B)
     * @param newFirmwareFlag  G.11, off by default: the "New OTA Firmware" behaviour of one CH
     *                         implementation (Query Next Image answered NOT_AUTHORIZED while no image
     *                         is staged for the device; FunctionalNotificationFlags bit 0 when one is)
     * @param tunnel           the GB tunnel server's configuration (G.3: Protocol ID (unconfirmed), maximum
     *                         incoming transfer size, PUTs per GET, queue limit per meter; decision 0024)
     */
    public record Spec(String name, long eui64, int shortAddress, SmetsVersion smets, long firmwareVersion,
            OtaServerConfig ota, boolean otaForHanDevices, io.hansim.device.cot.SpecVersion chts, int endpoint,
            boolean newFirmwareFlag, io.hansim.device.role.TunnelServerRole.Config tunnel,
            BasicServer.Identity identity) {
        /** The CH's Basic identity unless configured (G.9): hansim's manufacturer, image type 0x0001. */
        public static final BasicServer.Identity DEFAULT_IDENTITY = BasicServer.Identity.hansim(0x0001);

        /** CHTS v1.5, the version SECMP0056 expects at implementation (R56.6). */
        public static final io.hansim.device.cot.SpecVersion DEFAULT_CHTS = new io.hansim.device.cot.SpecVersion(1, 5);

        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(smets, "smets");
            Objects.requireNonNull(chts, "chts");
            ota = ota == null ? OtaServerConfig.defaults(eui64) : ota;
            tunnel = tunnel == null ? io.hansim.device.role.TunnelServerRole.Config.DEFAULTS : tunnel;
            identity = identity == null ? DEFAULT_IDENTITY : identity;
            if (endpoint < 1 || endpoint > 240) {
                throw new IllegalArgumentException("CH endpoint must be 1..240 (0x01..0xF0), was " + endpoint);
            }
        }

        /** A CH on endpoint {@link Node#DEFAULT_ENDPOINT} without the G.11 flag. */
        public Spec(String name, long eui64, int shortAddress, SmetsVersion smets, long firmwareVersion,
                OtaServerConfig ota, boolean otaForHanDevices, io.hansim.device.cot.SpecVersion chts) {
            this(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, chts, Node.DEFAULT_ENDPOINT,
                    false, null, null);
        }

        /** This CH on application endpoint {@code ep} (G.5). */
        public Spec withEndpoint(int ep) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, chts, ep,
                    newFirmwareFlag, tunnel, identity);
        }

        /** This CH with the G.11 "New OTA Firmware" behaviour on or off. */
        public Spec withNewFirmwareFlag(boolean on) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, chts, endpoint,
                    on, tunnel, identity);
        }

        /** A CH of CHTS {@link #DEFAULT_CHTS}. */
        public Spec(String name, long eui64, int shortAddress, SmetsVersion smets, long firmwareVersion,
                OtaServerConfig ota, boolean otaForHanDevices) {
            this(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, DEFAULT_CHTS);
        }

        /** This CH at CHTS {@code v}: its GPF serves CoT from CHTS 1.5 (R56.6). */
        public Spec withChts(io.hansim.device.cot.SpecVersion v) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, v, endpoint,
                    newFirmwareFlag, tunnel, identity);
        }

        /** A SMETS2+ CH with OTA for HAN devices, 64-octet blocks and the server's other defaults. */
        public static Spec of(long eui64) {
            return new Spec("comms-hub", eui64, 0x0000, SmetsVersion.SMETS2_PLUS, 0x0001_0000L,
                    OtaServerConfig.defaults(eui64).withBlockSizeCap(64), true);
        }

        public Spec withSmets(SmetsVersion v) {
            return new Spec(name, eui64, shortAddress, v, firmwareVersion, ota, otaForHanDevices, chts, endpoint,
                    newFirmwareFlag, tunnel, identity);
        }

        public Spec withOta(OtaServerConfig c) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, c, otaForHanDevices, chts, endpoint,
                    newFirmwareFlag, tunnel, identity);
        }

        /** This CH with GB tunnel configuration {@code c} (G.3). */
        public Spec withTunnel(io.hansim.device.role.TunnelServerRole.Config c) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, chts, endpoint,
                    newFirmwareFlag, java.util.Objects.requireNonNull(c, "tunnel"), identity);
        }

        /** This CH with the OTA parameters its Basic identity is derived from (G.9). */
        public Spec withIdentity(BasicServer.Identity i) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, otaForHanDevices, chts, endpoint,
                    newFirmwareFlag, tunnel, java.util.Objects.requireNonNull(i, "identity"));
        }

        public Spec withOtaForHanDevices(boolean on) {
            return new Spec(name, eui64, shortAddress, smets, firmwareVersion, ota, on, chts, endpoint, newFirmwareFlag,
                    tunnel, identity);
        }
    }

    /**
     * A joined device as the CH knows it; for a PPMID its resulting SMETS version (read at
     * distribution time) and what SMETS systems its model can work in (R202.1, R202.4).
     */
    private record Member(DeviceClass deviceClass, Supplier<SmetsVersion> smets, PpmidSmetsCapability capability) {
    }

    private final Spec spec;
    /** The MessageID of the next supplier message (derived: numbered from 1 per CH). */
    private long nextMessageId = 1;
    private final OtaServerConfig serverConfig;
    /** R7.2 and R202.4: which clients the OTA server may offer images (the CH's policy, not the server's). */
    private final HubOfferPolicy offerPolicy = new HubOfferPolicy();
    /** The HAN's one UTC origin (G.4): the OTA server's UTCTime comes from the same clock as the devices'. */
    private final SimTime time;
    /** The OTA server is the CH's RAM: a power cut loses it, and the reboot starts a fresh one. */
    private OtaServer server;
    /**
     * The image buffer as the CH's flash holds it (R7.7): images staged and not evicted or
     * withdrawn survive a power cut and are staged again at boot (derived: GB does not say
     * whether the CH buffer is volatile).
     */
    private final List<java.util.function.Consumer<io.hansim.device.role.FirmwareAlert>> firmwareAlertListeners =
            new ArrayList<>();
    private final Map<io.hansim.zigbee.ota.server.ImageKey, OtaImage> buffer = new LinkedHashMap<>();
    /** How many bytes of each buffered image have arrived from the WAN (R7.7). */
    private final Map<io.hansim.zigbee.ota.server.ImageKey, Long> arrived = new HashMap<>();
    /**
     * What the OTA server persists of each client's distributions, in the CH's flash beside the
     * buffer (R7.4, R7.5, R7.8, R7.10): the open distribution, the last image delivered, the images
     * barred from offers. Handed back to the fresh server at boot, so that a reboot of the CH neither
     * restarts a download, nor loses a read-back, nor answers ABORT to a device that lost power
     * between download and activation, nor offers again an image whose distribution ended.
     */
    private final Map<Long, io.hansim.zigbee.ota.server.DistributionRecord> distributionRecords =
            new LinkedHashMap<>();
    /** The one machine driver: transmit and timers for the OTA server (docs/decisions/0021). */
    private final MachineDriver<ServerEvent, ServerAction, ServerTimer> driver;
    private final Map<Long, Member> members = new LinkedHashMap<>();
    private final List<ServerAction> log = new ArrayList<>();
    /*
     * The two kinds callers poll after every event (runUntil conditions: "has the read-back
     * come?"), kept apart from the log so that asking costs O(their count), not a scan of one
     * action per block (issue 8: the scan made a 256 KiB OTA quadratic).
     */
    private final List<Ccs08Outcome> outcomeLog = new ArrayList<>();
    private final List<ServerAction.ReadBackResult> readBackLog = new ArrayList<>();
    private final List<java.util.function.Consumer<ServerAction>> listeners = new ArrayList<>();
    private boolean retainFrameActions = true;
    private long frameActions;

    private final Node node;
    private final io.hansim.device.role.IdentityReaderRole identityReader;
    /** G.11: the devices the CH holds a distributed image for, until its read-back ends the distribution. */
    private final java.util.Set<Long> stagedFor = new java.util.HashSet<>();
    private final io.hansim.device.role.NewFirmwareFlagRole newFirmwareFlag;

    /** G.11 (when the CH has the option): Metering FunctionalNotificationFlags as {@code eui64} reads them. */
    public Optional<Long> functionalNotificationFlags(long eui64) {
        return newFirmwareFlag == null ? Optional.empty() : Optional.of(newFirmwareFlag.flagsFor(eui64));
    }

    /** G.9: reads the device's ManufacturerName, ModelIdentifier and SWBuildID over the HAN (Basic). */
    public void readIdentity(long eui64) {
        identityReader.read(eui64);
    }

    /** What the last {@link #readIdentity} of {@code eui64} gave, once the device answered. */
    public Optional<io.hansim.device.role.IdentityReaderRole.Result> identityRead(long eui64) {
        return identityReader.result(eui64);
    }
    private final io.hansim.device.role.TunnelServerRole tunnel;

    /** A CH is a node with the Basic server and the OTA Upgrade server (cluster 0x0019, server side). */
    public CommsHub(Spec spec, HanBus bus) {
        this.node = new Node(spec.name(), spec.eui64(), spec.shortAddress(), spec.endpoint(), bus,
                spec.firmwareVersion()).owner(this);
        node.add(new BasicServer(node.port(), spec.identity())); // G.9
        node.add(new OtaServerRole());
        node.add(new io.hansim.device.role.TimeServerRole(node.port())); // G.4: the HAN's time master
        this.identityReader = node.add(new io.hansim.device.role.IdentityReaderRole(node.port())); // G.9
        this.newFirmwareFlag = spec.newFirmwareFlag()
                ? node.add(new io.hansim.device.role.NewFirmwareFlagRole(stagedFor::contains)) : null; // G.11
        // GBCS messages to and from the ESME and the GSME cross the HAN in the tunnel (G.3).
        this.tunnel = node.add(new io.hansim.device.role.TunnelServerRole(node.port(),
                spec.tunnel()));
        this.driver = new MachineDriver<ServerEvent, ServerAction, ServerTimer>(MachineDriver.over(node), this::log,
                this::carryOut)
                .afterEachBatch(this::notifyListeners);
        this.spec = spec;
        OtaServerConfig c = spec.ota();
        if (spec.newFirmwareFlag()) {
            c = c.toBuilder().notAuthorizedWhenNoneStaged(true).build(); // G.11
        }
        this.serverConfig = c.serverEui64() == spec.eui64() ? c : c.withServerEui64(spec.eui64());
        this.time = bus.time();
        this.server = newServer();
    }

    /** A fresh OTA server: the CH's offer policy, and UTC from the HAN's clock (one time origin). */
    private OtaServer newServer() {
        return new OtaServer(serverConfig, offerPolicy, time::zclUtcTimeAt);
    }

    /** The CH's end of the GB tunnel to the meters (Tunneling 0x0704 server, G.3). */
    public io.hansim.device.role.TunnelServerRole tunnel() {
        return tunnel;
    }

    public Spec spec() {
        return spec;
    }

    /** The CH's SMETS version; a PPMID takes it on joining (R202.3). */
    public SmetsVersion smetsVersion() {
        return spec.smets();
    }

    /**
     * The OTA server, for assertions on its state.
     *
     * @throws IllegalStateException while the CH is powered off (its server is RAM)
     */
    public OtaServer otaServer() {
        if (server == null) {
            throw new IllegalStateException(name() + " is powered off: its OTA server is gone until it boots");
        }
        return server;
    }

    /**
     * Registers a joined device with the OTA server. {@code smets} gives a PPMID's resulting SMETS
     * version at distribution time (R202.4); other classes pass null.
     */
    public void join(long eui64, DeviceClass deviceClass, Supplier<SmetsVersion> smets) {
        join(eui64, deviceClass, smets, null);
    }

    /**
     * Registers a joined device; for a PPMID also what SMETS systems its model can work in
     * ({@code capability}, R202.1), which R202.4 checks beside the resulting version. Null when
     * unknown: only the resulting version is checked then.
     */
    public void join(long eui64, DeviceClass deviceClass, Supplier<SmetsVersion> smets,
            PpmidSmetsCapability capability) {
        Member m = new Member(deviceClass, smets, capability);
        members.put(eui64, m);
        register(eui64, m);
    }

    /**
     * Registers a member with the offer policy and the server: its class and, for a PPMID MP202
     * gives no OTA by this route (R202.4), that it is excluded, so that its own Query Next Image
     * cannot fetch an image staged for another device of the same model.
     */
    private void register(long eui64, Member m) {
        offerPolicy.register(eui64, m.deviceClass(),
                m.deviceClass() == DeviceClass.PPMID && ppmidOtaRefusal(m).isPresent());
        otaEvent(new ServerEvent.RegisterClient(now(), eui64, io.hansim.zigbee.ota.server.ClientPolicy.DEFAULT));
    }

    /**
     * Distributes {@code image} (an OTA upgrade file) to {@code targetEui64}: checks R7.13, R7.2,
     * R202.4, stages the image in the limited buffer (R7.7; an image already staged is reused) and sends
     * a unicast Image Notify. Returns the staged image's key.
     *
     * @throws DistributionRefusedException with the reason, before any HAN traffic
     */
    /**
     * Sends a supplier message to {@code deviceEui64} as the Messaging server (0x0703): a Display
     * Message with the next MessageID, StartTime now (0), duration until changed, no confirmation
     * and the Default Response disabled (SE 1.4 D.5.2.3.1). On the device it is occupier data that a
     * Change of Tenancy clears (R56.3).
     *
     * @return the MessageID used
     */
    public long sendSupplierMessage(long deviceEui64, String text) {
        long id = nextMessageId++;
        var m = io.hansim.zigbee.messaging.MessagingCommand.DisplayMessage.of(id, 0,
                io.hansim.zigbee.messaging.MessagingCluster.START_TIME_NOW,
                io.hansim.zigbee.messaging.MessagingCluster.DURATION_UNTIL_CHANGED, text);
        node.send(deviceEui64, false, io.hansim.zigbee.messaging.MessagingCluster.CLUSTER_ID,
                io.hansim.zigbee.zcl.Bytes.of(io.hansim.zigbee.messaging.MessagingCodec.encode(
                        io.hansim.zigbee.messaging.MessagingFrame.of(node.nextTsn(), m, true))));
        return id;
    }

    /**
     * Where the devices on this HAN raise their firmware alerts (G.7): each goes to every listener
     * added with {@link #addFirmwareAlertListener} (the CH's GBCS side, which sends it on the WAN).
     */
    public io.hansim.device.role.FirmwareAlertSink firmwareAlerts() {
        return a -> {
            for (java.util.function.Consumer<io.hansim.device.role.FirmwareAlert> l : List.copyOf(firmwareAlertListeners)) {
                l.accept(a);
            }
        };
    }

    /** Adds a listener of the firmware alerts the devices raise through {@link #firmwareAlerts()}. */
    public void addFirmwareAlertListener(java.util.function.Consumer<io.hansim.device.role.FirmwareAlert> l) {
        firmwareAlertListeners.add(java.util.Objects.requireNonNull(l, "listener"));
    }

    public ImageKey distribute(byte[] image, long targetEui64) {
        return distribute(image, targetEui64, image.length);
    }

    /**
     * As {@link #distribute(byte[], long)}, for an image of which only {@code bytesArrived} bytes
     * have come in from the WAN so far: block requests beyond them get WAIT_FOR_DATA (R7.7) until
     * {@link #imageDataArrived} says more is there.
     */
    public ImageKey distribute(byte[] image, long targetEui64, long bytesArrived) {
        if (server == null) {
            throw new DistributionRefusedException(Reason.CH_POWERED_OFF, targetEui64, "the CH is powered off");
        }
        Member m = members.get(targetEui64);
        if (!spec.otaForHanDevices()) {
            throw new DistributionRefusedException(Reason.NO_OTA_FOR_HAN_DEVICES, targetEui64,
                    "the CH firmware has no OTA for HAN devices (R7.13)");
        }
        if (m == null) {
            throw new DistributionRefusedException(Reason.UNKNOWN_DEVICE, targetEui64, "not joined to this CH");
        }
        switch (m.deviceClass()) {
            case IHD -> throw new DistributionRefusedException(Reason.IHD_EXCLUDED, targetEui64,
                    "IHDs are excluded from OTA (R7.2)");
            case OTHER -> throw new DistributionRefusedException(Reason.NOT_AN_OTA_TARGET, targetEui64,
                    "only PPMIDs, HCALCS and meters with HAN firmware are OTA clients of the CH (R7.1, SR 11.1)");
            case PPMID -> ppmidOtaRefusal(m).ifPresent(r -> {
                throw new DistributionRefusedException(r, targetEui64, r == Reason.PPMID_IN_SMETS1_SYSTEM
                        ? "the PPMID's resulting SMETS version is SMETS1 (R202.4)"
                        : "the PPMID (capability S1) cannot work in this SMETS2+ system: OTA goes only to"
                                + " dual-mode and SMETS2+ PPMIDs (R202.1, R202.4)");
            });
            case HCALCS, ESME, GSME -> {
                // served like a PPMID; activation is CS06 on the device (R7.5; SR 11.1 / 11.3 for meters)
            }
        }
        OtaImage staged;
        try {
            // G.6: SR 11.1 / 11.4 carry GB images; the SR 11.4 form has no structure for the CH to check.
            staged = OtaImage.fromDistribution(image);
        } catch (OtaImageException | IllegalArgumentException e) {
            throw new DistributionRefusedException(Reason.INVALID_IMAGE, targetEui64, e.getMessage());
        }
        if (image.length > staged.size()) {
            // The OTA header's Total Image Size is the image; octets after it (TRAILING_BYTES in
            // image inspect) leave the CH no single length to serve, so the image is refused.
            throw new DistributionRefusedException(Reason.INVALID_IMAGE, targetEui64, (image.length - staged.size())
                    + " octets after the image's Total Image Size " + staged.size() + " (TRAILING_BYTES)");
        }
        if (server.store().image(staged.key()).isEmpty()) {
            if (bytesArrived < 0 || bytesArrived > staged.size()) {
                throw new IllegalArgumentException("bytesArrived " + bytesArrived + " outside 0.." + staged.size());
            }
            List<ServerAction> actions = otaEvent(new ServerEvent.StageImage(now(), staged, bytesArrived));
            for (ServerAction a : actions) {
                if (a instanceof ServerAction.CommandRefused r && !(r.reason() instanceof Refusal.AlreadyStaged)) {
                    throw new DistributionRefusedException(Reason.BUFFER_REFUSED, targetEui64, r.reason().message());
                }
            }
        }
        // A new SR 11.4 / 11.1 opens a new distribution: an image whose earlier distribution to this
        // device ended may be offered to it again (R7.8: one distribution, one CCS08).
        otaEvent(new ServerEvent.Distribute(now(), targetEui64, staged.key()));
        stagedFor.add(targetEui64);
        otaEvent(new ServerEvent.NotifyClient(now(), targetEui64, ServerEvent.NotifyMode.UNICAST, 0, 100,
                staged.key()));
        return staged.key();
    }

    /** R202.4 for a PPMID: its resulting SMETS version, then its capability (R202.1). */
    private static Optional<Reason> ppmidOtaRefusal(Member m) {
        if (m.smets() == null) {
            return Optional.empty();
        }
        SmetsVersion resulting = m.smets().get();
        if (m.capability() == null) {
            return resulting == SmetsVersion.SMETS1 ? Optional.of(Reason.PPMID_IN_SMETS1_SYSTEM) : Optional.empty();
        }
        return m.capability().otaRefusal(resulting).map(r -> r == io.hansim.device.inventory.RefusalReason.OTA_SMETS1_SYSTEM
                ? Reason.PPMID_IN_SMETS1_SYSTEM : Reason.PPMID_NOT_SMETS2_CAPABLE);
    }

    /**
     * Sends a fresh unicast Image Notify for an image already staged (a scenario's {@code notify}
     * step): the same NotifyClient event {@link #distribute} ends with, without staging anything.
     *
     * @throws IllegalStateException while the CH is powered off
     * @throws IllegalArgumentException if the server refuses the notify (e.g. the image is not staged)
     */
    public void notify(long targetEui64, ImageKey image) {
        otaServer(); // throws while powered off
        for (ServerAction a : otaEvent(new ServerEvent.NotifyClient(now(), targetEui64,
                ServerEvent.NotifyMode.UNICAST, 0, 100, image))) {
            if (a instanceof ServerAction.CommandRefused r) {
                throw new IllegalArgumentException(r.reason().message());
            }
        }
    }

    /**
     * More of a staged image has arrived from the WAN (R7.7): {@code bytesArrived} bytes from the
     * start are now available to serve.
     *
     * @throws IllegalArgumentException if the image is not staged or the count goes backwards or past the size
     * @throws IllegalStateException while the CH is powered off
     */
    public void imageDataArrived(ImageKey image, long bytesArrived) {
        otaServer(); // throws while powered off
        for (ServerAction a : otaEvent(new ServerEvent.ImageDataArrived(now(), image, bytesArrived))) {
            if (a instanceof ServerAction.CommandRefused r) {
                throw new IllegalArgumentException(r.reason().message());
            }
        }
        arrived.put(image, bytesArrived);
    }

    /**
     * Tells {@code l} of every action the OTA server asks for, after the CH has carried it out (the
     * CH's GBCS side raises CCS08 alerts from transfer outcomes this way).
     */
    public void addServerActionListener(java.util.function.Consumer<ServerAction> l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /**
     * Whether {@link #serverActions()} keeps SendFrame, SetTimer and CancelTimer (default true). A
     * fleet turns it off: every Image Block Response's bytes would stay in the log (issue 8, memory);
     * outcomes, read-backs and the other actions are kept, and listeners still see everything.
     */
    public void retainFrameActions(boolean on) {
        retainFrameActions = on;
    }

    /**
     * The most frame actions (SendFrame, SetTimer, CancelTimer, PersistDistribution) {@link
     * #serverActions()} keeps: the first ones of a run. An idle PPMID queries every hour and each
     * answer is a frame action, so an unbounded log grew with virtual time alone (issue 14); the
     * outcomes and read-backs are always kept.
     */
    public static final int FRAME_ACTION_LOG_LIMIT = 10_000;

    /** How many frame actions the server asked for, kept or not. */
    public long frameActions() {
        return frameActions;
    }

    /**
     * Every action the server asked for, in order; frame actions only the first {@link
     * #FRAME_ACTION_LOG_LIMIT}, and none when {@link #retainFrameActions} is off.
     */
    public List<ServerAction> serverActions() {
        return Collections.unmodifiableList(log);
    }

    public <T> List<T> serverActions(Class<T> type) {
        return log.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The CCS08 Firmware Transfer Alert outcomes raised so far (R7.8, R7.10). */
    public List<Ccs08Outcome> transferOutcomes() {
        return List.copyOf(outcomeLog);
    }

    public Optional<Ccs08Outcome> transferOutcome(long client) {
        return lastFor(outcomeLog, client, Ccs08Outcome::client);
    }

    /** The firmware version read-backs after transfers (R7.10). */
    public List<ServerAction.ReadBackResult> readBacks() {
        return List.copyOf(readBackLog);
    }

    public Optional<ServerAction.ReadBackResult> readBack(long client) {
        return lastFor(readBackLog, client, ServerAction.ReadBackResult::client);
    }

    /** The last entry of {@code list} for {@code client}, searched from the end. */
    private static <T> Optional<T> lastFor(List<T> list, long client, java.util.function.ToLongFunction<T> clientOf) {
        for (int i = list.size() - 1; i >= 0; i--) {
            T t = list.get(i);
            if (clientOf.applyAsLong(t) == client) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public Node node() {
        return node;
    }

    private long now() {
        return node.now();
    }

    @Override
    public String toString() {
        return node.toString();
    }

    /**
     * The OTA Upgrade server on the CH's endpoint: frames of cluster 0x0019 go to the sans-I/O
     * {@link OtaServer}, which decodes and answers them itself (RAW).
     */
    private final class OtaServerRole implements ClusterRole {
        @Override
        public int clusterId() {
            return OtaCluster.CLUSTER_ID;
        }

        @Override
        public Side side() {
            return Side.SERVER;
        }

        @Override
        public Mode mode() {
            return Mode.RAW;
        }

        @Override
        public void frame(Inbound in) {
            otaEvent(new ServerEvent.FrameReceived(now(), in.source(), in.broadcast(), in.payload()));
        }

        @Override
        public void boot() {
            onBoot();
        }

        @Override
        public void powerLost() {
            onPowerLost();
        }
    }

    /**
     * At a reboot after a power cut: a fresh OTA server (its RAM is gone), the flash buffer staged
     * again, the joined devices registered again and their distribution records handed back. A
     * download that was open goes on from the client's resumed block requests, a read-back that was
     * due still comes, and a device that asks to apply an image the CH delivered is answered (R7.4,
     * R7.5, R7.8, R7.10). At the first power-on the server is new anyway.
     */
    private void onBoot() {
        if (server != null) {
            return;
        }
        server = newServer();
        startDriver();
        for (OtaImage image : buffer.values()) {
            otaEvent(new ServerEvent.StageImage(now(), image, arrived.getOrDefault(image.key(), (long) image.size())));
        }
        for (var m : members.entrySet()) {
            register(m.getKey(), m.getValue());
        }
        for (var r : List.copyOf(distributionRecords.values())) {
            otaEvent(new ServerEvent.RestoreClient(now(), r));
        }
    }

    /** The distribution records in the CH's flash, by client (for assertions). */
    public Map<Long, io.hansim.zigbee.ota.server.DistributionRecord> distributionRecords() {
        return Collections.unmodifiableMap(distributionRecords);
    }

    private void onPowerLost() {
        driver.stop(); // the server's timers die with its RAM
        server = null;
    }

    /** Feeds the server one event and carries out its actions. */
    private List<ServerAction> otaEvent(ServerEvent e) {
        if (server == null) {
            return List.of(); // powered off: a join is remembered in members and registered at boot
        }
        if (driver.machine() == null) {
            startDriver();
        }
        return driver.handle(e);
    }

    private void startDriver() {
        driver.start(server);
    }

    /** The bounded action log (issue 14: every idle query adds a frame action, so they are kept only up to a bound). */
    private void log(List<ServerAction> actions) {
        for (ServerAction a : actions) {
            if (a instanceof ServerAction.SendFrame || a instanceof ServerAction.SetTimer
                    || a instanceof ServerAction.CancelTimer || a instanceof ServerAction.PersistDistribution) {
                if (retainFrameActions && frameActions < FRAME_ACTION_LOG_LIMIT) {
                    log.add(a);
                }
                frameActions++;
            } else {
                log.add(a);
            }
        }
    }

    /** The server's own actions; transmit and timers are the one driver's. */
    private void carryOut(ServerAction a) {
        if (a instanceof ServerAction.TransferOutcome o) {
            outcomeLog.add(Ccs08Outcome.of(o));
        } else if (a instanceof ServerAction.ReadBackResult rb) {
            readBackLog.add(rb);
            stagedFor.remove(rb.client());
        } else if (a instanceof ServerAction.ImageStaged st) {
            server.store().image(st.image()).ifPresent(img -> buffer.put(st.image(), img));
            arrived.put(st.image(), st.availableBytes());
            st.evicted().forEach(k -> {
                buffer.remove(k);
                arrived.remove(k);
            });
        } else if (a instanceof ServerAction.ImageRemoved r) {
            buffer.remove(r.image());
            arrived.remove(r.image());
        } else if (a instanceof ServerAction.PersistDistribution p) {
            distributionRecords.put(p.record().client(), p.record());
        }
    }

    /** After a batch is carried out: the CH's listeners (GBCS alerts, reports) see every action. */
    private void notifyListeners(List<ServerAction> actions) {
        for (ServerAction a : actions) {
            for (var l : listeners) {
                l.accept(a);
            }
        }
    }
}

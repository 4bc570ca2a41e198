package io.hansim.device.gsme;

import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.gb.FirmwareActivation;
import io.hansim.device.gbcsapp.DeviceGbcsApplication;
import io.hansim.device.role.FirmwareAlert;
import io.hansim.device.role.FirmwareAlertSink;
import io.hansim.device.role.FirmwareRole;
import io.hansim.device.role.OtaClientRole;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.node.WakeCycle;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.EventsServerRole;
import io.hansim.device.role.TunnelClientRole;
import io.hansim.device.sim.Seeds;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.events.EventsCluster;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gas smart meter (GSME): battery powered and sleepy (requirements G.3). Its node carries the
 * Basic server, the tunnel client, which polls the CH with GET at every wake, and the Events server
 * with its event logs, which CS11 clears (G.8). Between wakes its radio is off and frames to it are
 * dropped "receiver asleep"; the CH holds GBCS commands for it until it asks. Its wake cycle
 * ({@link #wakeCycle()}) is the API other roles use to keep it awake or to act at its next wake.
 */
public final class Gsme implements HanDevice, FirmwareActivation {
    /** Sleep period a GSME uses unless configured: 30 minutes (unconfirmed). */
    public static final long DEFAULT_SLEEP_PERIOD = 30L * 60 * 1_000_000;
    /** Wake-up jitter unless configured: ± 30 s (unconfirmed). */
    public static final long DEFAULT_JITTER = 30L * 1_000_000;
    /** How long a wake lasts at least: 500 ms (derived: a GET answered in one round trip fits). */
    public static final long DEFAULT_AWAKE_WINDOW = 500_000;

    /**
     * A GSME as data.
     *
     * @param sleepPeriod      µs between wakes
     * @param jitter           µs each wake moves at most, either way (seeded per device)
     * @param awakeWindow      µs the radio stays on at least at each wake
     * @param eventLogEntries  entries in its general event log at the start
     * @param tunnelProtocolId Request Tunnel ProtocolID for GBCS (unconfirmed)
     * @param ota              the OTA client profile of its firmware (SR 11.1 through its wake-ups, G.6, G.7);
     *                         null: no firmware over the HAN
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, long sleepPeriod, long jitter,
            long awakeWindow, int eventLogEntries, int tunnelProtocolId, ClientProfile ota, BasicServer.Identity identity) {
        public Spec {
            identity = identity == null ? DEFAULT_IDENTITY : identity;
            Objects.requireNonNull(name, "name");
            if (sleepPeriod <= 0) {
                throw new IllegalArgumentException("sleepPeriod must be positive: " + sleepPeriod);
            }
            if (jitter < 0 || jitter >= sleepPeriod) {
                throw new IllegalArgumentException("jitter must be 0 or more and below the sleep period: " + jitter);
            }
            if (awakeWindow <= 0) {
                throw new IllegalArgumentException("awakeWindow must be positive: " + awakeWindow);
            }
            if (eventLogEntries < 0) {
                throw new IllegalArgumentException("eventLogEntries must be 0 or more: " + eventLogEntries);
            }
            if (tunnelProtocolId < 0 || tunnelProtocolId > 0xFF) {
                throw new IllegalArgumentException("tunnelProtocolId is an enum8: " + tunnelProtocolId);
            }
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, long sleepPeriod, long jitter,
                long awakeWindow, int eventLogEntries, int tunnelProtocolId, ClientProfile ota) {
            this(name, eui64, shortAddress, firmwareVersion, sleepPeriod, jitter, awakeWindow, eventLogEntries,
                    tunnelProtocolId, ota, null);
        }

        /**
         * This GSME with the OTA parameters its Basic identity is derived from when it has no OTA profile
         * (G.9); with a profile the identity is the profile's.
         */
        public Spec withIdentity(BasicServer.Identity i) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, sleepPeriod, jitter, awakeWindow,
                    eventLogEntries, tunnelProtocolId, ota, Objects.requireNonNull(i, "identity"));
        }

        /** What the Basic server says (G.9): the OTA profile's identity, else {@link #identity()}. */
        public BasicServer.Identity basicIdentity() {
            return ota != null ? BasicServer.Identity.of(ota) : identity;
        }

        /** A GSME without firmware over the HAN. */
        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, long sleepPeriod, long jitter,
                long awakeWindow, int eventLogEntries, int tunnelProtocolId) {
            this(name, eui64, shortAddress, firmwareVersion, sleepPeriod, jitter, awakeWindow, eventLogEntries,
                    tunnelProtocolId, null);
        }

        /** This GSME taking firmware from the CH over the OTA cluster with profile {@code p} (SR 11.1). */
        public Spec withOta(ClientProfile p) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, sleepPeriod, jitter, awakeWindow,
                    eventLogEntries, tunnelProtocolId, p, identity);
        }

        /** A GSME with the default sleep period, jitter and awake window, and no logged events. */
        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, DEFAULT_SLEEP_PERIOD, DEFAULT_JITTER, DEFAULT_AWAKE_WINDOW,
                    0, TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID);
        }
    }

    /** The GSME's Basic identity without an OTA profile (G.9): hansim's manufacturer, image type 0x0103. */
    public static final BasicServer.Identity DEFAULT_IDENTITY = BasicServer.Identity.hansim(0x0103);

    /** Event id logged for each starting entry (an arbitrary "general event"). */
    static final int INITIAL_EVENT_ID = 0x0001;

    private final Spec spec;
    private final Node node;
    private final SleepCycle cycle;
    private final TunnelClientRole tunnel;
    private final EventsServerRole events;
    private final DeviceGbcsApplication gbcs;
    private final FirmwareRole firmware;
    /** The radio hold taken while the OTA client has an exchange running; null when none. */
    private WakeCycle.Hold otaHold;

    public Gsme(Spec spec, HanBus bus, Seeds seeds) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.node = new Node(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.firmwareVersion()).owner(this);
        this.cycle = new SleepCycle(node, seeds.stream("gsme wake", spec.eui64()), spec.sleepPeriod(), spec.jitter(),
                spec.awakeWindow());
        this.gbcs = new DeviceGbcsApplication(spec.eui64(), node::instantNow);
        node.add(new BasicServer(node.port(), spec.basicIdentity())); // G.9
        this.tunnel = node.add(new TunnelClientRole(node.port(), cycle, new TunnelClientRole.Config(
                spec.tunnelProtocolId(), 0, TunnelingCluster.GB_MAXIMUM_INCOMING_TRANSFER_SIZE, true,
                TunnelClientRole.Config.DEFAULT_RESPONSE_TIMEOUT),
                message -> gbcs.receive(message.toArray()).map(Bytes::of)));
        this.events = node.add(new EventsServerRole(node.port(), List.of(EventsCluster.LOG_GENERAL,
                EventsCluster.LOG_SECURITY)));
        for (int i = 0; i < spec.eventLogEntries(); i++) {
            events.record(EventsCluster.LOG_GENERAL, INITIAL_EVENT_ID);
        }
        // CS11 (0x0015, G.8): clear the log named and answer with the cleared-logs bitmap.
        gbcs.on(0x0015, c -> {
            UseCaseRecord.Cs11Command cs11 = (UseCaseRecord.Cs11Command) c;
            return Optional.of(new UseCaseRecord.Cs11Response(cs11.tsn(), events.clear(cs11.logId())));
        });
        gbcs.sendThrough(b -> tunnel.put(Bytes.of(b))); // alerts go up at the next wake (G.3)
        if (spec.ota() != null) {
            this.firmware = new FirmwareRole(node.port(), spec.ota().toBuilder()
                    .currentFileVersion(spec.firmwareVersion()).build(), seeds.device(spec.eui64()),
                    FirmwareAlert.GSME_RECEIPT, FirmwareAlertSink.NONE);
            node.add(firmware.ota());
            firmware.ota().addListener(new OtaClientRole.Listener() {
                @Override
                public void action(ClientAction a, boolean atPowerOn) {
                    if (a instanceof ClientAction.StatusChanged c) {
                        holdRadioFor(c.to());
                    }
                }

            });
            // The CH's Image Notify to a sleeping GSME is lost: the client asks at every wake (SR 11.1).
            cycle.onEveryWake(this::queryAtWake);
        } else {
            this.firmware = null;
        }
        node.afterBoot(() -> {
            otaHold = null; // the wake cycle drops every hold at power-on; the power-on wake takes it again
            cycle.boot();
        });
    }

    /**
     * At a wake: a client with nothing running asks the CH for an image. A download holds the radio
     * (below), so it is never cut by a sleep; one cut by a power cut goes on from its persisted
     * FileOffset at the power-on wake (the client's resume).
     */
    private void queryAtWake() {
        firmware.ota().client().ifPresent(c -> {
            switch (c.state()) {
                case IDLE, QUERYING, WAIT_FOR_MORE ->
                        firmware.ota().handle(new ClientEvent.StartQuery(node.now()));
                default -> { }
            }
            holdRadioFor(c.imageUpgradeStatus());
        });
    }

    /**
     * Keeps the radio on while a download, its verification or the Upgrade End exchange runs (decision
     * 0026): the blocks are answered only while the GSME listens. Holding an image for CS06 needs no air.
     */
    private void holdRadioFor(ImageUpgradeStatus status) {
        boolean busy = status == ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS
                || status == ImageUpgradeStatus.DOWNLOAD_COMPLETE || status == ImageUpgradeStatus.WAITING_TO_UPGRADE;
        if (busy && otaHold == null) {
            otaHold = cycle.stayAwake("ota download");
        } else if (!busy && otaHold != null) {
            WakeCycle.Hold h = otaHold;
            otaHold = null;
            h.release();
        }
    }

    /** The meter's firmware over the HAN (SR 11.1 / 11.3, G.7); empty without an OTA profile. */
    public Optional<FirmwareRole> firmware() {
        return Optional.ofNullable(firmware);
    }

    /** CS06 (SR 11.3): see {@link FirmwareRole#activate}; NO_IMAGE_HELD for a GSME without HAN firmware. */
    @Override
    public ActivationOutcome activate(byte[] manufacturerImageHash) {
        return firmware == null ? ActivationOutcome.NO_IMAGE_HELD : firmware.activate(manufacturerImageHash);
    }

    /** Joins the CH's HAN: the tunnel goes there, the CH is the upgrade server and takes the alerts (G.7). */
    public void joinedTo(long hubEui64, FirmwareAlertSink alerts) {
        if (firmware != null) {
            firmware.ota().setProfile(firmware.ota().profile().toBuilder().upgradeServer(hubEui64).build());
            firmware.setSink(alerts);
        }
        tunnel.joinedTo(hubEui64);
    }

    @Override
    public Node node() {
        return node;
    }

    public Spec spec() {
        return spec;
    }

    /** The CH it joined: where its tunnel goes. */
    public void joinedTo(long hubEui64) {
        joinedTo(hubEui64, FirmwareAlertSink.NONE);
    }

    /** The radio duty cycle, for roles that need the air (stay awake, run at the next wake). */
    public WakeCycle wakeCycle() {
        return cycle;
    }

    /** Wakes so far. */
    public long wakes() {
        return cycle.wakes();
    }

    /** Whether the radio is on now. */
    public boolean awake() {
        return cycle.awake();
    }

    public TunnelClientRole tunnel() {
        return tunnel;
    }

    public EventsServerRole events() {
        return events;
    }

    /** The GSME's GBCS application (what it did with each command from the tunnel). */
    public DeviceGbcsApplication gbcs() {
        return gbcs;
    }
}

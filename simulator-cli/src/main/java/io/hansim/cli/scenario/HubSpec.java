package io.hansim.cli.scenario;

import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.ota.server.OtaServerConfig.DowngradePolicy;
import io.hansim.zigbee.ota.server.OtaServerConfig.EvictionPolicy;
import io.hansim.zigbee.ota.server.OtaServerConfig.MissingHardwareVersionPolicy;
import io.hansim.device.inventory.SmetsVersion;

/**
 * The Communications Hub: maps onto {@code CommsHub.Spec} and its {@code OtaServerConfig}.
 *
 * @param eui64            the CH's EUI-64
 * @param smets            the SMETS generation of the system (R202.3)
 * @param chts             the CHTS version (R56.6)
 * @param firmwareVersion  the CH's own firmware version
 * @param imageBuffer      how many images the CH holds at once ({@code OtaServerConfig.Capacity.maxImages})
 * @param blockSize        the largest OTA block the CH serves in octets ({@code blockSizeCap})
 * @param endpoint         the CH's application endpoint, 1..0xF0 (G.5; default 1)
 * @param otaForHanDevices whether the CH offers OTA to HAN devices at all (R7.1)
 * @param imageBufferBytes how many octets of images the CH holds at once ({@code Capacity.maxBytes}, R7.7)
 * @param imageBufferPolicy what a distribution that does not fit the buffer meets ({@code Capacity.eviction}, R7.7)
 * @param downgrade        which file versions the CH offers against the running one (R7.14)
 * @param missingHardwareVersion what a query without a Hardware Version gets when the image has a
 *                         hardware range (R7.6)
 * @param timing           the CH's transfer timeouts and read-back (R7.8, R7.10, R7.12)
 * @param han              how the HAN keeps time and finds endpoints (G.4, G.5, G.9, G.11)
 * @param position         where {@code hub:} starts
 */
public record HubSpec(long eui64, SmetsVersion smets, SpecVersion chts, long firmwareVersion, int imageBuffer,
        int blockSize, int endpoint, boolean otaForHanDevices, long imageBufferBytes, EvictionPolicy imageBufferPolicy,
        DowngradePolicy downgrade, MissingHardwareVersionPolicy missingHardwareVersion, Timing timing, Han han,
        Position position) {

    /** A hub with the HAN settings' defaults ({@link Han#DEFAULT}). */
    public HubSpec(long eui64, SmetsVersion smets, SpecVersion chts, long firmwareVersion, int imageBuffer,
            int blockSize, int endpoint, boolean otaForHanDevices, long imageBufferBytes,
            EvictionPolicy imageBufferPolicy, DowngradePolicy downgrade,
            MissingHardwareVersionPolicy missingHardwareVersion, Timing timing, Position position) {
        this(eui64, smets, chts, firmwareVersion, imageBuffer, blockSize, endpoint, otaForHanDevices, imageBufferBytes,
                imageBufferPolicy, downgrade, missingHardwareVersion, timing, Han.DEFAULT, position);
    }

    /**
     * The HAN behaviour of issue 16 (decision 0025: discovery and a daily time sync on by default).
     *
     * @param endpointDiscovery  G.5: devices find the endpoints they send to with ZDO Match Descriptor
     * @param timeSync           G.4: devices read the CH's Time at boot and then this often (zero: at
     *                           boot only); empty: no time sync ({@code timeSync: off})
     * @param readIdentityAtJoin G.9: the CH reads each device's Basic identity over the HAN after boot
     * @param newFirmwareFlag    G.11: FunctionalNotificationFlags bit 0 and NOT_AUTHORIZED (optional)
     * @param clocks             G.4: devices whose clock is off or drifts
     * @param assumesEndpoint1   G.5: device ids with the "assumes endpoint 1" fault
     * @param tunnel             G.3: the CH's GB tunnel server (Protocol ID, maximum incoming transfer
     *                           size, PUTs per GET, queue limit per meter)
     * @param identities         G.9: the OTA parameters the Basic identity of a device without an OTA
     *                           profile (or of the CH, device {@code hub}) is derived from
     */
    public record Han(boolean endpointDiscovery, java.util.Optional<java.time.Duration> timeSync,
            boolean readIdentityAtJoin, boolean newFirmwareFlag, java.util.List<Clock> clocks,
            java.util.List<String> assumesEndpoint1, io.hansim.device.role.TunnelServerRole.Config tunnel,
            java.util.List<Identity> identities) {
        /**
         * Discovery on and time sync once a day (decision 0025: G.4 and G.5 are how GB devices
         * behave); identity reads, G.11, clock faults and the quirk off.
         */
        public static final Han DEFAULT = new Han(true,
                java.util.Optional.of(java.time.Duration.of(io.hansim.device.role.TimeClientRole.DEFAULT_INTERVAL,
                        java.time.temporal.ChronoUnit.MICROS)), false,
                false, java.util.List.of(), java.util.List.of());
        /** The loader's marker for {@code timeSync: off} (never stored in a {@code Han}). */
        static final java.time.Duration NO_TIME_SYNC = java.time.Duration.ofSeconds(-1);

        public Han {
            clocks = java.util.List.copyOf(clocks);
            assumesEndpoint1 = java.util.List.copyOf(assumesEndpoint1);
            java.util.Objects.requireNonNull(tunnel, "tunnel");
            identities = java.util.List.copyOf(identities);
        }

        public Han(boolean endpointDiscovery, java.util.Optional<java.time.Duration> timeSync,
                boolean readIdentityAtJoin, boolean newFirmwareFlag, java.util.List<Clock> clocks,
                java.util.List<String> assumesEndpoint1, io.hansim.device.role.TunnelServerRole.Config tunnel) {
            this(endpointDiscovery, timeSync, readIdentityAtJoin, newFirmwareFlag, clocks, assumesEndpoint1, tunnel,
                    java.util.List.of());
        }

        /** The identity configured for {@code device} (a device id, or {@code hub}). */
        public java.util.Optional<Identity> identity(String device) {
            return identities.stream().filter(i -> i.device().equals(device)).findFirst();
        }

        /** With the tunnel's defaults. */
        public Han(boolean endpointDiscovery, java.util.Optional<java.time.Duration> timeSync,
                boolean readIdentityAtJoin, boolean newFirmwareFlag, java.util.List<Clock> clocks,
                java.util.List<String> assumesEndpoint1) {
            this(endpointDiscovery, timeSync, readIdentityAtJoin, newFirmwareFlag, clocks, assumesEndpoint1,
                    io.hansim.device.role.TunnelServerRole.Config.DEFAULTS);
        }
    }

    /**
     * One device's Basic identity parameters (G.9): ManufacturerName is the 4 hex characters of
     * {@code manufacturerCode}, ModelIdentifier hex(imageType) ‖ hex(hardwareVersion).
     *
     * @param device a device id without OTA parameters, or {@code hub}
     */
    public record Identity(String device, int manufacturerCode, int imageType, int hardwareVersion,
            Position position) {
    }

    /**
     * One device's clock (G.4).
     *
     * @param offsetSeconds how far off the CH it starts (negative: behind)
     * @param driftPpm      how fast it runs, parts per million (negative: slow)
     */
    public record Clock(String device, long offsetSeconds, double driftPpm, Position position) {
    }

    /**
     * When the CH gives up on a transfer and when it reads the version back; every value is
     * (unconfirmed) in requirements.md, so configuration with the server's defaults.
     *
     * @param notifyTimeout    after an Image Notify, how long the CH waits for a Query Next Image before
     *                         CCS08 code 3 (R7.12)
     * @param stallTimeout     how long a download may go without a request before CCS08 code 3 (R7.8)
     * @param maxFailures      failed Upgrade End Requests accepted before the CH gives up (R7.8)
     * @param readBackDelay    after the activation, how long before the CH reads CurrentFileVersion (R7.10)
     * @param readBackAttempts Read Attributes sent before "no answer" (R7.10)
     */
    public record Timing(java.time.Duration notifyTimeout, java.time.Duration stallTimeout, int maxFailures,
            java.time.Duration readBackDelay, int readBackAttempts) {
        /** The OTA server's defaults ({@code OtaServerConfig.Timeouts.DEFAULT}, {@code ReadBack.DEFAULT}). */
        public static final Timing DEFAULT = new Timing(OtaServerConfig.Timeouts.DEFAULT.notifyTimeout(),
                OtaServerConfig.Timeouts.DEFAULT.stallTimeout(), OtaServerConfig.Timeouts.DEFAULT.maxFailures(),
                OtaServerConfig.ReadBack.DEFAULT.delay(), OtaServerConfig.ReadBack.DEFAULT.attempts());
    }

    /** The defaults of the keys a hub entry may leave out (R7.6, R7.7, R7.14). */
    public static final long DEFAULT_IMAGE_BUFFER_BYTES = OtaServerConfig.Capacity.DEFAULT.maxBytes();
}

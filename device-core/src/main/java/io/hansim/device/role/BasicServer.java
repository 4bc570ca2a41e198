package io.hansim.device.role;

import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Basic cluster server (0x0000, ZCL §3.2) every device carries. Its identity strings are derived
 * from the device's OTA parameters (requirements G.9, R202.7): ManufacturerName (0x0004) is the 4 hex
 * characters of the Zigbee manufacturer code (a ZCL string, so its octets are {@code 04} and the
 * characters), ModelIdentifier (0x0005) is hex(ImageType) ‖ hex(HardwareVersion), 8 characters, and
 * SWBuildID carries the running firmware's File Version in hex (8 characters), so a Basic read shows
 * what runs, as R7.11 needs of a live read.
 */
public final class BasicServer implements ClusterRole {
    /**
     * The OTA parameters the identity is derived from.
     *
     * @param manufacturerCode the Zigbee manufacturer code used in OTA
     * @param imageType        the OTA ImageType of the device's firmware
     * @param hardwareVersion  the hardware version the device reports in OTA (0 when it reports none)
     */
    public record Identity(int manufacturerCode, int imageType, int hardwareVersion) {
        /**
         * For a device kind whose spec carries no OTA parameters yet (derived: all zero; the
         * inventory then reads 0000 / 00000000, visibly not a real product).
         */
        public static final Identity UNSPECIFIED = new Identity(0, 0, 0);

        public Identity {
            for (int v : new int[] {manufacturerCode, imageType, hardwareVersion}) {
                if (v < 0 || v > 0xFFFF) {
                    throw new IllegalArgumentException("OTA identity fields are 16 bits, was " + v);
                }
            }
        }

        /**
         * hansim's own manufacturer code for the identities a scenario does not give (the one its examples
         * and generated images use; not a registered Zigbee code).
         */
        public static final int HANSIM_MANUFACTURER = 0x1234;

        /** A kind's default identity: hansim's manufacturer, the kind's own image type, hardware version 1. */
        public static Identity hansim(int imageType) {
            return new Identity(HANSIM_MANUFACTURER, imageType, 1);
        }

        /** From an OTA client's profile (hardware version 0 when the profile sends none). */
        public static Identity of(ClientProfile p) {
            ClientProfile.Identity i = p.identity();
            return shared(new Identity(i.manufacturerCode(), i.imageType(), i.hardwareVersion().orElse(0)));
        }

        /**
         * One instance per distinct identity: every device of a kind in a fleet carries the same one, so
         * 100 000 hubs keep a handful instead of one per device (issue 8's memory budget per idle device).
         * Records are immutable, so sharing changes nothing a caller can see; the table is bounded.
         */
        private static Identity shared(Identity id) {
            Identity known = SHARED.get(id);
            if (known != null) {
                return known;
            }
            if (SHARED.size() >= SHARED_LIMIT) {
                return id; // an unusual run with very many identities: keep each one, as before
            }
            known = SHARED.putIfAbsent(id, id);
            return known != null ? known : id;
        }

        private static final int SHARED_LIMIT = 4096;
        private static final java.util.concurrent.ConcurrentHashMap<Identity, Identity> SHARED =
                new java.util.concurrent.ConcurrentHashMap<>();
    }

    private final Port port;
    private final Identity identity;

    /** A device without OTA parameters ({@link Identity#UNSPECIFIED}). */
    public BasicServer(Port port) {
        this(port, Identity.UNSPECIFIED);
    }

    public BasicServer(Port port, Identity identity) {
        this.port = Objects.requireNonNull(port, "port");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    @Override
    public int clusterId() {
        return BasicAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    public Identity identity() {
        return identity;
    }

    /** The identity as the inventory keeps it, with the running firmware (G.9). */
    public OtaIdentity otaIdentity() {
        return OtaIdentity.of(identity.manufacturerCode(), identity.imageType(), identity.hardwareVersion(),
                port.store().runningVersion());
    }

    /** The attributes as they stand now. */
    public Map<Integer, ZclValue> attributes() {
        long running = port.store().runningVersion();
        OtaIdentity id = otaIdentity();
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        m.put(BasicAttribute.ZCL_VERSION.id(), ZclValue.uint8(0x03)); // (derived) ZCL revision of SE 1.4 stacks
        m.put(BasicAttribute.APPLICATION_VERSION.id(), ZclValue.uint8((int) (running & 0xFF)));
        m.put(BasicAttribute.MANUFACTURER_NAME.id(), ZclValue.string(id.manufacturer().hex()));
        m.put(BasicAttribute.MODEL_IDENTIFIER.id(), ZclValue.string(id.model().hex()));
        m.put(BasicAttribute.POWER_SOURCE.id(), ZclValue.enum8(0x01)); // mains, single phase
        m.put(BasicAttribute.SW_BUILD_ID.id(), ZclValue.string(String.format("%08X", running)));
        return m;
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        return attributes();
    }
}

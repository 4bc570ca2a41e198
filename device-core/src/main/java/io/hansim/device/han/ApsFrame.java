package io.hansim.device.han;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * A frame on the simulated HAN at the APS level: who sent it, to whom, which profile, cluster and
 * endpoints, the APS counter, and the ZCL bytes it carries. The bus moves these; the trace sinks
 * wrap them in NWK and IEEE 802.15.4 headers when they write a pcap.
 *
 * @param sourceEui64        the sender's IEEE address
 * @param sourceShort        the sender's 16-bit network address
 * @param sourceEndpoint     1..240
 * @param destinationEui64   the addressee's IEEE address, or {@link #BROADCAST_EUI64} for a broadcast
 * @param destinationShort   the addressee's network address, or a broadcast address (0xFFFF, 0xFFFD, 0xFFFC)
 * @param destinationEndpoint 1..240, or 0xFF for all endpoints
 * @param profileId          0x0109 (Smart Energy) on the GB HAN
 * @param clusterId          e.g. 0x0019 OTA Upgrade
 * @param apsCounter         0..255, per sender
 * @param payload            the ZCL frame
 */
public record ApsFrame(long sourceEui64, int sourceShort, int sourceEndpoint, long destinationEui64,
        int destinationShort, int destinationEndpoint, int profileId, int clusterId, int apsCounter, Bytes payload) {

    /** Smart Energy profile, used by every GB HAN frame (requirements R7.1). */
    public static final int PROFILE_SMART_ENERGY = 0x0109;
    /** The IEEE address used for "no single addressee". */
    public static final long BROADCAST_EUI64 = -1L;
    /** Broadcast to all devices whose receiver is on when idle (ZigBee broadcast address). */
    public static final int BROADCAST_RX_ON_WHEN_IDLE = 0xFFFD;
    /**
     * The network address a sender uses when it does not know the addressee's (Zigbee PRO: 0xFFFE is
     * not a broadcast address; the broadcast table reserves it). A frame carrying it is still a unicast.
     */
    public static final int ADDRESS_UNKNOWN = 0xFFFE;

    public ApsFrame {
        Objects.requireNonNull(payload, "payload");
        check("sourceShort", sourceShort, 0xFFFF);
        check("sourceEndpoint", sourceEndpoint, 0xFF);
        check("destinationShort", destinationShort, 0xFFFF);
        check("destinationEndpoint", destinationEndpoint, 0xFF);
        check("profileId", profileId, 0xFFFF);
        check("clusterId", clusterId, 0xFFFF);
        check("apsCounter", apsCounter, 0xFF);
    }

    /**
     * True when addressed to more than one device: the Zigbee PRO broadcast range 0xFFF8..0xFFFF
     * (0xFFFF all devices, 0xFFFD receivers on when idle, 0xFFFC routers, the rest reserved), except
     * {@link #ADDRESS_UNKNOWN}, which marks a unicast whose addressee's network address is unknown
     * (issue 13: treating it as a broadcast delivered polls for absent meters to every device).
     */
    public boolean isBroadcast() {
        return destinationShort >= 0xFFF8 && destinationShort != ADDRESS_UNKNOWN;
    }

    private static void check(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " out of range 0.." + max + ": " + value);
        }
    }
}

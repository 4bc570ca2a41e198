package io.hansim.device.node;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclHeader;

/**
 * A frame as a role receives it: the APS frame, its ZCL header decoded once by the endpoint, and the
 * port to answer through.
 *
 * @param frame  the APS frame
 * @param header the ZCL header; null only for a {@link ClusterRole.Mode#RAW} role when the octets are
 *               not a ZCL header (its machine reports that itself)
 * @param port   the receiving role's port
 */
public record Inbound(ApsFrame frame, ZclHeader header, Port port) {
    public long source() {
        return frame.sourceEui64();
    }

    public boolean broadcast() {
        return frame.isBroadcast();
    }

    public int clusterId() {
        return frame.clusterId();
    }

    public int tsn() {
        return header.transactionSequenceNumber();
    }

    public Bytes payload() {
        return frame.payload();
    }

    /** The whole ZCL frame as an array (codecs of cluster-specific commands decode from it). */
    public byte[] zcl() {
        return frame.payload().toArray();
    }
}

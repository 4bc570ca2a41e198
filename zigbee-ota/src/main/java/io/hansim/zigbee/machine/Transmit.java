package io.hansim.zigbee.machine;

import io.hansim.zigbee.zcl.Bytes;

/**
 * Send a ZCL frame from the machine's endpoint. The frame is complete (from the frame-control
 * byte); the driver only addresses it (APS: destination, cluster, unicast or broadcast).
 */
public interface Transmit extends Action {

    /** The destination's EUI-64; ignored for a broadcast. */
    long destinationEui64();

    /** Whether the frame is broadcast rather than sent to {@link #destinationEui64()}. */
    boolean broadcast();

    /** The ZCL cluster identifier the frame belongs to, e.g. 0x0019 OTA Upgrade. */
    int clusterId();

    /** The whole ZCL frame, from the frame-control byte. */
    Bytes zclFrame();

    @Override
    default Transmit asTransmit() {
        return this;
    }
}

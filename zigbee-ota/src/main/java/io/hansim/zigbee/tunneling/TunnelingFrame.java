package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;

/**
 * A whole ZCL frame of the Tunneling cluster: header and command. The header must be
 * cluster-specific, not manufacturer-specific, and carry the command's identifier and direction;
 * the disable-default-response bit is free, so a decoded frame re-encodes to the same bytes.
 *
 * @param header  the ZCL header
 * @param command the command
 */
public record TunnelingFrame(ZclHeader header, TunnelingCommand command) {

    public TunnelingFrame {
        if (header == null || command == null) {
            throw new IllegalArgumentException("header and command are required");
        }
        if (header.frameType() != FrameType.CLUSTER_SPECIFIC || header.manufacturerSpecific()) {
            throw new IllegalArgumentException("a Tunneling command needs a cluster-specific, "
                    + "non-manufacturer-specific header");
        }
        if (header.commandId() != command.commandId() || header.direction() != command.direction()) {
            throw new IllegalArgumentException("header (command 0x" + Integer.toHexString(header.commandId())
                    + ", " + header.direction() + ") does not announce " + command.type().specName());
        }
    }

    /**
     * A frame with the default frame control 0x01 / 0x09: the default response stays enabled, so
     * that a receiver reports a command it cannot handle (ZCL §2.5.12).
     */
    public static TunnelingFrame of(int transactionSequenceNumber, TunnelingCommand command) {
        return of(transactionSequenceNumber, command, false);
    }

    /** A frame with the given disable-default-response bit. */
    public static TunnelingFrame of(int transactionSequenceNumber, TunnelingCommand command,
            boolean disableDefaultResponse) {
        if (command == null) {
            throw new IllegalArgumentException("command is required");
        }
        return new TunnelingFrame(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, command.direction(),
                disableDefaultResponse, transactionSequenceNumber, command.commandId()), command);
    }

    /** Number of bytes on the air. */
    public int encodedLength() {
        return header.encodedLength() + command.payloadLength();
    }
}

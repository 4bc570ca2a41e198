package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;

/**
 * A whole ZCL frame of the Device Management cluster: header and command. The header must be
 * cluster-specific, not manufacturer-specific, and carry the command's identifier and direction;
 * the disable-default-response bit is free, so a decoded frame re-encodes to the same bytes.
 *
 * @param header  the ZCL header
 * @param command the command
 */
public record DeviceManagementFrame(ZclHeader header, DeviceManagementCommand command) {

    public DeviceManagementFrame {
        if (header == null || command == null) {
            throw new IllegalArgumentException("header and command are required");
        }
        if (header.frameType() != FrameType.CLUSTER_SPECIFIC || header.manufacturerSpecific()) {
            throw new IllegalArgumentException("a Device Management command needs a cluster-specific, "
                    + "non-manufacturer-specific header");
        }
        if (header.commandId() != command.commandId() || header.direction() != command.direction()) {
            throw new IllegalArgumentException("header (command 0x" + Integer.toHexString(header.commandId())
                    + ", " + header.direction() + ") does not announce " + command.type().specName());
        }
    }

    /**
     * A frame with the default frame control: server→client commands leave the default response
     * enabled (GCS09 sends 0x09 and the GPF answers with a Default Response, gbcs.md §8.2);
     * client→server requests are 0x01.
     */
    public static DeviceManagementFrame of(int transactionSequenceNumber, DeviceManagementCommand command) {
        return of(transactionSequenceNumber, command, false);
    }

    /** A frame with the given disable-default-response bit. */
    public static DeviceManagementFrame of(int transactionSequenceNumber, DeviceManagementCommand command,
            boolean disableDefaultResponse) {
        if (command == null) {
            throw new IllegalArgumentException("command is required");
        }
        return new DeviceManagementFrame(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, command.direction(),
                disableDefaultResponse, transactionSequenceNumber, command.commandId()), command);
    }

    /** Number of bytes on the air. */
    public int encodedLength() {
        return header.encodedLength() + command.payloadLength();
    }
}

package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;

/**
 * A whole ZCL frame of the OTA Upgrade cluster: the header as it was (or will be) on the air and
 * the command it carries. The header must agree with the command (zigbee-ota.md §1):
 * cluster-specific, not manufacturer-specific, the command's identifier and direction. The
 * disable-default-response bit is free, so a decoded frame re-encodes to the same bytes.
 *
 * @param header  the ZCL header
 * @param command the OTA command
 */
public record OtaFrame(ZclHeader header, OtaCommand command) {

    public OtaFrame {
        if (header == null || command == null) {
            throw new IllegalArgumentException("header and command are required");
        }
        if (header.frameType() != FrameType.CLUSTER_SPECIFIC) {
            throw new IllegalArgumentException("an OTA command needs a cluster-specific frame type");
        }
        if (header.manufacturerSpecific()) {
            throw new IllegalArgumentException("a manufacturer-specific frame is not an OTA command (zigbee-ota.md §1)");
        }
        if (header.commandId() != command.commandId()) {
            throw new IllegalArgumentException("header command id " + header.commandId() + " is not "
                    + command.type().specName() + " (" + command.commandId() + ")");
        }
        if (header.direction() != command.direction()) {
            throw new IllegalArgumentException(command.type().specName() + " travels " + command.direction());
        }
    }

    /**
     * A frame with the default frame control of zigbee-ota.md §1: 0x01 for a client→server request
     * (the server answers errors with a Default Response), 0x19 for a server→client command
     * (disable default response; for Image Notify this is the broadcast form).
     */
    public static OtaFrame of(int transactionSequenceNumber, OtaCommand command) {
        if (command == null) {
            throw new IllegalArgumentException("command is required");
        }
        return of(transactionSequenceNumber, command, command.direction() == Direction.SERVER_TO_CLIENT);
    }

    /**
     * A frame with the given disable-default-response bit; e.g. {@code false} for a unicast Image
     * Notify that wants a Default Response (frame control 0x09, zigbee-ota.md §1).
     */
    public static OtaFrame of(int transactionSequenceNumber, OtaCommand command, boolean disableDefaultResponse) {
        if (command == null) {
            throw new IllegalArgumentException("command is required");
        }
        return new OtaFrame(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, command.direction(), disableDefaultResponse,
                transactionSequenceNumber, command.commandId()), command);
    }

    /** The transaction sequence number. */
    public int transactionSequenceNumber() {
        return header.transactionSequenceNumber();
    }

    /** Number of bytes on the air: header and payload. */
    public int encodedLength() {
        return header.encodedLength() + command.payloadLength();
    }
}

package io.hansim.zigbee.zcl;

import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;

/**
 * A whole ZCL frame (ZCL §2.4) carrying a general command: the header (frame type GLOBAL, command
 * identifier equal to the command's) and the decoded command.
 */
public record GeneralFrame(ZclHeader header, GeneralCommand command) {

    public GeneralFrame {
        if (header == null || command == null) {
            throw new IllegalArgumentException("header and command are required");
        }
        if (header.frameType() != FrameType.GLOBAL) {
            throw new IllegalArgumentException("a general command needs frame type GLOBAL, not " + header.frameType());
        }
        if (header.commandId() != command.commandId()) {
            throw new IllegalArgumentException(String.format(
                    "header command identifier 0x%02X does not match the command's 0x%02X",
                    header.commandId(), command.commandId()));
        }
    }

    /** A frame with a standard (not manufacturer-specific) header. */
    public static GeneralFrame of(Direction direction, boolean disableDefaultResponse, int tsn,
            GeneralCommand command) {
        return new GeneralFrame(ZclHeader.of(FrameType.GLOBAL, direction, disableDefaultResponse, tsn,
                command.commandId()), command);
    }

    /** A manufacturer-specific frame: the attribute identifiers are {@code manufacturerCode}'s. */
    public static GeneralFrame ofManufacturer(int manufacturerCode, Direction direction,
            boolean disableDefaultResponse, int tsn, GeneralCommand command) {
        return new GeneralFrame(new ZclHeader(FrameType.GLOBAL, true, direction, disableDefaultResponse,
                manufacturerCode, tsn, command.commandId()), command);
    }
}

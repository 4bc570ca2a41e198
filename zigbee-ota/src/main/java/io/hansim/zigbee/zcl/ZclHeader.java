package io.hansim.zigbee.zcl;

import io.netty.buffer.ByteBuf;

/**
 * The ZCL frame header (ZCL §2.4.1): frame control, the manufacturer code when the frame is
 * manufacturer-specific, the transaction sequence number and the command identifier.
 *
 * <p>Frame control bits: 0–1 frame type, 2 manufacturer-specific, 3 direction, 4 disable default
 * response, 5–7 reserved (must be zero; a decoder reports them).
 *
 * @param frameType              global (profile-wide) or cluster-specific command
 * @param manufacturerSpecific   bit 2; when set the manufacturer code follows frame control
 * @param direction              bit 3
 * @param disableDefaultResponse bit 4
 * @param manufacturerCode       0..0xFFFF when manufacturer-specific, else 0
 * @param transactionSequenceNumber 0..255
 * @param commandId              0..255
 */
public record ZclHeader(
        FrameType frameType,
        boolean manufacturerSpecific,
        Direction direction,
        boolean disableDefaultResponse,
        int manufacturerCode,
        int transactionSequenceNumber,
        int commandId) {

    /** ZCL frame type (frame control bits 0–1). Values 2 and 3 are reserved. */
    public enum FrameType {
        /** Command acts across the entire profile (Read Attributes, Default Response, ...). */
        GLOBAL,
        /** Command is specific to the cluster. */
        CLUSTER_SPECIFIC
    }

    /** Frame control bit 3. */
    public enum Direction {
        CLIENT_TO_SERVER,
        SERVER_TO_CLIENT
    }

    public ZclHeader {
        if (frameType == null || direction == null) {
            throw new IllegalArgumentException("frameType and direction are required");
        }
        checkRange("manufacturerCode", manufacturerCode, 0xFFFF);
        if (!manufacturerSpecific && manufacturerCode != 0) {
            throw new IllegalArgumentException("manufacturerCode given for a frame that is not manufacturer-specific");
        }
        checkRange("transactionSequenceNumber", transactionSequenceNumber, 0xFF);
        checkRange("commandId", commandId, 0xFF);
    }

    /** A header for a standard (not manufacturer-specific) command. */
    public static ZclHeader of(FrameType type, Direction direction, boolean disableDefaultResponse,
            int tsn, int commandId) {
        return new ZclHeader(type, false, direction, disableDefaultResponse, 0, tsn, commandId);
    }

    /** Header length on the air: 3, or 5 with the manufacturer code. */
    public int encodedLength() {
        return manufacturerSpecific ? 5 : 3;
    }

    /** The frame-control byte. */
    public int frameControl() {
        return frameType.ordinal()
                | (manufacturerSpecific ? 0x04 : 0)
                | (direction == Direction.SERVER_TO_CLIENT ? 0x08 : 0)
                | (disableDefaultResponse ? 0x10 : 0);
    }

    public void encode(ByteBuf out) {
        out.writeByte(frameControl());
        if (manufacturerSpecific) {
            out.writeShortLE(manufacturerCode);
        }
        out.writeByte(transactionSequenceNumber);
        out.writeByte(commandId);
    }

    /** Decodes a header from the reader; offsets in errors are the reader's. */
    /** FrameType by its two-bit code; values() would clone the array on every decoded frame (issue 8). */
    private static final FrameType[] FRAME_TYPES = FrameType.values();

    public static ZclHeader decode(ZclReader in) {
        int at = in.offset();
        int fc = in.u8("FrameControl");
        int type = fc & 0x03;
        if (type > 1) {
            throw in.errorAt("FrameControl", at, "reserved frame type " + type);
        }
        if ((fc & 0xE0) != 0) {
            throw in.errorAt("FrameControl", at,
                    String.format("reserved bits 5-7 set (frame control 0x%02X)", fc));
        }
        boolean mfr = (fc & 0x04) != 0;
        int code = mfr ? in.u16("ManufacturerCode") : 0;
        int tsn = in.u8("TransactionSequenceNumber");
        int cmd = in.u8("CommandIdentifier");
        return new ZclHeader(FRAME_TYPES[type], mfr,
                (fc & 0x08) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER,
                (fc & 0x10) != 0, code, tsn, cmd);
    }

    static void checkRange(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " out of range 0.." + max + ": " + value);
        }
    }
}

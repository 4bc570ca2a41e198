package io.hansim.zigbee.zcl;

import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * Header rules shared by the strict codecs of cluster-specific commands (DESIGN.md §3): which
 * command a header announces, and the errors when it announces none. The codecs of the Smart
 * Energy clusters (Device Management, Messaging, Prepayment) use it so that they report the same
 * fields at the same offsets as the OTA codec:
 *
 * <ul>
 *   <li>{@code FrameType} at offset 0: a global command (hand it to {@link GeneralCommandCodec});
 *   <li>{@code ManufacturerSpecific} at offset 0: a manufacturer's own command, not the cluster's;
 *   <li>{@code CommandIdentifier} at the identifier's offset: no modelled command has this
 *       identifier in the frame's direction. The Smart Energy clusters define most identifiers in
 *       both directions and hansim models only some commands, so a command travelling the wrong
 *       way cannot be told from an unmodelled one: both are this error, and the message names the
 *       command of the other direction when there is one.
 * </ul>
 */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    /** The command {@code (commandId, direction)} names among {@code types}, or {@code null}. */
    public static <T extends ClusterCommandType> T find(T[] types, int commandId, Direction direction) {
        for (T t : types) {
            if (t.id() == commandId && t.direction() == direction) {
                return t;
            }
        }
        return null;
    }

    /**
     * Checks a decoded header against a cluster's command table and returns the command it names.
     *
     * @param cluster the cluster's name for messages, e.g. {@code "Messaging"}
     * @throws ZclDecodeException as listed in the class comment
     */
    public static <T extends ClusterCommandType> T checkHeader(ZclHeader header, String cluster, T[] types) {
        Objects.requireNonNull(header, "header");
        if (header.frameType() != FrameType.CLUSTER_SPECIFIC) {
            throw new ZclDecodeException("FrameType", 0, String.format(
                    "global (profile-wide) command 0x%02X is not a %s cluster command", header.commandId(), cluster));
        }
        if (header.manufacturerSpecific()) {
            throw new ZclDecodeException("ManufacturerSpecific", 0, String.format(
                    "manufacturer-specific frame (manufacturer code 0x%04X) is not a %s cluster command",
                    header.manufacturerCode(), cluster));
        }
        return resolve(types, header.commandId(), header.direction(), header.encodedLength() - 1, cluster);
    }

    /**
     * The command {@code (commandId, direction)} names; anything else is reported at
     * {@code commandIdOffset} as {@code CommandIdentifier}.
     */
    public static <T extends ClusterCommandType> T resolve(T[] types, int commandId, Direction direction,
            int commandIdOffset, String cluster) {
        Objects.requireNonNull(direction, "direction");
        T type = find(types, commandId, direction);
        if (type != null) {
            return type;
        }
        Direction other = direction == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT
                : Direction.CLIENT_TO_SERVER;
        T reversed = find(types, commandId, other);
        String hint = reversed == null ? "" : " (" + reversed.specName() + " is 0x"
                + String.format("%02X", commandId) + " " + arrow(other) + ")";
        throw new ZclDecodeException("CommandIdentifier", Math.max(0, commandIdOffset), String.format(
                "0x%02X is not a %s %s cluster command hansim models%s", commandId, arrow(direction), cluster, hint));
    }

    /** {@code client→server} or {@code server→client}, for messages. */
    public static String arrow(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? "client→server" : "server→client";
    }

    /** A payload reader over {@code payload} that leaves the reader index alone when decoding fails. */
    public interface PayloadReader<R> {
        R read(ZclReader in);
    }

    /**
     * Runs {@code reader} over all readable bytes of {@code buf} and then requires the end (trailing
     * bytes are an error naming {@code what}); on failure the reader index is restored.
     *
     * @param baseOffset the frame offset of the buffer's reader index
     */
    public static <R> R readAll(ByteBuf buf, int baseOffset, String what, PayloadReader<R> reader) {
        int start = buf.readerIndex();
        try {
            ZclReader in = new ZclReader(buf, baseOffset);
            R result = reader.read(in);
            in.end(what);
            return result;
        } catch (ZclDecodeException e) {
            buf.readerIndex(start);
            throw e;
        }
    }

    /** Decodes the cluster-specific part of a frame whose ZCL header is already decoded. */
    @FunctionalInterface
    public interface FrameBody<F> {
        F decode(ZclHeader header, ByteBuf payload);
    }

    /**
     * Decodes all readable bytes of {@code frame} as one frame of a cluster: the ZCL header, then
     * {@code body}; on failure the reader index is left where it was. The one frame entry point every
     * cluster codec (Device Management, Messaging, Prepayment, Tunneling, Events) shares.
     */
    public static <F> F decodeFrame(ByteBuf frame, FrameBody<F> body) {
        java.util.Objects.requireNonNull(frame, "frame");
        int start = frame.readerIndex();
        try {
            ZclHeader header = ZclHeader.decode(new ZclReader(frame));
            return body.decode(header, frame);
        } catch (ZclDecodeException e) {
            frame.readerIndex(start);
            throw e;
        }
    }
}

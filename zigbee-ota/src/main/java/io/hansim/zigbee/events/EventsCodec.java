package io.hansim.zigbee.events;

import io.hansim.zigbee.events.EventsCommand.ClearEventLogRequest;
import io.hansim.zigbee.events.EventsCommand.ClearEventLogResponse;
import io.hansim.zigbee.zcl.ClusterCommands;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * Strict encoder and decoder for the Events cluster (0x0709) commands in {@link EventsCommandType}.
 * Any input either decodes or raises one {@link ZclDecodeException} naming the field and its offset
 * from the frame-control byte (a missing field, trailing bytes, a header naming no modelled command).
 */
public final class EventsCodec {
    static final String CLUSTER = "Events";

    private EventsCodec() {
    }

    /** Decodes a whole ZCL frame; error offsets count from {@code frame[0]}. */
    public static EventsFrame decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Decodes all readable bytes as one frame; on failure the reader index is left where it was. */
    public static EventsFrame decode(ByteBuf frame) {
        return ClusterCommands.decodeFrame(frame, EventsCodec::decode);
    }

    /** Decodes the payload of a frame whose header was decoded already; offsets from the frame control. */
    public static EventsFrame decode(ZclHeader header, ByteBuf payload) {
        EventsCommandType type = ClusterCommands.checkHeader(header, CLUSTER, EventsCommandType.values());
        return new EventsFrame(header,
                ClusterCommands.readAll(payload, header.encodedLength(), type.specName(), in -> read(type, in)));
    }

    /** Decodes a bare payload, offsets counted from {@code payload[0]}. */
    public static EventsCommand decodePayload(int commandId, Direction direction, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        EventsCommandType type = ClusterCommands.resolve(EventsCommandType.values(), commandId, direction, -1,
                CLUSTER);
        return ClusterCommands.readAll(Unpooled.wrappedBuffer(payload), 0, type.specName(), in -> read(type, in));
    }

    private static EventsCommand read(EventsCommandType type, ZclReader in) {
        return switch (type) {
            case CLEAR_EVENT_LOG_REQUEST -> new ClearEventLogRequest(in.u8("LogID"));
            case CLEAR_EVENT_LOG_RESPONSE -> new ClearEventLogResponse(in.u8("ClearedEventsLogs"));
        };
    }

    /** A frame with the default frame control of {@link EventsFrame#of(int, EventsCommand)}. */
    public static byte[] encode(int transactionSequenceNumber, EventsCommand command) {
        return encode(EventsFrame.of(transactionSequenceNumber, command));
    }

    /** The whole frame: header, then payload. */
    public static byte[] encode(EventsFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.encodedLength());
        frame.header().encode(out);
        encodePayload(frame.command(), out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** The payload bytes alone. */
    public static byte[] encodePayload(EventsCommand command) {
        ByteBuf out = Unpooled.buffer(command.payloadLength());
        encodePayload(command, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** Writes the payload at the writer index of {@code out}. */
    public static void encodePayload(EventsCommand command, ByteBuf out) {
        switch (command.type()) {
            case CLEAR_EVENT_LOG_REQUEST -> out.writeByte(((ClearEventLogRequest) command).logId());
            case CLEAR_EVENT_LOG_RESPONSE -> out.writeByte(((ClearEventLogResponse) command).clearedEventsLogs());
        }
    }
}

package io.hansim.zigbee.messaging;

import io.hansim.zigbee.messaging.MessagingCommand.CancelAllMessages;
import io.hansim.zigbee.messaging.MessagingCommand.CancelMessage;
import io.hansim.zigbee.messaging.MessagingCommand.DisplayMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetLastMessage;
import io.hansim.zigbee.messaging.MessagingCommand.GetMessageCancellation;
import io.hansim.zigbee.messaging.MessagingCommand.MessageConfirmation;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ClusterCommands;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.hansim.zigbee.zcl.ZclValue;
import io.hansim.zigbee.zcl.ZclValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Strict encoder and decoder for the Messaging cluster (0x0703) commands in
 * {@link MessagingCommandType}. Any input either decodes or raises one {@link ZclDecodeException}
 * naming the field and its offset from the frame-control byte: short payloads, trailing bytes, a
 * Message string longer than the bytes left, a MessageResponse over
 * {@value MessagingCluster#MAX_MESSAGE_RESPONSE_LENGTH} octets, and headers that name no modelled
 * command (rules in {@link ClusterCommands}). Optional trailing fields are present exactly when
 * their bytes are, so a decoded frame re-encodes to the same bytes.
 */
public final class MessagingCodec {
    static final String CLUSTER = "Messaging";

    private MessagingCodec() {
    }

    /** Decodes a whole ZCL frame; error offsets count from {@code frame[0]}. */
    public static MessagingFrame decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Decodes all readable bytes as one frame; on failure the reader index is left where it was. */
    public static MessagingFrame decode(ByteBuf frame) {
        return ClusterCommands.decodeFrame(frame, MessagingCodec::decode);
    }

    /** Decodes the payload of a frame whose header was decoded already; offsets from the frame control. */
    public static MessagingFrame decode(ZclHeader header, ByteBuf payload) {
        MessagingCommandType type = ClusterCommands.checkHeader(header, CLUSTER, MessagingCommandType.values());
        return new MessagingFrame(header,
                ClusterCommands.readAll(payload, header.encodedLength(), type.specName(), in -> read(type, in)));
    }

    /** Decodes a bare payload, offsets counted from {@code payload[0]}. */
    public static MessagingCommand decodePayload(int commandId, Direction direction, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return decodePayload(commandId, direction, Unpooled.wrappedBuffer(payload), 0);
    }

    /**
     * Decodes the payload of command {@code commandId} travelling in {@code direction}.
     *
     * @param baseOffset frame offset of the payload's first byte (3, or 5 after a manufacturer code)
     */
    public static MessagingCommand decodePayload(int commandId, Direction direction, ByteBuf payload,
            int baseOffset) {
        Objects.requireNonNull(payload, "payload");
        MessagingCommandType type = ClusterCommands.resolve(MessagingCommandType.values(), commandId, direction,
                baseOffset - 1, CLUSTER);
        return ClusterCommands.readAll(payload, baseOffset, type.specName(), in -> read(type, in));
    }

    private static MessagingCommand read(MessagingCommandType type, ZclReader in) {
        return switch (type) {
            case DISPLAY_MESSAGE -> {
                long id = in.u32("MessageID");
                int control = in.u8("MessageControl");
                long start = in.u32("StartTime");
                int duration = in.u16("DurationInMinutes");
                var message = (ZclValue.CharString) ZclValues.read(ZclDataType.CHARACTER_STRING, in, "Message");
                OptionalInt extended = in.hasRemaining() ? OptionalInt.of(in.u8("ExtendedMessageControl"))
                        : OptionalInt.empty();
                yield new DisplayMessage(id, control, start, duration, message, extended);
            }
            case CANCEL_MESSAGE -> new CancelMessage(in.u32("MessageID"), in.u8("MessageControl"));
            case CANCEL_ALL_MESSAGES -> new CancelAllMessages(in.u32("ImplementationDateTime"));
            case GET_LAST_MESSAGE -> new GetLastMessage();
            case MESSAGE_CONFIRMATION -> {
                long id = in.u32("MessageID");
                long time = in.u32("ConfirmationTime");
                OptionalInt control = in.hasRemaining() ? OptionalInt.of(in.u8("MessageConfirmationControl"))
                        : OptionalInt.empty();
                Optional<Bytes> response = Optional.empty();
                if (in.hasRemaining()) {
                    int at = in.offset();
                    int length = in.u8("MessageResponse");
                    if (length > MessagingCluster.MAX_MESSAGE_RESPONSE_LENGTH) {
                        throw in.errorAt("MessageResponse", at, "length " + length + " over the "
                                + MessagingCluster.MAX_MESSAGE_RESPONSE_LENGTH + "-octet limit");
                    }
                    response = Optional.of(in.bytes(length, "MessageResponse"));
                }
                yield new MessageConfirmation(id, time, control, response);
            }
            case GET_MESSAGE_CANCELLATION -> new GetMessageCancellation(in.u32("EarliestImplementationTime"));
        };
    }

    /**
     * The server's answer to Get Last Message when it holds no message: a Default Response
     * (server→client, general command 0x0B) for command 0x00 with status NOT_FOUND, echoing the
     * request's transaction sequence number (SE 1.4 D.5.2.3.1).
     */
    public static GeneralFrame noMessageResponse(int transactionSequenceNumber) {
        return GeneralFrame.of(Direction.SERVER_TO_CLIENT, true, transactionSequenceNumber,
                new DefaultResponse(MessagingCommandType.GET_LAST_MESSAGE.id(), MessagingCluster.NO_MESSAGE_STATUS));
    }

    // ------------------------------------------------------------------ encoding

    /** A frame with the default frame control of {@link MessagingFrame#of(int, MessagingCommand)}. */
    public static byte[] encode(int transactionSequenceNumber, MessagingCommand command) {
        return encode(MessagingFrame.of(transactionSequenceNumber, command));
    }

    /** The whole frame: header, then payload. */
    public static byte[] encode(MessagingFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.encodedLength());
        encode(frame, out);
        return bytes(out);
    }

    /** Writes the whole frame at the writer index of {@code out}. */
    public static void encode(MessagingFrame frame, ByteBuf out) {
        frame.header().encode(out);
        encodePayload(frame.command(), out);
    }

    /** The payload bytes alone. */
    public static byte[] encodePayload(MessagingCommand command) {
        ByteBuf out = Unpooled.buffer(command.payloadLength());
        encodePayload(command, out);
        return bytes(out);
    }

    /** Writes the payload at the writer index of {@code out}. */
    public static void encodePayload(MessagingCommand command, ByteBuf out) {
        // The type fixes the record class: the hierarchy is sealed and every member is final.
        switch (command.type()) {
            case DISPLAY_MESSAGE -> {
                DisplayMessage d = (DisplayMessage) command;
                out.writeIntLE((int) d.messageId());
                out.writeByte(d.messageControl());
                out.writeIntLE((int) d.startTime());
                out.writeShortLE(d.durationInMinutes());
                ZclValues.write(d.message(), out);
                d.extendedMessageControl().ifPresent(out::writeByte);
            }
            case CANCEL_MESSAGE -> {
                CancelMessage c = (CancelMessage) command;
                out.writeIntLE((int) c.messageId());
                out.writeByte(c.messageControl());
            }
            case CANCEL_ALL_MESSAGES -> out.writeIntLE((int) ((CancelAllMessages) command).implementationDateTime());
            case GET_LAST_MESSAGE -> {
                // no payload
            }
            case MESSAGE_CONFIRMATION -> {
                MessageConfirmation m = (MessageConfirmation) command;
                out.writeIntLE((int) m.messageId());
                out.writeIntLE((int) m.confirmationTime());
                m.messageConfirmationControl().ifPresent(out::writeByte);
                m.messageResponse().ifPresent(r -> {
                    out.writeByte(r.length());
                    out.writeBytes(r.toArray());
                });
            }
            case GET_MESSAGE_CANCELLATION ->
                out.writeIntLE((int) ((GetMessageCancellation) command).earliestImplementationTime());
        }
    }

    private static byte[] bytes(ByteBuf out) {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }
}

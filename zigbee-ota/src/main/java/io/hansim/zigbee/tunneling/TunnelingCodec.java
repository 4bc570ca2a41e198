package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.tunneling.TunnelingCommand.CloseTunnel;
import io.hansim.zigbee.tunneling.TunnelingCommand.RequestTunnel;
import io.hansim.zigbee.tunneling.TunnelingCommand.RequestTunnelResponse;
import io.hansim.zigbee.tunneling.TunnelingCommand.TransferData;
import io.hansim.zigbee.tunneling.TunnelingCommand.TransferDataError;
import io.hansim.zigbee.zcl.ClusterCommands;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * Strict encoder and decoder for the Tunneling cluster (0x0704) commands in {@link TunnelingCommandType}.
 * Any input either decodes or raises one {@link ZclDecodeException} naming the field and its offset
 * from the frame-control byte: short payloads, trailing bytes after fixed-size commands, a
 * FlowControlSupport other than 0x00/0x01 (ZCL boolean; 0xFF "invalid" is refused, so a decoded frame
 * re-encodes to the same bytes), and headers that name no modelled command. Transfer Data takes every
 * byte after the TunnelID as its data.
 */
public final class TunnelingCodec {
    static final String CLUSTER = "Tunneling";

    private TunnelingCodec() {
    }

    /** Decodes a whole ZCL frame; error offsets count from {@code frame[0]}. */
    public static TunnelingFrame decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Decodes all readable bytes as one frame; on failure the reader index is left where it was. */
    public static TunnelingFrame decode(ByteBuf frame) {
        return ClusterCommands.decodeFrame(frame, TunnelingCodec::decode);
    }

    /** Decodes the payload of a frame whose header was decoded already; offsets from the frame control. */
    public static TunnelingFrame decode(ZclHeader header, ByteBuf payload) {
        TunnelingCommandType type = ClusterCommands.checkHeader(header, CLUSTER, TunnelingCommandType.values());
        return new TunnelingFrame(header,
                ClusterCommands.readAll(payload, header.encodedLength(), type.specName(), in -> read(type, in)));
    }

    /** Decodes a bare payload, offsets counted from {@code payload[0]}. */
    public static TunnelingCommand decodePayload(int commandId, Direction direction, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return decodePayload(commandId, direction, Unpooled.wrappedBuffer(payload), 0);
    }

    /**
     * Decodes the payload of command {@code commandId} travelling in {@code direction}.
     *
     * @param baseOffset frame offset of the payload's first byte (3, or 5 after a manufacturer code)
     */
    public static TunnelingCommand decodePayload(int commandId, Direction direction, ByteBuf payload, int baseOffset) {
        Objects.requireNonNull(payload, "payload");
        TunnelingCommandType type = ClusterCommands.resolve(TunnelingCommandType.values(), commandId, direction,
                baseOffset - 1, CLUSTER);
        return ClusterCommands.readAll(payload, baseOffset, type.specName(), in -> read(type, in));
    }

    private static TunnelingCommand read(TunnelingCommandType type, ZclReader in) {
        return switch (type) {
            case REQUEST_TUNNEL -> {
                int protocol = in.u8("ProtocolID");
                int manufacturer = in.u16("ManufacturerCode");
                int at = in.offset();
                int flow = in.u8("FlowControlSupport");
                if (flow > 1) {
                    throw in.errorAt("FlowControlSupport", at, String.format(
                            "0x%02X is not a ZCL boolean (0x00 or 0x01)", flow));
                }
                yield new RequestTunnel(protocol, manufacturer, flow == 1, in.u16("MaximumIncomingTransferSize"));
            }
            case REQUEST_TUNNEL_RESPONSE -> new RequestTunnelResponse(in.u16("TunnelID"), in.u8("TunnelStatus"),
                    in.u16("MaximumIncomingTransferSize"));
            case TRANSFER_DATA_CLIENT_TO_SERVER, TRANSFER_DATA_SERVER_TO_CLIENT ->
                new TransferData(type.direction(), in.u16("TunnelID"), in.rest());
            case TRANSFER_DATA_ERROR_CLIENT_TO_SERVER, TRANSFER_DATA_ERROR_SERVER_TO_CLIENT ->
                new TransferDataError(type.direction(), in.u16("TunnelID"), in.u8("TransferDataStatus"));
            case CLOSE_TUNNEL -> new CloseTunnel(in.u16("TunnelID"));
        };
    }

    // ------------------------------------------------------------------ encoding

    /** A frame with the default frame control of {@link TunnelingFrame#of(int, TunnelingCommand)}. */
    public static byte[] encode(int transactionSequenceNumber, TunnelingCommand command) {
        return encode(TunnelingFrame.of(transactionSequenceNumber, command));
    }

    /** The whole frame: header, then payload. */
    public static byte[] encode(TunnelingFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.encodedLength());
        encode(frame, out);
        return bytes(out);
    }

    /** Writes the whole frame at the writer index of {@code out}. */
    public static void encode(TunnelingFrame frame, ByteBuf out) {
        frame.header().encode(out);
        encodePayload(frame.command(), out);
    }

    /** The payload bytes alone. */
    public static byte[] encodePayload(TunnelingCommand command) {
        ByteBuf out = Unpooled.buffer(command.payloadLength());
        encodePayload(command, out);
        return bytes(out);
    }

    /** Writes the payload at the writer index of {@code out}. */
    public static void encodePayload(TunnelingCommand command, ByteBuf out) {
        // The type fixes the record class: the hierarchy is sealed and every member is final.
        switch (command.type()) {
            case REQUEST_TUNNEL -> {
                RequestTunnel r = (RequestTunnel) command;
                out.writeByte(r.protocolId());
                out.writeShortLE(r.manufacturerCode());
                out.writeByte(r.flowControlSupport() ? 1 : 0);
                out.writeShortLE(r.maximumIncomingTransferSize());
            }
            case REQUEST_TUNNEL_RESPONSE -> {
                RequestTunnelResponse r = (RequestTunnelResponse) command;
                out.writeShortLE(r.tunnelId());
                out.writeByte(r.tunnelStatus());
                out.writeShortLE(r.maximumIncomingTransferSize());
            }
            case TRANSFER_DATA_CLIENT_TO_SERVER, TRANSFER_DATA_SERVER_TO_CLIENT -> {
                TransferData t = (TransferData) command;
                out.writeShortLE(t.tunnelId());
                t.data().writeTo(out);
            }
            case TRANSFER_DATA_ERROR_CLIENT_TO_SERVER, TRANSFER_DATA_ERROR_SERVER_TO_CLIENT -> {
                TransferDataError t = (TransferDataError) command;
                out.writeShortLE(t.tunnelId());
                out.writeByte(t.transferDataStatus());
            }
            case CLOSE_TUNNEL -> out.writeShortLE(((CloseTunnel) command).tunnelId());
        }
    }

    private static byte[] bytes(ByteBuf out) {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }
}

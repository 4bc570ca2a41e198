package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.GetChangeOfTenancy;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.PublishChangeOfTenancy;
import io.hansim.zigbee.zcl.ClusterCommands;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Objects;

/**
 * Strict encoder and decoder for the Device Management cluster (0x0708) commands in
 * {@link DeviceManagementCommandType}. Any input either decodes or raises one
 * {@link ZclDecodeException} naming the field and its offset from the frame-control byte: short
 * payloads, trailing bytes, and headers that name no modelled command (rules in
 * {@link ClusterCommands}). A decoded frame re-encodes to the same bytes.
 */
public final class DeviceManagementCodec {
    static final String CLUSTER = "Device Management";

    private DeviceManagementCodec() {
    }

    /** Decodes a whole ZCL frame; error offsets count from {@code frame[0]}. */
    public static DeviceManagementFrame decode(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Decodes all readable bytes as one frame; on failure the reader index is left where it was. */
    public static DeviceManagementFrame decode(ByteBuf frame) {
        return ClusterCommands.decodeFrame(frame, DeviceManagementCodec::decode);
    }

    /**
     * Decodes the payload of a frame whose header was decoded already: all readable bytes of
     * {@code payload}. Error offsets count from the frame-control byte.
     */
    public static DeviceManagementFrame decode(ZclHeader header, ByteBuf payload) {
        DeviceManagementCommandType type = ClusterCommands.checkHeader(header, CLUSTER,
                DeviceManagementCommandType.values());
        return new DeviceManagementFrame(header,
                ClusterCommands.readAll(payload, header.encodedLength(), type.specName(), in -> read(type, in)));
    }

    /** Decodes a bare payload, offsets counted from {@code payload[0]}. */
    public static DeviceManagementCommand decodePayload(int commandId, Direction direction, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return decodePayload(commandId, direction, Unpooled.wrappedBuffer(payload), 0);
    }

    /**
     * Decodes the payload of command {@code commandId} travelling in {@code direction}.
     *
     * @param baseOffset frame offset of the payload's first byte (3, or 5 after a manufacturer code)
     */
    public static DeviceManagementCommand decodePayload(int commandId, Direction direction, ByteBuf payload,
            int baseOffset) {
        Objects.requireNonNull(payload, "payload");
        DeviceManagementCommandType type = ClusterCommands.resolve(DeviceManagementCommandType.values(), commandId,
                direction, baseOffset - 1, CLUSTER);
        return ClusterCommands.readAll(payload, baseOffset, type.specName(), in -> read(type, in));
    }

    private static DeviceManagementCommand read(DeviceManagementCommandType type, ZclReader in) {
        return switch (type) {
            case GET_CHANGE_OF_TENANCY -> new GetChangeOfTenancy();
            // Field order: SE 1.4 D.10.2.4.1 / Wireshark packet-zbee-zcl-se.c; checked against RTDS GCS09.
            case PUBLISH_CHANGE_OF_TENANCY -> new PublishChangeOfTenancy(in.u32("ProviderID"),
                    in.u32("IssuerEventID"), in.u8("TariffType"), in.u32("ImplementationDateTime"),
                    in.u32("ProposedTenancyChangeControl"));
        };
    }

    // ------------------------------------------------------------------ encoding

    /** A frame with the default frame control of {@link DeviceManagementFrame#of(int, DeviceManagementCommand)}. */
    public static byte[] encode(int transactionSequenceNumber, DeviceManagementCommand command) {
        return encode(DeviceManagementFrame.of(transactionSequenceNumber, command));
    }

    /** The whole frame: header, then payload. */
    public static byte[] encode(DeviceManagementFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.encodedLength());
        encode(frame, out);
        return bytes(out);
    }

    /** Writes the whole frame at the writer index of {@code out}. */
    public static void encode(DeviceManagementFrame frame, ByteBuf out) {
        frame.header().encode(out);
        encodePayload(frame.command(), out);
    }

    /** The payload bytes alone. */
    public static byte[] encodePayload(DeviceManagementCommand command) {
        ByteBuf out = Unpooled.buffer(command.payloadLength());
        encodePayload(command, out);
        return bytes(out);
    }

    /** Writes the payload at the writer index of {@code out}. */
    public static void encodePayload(DeviceManagementCommand command, ByteBuf out) {
        if (command instanceof PublishChangeOfTenancy p) {
            out.writeIntLE((int) p.providerId());
            out.writeIntLE((int) p.issuerEventId());
            out.writeByte(p.tariffType());
            out.writeIntLE((int) p.implementationDateTime());
            out.writeIntLE((int) p.proposedTenancyChangeControl());
        }
        // GetChangeOfTenancy: no payload.
    }

    private static byte[] bytes(ByteBuf out) {
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }
}

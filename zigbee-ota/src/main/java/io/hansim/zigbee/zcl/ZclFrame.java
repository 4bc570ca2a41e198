package io.hansim.zigbee.zcl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A whole ZCL frame as carried in an APS payload: header and the command payload bytes, not yet
 * interpreted (a cluster codec does that, knowing the cluster id and the header).
 */
public record ZclFrame(ZclHeader header, Bytes payload) {

    public ZclFrame {
        if (header == null || payload == null) {
            throw new IllegalArgumentException("header and payload are required");
        }
    }

    /** Number of bytes on the air. */
    public int encodedLength() {
        return header.encodedLength() + payload.length();
    }

    public void encode(ByteBuf out) {
        header.encode(out);
        out.writeBytes(payload.toArray());
    }

    public byte[] encode() {
        ByteBuf out = Unpooled.buffer(encodedLength());
        encode(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** Decodes a frame; everything after the header is the payload. */
    public static ZclFrame decode(ByteBuf in) {
        ZclReader r = new ZclReader(in);
        ZclHeader h = ZclHeader.decode(r);
        return new ZclFrame(h, r.rest());
    }

    public static ZclFrame decode(byte[] frame) {
        return decode(Unpooled.wrappedBuffer(frame));
    }

    /** Offset of the payload's first byte within the frame, for payload decoders' error offsets. */
    public int payloadOffset() {
        return header.encodedLength();
    }
}

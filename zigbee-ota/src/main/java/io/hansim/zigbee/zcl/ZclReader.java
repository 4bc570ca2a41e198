package io.hansim.zigbee.zcl;

import io.netty.buffer.ByteBuf;

/**
 * Reads little-endian ZCL fields from a {@link ByteBuf}, checking each length before it reads, so
 * that running out of bytes is a {@link ZclDecodeException} naming the field and its offset rather
 * than Netty's {@code IndexOutOfBoundsException}.
 *
 * <p>Offsets in errors are counted from {@code base}: the reader index at construction minus the
 * number of bytes already consumed before this reader took over (so a payload decoder can report
 * offsets from the start of the whole frame).
 */
public final class ZclReader {
    private final ByteBuf buf;
    private final int start;
    private final int base;

    /**
     * @param buf        the bytes; reading starts at its reader index and advances it
     * @param baseOffset the frame offset of the buffer's current reader index
     */
    public ZclReader(ByteBuf buf, int baseOffset) {
        this.buf = buf;
        this.start = buf.readerIndex();
        this.base = baseOffset;
    }

    public ZclReader(ByteBuf buf) {
        this(buf, 0);
    }

    /** The offset of the next byte to read, counted as described in the class comment. */
    public int offset() {
        return base + (buf.readerIndex() - start);
    }

    public int remaining() {
        return buf.readableBytes();
    }

    public boolean hasRemaining() {
        return buf.isReadable();
    }

    private void need(int n, String field) {
        if (buf.readableBytes() < n) {
            throw new ZclDecodeException(field, offset(),
                    "needs " + n + " byte" + (n == 1 ? "" : "s") + ", " + buf.readableBytes() + " left");
        }
    }

    public int u8(String field) {
        need(1, field);
        return buf.readUnsignedByte();
    }

    public int u16(String field) {
        need(2, field);
        return buf.readUnsignedShortLE();
    }

    public int u24(String field) {
        need(3, field);
        return buf.readUnsignedMediumLE();
    }

    public long u32(String field) {
        need(4, field);
        return buf.readUnsignedIntLE();
    }

    /** An unsigned 48-bit value. */
    public long u48(String field) {
        need(6, field);
        long low = buf.readUnsignedIntLE();
        long high = buf.readUnsignedShortLE();
        return low | (high << 32);
    }

    /** A 64-bit value (EUI-64 and uint64); the full 64 bits, so it may be negative as a long. */
    public long u64(String field) {
        need(8, field);
        return buf.readLongLE();
    }

    public Bytes bytes(int n, String field) {
        if (n < 0) {
            throw new ZclDecodeException(field, offset(), "negative length " + n);
        }
        need(n, field);
        byte[] out = new byte[n];
        buf.readBytes(out);
        return Bytes.adopt(out);
    }

    /** All bytes left. */
    public Bytes rest() {
        return bytes(buf.readableBytes(), "rest");
    }

    /**
     * Strict end check (DESIGN.md §3): bytes after a complete payload are an error, not something
     * to drop silently (the herdsman oracle drops them, see oracles/README.md).
     */
    public void end(String what) {
        if (buf.isReadable()) {
            throw new ZclDecodeException(what, offset(),
                    buf.readableBytes() + " trailing byte" + (buf.readableBytes() == 1 ? "" : "s")
                            + " after a complete " + what);
        }
    }

    /** Raises a decode error at the current offset. */
    public ZclDecodeException error(String field, String reason) {
        return new ZclDecodeException(field, offset(), reason);
    }

    /** Raises a decode error at {@code fieldOffset} (for a value checked after it was read). */
    public ZclDecodeException errorAt(String field, int fieldOffset, String reason) {
        return new ZclDecodeException(field, fieldOffset, reason);
    }
}

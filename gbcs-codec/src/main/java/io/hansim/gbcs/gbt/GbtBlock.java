package io.hansim.gbcs.gbt;

import io.hansim.gbcs.BerLength;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * One General Block Transfer block (gbcs.md §7):
 * <pre>
 * DD 09 &lt;CRA&gt; &lt;originator counter 8&gt; 08 &lt;originator 8&gt; 08 &lt;recipient 8&gt; 00
 * 02 &lt;message code 2&gt; 00 &lt;len&gt; &lt;security control 1&gt; &lt;IC 4&gt;
 * E0 &lt;block control&gt; &lt;block number 2&gt; &lt;block number ack 2&gt; &lt;len&gt; &lt;block data&gt;
 * </pre>
 * Block control: bit 7 last block, bit 6 streaming, bits 0–5 window. Lengths follow gbcs.md §3.
 * An acknowledgement carries no data.
 */
public record GbtBlock(GbtHeader header, boolean last, boolean streaming, int window, int blockNumber,
        int blockNumberAck, ByteString data) {

    static final int TAG_GENERAL_CIPHERING = 0xDD;
    static final int TAG_GBT = 0xE0;
    /** Security control (1) and invocation counter (4). */
    static final int SECURITY_HEADER = 5;
    /** E0, block control, block number, block number ack. */
    static final int GBT_FIXED = 6;

    public GbtBlock {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
        if (window < 0 || window > 0x3F || blockNumber < 0 || blockNumber > 0xFFFF || blockNumberAck < 0
                || blockNumberAck > 0xFFFF) {
            throw new IllegalArgumentException("GBT block control or number out of range");
        }
        if (cipheredLength(data.length()) > BerLength.MAX) {
            throw new IllegalArgumentException("block data too long: " + data.length());
        }
    }

    /** An acknowledgement (gbcs.md §7): no data, acknowledging {@code blockNumberAck}. */
    public static GbtBlock acknowledgement(GbtHeader header, int blockNumber, int blockNumberAck, int window) {
        return new GbtBlock(header, false, false, window, blockNumber, blockNumberAck, ByteString.EMPTY);
    }

    public boolean isAcknowledgement() {
        return data.length() == 0 && !last;
    }

    public int blockControl() {
        return (last ? 0x80 : 0) | (streaming ? 0x40 : 0) | window;
    }

    static int cipheredLength(int dataLength) {
        return SECURITY_HEADER + GBT_FIXED + BerLength.encodedSize(Math.min(dataLength, BerLength.MAX)) + dataLength;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TAG_GENERAL_CIPHERING);
        out.write(9);
        out.write(header.cra().code());
        putLong(out, header.originatorCounter(), 8);
        out.write(8);
        putLong(out, header.originator(), 8);
        out.write(8);
        putLong(out, header.recipient(), 8);
        out.write(0);
        out.write(2);
        putLong(out, header.messageCode(), 2);
        out.write(0);
        out.writeBytes(BerLength.encode(cipheredLength(data.length())));
        out.write(header.securityControl());
        putLong(out, header.invocationCounter(), 4);
        out.write(TAG_GBT);
        out.write(blockControl());
        putLong(out, blockNumber, 2);
        putLong(out, blockNumberAck, 2);
        out.writeBytes(BerLength.encode(data.length()));
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static void putLong(ByteArrayOutputStream out, long v, int bytes) {
        for (int s = (bytes - 1) * 8; s >= 0; s -= 8) {
            out.write((int) (v >>> s));
        }
    }

    /** Decodes one whole block; error offsets are from the block's first byte. */
    public static GbtBlock decode(byte[] in) {
        Reader r = new Reader(in);
        r.expect(TAG_GENERAL_CIPHERING, "GBT general-ciphering tag");
        r.expect(9, "GBT transaction-id length");
        int craAt = r.pos;
        CraFlag cra = CraFlag.ofCode(r.u8("GBT CRA flag"));
        if (cra == null) {
            throw new GbcsDecodeException("GBT CRA flag", craAt, "not 01, 02 or 03");
        }
        long counter = r.n(8, "GBT originator counter");
        r.expect(8, "GBT originator system title length");
        long originator = r.n(8, "GBT originator system title");
        r.expect(8, "GBT recipient system title length");
        long recipient = r.n(8, "GBT recipient system title");
        r.expect(0, "GBT date-time length");
        r.expect(2, "GBT other-information length");
        int code = (int) r.n(2, "GBT message code");
        r.expect(0, "GBT key-info");
        int lenAt = r.pos;
        long l = BerLength.decode(in, r.pos, in.length, "GBT ciphered length");
        r.pos += BerLength.sizeOf(l);
        int ciphered = BerLength.lengthOf(l);
        if (ciphered != in.length - r.pos) {
            throw new GbcsDecodeException("GBT ciphered length", lenAt,
                    ciphered + " but " + (in.length - r.pos) + " bytes follow");
        }
        int sc = r.u8("GBT security control");
        long ic = r.n(4, "GBT invocation counter");
        r.expect(TAG_GBT, "GBT tag");
        int bc = r.u8("GBT block control");
        int number = (int) r.n(2, "GBT block number");
        int ack = (int) r.n(2, "GBT block number ack");
        int dataLenAt = r.pos;
        long dl = BerLength.decode(in, r.pos, in.length, "GBT block data length");
        r.pos += BerLength.sizeOf(dl);
        int dataLength = BerLength.lengthOf(dl);
        if (dataLength != in.length - r.pos) {
            throw new GbcsDecodeException("GBT block data length", dataLenAt,
                    dataLength + " but " + (in.length - r.pos) + " bytes follow");
        }
        return new GbtBlock(new GbtHeader(cra, counter, originator, recipient, code, sc, ic), (bc & 0x80) != 0,
                (bc & 0x40) != 0, bc & 0x3F, number, ack, ByteString.copyOf(in, r.pos, dataLength));
    }

    private static final class Reader {
        final byte[] in;
        int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        int u8(String field) {
            if (pos >= in.length) {
                throw new GbcsDecodeException(field, pos, "message ends");
            }
            return in[pos++] & 0xFF;
        }

        long n(int bytes, String field) {
            if (in.length - pos < bytes) {
                throw new GbcsDecodeException(field, pos, "needs " + bytes + " bytes, " + (in.length - pos) + " left");
            }
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (in[pos++] & 0xFF);
            }
            return v;
        }

        void expect(int value, String field) {
            int at = pos;
            int v = u8(field);
            if (v != value) {
                throw new GbcsDecodeException(field, at, String.format("0x%02X, expected 0x%02X", v, value));
            }
        }
    }
}

package io.hansim.gbcs.payload;

import io.hansim.gbcs.BerLength;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;

/**
 * A bounded reader over payload bytes. {@code base} is the offset of {@code b[0]} within the whole
 * GBCS message, so every {@link GbcsDecodeException} names an offset relative to the message.
 */
final class In {
    final byte[] b;
    final int base;
    int pos;
    int end;

    In(byte[] b, int from, int to, int base) {
        this.b = b;
        this.pos = from;
        this.end = to;
        this.base = base;
    }

    int offset() {
        return base + pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    GbcsDecodeException error(String field, String reason) {
        return new GbcsDecodeException(field, base + pos, reason);
    }

    private void need(int n, String field) {
        if (end - pos < n) {
            throw error(field, "needs " + n + " byte" + (n == 1 ? "" : "s") + ", " + (end - pos) + " left");
        }
    }

    int u8(String field) {
        need(1, field);
        return b[pos++] & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String field) {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (b[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    ByteString bytes(int n, String field) {
        need(n, field);
        ByteString s = ByteString.copyOf(b, pos, n);
        pos += n;
        return s;
    }

    ByteString rest() {
        ByteString s = ByteString.copyOf(b, pos, end - pos);
        pos = end;
        return s;
    }

    /** A definite length by the gbcs.md §3 rule (shortest form, at most {@code 83}). */
    int berLength(String field) {
        long d;
        try {
            d = BerLength.decode(b, pos, end, field);
        } catch (GbcsDecodeException e) {
            throw new GbcsDecodeException(field, base + e.offset(), e.getMessage());
        }
        pos += BerLength.sizeOf(d);
        return BerLength.lengthOf(d);
    }

    void expectEnd(String field) {
        if (pos != end) {
            throw error(field, (end - pos) + " unexpected trailing byte" + (end - pos == 1 ? "" : "s"));
        }
    }
}

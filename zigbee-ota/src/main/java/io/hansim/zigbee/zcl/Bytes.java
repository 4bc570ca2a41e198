package io.hansim.zigbee.zcl;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string. Records hold this instead of {@code byte[]} so that {@code equals}
 * means "same bytes" and nobody can change a decoded value behind the record's back.
 */
public final class Bytes implements Comparable<Bytes> {
    private static final HexFormat HEX = HexFormat.of();

    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}; later changes to the array do not show. */
    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code length} bytes of {@code data} from {@code from}. */
    public static Bytes of(byte[] data, int from, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, from, from + length));
    }

    /**
     * Parses hexadecimal text; spaces, colons and line breaks between byte pairs are ignored.
     *
     * @throws IllegalArgumentException if the text is not an even number of hex digits
     */
    public static Bytes fromHex(CharSequence hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c != ' ' && c != ':' && c != '\n' && c != '\r' && c != '\t') {
                digits.append(c);
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits.length());
        }
        return of(HEX.parseHex(digits));
    }

    /** Takes ownership of {@code data}; only for arrays nobody else holds. */
    static Bytes adopt(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    /** The byte at {@code index} as an unsigned value 0..255. */
    public int get(int index) {
        return data[index] & 0xFF;
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    /** Copies the bytes into {@code dest} at {@code destOffset}. */
    public void copyTo(byte[] dest, int destOffset) {
        System.arraycopy(data, 0, dest, destOffset, data.length);
    }

    /** Writes the bytes at the writer index of {@code out} in one bulk copy, without an intermediate array. */
    public void writeTo(io.netty.buffer.ByteBuf out) {
        out.writeBytes(data);
    }

    /** Lower-case hex, two digits a byte, no separators. */
    public String hex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    /** Hex, cut after 64 bytes so a log line about a large block stays readable. */
    @Override
    public String toString() {
        if (data.length <= 64) {
            return hex();
        }
        return HEX.formatHex(data, 0, 64) + "...(" + data.length + " bytes)";
    }
}

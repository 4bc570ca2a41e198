package io.hansim.port;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable octets inside a port message (a ZCL frame, region data): {@code equals} means equal bytes,
 * so messages holding them are values (DESIGN.md §3).
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code b}. */
    public static Octets of(byte... b) {
        return b.length == 0 ? EMPTY : new Octets(b.clone());
    }

    /** A copy of {@code length} octets of {@code b} from {@code offset}. */
    public static Octets of(byte[] b, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(b, offset, offset + length));
    }

    /** Takes {@code b} without a copy: the caller gives up every other reference to it. */
    static Octets wrap(byte[] b) {
        return b.length == 0 ? EMPTY : new Octets(b);
    }

    public int length() {
        return bytes.length;
    }

    public int get(int i) {
        return bytes[i] & 0xFF;
    }

    /** A copy of the octets. */
    public byte[] toArray() {
        return bytes.clone();
    }

    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 64 ? HexFormat.of().formatHex(bytes)
                : HexFormat.of().formatHex(bytes, 0, 64) + "…(" + bytes.length + " octets)";
    }
}

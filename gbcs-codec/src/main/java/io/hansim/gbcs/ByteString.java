package io.hansim.gbcs;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes with equality by content. Records holding a raw {@code byte[]} would
 * compare arrays by identity and leak a mutable array; GBCS values (payload, signature, MAC) must be
 * compared by content for the byte-exact round trip (gbcs.md §2) to be testable.
 */
public final class ByteString {
    /** The empty run. */
    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static ByteString of(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code from}. */
    public static ByteString copyOf(byte[] bytes, int from, int length) {
        return new ByteString(Arrays.copyOfRange(bytes, from, from + length));
    }

    /** Parses hex digits (either case, no separators). */
    public static ByteString ofHex(String hex) {
        return new ByteString(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public byte get(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code out} at {@code at}; returns the offset after them. */
    public int copyTo(byte[] out, int at) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    public String toHex() {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}

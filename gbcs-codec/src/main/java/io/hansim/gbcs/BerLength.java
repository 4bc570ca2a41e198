package io.hansim.gbcs;

/**
 * The DLMS/BER definite length form used throughout GBCS messages (gbcs.md §3): lengths below 128
 * take one byte; longer ones take {@code 81 nn}, {@code 82 nn nn} or {@code 83 nn nn nn} (big-endian).
 * The reference messages use up to {@code 82}; gbcs.md §3 says to accept up to {@code 83}, and a
 * longer form is refused rather than guessed at.
 *
 * <p>Encoding is canonical (shortest form). Decoding is strict: a non-shortest form such as
 * {@code 81 05} is reported, because re-encoding it would not give the same bytes and the GBCS
 * byte-exact rule (requirements G.1) would silently break.
 */
public final class BerLength {
    /** The largest length this form can carry (three length octets). */
    public static final int MAX = 0xFF_FFFF;

    private BerLength() {}

    /** Number of bytes the canonical encoding of {@code length} takes: 1 to 4. */
    public static int encodedSize(int length) {
        check(length);
        return length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : 4;
    }

    /**
     * Writes the canonical encoding of {@code length} into {@code out} at {@code at}.
     *
     * @return the offset after the length bytes
     */
    public static int encode(int length, byte[] out, int at) {
        check(length);
        if (length < 0x80) {
            out[at] = (byte) length;
            return at + 1;
        }
        if (length <= 0xFF) {
            out[at] = (byte) 0x81;
            out[at + 1] = (byte) length;
            return at + 2;
        }
        if (length <= 0xFFFF) {
            out[at] = (byte) 0x82;
            out[at + 1] = (byte) (length >>> 8);
            out[at + 2] = (byte) length;
            return at + 3;
        }
        out[at] = (byte) 0x83;
        out[at + 1] = (byte) (length >>> 16);
        out[at + 2] = (byte) (length >>> 8);
        out[at + 3] = (byte) length;
        return at + 4;
    }

    /** The canonical encoding of {@code length} as a new array. */
    public static byte[] encode(int length) {
        byte[] out = new byte[encodedSize(length)];
        encode(length, out, 0);
        return out;
    }

    /**
     * Decodes a length at {@code at}, reading no further than {@code limit}.
     *
     * @param field the name of the field this length belongs to, for errors
     * @return {@code (length << 8) | bytesUsed}: the length and how many bytes it took
     * @throws GbcsDecodeException when the bytes run out, the form is longer than three octets or the
     *     form is not the shortest
     */
    public static long decode(byte[] in, int at, int limit, String field) {
        if (at < 0 || at >= limit || limit > in.length) {
            throw new GbcsDecodeException(field, at, "length byte missing");
        }
        int first = in[at] & 0xFF;
        if (first < 0x80) {
            return ((long) first << 8) | 1;
        }
        int octets = first & 0x7F;
        if (octets == 0) {
            throw new GbcsDecodeException(field, at, "indefinite length form 0x80 is not allowed");
        }
        if (octets > 3) {
            throw new GbcsDecodeException(field, at,
                    "length form with " + octets + " length octets; at most 3 are accepted");
        }
        if (limit - at - 1 < octets) {
            throw new GbcsDecodeException(field, at,
                    "length needs " + octets + " more byte" + (octets == 1 ? "" : "s") + ", "
                            + (limit - at - 1) + " left");
        }
        int value = 0;
        for (int i = 1; i <= octets; i++) {
            value = (value << 8) | (in[at + i] & 0xFF);
        }
        if (encodedSize(value) != octets + 1) {
            throw new GbcsDecodeException(field, at,
                    "length " + value + " is not in its shortest form (" + (octets + 1) + " bytes used)");
        }
        return ((long) value << 8) | (octets + 1);
    }

    /** The length part of a {@link #decode} result. */
    public static int lengthOf(long decoded) {
        return (int) (decoded >>> 8);
    }

    /** The number of bytes used, from a {@link #decode} result. */
    public static int sizeOf(long decoded) {
        return (int) (decoded & 0xFF);
    }

    private static void check(int length) {
        if (length < 0 || length > MAX) {
            throw new IllegalArgumentException("length out of range 0.." + MAX + ": " + length);
        }
    }
}

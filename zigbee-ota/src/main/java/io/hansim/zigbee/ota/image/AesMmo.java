package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;

/**
 * The Zigbee AES-MMO hash (Matyas–Meyer–Oseas with AES-128), zigbee-ota.md §7.4:
 * H₀ = 0¹²⁸; Hⱼ = AES(key = Hⱼ₋₁, Mⱼ) ⊕ Mⱼ; the hash is the last H. The message is padded with
 * 0x80, zeros, and its length in bits: 16 bits big-endian when it is under 2¹⁶ bits, otherwise
 * 32 bits big-endian followed by two zero bytes.
 *
 * <p>Used for the image integrity code (tag 0x0003) and the install-code link key. Works over an
 * array range without copying it; only the last one or two padded blocks are built. The key changes
 * every block, so the key schedule is the hot path: the JDK's {@code AES/ECB/NoPadding} gives the
 * same result but its per-block {@code init} made a 1.8 MB image take about a second, and
 * BouncyCastle's engine (used until issue 8) allocated a working key per block, about 0.5 KB per
 * 16 bytes hashed. {@link Aes128} expands each key into one reused array (docs/performance.md).
 */
public final class AesMmo {
    /** Hash length in bytes. */
    public static final int LENGTH = 16;
    private static final int BLOCK = 16;

    private AesMmo() {
    }

    /** AES-MMO of {@code data}. */
    public static Bytes hash(Bytes data) {
        return Bytes.of(hash(data.toArray(), 0, data.length()));
    }

    /**
     * AES-MMO of {@code data[from..to)}.
     *
     * @throws IllegalArgumentException if the message is 2³² bits or longer (the padding cannot
     *                                  encode its length)
     */
    public static byte[] hash(byte[] data, int from, int to) {
        Objects.checkFromToIndex(from, to, data.length);
        long bits = (long) (to - from) * 8;
        if (bits >= 1L << 32) {
            throw new IllegalArgumentException("message of " + bits + " bits is too long for AES-MMO padding");
        }
        int[] schedule = new int[Aes128.SCHEDULE_WORDS];
        byte[] h = new byte[BLOCK];
        byte[] out = new byte[BLOCK];
        int p = from;
        for (; to - p >= BLOCK; p += BLOCK) {
            step(schedule, h, data, p, out);
        }
        int rem = to - p;
        // Tail: the remaining bytes, 0x80, zeros to 14 (short form) or 10 (long form) mod 16,
        // then the bit length (§7.4). One or two blocks.
        int zeros;
        int lengthField;
        if (bits < 1L << 16) {
            zeros = Math.floorMod(13 - rem, BLOCK);
            lengthField = 2;
        } else {
            zeros = Math.floorMod(9 - rem, BLOCK);
            lengthField = 6;
        }
        byte[] tail = new byte[rem + 1 + zeros + lengthField];
        System.arraycopy(data, p, tail, 0, rem);
        tail[rem] = (byte) 0x80;
        int q = rem + 1 + zeros;
        if (lengthField == 2) {
            tail[q] = (byte) (bits >>> 8);
            tail[q + 1] = (byte) bits;
        } else {
            tail[q] = (byte) (bits >>> 24);
            tail[q + 1] = (byte) (bits >>> 16);
            tail[q + 2] = (byte) (bits >>> 8);
            tail[q + 3] = (byte) bits;
            // tail[q + 4], tail[q + 5] stay zero
        }
        for (int t = 0; t < tail.length; t += BLOCK) {
            step(schedule, h, tail, t, out);
        }
        return h;
    }

    private static void step(int[] schedule, byte[] h, byte[] m, int at, byte[] out) {
        Aes128.expandKey(h, schedule);
        Aes128.encryptBlock(schedule, m, at, out);
        for (int i = 0; i < BLOCK; i++) {
            h[i] = (byte) (out[i] ^ m[at + i]);
        }
    }
}

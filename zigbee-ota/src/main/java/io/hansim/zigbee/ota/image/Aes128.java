package io.hansim.zigbee.ota.image;

/**
 * AES-128 encryption of single blocks (FIPS-197), forward direction only, for {@link AesMmo}. AES-MMO
 * re-keys the cipher with every block (Zigbee spec §B.6: the running hash is the next key), so the
 * key schedule, not the block encryption, is the hot path: this class expands a key into a caller's
 * array with no allocation, where a general-purpose engine allocated its working key (and built the
 * decryption schedule too) for each of the ~16 000 blocks of a 256 KiB image (issue 8,
 * docs/performance.md). Tables are computed at class initialisation from the field arithmetic.
 */
final class Aes128 {
    /** Words of an expanded key: 11 round keys of 4 words. */
    static final int SCHEDULE_WORDS = 44;
    private static final int[] SBOX = new int[256];
    /** Round table: SubBytes then MixColumns of one row-0 byte; the other rows are rotations of it. */
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];

    static {
        for (int x = 0; x < 256; x++) {
            int inv = x == 0 ? 0 : inverse(x);
            // FIPS-197 §5.1.1: affine transform of the multiplicative inverse.
            int s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
            SBOX[x] = s;
            int s2 = xtime(s);
            int s3 = s2 ^ s;
            // A column's output from its row-0 input (FIPS-197 §5.1.3): 2s, s, s, 3s, most significant first.
            int t = (s2 << 24) | (s << 16) | (s << 8) | s3;
            T0[x] = t;
            T1[x] = Integer.rotateRight(t, 8);
            T2[x] = Integer.rotateRight(t, 16);
            T3[x] = Integer.rotateRight(t, 24);
        }
    }

    private Aes128() {
    }

    private static int xtime(int a) {
        return ((a << 1) ^ ((a & 0x80) != 0 ? 0x1B : 0)) & 0xFF;
    }

    private static int multiply(int a, int b) {
        int p = 0;
        for (int i = 0; i < 8; i++) {
            if ((b & 1) != 0) {
                p ^= a;
            }
            a = xtime(a);
            b >>= 1;
        }
        return p;
    }

    /** x^254 = x^-1 in GF(2^8) for x != 0. */
    private static int inverse(int x) {
        int result = 1;
        int base = x;
        for (int e = 254; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result = multiply(result, base);
            }
            base = multiply(base, base);
        }
        return result;
    }

    private static int rotl8(int b, int n) {
        return ((b << n) | (b >>> (8 - n))) & 0xFF;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int subWord(int w) {
        return SBOX[w >>> 24] << 24 | SBOX[(w >>> 16) & 0xFF] << 16 | SBOX[(w >>> 8) & 0xFF] << 8 | SBOX[w & 0xFF];
    }

    /** Expands the 16-byte {@code key} into {@code w} ({@link #SCHEDULE_WORDS} words), FIPS-197 §5.2. */
    static void expandKey(byte[] key, int[] w) {
        for (int i = 0; i < 4; i++) {
            w[i] = word(key, 4 * i);
        }
        int rcon = 0x01;
        for (int i = 4; i < SCHEDULE_WORDS; i += 4) {
            int t = subWord(Integer.rotateLeft(w[i - 1], 8)) ^ (rcon << 24);
            rcon = xtime(rcon);
            w[i] = w[i - 4] ^ t;
            w[i + 1] = w[i - 3] ^ w[i];
            w[i + 2] = w[i - 2] ^ w[i + 1];
            w[i + 3] = w[i - 1] ^ w[i + 2];
        }
    }

    /** Encrypts the block at {@code in[at..at+16)} under schedule {@code w} into {@code out[0..16)}. */
    static void encryptBlock(int[] w, byte[] in, int at, byte[] out) {
        int s0 = word(in, at) ^ w[0];
        int s1 = word(in, at + 4) ^ w[1];
        int s2 = word(in, at + 8) ^ w[2];
        int s3 = word(in, at + 12) ^ w[3];
        int k = 4;
        for (int round = 1; round < 10; round++, k += 4) {
            // ShiftRows folded in: row r of output column j comes from input column j + r.
            int t0 = T0[s0 >>> 24] ^ T1[(s1 >>> 16) & 0xFF] ^ T2[(s2 >>> 8) & 0xFF] ^ T3[s3 & 0xFF] ^ w[k];
            int t1 = T0[s1 >>> 24] ^ T1[(s2 >>> 16) & 0xFF] ^ T2[(s3 >>> 8) & 0xFF] ^ T3[s0 & 0xFF] ^ w[k + 1];
            int t2 = T0[s2 >>> 24] ^ T1[(s3 >>> 16) & 0xFF] ^ T2[(s0 >>> 8) & 0xFF] ^ T3[s1 & 0xFF] ^ w[k + 2];
            int t3 = T0[s3 >>> 24] ^ T1[(s0 >>> 16) & 0xFF] ^ T2[(s1 >>> 8) & 0xFF] ^ T3[s2 & 0xFF] ^ w[k + 3];
            s0 = t0;
            s1 = t1;
            s2 = t2;
            s3 = t3;
        }
        // Final round: no MixColumns.
        putWord(lastRound(s0, s1, s2, s3) ^ w[40], out, 0);
        putWord(lastRound(s1, s2, s3, s0) ^ w[41], out, 4);
        putWord(lastRound(s2, s3, s0, s1) ^ w[42], out, 8);
        putWord(lastRound(s3, s0, s1, s2) ^ w[43], out, 12);
    }

    private static int lastRound(int a, int b, int c, int d) {
        return SBOX[a >>> 24] << 24 | SBOX[(b >>> 16) & 0xFF] << 16 | SBOX[(c >>> 8) & 0xFF] << 8 | SBOX[d & 0xFF];
    }

    private static void putWord(int v, byte[] out, int at) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }
}

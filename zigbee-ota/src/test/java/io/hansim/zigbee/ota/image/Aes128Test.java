package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Aes128Test {
    private static byte[] encrypt(byte[] key, byte[] block, int at) {
        int[] w = new int[Aes128.SCHEDULE_WORDS];
        Aes128.expandKey(key, w);
        byte[] out = new byte[16];
        Aes128.encryptBlock(w, block, at, out);
        return out;
    }

    /** FIPS-197 Appendix C.1, AES-128. */
    @Test
    void fips197AppendixC1() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("69c4e0d86a7b0430d8cdb78070b4c55a"),
                encrypt(hex.parseHex("000102030405060708090a0b0c0d0e0f"),
                        hex.parseHex("00112233445566778899aabbccddeeff"), 0));
    }

    /** FIPS-197 Appendix B (the cipher example). */
    @Test
    void fips197AppendixB() {
        HexFormat hex = HexFormat.of();
        assertArrayEquals(hex.parseHex("3925841d02dc09fbdc118597196a0b32"),
                encrypt(hex.parseHex("2b7e151628aed2a6abf7158809cf4f3c"),
                        hex.parseHex("3243f6a8885a308d313198a2e0370734"), 0));
    }

    /** Same blocks as Bouncy Castle's engine for random keys, blocks and offsets. */
    @Test
    void agreesWithBouncyCastle() {
        SplittableRandom r = new SplittableRandom(8);
        BlockCipher bc = AESEngine.newInstance();
        for (int i = 0; i < 2000; i++) {
            byte[] key = new byte[16];
            byte[] in = new byte[40];
            r.nextBytes(key);
            r.nextBytes(in);
            int at = r.nextInt(25);
            byte[] want = new byte[16];
            bc.init(true, new KeyParameter(key));
            bc.processBlock(in, at, want, 0);
            assertArrayEquals(want, encrypt(key, in, at), "case " + i);
        }
    }
}

package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.zigbee.zcl.Bytes;
import java.io.ByteArrayOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-MMO (zigbee-ota.md §7.4). */
class AesMmoTest {

    @Test
    void installCodeExampleVector() {
        // The published link-key example: install code 83FED3407A939723A5C639B26916D505C3B5
        // (with its CRC) hashes to 66B6900981E1EE3CA4206B6B861C02BB.
        assertEquals(Bytes.fromHex("66B6900981E1EE3CA4206B6B861C02BB"),
                AesMmo.hash(Bytes.fromHex("83FED3407A939723A5C639B26916D505C3B5")));
    }

    @Test
    void agreesWithAStraightforwardPaddedImplementationAtEveryTailLength() throws Exception {
        // Lengths around every block boundary, and around the 2^16-bit switch (8192 bytes).
        for (int n = 0; n < 70; n++) {
            check(n);
        }
        for (int n = 8160; n < 8230; n++) {
            check(n);
        }
    }

    @Test
    void worksOnAnArrayRange() {
        byte[] data = OtaImageBuilder.generatedPayload(3, 300).toArray();
        assertArrayEquals(AesMmo.hash(Bytes.of(data, 10, 200)).toArray(), AesMmo.hash(data, 10, 210));
        assertThrows(IndexOutOfBoundsException.class, () -> AesMmo.hash(data, 10, 301));
    }

    private static void check(int n) throws Exception {
        Bytes m = OtaImageBuilder.generatedPayload(n, n);
        assertEquals(Bytes.of(reference(m.toArray())), AesMmo.hash(m), () -> "length " + n);
    }

    /** §7.4 as written: pad the whole message, then chain H = AES(H, M) xor M with the JDK's AES. */
    private static byte[] reference(byte[] m) throws Exception {
        long bits = m.length * 8L;
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(m);
        padded.write(0x80);
        if (bits < 65536) {
            while (padded.size() % 16 != 14) {
                padded.write(0);
            }
            padded.write((int) (bits >> 8));
            padded.write((int) bits);
        } else {
            while (padded.size() % 16 != 10) {
                padded.write(0);
            }
            for (int shift = 24; shift >= 0; shift -= 8) {
                padded.write((int) (bits >> shift));
            }
            padded.write(0);
            padded.write(0);
        }
        byte[] p = padded.toByteArray();
        byte[] h = new byte[16];
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        for (int i = 0; i < p.length; i += 16) {
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(h, "AES"));
            byte[] e = aes.doFinal(p, i, 16);
            for (int j = 0; j < 16; j++) {
                h[j] = (byte) (e[j] ^ p[i + j]);
            }
        }
        return h;
    }
}

package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every single-bit change of the GBCS §18.4 vector (gbcs.md §9) breaks the MAC, and every single-bit
 * change of its signed form breaks the signature, or else the envelope fails to decode with a typed
 * error. The keys are fixed (not looked up by the tampered titles), so a changed title shows up as a
 * wrong MAC rather than a missing key.
 */
class TamperTest {

    @Test
    void everyBitFlipBreaksTheMac() {
        byte[] wire = Gbcs184VectorTest.wire();
        int invalid = 0;
        int decodeErrors = 0;
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] t = wire.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            GbcsMessage m;
            try {
                m = GbcsCodec.decode(t);
            } catch (GbcsDecodeException e) {
                decodeErrors++;
                continue;
            }
            byte[] k = GbcsMac.key(m.groupingHeader(), Gbcs184VectorTest.ACB_KA_PRIVATE, Gbcs184VectorTest.DEVICE_A_KA);
            assertEquals(Verdict.INVALID, GbcsMac.verify(m, k), "bit " + bit);
            invalid++;
        }
        assertEquals(178 * 8, invalid + decodeErrors);
        // Most of the message is payload, signature and MAC, where a flip must decode and fail the MAC.
        assertTrue(invalid > 1200, "flips that decoded: " + invalid);
    }

    @Test
    void everyBitFlipBreaksTheSignature() {
        byte[] full = Gbcs184VectorTest.wire();
        // The signed-without-MAC form (gbcs.md §2.3): DF … signature, dropping the MAC Header and the MAC.
        byte[] wire = Arrays.copyOfRange(full, 14, full.length - 12);
        GbcsMessage original = GbcsCodec.decode(wire);
        assertEquals(Verdict.VALID, GbcsSignature.verify(original, Gbcs184VectorTest.SUPPLIER_A_DS));
        int invalid = 0;
        int decodeErrors = 0;
        for (int bit = 0; bit < wire.length * 8; bit++) {
            byte[] t = wire.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            GbcsMessage m;
            try {
                m = GbcsCodec.decode(t);
            } catch (GbcsDecodeException e) {
                decodeErrors++;
                continue;
            }
            Verdict v = GbcsSignature.verify(m, Gbcs184VectorTest.SUPPLIER_A_DS);
            assertEquals(Verdict.INVALID, v, "bit " + bit);
            invalid++;
        }
        assertEquals(wire.length * 8, invalid + decodeErrors);
        assertTrue(invalid > 1000, "flips that decoded: " + invalid);
    }
}

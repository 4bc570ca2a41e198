package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import org.junit.jupiter.api.Test;

class DeterministicEcdsaTest {

    /** RFC 6979 A.2.5: P-256, SHA-256, message "sample". */
    @Test
    void matchesTheRfc6979Vector() throws Exception {
        BigInteger x = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
        ECPrivateKey template = (ECPrivateKey) DeterministicEcdsa.keyPairFromSeed("t", 1).getPrivate();
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(x, template.getParams()));
        Bytes sig = DeterministicEcdsa.sign(Bytes.of("sample".getBytes(StandardCharsets.US_ASCII)), key);
        assertEquals(("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8").toLowerCase(), sig.hex());
    }

    @Test
    void signaturesAreRepeatableAndVerifyWithTheJdk() {
        KeyPair kp = DeterministicEcdsa.keyPairFromSeed("hansim demo", 42);
        Bytes image = OtaImageBuilder.generatedPayload(7, 1000);
        Bytes a = DeterministicEcdsa.sign(image, kp.getPrivate());
        assertEquals(a, DeterministicEcdsa.sign(image, kp.getPrivate()));
        assertTrue(GbImages.verify(image, a, kp.getPublic()));
        assertFalse(GbImages.verify(OtaImageBuilder.generatedPayload(8, 1000), a, kp.getPublic()));
    }

    @Test
    void seededKeysAreStableAndDistinct() {
        assertEquals(DeterministicEcdsa.keyPairFromSeed("x", 1).getPublic(),
                DeterministicEcdsa.keyPairFromSeed("x", 1).getPublic());
        assertNotEquals(DeterministicEcdsa.keyPairFromSeed("x", 1).getPublic(),
                DeterministicEcdsa.keyPairFromSeed("x", 2).getPublic());
        assertNotEquals(DeterministicEcdsa.keyPairFromSeed("x", 1).getPublic(),
                DeterministicEcdsa.keyPairFromSeed("y", 1).getPublic());
    }

    @Test
    void refusesOtherCurves() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        PrivateKey p384 = g.generateKeyPair().getPrivate();
        assertThrows(IllegalArgumentException.class, () -> DeterministicEcdsa.sign(Bytes.of((byte) 1), p384));
    }
}

package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import java.util.Arrays;
import java.util.Optional;

/**
 * Properties of the gbcs.md §4.3 cipher and locator: encrypt then decrypt gives the plaintext back for
 * any plaintext, context and simulation keys; any bytes into the locator and decryptor give values
 * (with consistent verdicts and offsets) or a {@link GbcsDecodeException}, nothing else.
 */
class EncryptedPartsFuzzTest {
    private static final TestPki PKI = new TestPki("fuzz");

    @FuzzTest(maxDuration = "30s")
    void encryptDecryptRoundTrips(FuzzedDataProvider in) {
        CipherContext c = new CipherContext(in.consumeLong(), in.consumeLong(), in.consumeLong());
        long ic = in.consumeInt() & 0xFFFFFFFFL;
        KeyUsage remote = in.consumeBoolean() ? KeyUsage.KA : KeyUsage.PREPAYMENT_KA;
        ByteString plain = ByteString.of(in.consumeRemainingAsBytes());
        // The device side and the remote side derive the same key (ECDH, gbcs.md §4.1).
        byte[] device = PayloadCipher.key(c, PKI.privateKey(c.originator(), KeyUsage.KA).orElseThrow(),
                PKI.publicKey(c.recipient(), remote).orElseThrow());
        byte[] remoteKey = PayloadCipher.key(c, PKI.privateKey(c.recipient(), remote).orElseThrow(),
                PKI.publicKey(c.originator(), KeyUsage.KA).orElseThrow());
        assertArrayEquals(device, remoteKey);
        ByteString block = PayloadCipher.encrypt(c, device, ic, plain);
        assertEquals(PayloadCipher.MIN_BLOCK_SIZE + plain.length(), block.length());
        assertEquals(ic, PayloadCipher.Block.parse(block, 0).invocationCounter());
        assertEquals(block, PayloadCipher.Block.parse(block, 0).encode());
        assertEquals(new PayloadCipher.Decryption(Verdict.VALID, Optional.of(plain)),
                PayloadCipher.decrypt(c, remoteKey, block, 0));
        assertEquals(block, PayloadCipher.encrypt(c, remoteKey, ic, plain), "deterministic for a given IC");
    }

    @FuzzTest(maxDuration = "30s")
    void anyBytesLocateAndDecryptOrFailTyped(byte[] wire) {
        GbcsMessage m;
        try {
            m = GbcsCodec.decode(wire);
        } catch (GbcsDecodeException expected) {
            return;
        }
        try {
            for (EncryptedParts.Decrypted d : EncryptedParts.decryptAll(m, PKI)) {
                EncryptedPart p = d.part();
                assertArrayEquals(p.block().toByteArray(),
                        Arrays.copyOfRange(wire, p.offset(), p.offset() + p.block().length()), "offset");
                assertEquals(d.verdict() == Verdict.VALID, d.plaintext().isPresent());
                assertEquals(d.verdict() == Verdict.VALID, d.keys().isPresent());
            }
        } catch (GbcsDecodeException expected) {
            // a payload that is not its form, or a block that cannot be one
        }
    }
}

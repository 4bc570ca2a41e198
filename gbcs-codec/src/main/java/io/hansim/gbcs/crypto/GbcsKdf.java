package io.hansim.gbcs.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * GBCS key derivation (gbcs.md §4.1): ECDH P-256 shared secret Z, then the NIST SP 800-56A
 * single-step (concatenation) KDF with SHA-256 and the GBCS OtherInfo, first 16 bytes.
 */
public final class GbcsKdf {
    /** AlgorithmID, the 7 fixed bytes that open OtherInfo (gbcs.md §4.1). */
    private static final byte[] ALGORITHM_ID = {0x60, (byte) 0x85, 0x74, 0x06, 0x08, 0x03, 0x00};
    /** Size of OtherInfo. */
    public static final int OTHER_INFO_SIZE = 33;
    /** The counter block {@code 00000001} of the single-step KDF's only round. */
    private static final byte[] ROUND_1 = {0, 0, 0, 1};
    /*
     * One digest per thread: MessageDigest.getInstance walks the provider list on every call, which
     * cost more than the hash itself on the MAC-verify path (issue 8, docs/performance.md). A digest
     * is reset by digest(), so reuse cannot leak state between messages.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    });

    private GbcsKdf() {
    }

    /** Z: the 32-byte x-coordinate of the ECDH shared point (gbcs.md §4.1). */
    public static byte[] sharedSecret(ECPrivateKey mine, ECPublicKey theirs) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH failed", e);
        }
    }

    /**
     * OtherInfo = AlgorithmID ‖ originator (8) ‖ {@code 09} ‖ CRA byte ‖ Originator Counter (8) ‖
     * recipient (8) (gbcs.md §4.1; CRA {@code 04} and the supplementary fields for encrypted parts, §4.3).
     */
    public static byte[] otherInfo(long originator, int craByte, long counter, long recipient) {
        return ByteBuffer.allocate(OTHER_INFO_SIZE).put(ALGORITHM_ID).putLong(originator).put((byte) 0x09)
                .put((byte) craByte).putLong(counter).putLong(recipient).array();
    }

    /** K = SHA-256(00000001 ‖ Z ‖ OtherInfo), first 16 bytes (gbcs.md §4.1). */
    public static byte[] deriveKey(byte[] z, byte[] otherInfo) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        sha.update(ROUND_1);
        sha.update(z);
        sha.update(otherInfo);
        return Arrays.copyOf(sha.digest(), 16);
    }

    /** Z then K from one side's private key and the other side's public key. */
    public static byte[] deriveKey(ECPrivateKey mine, ECPublicKey theirs, byte[] otherInfo) {
        return deriveKey(sharedSecret(mine, theirs), otherInfo);
    }

    /** Convenience for key pairs. */
    public static byte[] deriveKey(KeyPair mine, ECPublicKey theirs, byte[] otherInfo) {
        return deriveKey((ECPrivateKey) mine.getPrivate(), theirs, otherInfo);
    }
}

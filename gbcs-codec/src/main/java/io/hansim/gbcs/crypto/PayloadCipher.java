package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM encryption of a GBCS payload part (gbcs.md §4.3). The ciphered block is
 * {@code 31} (security control) ‖ invocation counter (4, big-endian) ‖ ciphertext ‖ tag (12).
 *
 * <ul>
 *   <li>K = the §4.1 KDF over ECDH(KA keys) with OtherInfo from {@link CipherContext} (CRA byte {@code 04}).</li>
 *   <li>IV = originator system title (8) ‖ the block's invocation counter (4). Every RTDS 4.5.0 block
 *       carries counter 0, so this equals the fixed {@code 00000000} gbcs-parser uses; putting the counter
 *       in the IV also makes the counter field authenticated, which the AAD alone ({@code 31}) would not
 *       (docs/decisions/0007).</li>
 *   <li>AAD = {@code 31} only.</li>
 * </ul>
 *
 * <p>Decryption reports the tag check as a {@link Verdict}; only a block that cannot be one (too short,
 * wrong security control) raises {@link GbcsDecodeException}.
 */
public final class PayloadCipher {
    /** The security control byte of an encrypted part: encryption and authentication (gbcs.md §4.3). */
    public static final int SECURITY_CONTROL = 0x31;
    /** Truncated GCM tag size. */
    public static final int TAG_SIZE = 12;
    /** Security control and invocation counter. */
    public static final int HEADER_SIZE = 5;
    /** The shortest block: empty plaintext. */
    public static final int MIN_BLOCK_SIZE = HEADER_SIZE + TAG_SIZE;

    private PayloadCipher() {
    }

    /** The parts of a ciphered block. */
    public record Block(long invocationCounter, ByteString ciphertext, ByteString tag) {
        public Block {
            Objects.requireNonNull(ciphertext, "ciphertext");
            Objects.requireNonNull(tag, "tag");
            if (invocationCounter < 0 || invocationCounter > 0xFFFFFFFFL || tag.length() != TAG_SIZE) {
                throw new IllegalArgumentException("invocation counter is 4 bytes and the tag 12");
            }
        }

        /**
         * Splits {@code block}; {@code offset} is the block's offset in its message, used in errors.
         *
         * @throws GbcsDecodeException if the block is shorter than 17 bytes or does not start with {@code 31}
         */
        public static Block parse(ByteString block, int offset) {
            if (block.length() < MIN_BLOCK_SIZE) {
                throw new GbcsDecodeException("ciphered block", offset,
                        "needs at least " + MIN_BLOCK_SIZE + " bytes (31, IC, tag), has " + block.length());
            }
            int sc = block.get(0) & 0xFF;
            if (sc != SECURITY_CONTROL) {
                throw new GbcsDecodeException("ciphered block security control", offset,
                        String.format("0x%02X, expected 0x31", sc));
            }
            byte[] b = block.toByteArray();
            long ic = ByteBuffer.wrap(b, 1, 4).getInt() & 0xFFFFFFFFL;
            return new Block(ic, ByteString.copyOf(b, HEADER_SIZE, b.length - MIN_BLOCK_SIZE),
                    ByteString.copyOf(b, b.length - TAG_SIZE, TAG_SIZE));
        }

        /** {@code 31} ‖ IC ‖ ciphertext ‖ tag. */
        public ByteString encode() {
            byte[] out = new byte[MIN_BLOCK_SIZE + ciphertext.length()];
            ByteBuffer.wrap(out).put((byte) SECURITY_CONTROL).putInt((int) invocationCounter);
            tag.copyTo(out, ciphertext.copyTo(out, HEADER_SIZE));
            return ByteString.of(out);
        }
    }

    /**
     * The outcome of a decryption: {@link Verdict#VALID} with the plaintext, {@link Verdict#INVALID}
     * (wrong tag, so wrong key or altered bytes) or {@link Verdict#UNVERIFIABLE} (no key) without one.
     */
    public record Decryption(Verdict verdict, Optional<ByteString> plaintext) {
        public Decryption {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(plaintext, "plaintext");
            if ((verdict == Verdict.VALID) != plaintext.isPresent()) {
                throw new IllegalArgumentException("a plaintext exactly when the tag is valid");
            }
        }

        static Decryption unverifiable() {
            return new Decryption(Verdict.UNVERIFIABLE, Optional.empty());
        }
    }

    /** K for {@code context} from one party's KA private key and the other's KA public key (gbcs.md §4.3). */
    public static byte[] key(CipherContext context, ECPrivateKey mine, ECPublicKey theirs) {
        return GbcsKdf.deriveKey(mine, theirs, context.otherInfo());
    }

    /** IV = originator system title ‖ invocation counter (see the class comment). */
    public static byte[] iv(long originator, long invocationCounter) {
        return ByteBuffer.allocate(12).putLong(originator).putInt((int) invocationCounter).array();
    }

    /**
     * Decrypts {@code block} under {@code key}; {@code offset} locates the block in its message for errors.
     *
     * @throws GbcsDecodeException if the block is malformed (see {@link Block#parse})
     */
    public static Decryption decrypt(CipherContext context, byte[] key, ByteString block, int offset) {
        Block b = Block.parse(block, offset);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_SIZE * 8, iv(context.originator(), b.invocationCounter())));
            gcm.updateAAD(new byte[] {(byte) SECURITY_CONTROL});
            gcm.update(b.ciphertext().toByteArray());
            byte[] plain = gcm.doFinal(b.tag().toByteArray());
            return new Decryption(Verdict.VALID, Optional.of(ByteString.of(plain)));
        } catch (AEADBadTagException e) {
            return new Decryption(Verdict.INVALID, Optional.empty());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** Encrypts {@code plaintext} into a ciphered block; {@link #decrypt} under the same key gives it back. */
    public static ByteString encrypt(CipherContext context, byte[] key, long invocationCounter, ByteString plaintext) {
        if (invocationCounter < 0 || invocationCounter > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("invocation counter is 4 bytes: " + invocationCounter);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_SIZE * 8, iv(context.originator(), invocationCounter)));
            gcm.updateAAD(new byte[] {(byte) SECURITY_CONTROL});
            byte[] out = gcm.doFinal(plaintext.toByteArray());
            int n = out.length - TAG_SIZE;
            return new Block(invocationCounter, ByteString.copyOf(out, 0, n),
                    ByteString.of(Arrays.copyOfRange(out, n, out.length))).encode();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}

package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import java.util.function.LongPredicate;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 12-byte MAC of a message with a MAC Header (gbcs.md §4.1): AES-128-GCM over an empty plaintext,
 * key from {@link GbcsKdf}, IV = originator ‖ 00000000, AAD = security control ‖ invocation counter ‖
 * {@code 00} ‖ the bytes from {@code DF} to the end of the signature field; tag truncated to 12 bytes.
 *
 * <p>Parties (gbcs.md §4.1 table): a command from a remote party is MAC'd between the Access Control
 * Broker's KA key (whoever the remote-party originator is) and the recipient's KA key; a response or
 * alert between the originator's and the recipient's KA keys. A command one device sends another
 * (PPMID → GSME, RTDS {@code NA_PCS01}) uses the two devices' keys (corpora.md §5.3 item 3), so the
 * caller says which entities are devices.
 */
public final class GbcsMac {
    /** The ACB of the DCC Reference Test Data Set (gbcs.md §4.1, §10). */
    public static final long RTDS_ACB = 0x90B3D51F30000002L;

    private GbcsMac() {
    }

    /** The two entities whose KA keys protect {@code g} (gbcs.md §4.1); the order carries no meaning. */
    public record Parties(long first, long second) {}

    public static Parties parties(GroupingHeader g, long acb, LongPredicate isDevice) {
        return g.craFlag() == CraFlag.COMMAND && !isDevice.test(g.originator()) ? new Parties(acb, g.recipient())
                : new Parties(g.originator(), g.recipient());
    }

    /** The MAC key K for {@code g}, from one party's private and the other's public KA key. */
    public static byte[] key(GroupingHeader g, ECPrivateKey mine, ECPublicKey theirs) {
        byte[] info = GbcsKdf.otherInfo(g.originator(), g.craFlag().code(), g.originatorCounter(), g.recipient());
        return GbcsKdf.deriveKey(mine, theirs, info);
    }

    /** The key K for {@code g} ({@code isDevice} as in {@link #parties}) from whatever half of each party's KA key pair {@code keys} has. */
    public static Optional<byte[]> key(GroupingHeader g, long acb, LongPredicate isDevice, KeyResolver keys) {
        Parties p = parties(g, acb, isDevice);
        Optional<byte[]> k = key(g, p.first(), p.second(), keys);
        return k.isPresent() ? k : key(g, p.second(), p.first(), keys);
    }

    private static Optional<byte[]> key(GroupingHeader g, long privateSide, long publicSide, KeyResolver keys) {
        Optional<ECPrivateKey> mine = keys.privateKey(privateSide, KeyUsage.KA);
        Optional<ECPublicKey> theirs = keys.publicKey(publicSide, KeyUsage.KA);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(key(g, mine.get(), theirs.get()));
    }

    /*
     * One AES-GCM Cipher per thread and mode (issue 8): Cipher.getInstance parses the transformation
     * and walks the provider list, which cost more than the tag itself. init() fully re-keys it for
     * every message, so nothing carries over from one message to the next.
     */
    private static final ThreadLocal<Cipher> GCM_ENCRYPT = ThreadLocal.withInitial(GbcsMac::newGcm);
    private static final ThreadLocal<Cipher> GCM_DECRYPT = ThreadLocal.withInitial(GbcsMac::newGcm);
    /** Tag length in bits: GCM's truncated tags are the leading bytes of the full tag (NIST SP 800-38D §5.2.1.2). */
    private static final int TAG_BITS = GbcsMessage.MAC_SIZE * 8;

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM not available", e);
        }
    }

    /** The 12-byte MAC that {@code m} (which must have a MAC Header) should carry under key {@code k}. */
    public static ByteString compute(GbcsMessage m, byte[] k) {
        MacHeader h = m.macHeader().orElseThrow(() -> new IllegalArgumentException("no MAC Header"));
        byte[] covered = new EnvelopeBytes(m).authenticated();
        try {
            Cipher gcm = GCM_ENCRYPT.get();
            SecretKeySpec key = new SecretKeySpec(k, "AES");
            GCMParameterSpec iv = new GCMParameterSpec(TAG_BITS, iv(m.groupingHeader().originator()));
            try {
                gcm.init(Cipher.ENCRYPT_MODE, key, iv);
            } catch (java.security.InvalidAlgorithmParameterException reuse) {
                // The JDK refuses to encrypt twice in a row under one key and IV on the same object
                // (a guard for real encryption; here the plaintext is empty and the MAC is meant to
                // be recomputable), so a repeat gets a fresh object.
                gcm = newGcm();
                GCM_ENCRYPT.set(gcm);
                gcm.init(Cipher.ENCRYPT_MODE, key, iv);
            }
            gcm.updateAAD(aadPrefix(h));
            gcm.updateAAD(covered);
            return ByteString.of(gcm.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** IV = originator ‖ 00000000 (gbcs.md §4.1). */
    private static byte[] iv(long originator) {
        return ByteBuffer.allocate(12).putLong(originator).putInt(0).array();
    }

    /** The AAD before the covered bytes: security control ‖ invocation counter ‖ {@code 00} (gbcs.md §4.1). */
    private static byte[] aadPrefix(MacHeader h) {
        return ByteBuffer.allocate(6).put((byte) h.securityControl()).putInt((int) h.invocationCounter())
                .put((byte) 0).array();
    }

    /** {@code m} with its MAC replaced by the one computed under {@code k}. */
    public static GbcsMessage apply(GbcsMessage m, byte[] k) {
        return new GbcsMessage(m.macHeader(), m.groupingHeader(), m.payload(), m.signature(),
                Optional.of(compute(m, k)));
    }

    /** Checks the MAC of {@code m} under key {@code k}. */
    public static Verdict verify(GbcsMessage m, byte[] k) {
        if (m.mac().isEmpty()) {
            return Verdict.ABSENT;
        }
        return verify(GbcsCodec.encode(m), m, k);
    }

    /**
     * Checks the MAC of {@code m} under key {@code k}, reading the covered bytes from {@code wire}, the
     * bytes {@code m} was decoded from, instead of encoding {@code m} again (issue 8: a head-end
     * verifies what it received).
     *
     * @throws IllegalArgumentException if {@code wire} is too short to be {@code m}'s encoding
     */
    public static Verdict verify(byte[] wire, GbcsMessage m, byte[] k) {
        if (m.mac().isEmpty()) {
            return Verdict.ABSENT;
        }
        MacHeader h = m.macHeader().orElseThrow(() -> new IllegalArgumentException("no MAC Header"));
        // The ciphered length counts everything after it, security header (5) first (gbcs.md §2.1).
        int df = wire.length - h.cipheredLength() + 5;
        int signatureEnd = wire.length - GbcsMessage.MAC_SIZE;
        if (df < 0 || df > signatureEnd) {
            throw new IllegalArgumentException("wire bytes do not match the message's MAC Header");
        }
        try {
            // Decrypting an empty ciphertext with the received tag makes GCM compare the tags itself,
            // in constant time, with no tag array to build (SP 800-38D §7.2).
            Cipher gcm = GCM_DECRYPT.get();
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"),
                    new GCMParameterSpec(TAG_BITS, iv(m.groupingHeader().originator())));
            gcm.updateAAD(aadPrefix(h));
            gcm.updateAAD(wire, df, signatureEnd - df);
            gcm.doFinal(wire, signatureEnd, GbcsMessage.MAC_SIZE);
            return Verdict.VALID;
        } catch (javax.crypto.AEADBadTagException e) {
            return Verdict.INVALID;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** Checks the MAC of {@code m} with keys from {@code keys}, the parties chosen as in {@link #parties}. */
    public static Verdict verify(GbcsMessage m, long acb, LongPredicate isDevice, KeyResolver keys) {
        if (m.mac().isEmpty()) {
            return Verdict.ABSENT;
        }
        return key(m.groupingHeader(), acb, isDevice, keys).map(k -> verify(m, k)).orElse(Verdict.UNVERIFIABLE);
    }
}

package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
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

    /** The 12-byte MAC that {@code m} (which must have a MAC Header) should carry under key {@code k}. */
    public static ByteString compute(GbcsMessage m, byte[] k) {
        MacHeader h = m.macHeader().orElseThrow(() -> new IllegalArgumentException("no MAC Header"));
        byte[] covered = new EnvelopeBytes(m).authenticated();
        byte[] aad = ByteBuffer.allocate(6 + covered.length).put((byte) h.securityControl())
                .putInt((int) h.invocationCounter()).put((byte) 0).put(covered).array();
        byte[] iv = ByteBuffer.allocate(12).putLong(m.groupingHeader().originator()).putInt(0).array();
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(aad);
            byte[] tag = gcm.doFinal();
            return ByteString.of(Arrays.copyOf(tag, GbcsMessage.MAC_SIZE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
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
        byte[] want = compute(m, k).toByteArray();
        return MessageDigest.isEqual(want, m.mac().get().toByteArray()) ? Verdict.VALID : Verdict.INVALID;
    }

    /** Checks the MAC of {@code m} with keys from {@code keys}, the parties chosen as in {@link #parties}. */
    public static Verdict verify(GbcsMessage m, long acb, LongPredicate isDevice, KeyResolver keys) {
        if (m.mac().isEmpty()) {
            return Verdict.ABSENT;
        }
        return key(m.groupingHeader(), acb, isDevice, keys).map(k -> verify(m, k)).orElse(Verdict.UNVERIFIABLE);
    }
}

package io.hansim.gbcs.crypto;

import io.hansim.gbcs.BerLength;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.crypto.PayloadCipher.Decryption;
import io.hansim.gbcs.payload.AxdrData;
import io.hansim.gbcs.payload.DlmsApdu;
import io.hansim.gbcs.payload.GbzComponent;
import io.hansim.gbcs.payload.GbzPayload;
import io.hansim.gbcs.payload.Payload;
import io.hansim.gbcs.payload.PayloadCodec;
import java.nio.ByteBuffer;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds and decrypts the encrypted parts of a message's payload (gbcs.md §4.3):
 * <ul>
 *   <li>GBZ components with Extended Header Control bit 0x02;</li>
 *   <li>DLMS octet-strings of protected data that directly follow their protection parameters in an
 *       A-XDR list: array { structure { enum protection-type, structure { octet-string(9) transaction id
 *       = {@code 04} ‖ counter, octet-string(8) originator, octet-string(8) recipient, octet-string
 *       other-information, structure key-info } } }.</li>
 * </ul>
 *
 * <p>Context: every part's KDF context comes from the grouping header, the supplementary fields
 * preferred ({@link CipherContext#of}, gbcs.md §4.3): originator, Supplementary Originator Counter (else
 * the Originator Counter), Supplementary Remote Party ID (else the recipient). A DLMS part's protection
 * parameters repeat the envelope's originator, counter and recipient, not the supplementary ones, so they
 * locate the part but do not decide its key (RTDS ECS21b "other user" response, docs/decisions/0012).
 *
 * <p>Keys: a part is protected between the KA keys of its context's originator and recipient
 * (docs/decisions/0007: in RTDS 4.5.0 the device's KA key and the supplier's, the supplier being the
 * recipient). {@link #decrypt} derives that key from whichever private half is known; when it does not
 * verify it also tries the prepayment KA key ({@code -pp-ka}) of either side in place of its KA key.
 * The verdict is VALID when a key verifies, UNVERIFIABLE when the KA pair cannot be derived (the keystore
 * cannot decide: a missing key is never INVALID), INVALID only when the KA pair was derived and neither it
 * nor an available prepayment pair verifies.
 */
public final class EncryptedParts {
    private EncryptedParts() {
    }

    /** Which two keys derived the key that verified: {@code first}'s key of {@code firstUsage} with {@code second}'s KA key. */
    public record KeyPairUsed(long first, KeyUsage firstUsage, long second, KeyUsage secondUsage) {}

    /** One part and what decrypting it gave; {@code keys} is present exactly when the verdict is VALID. */
    public record Decrypted(EncryptedPart part, Decryption decryption, Optional<KeyPairUsed> keys) {
        public Decrypted {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(decryption, "decryption");
            Objects.requireNonNull(keys, "keys");
        }

        public Verdict verdict() {
            return decryption.verdict();
        }

        public Optional<ByteString> plaintext() {
            return decryption.plaintext();
        }
    }

    /**
     * The encrypted parts of {@code m} in payload order (empty for DER payloads and GBZ alerts).
     *
     * @throws GbcsDecodeException if the payload does not decode in its form (gbcs.md §5)
     */
    public static List<EncryptedPart> find(GbcsMessage m) {
        Payload p = PayloadCodec.decode(m);
        int base = PayloadCodec.payloadOffset(m);
        List<EncryptedPart> out = new ArrayList<>();
        CipherContext ctx = CipherContext.of(m.groupingHeader());
        if (p instanceof GbzPayload.Components c) {
            findGbz(c, ctx, base, out);
        } else if (p instanceof DlmsApdu d) {
            findDlms(d, ctx, base, out);
        }
        return List.copyOf(out);
    }

    private static void findGbz(GbzPayload.Components c, CipherContext ctx, int base, List<EncryptedPart> out) {
        int at = base + 3; // profile (2) and component count (1), gbcs.md §5
        for (int i = 0; i < c.components().size(); i++) {
            GbzComponent comp = c.components().get(i);
            int zclAt = at + 5 + (comp.fromDateTime().isPresent() ? 4 : 0);
            if (comp.isEncrypted()) {
                ByteString z = comp.zcl();
                out.add(new EncryptedPart.GbzComponentPart(i, comp.cluster(), z.get(0) & 0xFF, z.get(1) & 0xFF,
                        z.get(2) & 0xFF, z.get(3) & 0xFF, z.get(4) & 0xFF, ctx, comp.cipheredBlock(),
                        zclAt + GbzComponent.ENCRYPTED_HEADER));
            }
            at = zclAt + comp.zcl().length();
        }
    }

    private static void findDlms(DlmsApdu apdu, CipherContext ctx, int base, List<EncryptedPart> out) {
        int header = 1 + 4 + 1 + apdu.dateTime().length(); // tag, long-invoke-id, date-time
        if (apdu instanceof DlmsApdu.AccessResponse r) {
            walk(r.data(), ctx, base + header + 1 + BerLength.encodedSize(r.data().size()), out);
        } else if (apdu instanceof DlmsApdu.DataNotification n) {
            walk(List.of(n.body()), ctx, base + header, out);
        } else if (apdu instanceof DlmsApdu.AccessRequest q) {
            // The list of data closes the request (gbcs.md §5), so it starts where its bytes end.
            int dataBytes = 0;
            for (AxdrData d : q.data()) {
                dataBytes += d.encode().length;
            }
            walk(q.data(), ctx, base + q.encode().length - dataBytes, out);
        }
    }

    /** Walks the values of one A-XDR list whose first value starts at {@code at}. */
    private static void walk(List<AxdrData> list, CipherContext ctx, int at, List<EncryptedPart> out) {
        int pos = at;
        for (int i = 0; i < list.size(); i++) {
            AxdrData d = list.get(i);
            int inner = pos + 1 + BerLength.encodedSize(d.count());
            Optional<ProtectionParameters> pp = i > 0 && d.tag() == AxdrData.OCTET_STRING
                    ? protectionParameters(list.get(i - 1))
                    : Optional.empty();
            if (pp.isPresent()) {
                out.add(new EncryptedPart.DlmsProtectedData(pp.get().type(), ctx, pp.get().context(), d.value(),
                        inner));
            } else if (d.tag() == AxdrData.ARRAY || d.tag() == AxdrData.STRUCTURE) {
                walk(d.elements(), ctx, inner, out);
            }
            pos += d.encode().length;
        }
    }

    private record ProtectionParameters(int type, CipherContext context) {}

    /** The first entry of a protection-parameters array, when {@code d} has that exact shape. */
    private static Optional<ProtectionParameters> protectionParameters(AxdrData d) {
        if (d.tag() != AxdrData.ARRAY || d.elements().isEmpty()) {
            return Optional.empty();
        }
        AxdrData entry = d.elements().get(0);
        if (!isStructure(entry, 2) || entry.elements().get(0).tag() != AxdrData.ENUM
                || !isStructure(entry.elements().get(1), 5)) {
            return Optional.empty();
        }
        List<AxdrData> opts = entry.elements().get(1).elements();
        if (!isOctets(opts.get(0), 9) || (opts.get(0).value().get(0) & 0xFF) != CipherContext.CRA_ENCRYPTION
                || !isOctets(opts.get(1), 8) || !isOctets(opts.get(2), 8)
                || opts.get(3).tag() != AxdrData.OCTET_STRING || opts.get(4).tag() != AxdrData.STRUCTURE) {
            return Optional.empty();
        }
        long counter = ByteBuffer.wrap(opts.get(0).value().toByteArray(), 1, 8).getLong();
        long originator = ByteBuffer.wrap(opts.get(1).value().toByteArray()).getLong();
        long recipient = ByteBuffer.wrap(opts.get(2).value().toByteArray()).getLong();
        return Optional.of(new ProtectionParameters((int) entry.elements().get(0).unsigned(),
                new CipherContext(originator, counter, recipient)));
    }

    private static boolean isStructure(AxdrData d, int n) {
        return d.tag() == AxdrData.STRUCTURE && d.elements().size() == n;
    }

    private static boolean isOctets(AxdrData d, int n) {
        return d.tag() == AxdrData.OCTET_STRING && d.value().length() == n;
    }

    /**
     * Decrypts {@code part} with keys from {@code keys} (see the class comment): VALID with the first pair
     * whose tag verifies; UNVERIFIABLE when the two parties' KA pair cannot be derived (a key is missing);
     * INVALID when it was derived and no pair verifies.
     *
     * @throws GbcsDecodeException if the block is malformed
     */
    public static Decrypted decrypt(EncryptedPart part, KeyResolver keys) {
        PayloadCipher.Block.parse(part.block(), part.offset());
        CipherContext c = part.context();
        Optional<byte[]> ka = key(c, c.recipient(), KeyUsage.KA, c.originator(), keys);
        if (ka.isPresent()) {
            Decryption d = PayloadCipher.decrypt(c, ka.get(), part.block(), part.offset());
            if (d.verdict() == Verdict.VALID) {
                return new Decrypted(part, d, Optional.of(new KeyPairUsed(c.recipient(), KeyUsage.KA, c.originator(),
                        KeyUsage.KA)));
            }
        }
        // Prepayment KA keys in place of either side's KA key (docs/decisions/0007): tried only to find a key
        // that verifies; they never turn a missing KA key into a verdict.
        long[][] orders = {{c.recipient(), c.originator()}, {c.originator(), c.recipient()}};
        for (long[] o : orders) {
            Optional<byte[]> k = key(c, o[0], KeyUsage.PREPAYMENT_KA, o[1], keys);
            if (k.isPresent()) {
                Decryption d = PayloadCipher.decrypt(c, k.get(), part.block(), part.offset());
                if (d.verdict() == Verdict.VALID) {
                    return new Decrypted(part, d, Optional.of(new KeyPairUsed(o[0], KeyUsage.PREPAYMENT_KA, o[1],
                            KeyUsage.KA)));
                }
            }
        }
        return new Decrypted(part, ka.isPresent() ? new Decryption(Verdict.INVALID, Optional.empty())
                : Decryption.unverifiable(), Optional.empty());
    }

    /**
     * The key of {@code part}'s context from its two parties' KA keys, whichever private half is known.
     *
     * @throws MissingKeyException when neither combination is available: the other party's public key when
     *     one private key is known, else the recipient's private key
     */
    public static byte[] kaKey(EncryptedPart part, KeyResolver keys) {
        CipherContext c = part.context();
        Optional<byte[]> k = key(c, c.recipient(), KeyUsage.KA, c.originator(), keys);
        if (k.isPresent()) {
            return k.get();
        }
        String purpose = String.format("encrypt the part between %016X and %016X, gbcs.md §4.3", c.originator(),
                c.recipient());
        if (keys.privateKey(c.recipient(), KeyUsage.KA).isPresent()) {
            throw new MissingKeyException(c.originator(), KeyUsage.KA, false, purpose);
        }
        if (keys.privateKey(c.originator(), KeyUsage.KA).isPresent()) {
            throw new MissingKeyException(c.recipient(), KeyUsage.KA, false, purpose);
        }
        throw new MissingKeyException(c.recipient(), KeyUsage.KA, true, purpose);
    }

    /** K from {@code a}'s {@code usage} key and {@code b}'s KA key, whichever private half is known. */
    private static Optional<byte[]> key(CipherContext c, long a, KeyUsage usage, long b, KeyResolver keys) {
        Optional<ECPrivateKey> privA = keys.privateKey(a, usage);
        Optional<ECPublicKey> pubB = keys.publicKey(b, KeyUsage.KA);
        if (privA.isPresent() && pubB.isPresent()) {
            return Optional.of(PayloadCipher.key(c, privA.get(), pubB.get()));
        }
        Optional<ECPrivateKey> privB = keys.privateKey(b, KeyUsage.KA);
        Optional<ECPublicKey> pubA = keys.publicKey(a, usage);
        if (privB.isPresent() && pubA.isPresent()) {
            return Optional.of(PayloadCipher.key(c, privB.get(), pubA.get()));
        }
        return Optional.empty();
    }

    /**
     * A GBZ component carrying {@code block} (gbcs.md §4.3 GBZ wrapper), for a simulated device's
     * responses: control gets bit 0x02; the ZCL header stays clear.
     */
    public static GbzComponent encryptedComponent(int control, int cluster, OptionalLong fromDateTime,
            int additionalHeaderControl, int additionalFrameCounter, int frameControl, int tsn, int commandId,
            ByteString block) {
        if (block.length() > 0xFFFF - GbzComponent.ENCRYPTED_HEADER
                - (fromDateTime.isPresent() ? GbzComponent.FROM_DATE_TIME_SIZE : 0)) {
            throw new IllegalArgumentException("ciphered block too long for a GBZ component: " + block.length());
        }
        byte[] zcl = new byte[GbzComponent.ENCRYPTED_HEADER + block.length()];
        ByteBuffer.wrap(zcl).put((byte) additionalHeaderControl).put((byte) additionalFrameCounter)
                .put((byte) frameControl).put((byte) tsn).put((byte) commandId).putShort((short) block.length());
        block.copyTo(zcl, GbzComponent.ENCRYPTED_HEADER);
        return new GbzComponent(control | GbzComponent.ENCRYPTED, cluster, fromDateTime, ByteString.of(zcl));
    }

    /**
     * The two A-XDR values a DLMS payload carries for protected data (gbcs.md §4.3 DLMS wrapper): the
     * protection-parameters array and the octet-string {@code block}. Other-information is empty and the
     * key-info is {@code structure { enum 2, structure { octet-string 02, octet-string empty } }}, both as
     * in RTDS ECS66/ECS68 (their meaning is unconfirmed).
     */
    public static List<AxdrData> protectedData(int protectionType, CipherContext context, ByteString block) {
        if (protectionType < 0 || protectionType > 0xFF) {
            throw new IllegalArgumentException("protection type is an enum (1 byte): " + protectionType);
        }
        AxdrData keyInfo = AxdrData.structure(List.of(AxdrData.of(AxdrData.ENUM, ByteString.of(new byte[] {2})),
                AxdrData.structure(List.of(AxdrData.of(AxdrData.OCTET_STRING, ByteString.of(new byte[] {2})),
                        AxdrData.of(AxdrData.OCTET_STRING, ByteString.EMPTY)))));
        byte[] tid = ByteBuffer.allocate(9).put((byte) CipherContext.CRA_ENCRYPTION).putLong(context.counter()).array();
        AxdrData options = AxdrData.structure(List.of(
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.of(tid)),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.of(ByteBuffer.allocate(8).putLong(context.originator()).array())),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.of(ByteBuffer.allocate(8).putLong(context.recipient()).array())),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.EMPTY),
                keyInfo));
        AxdrData params = AxdrData.array(List.of(AxdrData.structure(List.of(
                AxdrData.of(AxdrData.ENUM, ByteString.of(new byte[] {(byte) protectionType})), options))));
        return List.of(params, AxdrData.of(AxdrData.OCTET_STRING, block));
    }

    /**
     * {@code m}'s payload with {@code part} (one of {@link #find}{@code (m)}) holding {@code plaintext}:
     * encrypted under the part's context and its parties' KA key ({@link #kaKey}) with the block's own
     * invocation counter. AES-GCM under the same key, IV and AAD is deterministic, so an unchanged plaintext
     * gives back the very same block; a changed one gives the block a device would have sent. The plaintext
     * must keep its length, so that every length field around the block stays right.
     *
     * @throws IllegalArgumentException if {@code plaintext} is not as long as the part's ciphertext
     * @throws MissingKeyException if the KA key cannot be derived
     */
    public static ByteString withPlaintext(GbcsMessage m, EncryptedPart part, ByteString plaintext, KeyResolver keys) {
        PayloadCipher.Block b = PayloadCipher.Block.parse(part.block(), part.offset());
        if (plaintext.length() != b.ciphertext().length()) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length() + " bytes, the part holds "
                    + b.ciphertext().length() + " (a length change needs the payload's length fields edited too)");
        }
        ByteString block = PayloadCipher.encrypt(part.context(), kaKey(part, keys), b.invocationCounter(), plaintext);
        byte[] payload = m.payload().toByteArray();
        int at = part.offset() - PayloadCodec.payloadOffset(m);
        if (at < 0 || at + block.length() > payload.length) {
            throw new IllegalArgumentException("the part is not inside this message's payload");
        }
        block.copyTo(payload, at);
        return ByteString.of(payload);
    }

    /**
     * Finds and decrypts every encrypted part of {@code m}.
     *
     * @throws GbcsDecodeException if the payload or a block is malformed
     */
    public static List<Decrypted> decryptAll(GbcsMessage m, KeyResolver keys) {
        List<Decrypted> out = new ArrayList<>();
        for (EncryptedPart p : find(m)) {
            out.add(decrypt(p, keys));
        }
        return List.copyOf(out);
    }
}

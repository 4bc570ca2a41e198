package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.payload.AxdrData;
import io.hansim.gbcs.payload.DlmsApdu;
import io.hansim.gbcs.payload.GbzComponent;
import io.hansim.gbcs.payload.GbzPayload;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * G.1 (MACs, signatures and encrypted parts verify), issue 13 fault 8: a response whose encrypted part is
 * for a Supplementary Remote Party is keyed by that party and the Supplementary Originator Counter
 * (gbcs.md §4.3), not by the envelope's recipient and counter that its DLMS protection parameters repeat
 * (the RTDS ECS21b "other user" response, docs/decisions/0012); and a key the keystore lacks makes a part
 * UNVERIFIABLE, never INVALID.
 */
class G1EncryptedPartVerdictsTest {
    private static final long ACB = 0x90B3D51F30000002L;
    private static final long SUPPLIER = 0x90B3D51F30010000L;
    private static final long ESME = 0x00DB1234567890A0L;
    private static final TestPki PKI = new TestPki("issue13");
    private static final AxdrData SECRET = AxdrData.structure(List.of(AxdrData.longUnsigned(0x0102),
            AxdrData.of(AxdrData.OCTET_STRING, ByteString.ofHex("0A0B0C0D"))));

    /** The envelope's own parties and counter: what the protection parameters state, as in RTDS ECS21b. */
    private static final CipherContext ENVELOPE = new CipherContext(ESME, 1302, ACB);
    /** The parties and counter the part is for: the supplier as Supplementary Remote Party, counter 2002. */
    private static final CipherContext URP = new CipherContext(ESME, 2002, SUPPLIER);

    /** An ESME response to the ACB for the supplier (other-information of 26 bytes), MAC'd, one DLMS part. */
    private static GbcsMessage urpResponse(ByteString block) {
        OtherInformation oi = new OtherInformation(0x0034, OptionalLong.of(SUPPLIER), OptionalLong.of(1004),
                OptionalLong.of(2002), ByteString.EMPTY);
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 1302, ESME, ACB, Optional.empty(), oi, 0);
        DlmsApdu.AccessResponse r = new DlmsApdu.AccessResponse(0x20000516L, ByteString.EMPTY,
                List.of(AxdrData.structure(EncryptedParts.protectedData(2, ENVELOPE, block))),
                List.of(new DlmsApdu.ResponseSpec(3, 0)));
        GbcsMessage m = GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)), g, ByteString.of(r.encode()),
                Signature.EMPTY, Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE])));
        return GbcsMac.apply(m, GbcsMac.key(g, PKI.privateKey(ESME, KeyUsage.KA).orElseThrow(),
                PKI.publicKey(ACB, KeyUsage.KA).orElseThrow()));
    }

    /** The block the ESME sends: encrypted towards the supplier's KA key under the URP context. */
    private static ByteString urpBlock() {
        byte[] k = PayloadCipher.key(URP, PKI.privateKey(ESME, KeyUsage.KA).orElseThrow(),
                PKI.publicKey(SUPPLIER, KeyUsage.KA).orElseThrow());
        return PayloadCipher.encrypt(URP, k, 0, ByteString.of(SECRET.encode()));
    }

    @Test
    void g1_encryptedPartForASupplementaryRemotePartyUsesItsKeys() {
        GbcsMessage m = urpResponse(urpBlock());
        byte[] wire = GbcsCodec.encode(m);
        assertEquals(Verdict.VALID, MessageVerifier.rtds().verify(wire, PKI).mac());
        EncryptedPart.DlmsProtectedData p = (EncryptedPart.DlmsProtectedData) EncryptedParts.find(
                GbcsCodec.decode(wire)).get(0);
        assertEquals(URP, p.context());
        assertEquals(ENVELOPE, p.stated());
        EncryptedParts.Decrypted d = EncryptedParts.decrypt(p, PKI);
        assertEquals(Verdict.VALID, d.verdict());
        assertEquals(new EncryptedParts.KeyPairUsed(SUPPLIER, KeyUsage.KA, ESME, KeyUsage.KA), d.keys().orElseThrow());
        assertEquals(SECRET, AxdrData.decode(d.plaintext().orElseThrow().toByteArray(), 0));
        // What the old decoder did: the stated context and the ACB's key. Those keys exist, and fail.
        byte[] stated = PayloadCipher.key(ENVELOPE, PKI.privateKey(ACB, KeyUsage.KA).orElseThrow(),
                PKI.publicKey(ESME, KeyUsage.KA).orElseThrow());
        assertEquals(Verdict.INVALID, PayloadCipher.decrypt(ENVELOPE, stated, p.block(), p.offset()).verdict());
    }

    /** {@link #PKI} without some keys. */
    private static KeyResolver without(long entity, KeyUsage usage) {
        return new KeyResolver() {
            @Override
            public Optional<ECPublicKey> publicKey(long e, KeyUsage u) {
                return e == entity && u == usage ? Optional.empty() : PKI.publicKey(e, u);
            }

            @Override
            public Optional<ECPrivateKey> privateKey(long e, KeyUsage u) {
                return e == entity && u == usage ? Optional.empty() : PKI.privateKey(e, u);
            }
        };
    }

    @Test
    void g1_aMissingKeyIsUnverifiableNeverInvalid() {
        GbcsMessage m = urpResponse(urpBlock());
        EncryptedPart p = EncryptedParts.find(m).get(0);
        // The supplier's KA key is missing; its prepayment KA key and the ACB's keys are there, and do not
        // verify: the keystore cannot decide, so UNVERIFIABLE (it was INVALID before).
        EncryptedParts.Decrypted noSupplier = EncryptedParts.decrypt(p, without(SUPPLIER, KeyUsage.KA));
        assertEquals(Verdict.UNVERIFIABLE, noSupplier.verdict());
        assertEquals(Optional.empty(), noSupplier.plaintext());
        assertEquals(Verdict.UNVERIFIABLE, EncryptedParts.decrypt(p, without(ESME, KeyUsage.KA)).verdict());
        // With every key present a wrong block is INVALID.
        byte[] t = urpBlock().toByteArray();
        t[t.length - 1] ^= 1;
        EncryptedPart tampered = EncryptedParts.find(urpResponse(ByteString.of(t))).get(0);
        assertEquals(Verdict.INVALID, EncryptedParts.decrypt(tampered, PKI).verdict());
        // Encrypting needs the KA pair; the error names the missing key.
        MissingKeyException e = assertThrows(MissingKeyException.class,
                () -> EncryptedParts.kaKey(p, without(SUPPLIER, KeyUsage.KA)));
        assertEquals(SUPPLIER, e.entity());
        assertEquals(KeyUsage.KA, e.usage());
    }

    @Test
    void g1_plaintextEncryptsBackToTheSameBlockAndAnEditToAValidOne() {
        GbcsMessage m = urpResponse(urpBlock());
        EncryptedPart p = EncryptedParts.find(m).get(0);
        ByteString plain = EncryptedParts.decrypt(p, PKI).plaintext().orElseThrow();
        assertEquals(m.payload(), EncryptedParts.withPlaintext(m, p, plain, PKI));
        byte[] edited = plain.toByteArray();
        edited[edited.length - 1] ^= 0x55;
        ByteString payload = EncryptedParts.withPlaintext(m, p, ByteString.of(edited), PKI);
        GbcsMessage n = GbcsMessage.of(m.macHeader(), m.groupingHeader(), payload, m.signature(), m.mac());
        EncryptedParts.Decrypted d = EncryptedParts.decryptAll(n, PKI).get(0);
        assertEquals(Verdict.VALID, d.verdict());
        assertArrayEquals(edited, d.plaintext().orElseThrow().toByteArray());
        assertThrows(IllegalArgumentException.class,
                () -> EncryptedParts.withPlaintext(m, p, ByteString.of(Arrays.copyOf(edited, edited.length + 1)), PKI));
    }

    @Test
    void g1_encryptedGbzComponentAfterAFromDateTimeIsFoundAtItsOffset() {
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 77, ESME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0074), 0);
        CipherContext c = CipherContext.of(g);
        byte[] k = PayloadCipher.key(c, PKI.privateKey(ESME, KeyUsage.KA).orElseThrow(),
                PKI.publicKey(SUPPLIER, KeyUsage.KA).orElseThrow());
        ByteString block = PayloadCipher.encrypt(c, k, 0, ByteString.ofHex("00000025393000000000"));
        GbzComponent dated = new GbzComponent(0x10, 0x0702, OptionalLong.of(0x1C0E6C00L), ByteString.ofHex("180001"));
        GbzComponent enc = EncryptedParts.encryptedComponent(GbzComponent.LAST | GbzComponent.FROM_DATE_TIME, 0x0702,
                OptionalLong.of(0x1C0E6C01L),
                0, 0, 0x18, 1, 0x01, block);
        GbcsMessage m = GbcsMessage.of(Optional.empty(), g,
                ByteString.of(new GbzPayload.Components(List.of(dated, enc)).encode()), Signature.EMPTY, Optional.empty());
        byte[] wire = GbcsCodec.encode(m);
        EncryptedPart p = EncryptedParts.find(GbcsCodec.decode(wire)).get(0);
        assertArrayEquals(block.toByteArray(), Arrays.copyOfRange(wire, p.offset(), p.offset() + block.length()));
        assertEquals(Verdict.VALID, EncryptedParts.decrypt(p, PKI).verdict());
    }
}

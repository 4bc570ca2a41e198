package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MessageBuilder}: lengths, default protections (gbcs.md §2.3), sign and MAC (§4.1, §4.2). */
class MessageBuilderTest {
    private static final long SUPPLIER = 0x90B3D51F30010000L;
    private static final long ESME = 0x00DB123456789001L;
    private static final ByteString HASH = ByteString.ofHex("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");

    private final TestPki pki = new TestPki("builder");
    private final MessageBuilder builder = MessageBuilder.rtds(pki);

    private static MessageBuilder.Header cs06Command() {
        return MessageBuilder.Header.onAir(CraFlag.COMMAND, 0x0000000100000042L, SUPPLIER, ESME, OtherInformation.of(0x0012));
    }

    @Test
    void criticalCommandIsSignedAndMacdAndVerifies() {
        GbcsMessage m = builder.build(cs06Command(),
                new UseCaseRecord.Cs06Command(HASH, 0x0000000100000042L, Optional.of("20261201000000Z")));
        assertEquals(Signature.Kind.PRESENT, m.signature().kind());
        assertTrue(m.macHeader().isPresent());
        byte[] wire = GbcsCodec.encode(m);
        assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.VALID), MessageVerifier.rtds().verify(wire, pki));
        assertEquals(new MessageVerifier.Result(Verdict.INVALID, Verdict.INVALID),
                MessageVerifier.rtds().verify(wire, new TestPki("other")));
        // The payload reads back as the record (lengths consistent, gbcs.md §2.2).
        assertTrue(UseCaseCodec.decode(GbcsCodec.decode(wire)).orElseThrow() instanceof UseCaseRecord.Cs06Command);
    }

    @Test
    void sameInputGivesSameBytes() {
        var rec = new UseCaseRecord.Cs06Command(HASH, 1, Optional.empty());
        byte[] a = GbcsCodec.encode(builder.build(cs06Command(), rec));
        byte[] b = GbcsCodec.encode(MessageBuilder.rtds(new TestPki("builder")).build(cs06Command(), rec));
        assertArrayEquals(a, b);
    }

    @Test
    void deterministicSignatureVerifiesAndRepeats() {
        ECPrivateKey d = pki.privateKey(SUPPLIER, KeyUsage.DS).orElseThrow();
        ECPublicKey q = pki.publicKey(SUPPLIER, KeyUsage.DS).orElseThrow();
        byte[] data = "hansim".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] s1 = GbcsSignature.signDeterministic(data, d);
        assertArrayEquals(s1, GbcsSignature.signDeterministic(data, d));
        assertTrue(GbcsSignature.verifyRaw(data, s1, q));
        assertFalse(GbcsSignature.verifyRaw("hansin".getBytes(java.nio.charset.StandardCharsets.US_ASCII), s1, q));
    }

    /** RFC 6979 §A.2.5, P-256 with SHA-256, message "sample": the nonce and so r‖s are fixed. */
    @Test
    void deterministicSignatureMatchesRfc6979Vector() {
        ECPrivateKey x = EcKeys.privateKey(java.util.HexFormat.of().parseHex(
                "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"));
        byte[] rs = GbcsSignature.signDeterministic("sample".getBytes(java.nio.charset.StandardCharsets.US_ASCII), x);
        assertEquals("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", ByteString.of(rs).toHex());
    }

    @Test
    void nonCriticalCommandIsMacdNotSigned() {
        GbcsMessage m = builder.build(MessageBuilder.Header.onAir(CraFlag.COMMAND, 7, SUPPLIER, ESME,
                OtherInformation.of(0x0015)), new UseCaseRecord.Cs11Command(0, 3));
        assertEquals(Signature.Kind.EMPTY, m.signature().kind());
        assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.ABSENT),
                MessageVerifier.rtds().verify(GbcsCodec.encode(m), pki));
    }

    @Test
    void criticalResponseIsSignedByTheDeviceWithoutMacHeader() {
        GbcsMessage m = builder.build(MessageBuilder.Header.onAir(CraFlag.RESPONSE, 7, ESME, SUPPLIER,
                OtherInformation.of(0x0012)), new UseCaseRecord.Cs06Response(0, ByteString.ofHex("01020304")));
        assertTrue(m.macHeader().isEmpty());
        assertEquals(new MessageVerifier.Result(Verdict.ABSENT, Verdict.VALID),
                MessageVerifier.rtds().verify(GbcsCodec.encode(m), pki));
    }

    @Test
    void precommandHasNeitherProtection() {
        var h = new MessageBuilder.Header(CraFlag.COMMAND, 7, SUPPLIER, ESME, OtherInformation.of(0x0012),
                Optional.empty(), GbcsCodec.Form.PRECOMMAND, Optional.empty(), Optional.empty());
        GbcsMessage m = builder.build(h, new UseCaseRecord.Cs06Command(HASH, 7, Optional.empty()));
        assertEquals(Signature.ABSENT, m.signature());
        assertTrue(m.macHeader().isEmpty());
        assertEquals(m, GbcsCodec.decode(GbcsCodec.encode(m), GbcsCodec.Form.PRECOMMAND));
        assertThrows(IllegalArgumentException.class, () -> h.protectedBy(true, false));
    }

    @Test
    void missingSigningKeyNamesEntityAndUsage() {
        KeyResolver onlyKa = new KeyResolver() {
            @Override
            public Optional<ECPublicKey> publicKey(long entity, KeyUsage usage) {
                return usage == KeyUsage.KA ? pki.publicKey(entity, usage) : Optional.empty();
            }

            @Override
            public Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage) {
                return usage == KeyUsage.KA ? pki.privateKey(entity, usage) : Optional.empty();
            }
        };
        MissingKeyException e = assertThrows(MissingKeyException.class, () -> MessageBuilder.rtds(onlyKa)
                .build(cs06Command(), new UseCaseRecord.Cs06Command(HASH, 1, Optional.empty())));
        assertEquals("no private DS key for 90B3D51F30010000 (needed to sign as the originator, gbcs.md §4.2)",
                e.getMessage());
        assertEquals(SUPPLIER, e.entity());
        assertEquals(KeyUsage.DS, e.usage());
    }

    @Test
    void missingMacKeyNamesTheSendingSide() {
        KeyResolver none = new KeyResolver() {
            @Override
            public Optional<ECPublicKey> publicKey(long entity, KeyUsage usage) {
                return Optional.empty();
            }

            @Override
            public Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage) {
                return Optional.empty();
            }
        };
        MissingKeyException e = assertThrows(MissingKeyException.class, () -> MessageBuilder.rtds(none)
                .build(MessageBuilder.Header.onAir(CraFlag.COMMAND, 1, SUPPLIER, ESME, OtherInformation.of(0x0129)),
                        new UseCaseRecord.Null()));
        // A remote-party command is MAC'd by the ACB (gbcs.md §4.1), not by its originator.
        assertEquals("no private KA key for 90B3D51F30000002 (needed to MAC, gbcs.md §4.1)", e.getMessage());
    }

    /** {@link #pki} with some of the supplier's DS key withheld. */
    private KeyResolver supplierDs(boolean withPublic, boolean withPrivate) {
        return new KeyResolver() {
            @Override
            public Optional<ECPublicKey> publicKey(long e, KeyUsage u) {
                return e == SUPPLIER && u == KeyUsage.DS && !withPublic ? Optional.empty() : pki.publicKey(e, u);
            }

            @Override
            public Optional<ECPrivateKey> privateKey(long e, KeyUsage u) {
                return e == SUPPLIER && u == KeyUsage.DS && !withPrivate ? Optional.empty() : pki.privateKey(e, u);
            }
        };
    }

    /**
     * G.1, issue 13 fault 9: a decoded message's signature, made with a random nonce that cannot be made
     * again, is carried through while it verifies over the content; an edited content is signed again, or
     * is a typed error naming the key when the private key is missing.
     */
    @Test
    void g1_aGivenSignatureIsKeptWhileItStillVerifies() {
        ByteString payload = ByteString.of(new UseCaseRecord.Cs06Command(HASH, 0x0000000100000042L, Optional.empty())
                .toPayload().encode());
        GbcsMessage deterministic = builder.build(cs06Command(), payload);
        ByteString random = ByteString.of(GbcsSignature.signRaw(GbcsSignature.signedBytes(deterministic),
                pki.privateKey(SUPPLIER, KeyUsage.DS).orElseThrow()));
        assertFalse(random.equals(deterministic.signature().value()));
        for (KeyResolver keys : java.util.List.of(pki, supplierDs(true, false), supplierDs(false, true))) {
            MessageBuilder.Built b = MessageBuilder.rtds(keys).build(cs06Command(), payload, Optional.of(random));
            assertEquals(MessageBuilder.SignatureSource.CARRIED, b.signature());
            assertEquals(random, b.message().signature().value());
            assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.VALID),
                    MessageVerifier.rtds().verify(GbcsCodec.encode(b.message()), pki));
        }
        // Edited content: the old signature no longer verifies.
        ByteString edited = ByteString.of(new UseCaseRecord.Cs06Command(HASH, 0x0000000100000043L, Optional.empty())
                .toPayload().encode());
        MessageBuilder.Built again = builder.build(cs06Command(), edited, Optional.of(random));
        assertEquals(MessageBuilder.SignatureSource.SIGNED, again.signature());
        assertTrue(again.carriedRejected());
        assertEquals(Verdict.VALID, MessageVerifier.rtds().verify(GbcsCodec.encode(again.message()), pki).signature());
        MissingKeyException noPrivate = assertThrows(MissingKeyException.class,
                () -> MessageBuilder.rtds(supplierDs(true, false)).build(cs06Command(), edited, Optional.of(random)));
        assertEquals(SUPPLIER, noPrivate.entity());
        assertTrue(noPrivate.privateKey() && noPrivate.getMessage().contains("does not verify"), noPrivate.getMessage());
        MissingKeyException none = assertThrows(MissingKeyException.class,
                () -> MessageBuilder.rtds(supplierDs(false, false)).build(cs06Command(), payload, Optional.of(random)));
        assertFalse(none.privateKey());
        assertThrows(IllegalArgumentException.class,
                () -> builder.build(cs06Command(), payload, Optional.of(ByteString.ofHex("00"))));
        // The MAC Header's security control and invocation counter are the header's.
        MessageBuilder.Header h = new MessageBuilder.Header(CraFlag.COMMAND, 1, SUPPLIER, ESME, OtherInformation.of(0x0015),
                Optional.empty(), GbcsCodec.Form.ON_AIR, Optional.of(false), Optional.of(true), 0x10, 7);
        GbcsMessage m = builder.build(h, ByteString.ofHex("0500"));
        assertEquals(0x10, m.macHeader().orElseThrow().securityControl());
        assertEquals(7, m.macHeader().orElseThrow().invocationCounter());
        assertEquals(Verdict.VALID, MessageVerifier.rtds().verify(GbcsCodec.encode(m), pki).mac());
    }
}

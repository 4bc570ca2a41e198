package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
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

/** Encrypted payload parts built with the simulation PKI (gbcs.md §4.3): locate, decrypt, verdicts, errors. */
class EncryptedPartsTest {
    static final long SUPPLIER = 0x90B3D51F30010000L;
    static final long GSME = 0x00DB1234567890A1L;
    static final long ESME = 0x00DB1234567890A0L;
    static final TestPki PKI = new TestPki("hansim");
    /** A Read Attributes Response payload: attribute 0x0000, status 0, uint48 12345 (as in RTDS GCS13a). */
    static final ByteString ZCL_PAYLOAD = ByteString.ofHex("00000025393000000000");

    static byte[] key(CipherContext c, long mine, KeyUsage usage, long theirs) {
        return PayloadCipher.key(c, PKI.privateKey(mine, usage).orElseThrow(), PKI.publicKey(theirs, KeyUsage.KA).orElseThrow());
    }

    static GbcsMessage message(GroupingHeader g, ByteString payload) {
        return GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)), g, payload, Signature.EMPTY,
                Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE])));
    }

    /** A GSME response to the supplier whose second component is encrypted with the GSME's KA key. */
    static GbcsMessage gbzResponse(OtherInformation oi, long ic) {
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 1000, GSME, SUPPLIER, Optional.empty(), oi, 0);
        CipherContext c = CipherContext.of(g);
        ByteString block = PayloadCipher.encrypt(c, key(c, GSME, KeyUsage.KA, c.recipient()), ic, ZCL_PAYLOAD);
        GbzComponent clear = new GbzComponent(0x10, 0x0702, OptionalLong.of(0x1C374A80L), ByteString.ofHex("180001"));
        GbzComponent enc = EncryptedParts.encryptedComponent(GbzComponent.LAST, 0x0702, OptionalLong.empty(), 0, 0,
                0x18, 7, 0x01, block);
        return message(g, ByteString.of(new GbzPayload.Components(List.of(clear, enc)).encode()));
    }

    @Test
    void gbzComponentIsFoundAtItsOffsetAndDecrypts() {
        GbcsMessage m = gbzResponse(OtherInformation.of(0x0074), 5);
        byte[] wire = GbcsCodec.encode(m);
        List<EncryptedPart> parts = EncryptedParts.find(GbcsCodec.decode(wire));
        assertEquals(1, parts.size());
        EncryptedPart.GbzComponentPart p = (EncryptedPart.GbzComponentPart) parts.get(0);
        assertEquals(1, p.index());
        assertEquals(7, p.transactionSequenceNumber());
        assertArrayEquals(p.block().toByteArray(), Arrays.copyOfRange(wire, p.offset(), wire.length - 13));
        assertEquals(0x31, wire[p.offset()] & 0xFF);
        EncryptedParts.Decrypted d = EncryptedParts.decryptAll(m, PKI).get(0);
        assertEquals(Verdict.VALID, d.verdict());
        assertEquals(ZCL_PAYLOAD, d.plaintext().orElseThrow());
        assertEquals(ByteString.ofHex("18070100000025393000000000"), p.zclFrame(d.plaintext().get()));
    }

    @Test
    void supplementaryFieldsReplaceCounterAndRecipient() {
        OtherInformation oi = new OtherInformation(0x0074, OptionalLong.of(0x90B3D51F30020000L), OptionalLong.of(9),
                OptionalLong.of(0x0102030405060708L), ByteString.EMPTY);
        GbcsMessage m = gbzResponse(oi, 0);
        CipherContext c = EncryptedParts.find(m).get(0).context();
        assertEquals(new CipherContext(GSME, 0x0102030405060708L, 0x90B3D51F30020000L), c);
        assertEquals(Verdict.VALID, EncryptedParts.decryptAll(m, PKI).get(0).verdict());
        // With only the counter present the envelope's Originator Counter is used.
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 1000, GSME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0129, SUPPLIER + 1, 3), 0);
        assertEquals(new CipherContext(GSME, 1000, SUPPLIER + 1), CipherContext.of(g));
    }

    @Test
    void wrongKeysGiveInvalidAndMissingKeysUnverifiable() {
        GbcsMessage m = gbzResponse(OtherInformation.of(0x0074), 0);
        assertEquals(Verdict.INVALID, EncryptedParts.decryptAll(m, new TestPki("other")).get(0).verdict());
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
        EncryptedParts.Decrypted d = EncryptedParts.decryptAll(m, none).get(0);
        assertEquals(Verdict.UNVERIFIABLE, d.verdict());
        assertEquals(Optional.empty(), d.plaintext());
    }

    @Test
    void prepaymentKeyOfTheRemotePartyIsTriedAfterKa() {
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 77, GSME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0074), 0);
        CipherContext c = CipherContext.of(g);
        // The device encrypts towards the supplier's prepayment KA public key.
        byte[] k = PayloadCipher.key(c, PKI.privateKey(GSME, KeyUsage.KA).orElseThrow(),
                PKI.publicKey(SUPPLIER, KeyUsage.PREPAYMENT_KA).orElseThrow());
        ByteString block = PayloadCipher.encrypt(c, k, 0, ZCL_PAYLOAD);
        GbzComponent enc = EncryptedParts.encryptedComponent(GbzComponent.LAST, 0x0705, OptionalLong.empty(), 0, 0,
                0x19, 0, 0x04, block);
        GbcsMessage m = message(g, ByteString.of(new GbzPayload.Components(List.of(enc)).encode()));
        EncryptedParts.Decrypted d = EncryptedParts.decryptAll(m, PKI).get(0);
        assertEquals(Verdict.VALID, d.verdict());
        assertEquals(new EncryptedParts.KeyPairUsed(SUPPLIER, KeyUsage.PREPAYMENT_KA, GSME, KeyUsage.KA),
                d.keys().orElseThrow());
    }

    @Test
    void dlmsProtectedDataInANotificationIsFoundAndDecrypts() {
        GroupingHeader g = new GroupingHeader(CraFlag.ALERT, 2001, ESME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0061), 0);
        CipherContext c = new CipherContext(ESME, 2001, SUPPLIER);
        AxdrData secret = AxdrData.structure(List.of(AxdrData.longUnsigned(0x1234),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.ofHex("0102"))));
        ByteString block = PayloadCipher.encrypt(c, key(c, ESME, KeyUsage.KA, SUPPLIER), 0,
                ByteString.of(secret.encode()));
        List<AxdrData> body = new java.util.ArrayList<>(List.of(AxdrData.longUnsigned(0x8F0A),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.ofHex("07DF0101FF000000008000FF"))));
        body.addAll(EncryptedParts.protectedData(2, c, block));
        GbcsMessage m = message(g, ByteString.of(
                new DlmsApdu.DataNotification(0x200007D1L, ByteString.EMPTY, AxdrData.structure(body)).encode()));
        byte[] wire = GbcsCodec.encode(m);
        EncryptedPart.DlmsProtectedData p = (EncryptedPart.DlmsProtectedData) EncryptedParts.find(m).get(0);
        assertEquals(2, p.protectionType());
        assertEquals(c, p.context());
        assertArrayEquals(block.toByteArray(), Arrays.copyOfRange(wire, p.offset(), p.offset() + block.length()));
        EncryptedParts.Decrypted d = EncryptedParts.decryptAll(m, PKI).get(0);
        assertEquals(secret, AxdrData.decode(d.plaintext().orElseThrow().toByteArray(), 0));
    }

    @Test
    void dlmsProtectedDataInAnAccessResponseIsFound() {
        CipherContext c = new CipherContext(ESME, 1001, SUPPLIER);
        ByteString block = PayloadCipher.encrypt(c, key(c, ESME, KeyUsage.KA, SUPPLIER), 0, ByteString.ofHex("1200FF"));
        DlmsApdu.AccessResponse r = new DlmsApdu.AccessResponse(0x200003E9L, ByteString.EMPTY,
                List.of(AxdrData.structure(EncryptedParts.protectedData(2, c, block))),
                List.of(new DlmsApdu.ResponseSpec(3, 0)));
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 1001, ESME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0060), 0);
        GbcsMessage m = message(g, ByteString.of(r.encode()));
        byte[] wire = GbcsCodec.encode(m);
        EncryptedPart p = EncryptedParts.find(m).get(0);
        assertArrayEquals(block.toByteArray(), Arrays.copyOfRange(wire, p.offset(), p.offset() + block.length()));
        assertEquals(ByteString.ofHex("1200FF"), EncryptedParts.decryptAll(m, PKI).get(0).plaintext().orElseThrow());
        // Protection parameters with no ciphered octet-string after them (an ECS66 command) are no part.
        DlmsApdu.AccessResponse bare = new DlmsApdu.AccessResponse(1, ByteString.EMPTY,
                List.of(EncryptedParts.protectedData(2, c, block).get(0)), List.of());
        assertEquals(List.of(), EncryptedParts.find(message(g, ByteString.of(bare.encode()))));
    }

    @Test
    void malformedBlocksRaiseTypedErrorsWithTheirOffset() {
        CipherContext c = new CipherContext(ESME, 1, SUPPLIER);
        byte[] k = new byte[16];
        GbcsDecodeException shortBlock = assertThrows(GbcsDecodeException.class,
                () -> PayloadCipher.decrypt(c, k, ByteString.ofHex("3100000000"), 40));
        assertEquals(40, shortBlock.offset());
        assertEquals("ciphered block", shortBlock.field());
        GbcsDecodeException sc = assertThrows(GbcsDecodeException.class,
                () -> PayloadCipher.decrypt(c, k, ByteString.of(new byte[17]), 12));
        assertEquals("ciphered block security control", sc.field());
        assertEquals(12, sc.offset());
        // The smallest block is an empty plaintext: it decrypts to nothing.
        ByteString empty = PayloadCipher.encrypt(c, k, 0, ByteString.EMPTY);
        assertEquals(PayloadCipher.MIN_BLOCK_SIZE, empty.length());
        assertEquals(Optional.of(ByteString.EMPTY), PayloadCipher.decrypt(c, k, empty, 0).plaintext());
    }

    @Test
    void invocationCounterIsPartOfTheIv() {
        CipherContext c = new CipherContext(ESME, 1, SUPPLIER);
        byte[] k = key(c, ESME, KeyUsage.KA, SUPPLIER);
        ByteString a = PayloadCipher.encrypt(c, k, 0, ZCL_PAYLOAD);
        ByteString b = PayloadCipher.encrypt(c, k, 1, ZCL_PAYLOAD);
        assertNotEquals(a.toHex().substring(10), b.toHex().substring(10));
        assertEquals("00DB1234567890A000000001", ByteString.of(PayloadCipher.iv(ESME, 1)).toHex());
        // Rewriting the counter field of a block breaks its tag.
        byte[] t = b.toByteArray();
        t[4] = 0;
        assertEquals(Verdict.INVALID, PayloadCipher.decrypt(c, k, ByteString.of(t), 0).verdict());
        assertEquals(Verdict.VALID, PayloadCipher.decrypt(c, k, b, 0).verdict());
    }

    @Test
    void derPayloadsAndGbzAlertsHaveNoParts() {
        GroupingHeader g = new GroupingHeader(CraFlag.RESPONSE, 1, ESME, SUPPLIER, Optional.empty(),
                OtherInformation.of(0x0129), 0);
        assertEquals(List.of(), EncryptedParts.find(message(g, ByteString.ofHex("300904040123ABCD020100"))));
    }
}

package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The GBCS §18.4 test vector with its keys embedded, values from gbcs.md §9. */
class Gbcs184VectorTest {
    static final long SUPPLIER_A = 0x123456789ABCDEF0L;
    static final long DEVICE_A = 0xFFFFFFFFFFFFFFFEL;
    /** The vector's ACB (the keystore's {@code abababababababab-ka.key}, corpora.md §5.2). */
    static final long ACB = 0xABABABABABABABABL;

    static final String MESSAGE = "DD000000000000" + "81A9" + "1100000000"
            + "DF0901" + "0000000000000001" + "08123456789ABCDEF0" + "08FFFFFFFFFFFFFFFE" + "00" + "0200B3" + "35"
            + "D920000001000303007000001" + "30A00FF0203007000001" + "30A01FF0203007000001"
            + "30A02FF02030500000000050000000005" + "00000000"
            + "4059045AB0F554622B0360340B9D87B5A23ED5723B41DE3F206E58CDD10F915B9FE2E12E2DA3632478A8DF678E418895"
            + "869AC1E55318CCE04D120D2D6B44DC167B"
            + "5D832D15B57A56D620F198B3";

    static final ECPublicKey SUPPLIER_A_DS = EcKeys.publicKey(hex(
            "76628E1C84EF7935548AE5D62C7BB3AD28964CF794F0387A697EEC19CDD98F46"
                    + "0A4D5E19087EF7216ED89C29831A6EE838C8DE88EF34F11D3F41F36D80B2A5D5"));
    static final ECPrivateKey SUPPLIER_A_DS_PRIVATE = EcKeys.privateKey(hex(
            "3A6B2EAA0D9F25A9E455983FEB5BB947528121911BF3B76BE5661C89DBF24B26"));
    static final ECPrivateKey ACB_KA_PRIVATE = EcKeys.privateKey(hex(
            "E4A6CFB431471CFCAE491FD566D19C87082CF9FA7722D7FA24B2B3F5669DBEFB"));
    static final ECPublicKey DEVICE_A_KA = EcKeys.publicKey(hex(
            "2DB45A3F21889438B42C8F464C75292BACF5FDDB5DA0B492501B299CBFE92D8F"
                    + "DB90FC8FF4026129838B1BCAD1402CAE47FE7D8084E409A41AFCE16D63579C5F"));

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] wire() {
        return hex(MESSAGE);
    }

    /** The vector's keys as a resolver: ACB KA private, Device A KA public, Supplier A DS public. */
    static final KeyResolver KEYS = new KeyResolver() {
        @Override
        public Optional<ECPublicKey> publicKey(long entity, KeyUsage usage) {
            if (entity == DEVICE_A && usage == KeyUsage.KA) {
                return Optional.of(DEVICE_A_KA);
            }
            if (entity == SUPPLIER_A && usage == KeyUsage.DS) {
                return Optional.of(SUPPLIER_A_DS);
            }
            return Optional.empty();
        }

        @Override
        public Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage) {
            return entity == ACB && usage == KeyUsage.KA ? Optional.of(ACB_KA_PRIVATE) : Optional.empty();
        }
    };

    @Test
    void messageIs178Bytes() {
        assertEquals(178, wire().length);
    }

    @Test
    void kdfIntermediatesMatchGbcsMd9() {
        byte[] z = GbcsKdf.sharedSecret(ACB_KA_PRIVATE, DEVICE_A_KA);
        assertArrayEquals(hex("9aacf2e6d51bd5ff8f37bf368019a691cb5b2fcb7b5f030a00063647b20e13fe"), z);
        byte[] info = GbcsKdf.otherInfo(SUPPLIER_A, 1, 1, DEVICE_A);
        assertArrayEquals(hex("60857406080300123456789abcdef009010000000000000001fffffffffffffffe"), info);
        assertArrayEquals(hex("859b846a24e1ea70a168409a1180676b"), GbcsKdf.deriveKey(z, info));
        GbcsMessage m = GbcsCodec.decode(wire());
        assertArrayEquals(hex("859b846a24e1ea70a168409a1180676b"), GbcsMac.key(m.groupingHeader(), ACB_KA_PRIVATE,
                DEVICE_A_KA));
    }

    @Test
    void macAndSignatureVerify() {
        GbcsMessage m = GbcsCodec.decode(wire());
        assertEquals(ByteString.ofHex("5d832d15b57a56d620f198b3"),
                GbcsMac.compute(m, hex("859b846a24e1ea70a168409a1180676b")));
        assertEquals(86, GbcsSignature.signedBytes(m).length);
        assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.VALID),
                MessageVerifier.withAcb(ACB).verify(wire(), KEYS));
    }

    @Test
    void wrongAcbLeavesTheMacUnverifiable() {
        assertEquals(Verdict.UNVERIFIABLE, MessageVerifier.rtds().verify(wire(), KEYS).mac());
    }

    /** Building (gbcs.md §9, corpora.md §5.3 item 6): re-sign and re-MAC from the parts. */
    @Test
    void rebuildsTheVectorFromItsParts() {
        GbcsMessage original = GbcsCodec.decode(wire());
        GbcsMessage bare = new GbcsMessage(original.macHeader(), original.groupingHeader(), original.payload(),
                Signature.of(ByteString.of(new byte[64])), Optional.of(ByteString.of(new byte[12])));
        GbcsMessage signed = GbcsSignature.sign(bare, SUPPLIER_A_DS_PRIVATE);
        assertEquals(Verdict.VALID, GbcsSignature.verify(signed, SUPPLIER_A_DS));
        // ECDSA is randomised, so the signature differs; the MAC over the original signature must match.
        GbcsMessage remac = GbcsMac.apply(new GbcsMessage(original.macHeader(), original.groupingHeader(),
                original.payload(), original.signature(), Optional.of(ByteString.of(new byte[12]))),
                GbcsMac.key(original.groupingHeader(), ACB_KA_PRIVATE, DEVICE_A_KA));
        assertArrayEquals(wire(), GbcsCodec.encode(remac));
    }

    @Test
    void derRoundTrip() {
        byte[] rs = GbcsCodec.decode(wire()).signature().value().toByteArray();
        byte[] der = GbcsSignature.rawToDer(rs);
        assertArrayEquals(rs, GbcsSignature.derToRaw(der));
        byte[] small = new byte[64];
        small[31] = 1;
        small[32] = (byte) 0x80;
        assertArrayEquals(small, GbcsSignature.derToRaw(GbcsSignature.rawToDer(small)));
    }
}

package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.MacHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sign and MAC with the simulation PKI, then verify (gbcs.md §4.1, §4.2). */
class TestPkiTest {
    private static final long ACB = 0x90B3D51F30000002L;
    private static final long SUPPLIER = 0x90B3D51F30010000L;
    private static final long ESME = 0x00DB1234567890A0L;

    private static GbcsMessage unprotected(CraFlag cra, long from, long to, Signature sig) {
        GroupingHeader g = new GroupingHeader(cra, 1000, from, to, Optional.empty(), OtherInformation.of(0x0012), 0);
        return GbcsMessage.of(Optional.of(new MacHeader(0x11, 0, 0)), g,
                ByteString.ofHex("300904040123ABCD020100"), sig, Optional.of(ByteString.of(new byte[GbcsMessage.MAC_SIZE])));
    }

    @Test
    void criticalCommandSignedAndMacdVerifies() {
        TestPki pki = new TestPki("hansim");
        GbcsMessage m = unprotected(CraFlag.COMMAND, SUPPLIER, ESME, Signature.EMPTY);
        m = GbcsSignature.sign(m, pki.privateKey(SUPPLIER, KeyUsage.DS).orElseThrow());
        m = GbcsMac.apply(m, GbcsMac.key(m.groupingHeader(), pki.privateKey(ACB, KeyUsage.KA).orElseThrow(),
                pki.publicKey(ESME, KeyUsage.KA).orElseThrow()));
        byte[] wire = GbcsCodec.encode(m);
        assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.VALID),
                MessageVerifier.rtds().verify(wire, pki));
        // Another PKI's keys do not verify it.
        assertEquals(new MessageVerifier.Result(Verdict.INVALID, Verdict.INVALID),
                MessageVerifier.rtds().verify(wire, new TestPki("other")));
    }

    @Test
    void deviceResponseMacdWithTheDeviceKeyVerifies() {
        TestPki pki = new TestPki("hansim");
        GbcsMessage m = unprotected(CraFlag.RESPONSE, ESME, SUPPLIER, Signature.EMPTY);
        // The device side: its own KA private key and the recipient's public key (gbcs.md §4.1).
        m = GbcsMac.apply(m, GbcsMac.key(m.groupingHeader(), pki.privateKey(ESME, KeyUsage.KA).orElseThrow(),
                pki.publicKey(SUPPLIER, KeyUsage.KA).orElseThrow()));
        assertEquals(new MessageVerifier.Result(Verdict.VALID, Verdict.ABSENT),
                MessageVerifier.rtds().verify(GbcsCodec.encode(m), pki));
    }

    @Test
    void keysAreDeterministicPerSeedUsageAndEntity() {
        TestPki a = new TestPki("seed");
        TestPki b = new TestPki("seed");
        assertEquals(a.privateKey(ESME, KeyUsage.KA).orElseThrow().getS(),
                b.privateKey(ESME, KeyUsage.KA).orElseThrow().getS());
        assertEquals(a.publicKey(ESME, KeyUsage.KA).orElseThrow().getW(),
                b.publicKey(ESME, KeyUsage.KA).orElseThrow().getW());
        assertNotEquals(a.privateKey(ESME, KeyUsage.KA).orElseThrow().getS(),
                a.privateKey(ESME, KeyUsage.DS).orElseThrow().getS());
        assertNotEquals(a.privateKey(ESME, KeyUsage.KA).orElseThrow().getS(),
                new TestPki("seed2").privateKey(ESME, KeyUsage.KA).orElseThrow().getS());
        // The public key matches the private one: an ECDH from each side agrees.
        assertEquals(ByteString.of(GbcsKdf.sharedSecret(a.privateKey(ESME, KeyUsage.KA).orElseThrow(),
                a.publicKey(ACB, KeyUsage.KA).orElseThrow())),
                ByteString.of(GbcsKdf.sharedSecret(a.privateKey(ACB, KeyUsage.KA).orElseThrow(),
                        a.publicKey(ESME, KeyUsage.KA).orElseThrow())));
    }
}

package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.gbcs.crypto.CipherContext;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * G.1, issue 13 fault 8: other-information longer than 26 bytes is the Supplementary Remote Party ID,
 * its counter and then its KA certificate; there is no Supplementary Originator Counter in it (the RTDS
 * ECS21b command, docs/decisions/0012). The old decoder took the certificate's first 8 bytes for that
 * counter, which would then have keyed any encrypted part.
 */
class G1OtherInformationTest {
    private static final String CERT = "300A" + "0408" + "0102030405060708"; // 12 bytes, DER-shaped

    @Test
    void g1_certificateFollowsTheRemotePartyCounter() {
        String hex = "DF" + "09" + "01" + "0000000000000516" + "08" + "90B3D51F30000002" + "08" + "00DB1234567890A0"
                + "00" + "1E" + "0034" + "90B3D51F30010000" + "00000000000003EC" + CERT + "02" + "0500" + "00";
        byte[] wire = HexFormat.of().parseHex(hex);
        GbcsMessage m = GbcsCodec.decode(wire);
        OtherInformation oi = m.groupingHeader().otherInformation();
        assertEquals(OptionalLong.of(0x90B3D51F30010000L), oi.supplementaryRemotePartyId());
        assertEquals(OptionalLong.of(1004), oi.supplementaryRemotePartyCounter());
        assertEquals(OptionalLong.empty(), oi.supplementaryOriginatorCounter());
        assertEquals(ByteString.ofHex(CERT), oi.certificate());
        assertEquals(30, oi.encodedLength());
        assertArrayEquals(wire, GbcsCodec.encode(m));
        // no supplementary originator counter, so an encrypted part would use the Originator Counter
        assertEquals(new CipherContext(0x90B3D51F30000002L, 0x516, 0x90B3D51F30010000L),
                CipherContext.of(m.groupingHeader()));
    }
}

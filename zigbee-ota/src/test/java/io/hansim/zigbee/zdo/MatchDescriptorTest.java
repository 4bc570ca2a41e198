package io.hansim.zigbee.zdo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.zigbee.zcl.ZclDecodeException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Match Descriptor Request/Response octets (Zigbee specification §2.4.3.1.7, §2.4.4.2.7; G.5). */
class MatchDescriptorTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void g5_requestForTheOtaServerEncodesFieldByField() {
        // TSN 0x11, NWKAddrOfInterest 0x0000 (the CH), SE profile 0x0109, no in clusters, OTA client 0x0019 out
        var r = new MatchDescriptorRequest(0x11, 0x0000, 0x0109, List.of(), List.of(0x0019));
        assertEquals("110000090100011900", HEX.formatHex(r.encode()));
        assertEquals(r, MatchDescriptorRequest.decode(r.encode()));
    }

    @Test
    void g5_requestWithBothListsRoundTrips() {
        var r = new MatchDescriptorRequest(0xFE, 0xFFFD, 0x0109, List.of(0x0702, 0x0708), List.of(0x000A));
        assertEquals("fefdff0901020207080701" + "0a00", HEX.formatHex(r.encode()), "little-endian lists");
        assertEquals(r, MatchDescriptorRequest.decode(r.encode()));
    }

    @Test
    void g5_responseEncodesFieldByField() {
        var r = new MatchDescriptorResponse(0x11, ZdoStatus.SUCCESS, 0x0000, List.of(0x7B));
        assertEquals("110000" + "00017b", HEX.formatHex(r.encode()));
        assertEquals(r, MatchDescriptorResponse.decode(r.encode()));
        var none = new MatchDescriptorResponse(3, ZdoStatus.SUCCESS, 0x1234, List.of());
        assertArrayEquals(HEX.parseHex("030034" + "1200"), none.encode());
    }

    @Test
    void g5_truncatedOrLongFramesFailTypedWithTheField() {
        var e = assertThrows(ZclDecodeException.class, () -> MatchDescriptorRequest.decode(HEX.parseHex("1100000901")));
        assertEquals("NumInClusters", e.field());
        assertEquals(5, e.offset());
        e = assertThrows(ZclDecodeException.class, () -> MatchDescriptorRequest.decode(HEX.parseHex("11000009010219")));
        assertEquals("InClusterList", e.field());
        e = assertThrows(ZclDecodeException.class, () -> MatchDescriptorResponse.decode(HEX.parseHex("1100000002" + "7b")));
        assertEquals("MatchList", e.field());
        e = assertThrows(ZclDecodeException.class, () -> MatchDescriptorResponse.decode(HEX.parseHex("110000000001" + "7b" + "00")));
        assertEquals("Match_Desc_rsp", e.field());
        assertThrows(ZclDecodeException.class, () -> MatchDescriptorResponse.decode(new byte[0]));
    }

    @Test
    void g5_fieldsOutOfRangeAreRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new MatchDescriptorRequest(256, 0, 0x0109, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MatchDescriptorResponse(0, 0, 0, List.of(256)));
    }
}

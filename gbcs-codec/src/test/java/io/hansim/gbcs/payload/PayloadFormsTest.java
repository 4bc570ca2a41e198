package io.hansim.gbcs.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Hand-built payloads of each gbcs.md §5 family, and typed errors. */
class PayloadFormsTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** gbcs.md §10 GCS09 command payload, built with the encoder. */
    static GbzPayload gcs09() {
        return new GbzPayload.Components(List.of(new GbzComponent(0x01, 0x0708, OptionalLong.empty(),
                ByteString.ofHex("090000" + "00000000" + "804A371C" + "00" + "206EC61F" + "00020000"))));
    }

    @Test
    void gbzComponentsRoundTrip() {
        byte[] bytes = gcs09().encode();
        assertArrayEquals(hex("010901 0107080014 090000 00000000 804A371C 00 206EC61F 00020000"), bytes);
        GbzPayload p = GbzPayload.decode(bytes, 100, false);
        assertEquals(gcs09(), p);
        GbzComponent c = ((GbzPayload.Components) p).components().get(0);
        assertEquals(0x09, c.frameControl());
        assertEquals(0x00, c.commandId());
        assertFalse(c.isEncrypted());
    }

    @Test
    void gbzFromDateTimeAndEncryptedComponents() {
        GbzComponent dated = new GbzComponent(0x10, 0x0702, OptionalLong.of(0x1C374A80L), ByteString.ofHex("010000"));
        GbzComponent enc = new GbzComponent(0x03, 0x0702, OptionalLong.empty(),
                ByteString.ofHex("0000180001" + "0005" + "3100000000"));
        GbzPayload p = new GbzPayload.Components(List.of(dated, enc));
        byte[] bytes = p.encode();
        // the length (0007) covers the From Date Time and the ZCL frame (docs/decisions/0012)
        assertArrayEquals(hex("010902 10 0702 0007 1C374A80 010000 03 0702 000C 0000180001 0005 3100000000"), bytes);
        assertEquals(p, GbzPayload.decode(bytes, 0, false));
        assertEquals(ByteString.ofHex("3100000000"), enc.cipheredBlock());
        // ciphered length not matching the component length
        byte[] bad = bytes.clone();
        bad[bad.length - 6] = 6;
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> GbzPayload.decode(bad, 10, false));
        assertEquals("GBZ component 1 encrypted frame", e.field());
        assertEquals(10 + 20, e.offset());
        assertEquals(7, dated.lengthField());
    }

    @Test
    void gbzAlertRoundTrip() {
        GbzPayload.Alert a = new GbzPayload.Alert(0, 0x8F30, 0x1C374A80L, ByteString.EMPTY);
        assertArrayEquals(hex("0109008F301C374A80"), a.encode());
        assertEquals(a, GbzPayload.decode(a.encode(), 0, true));
    }

    @Test
    void gbzErrorsNameFieldAndMessageOffset() {
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class,
                () -> GbzPayload.decode(hex("0108 01"), 40, false));
        assertEquals("GBZ profile", e.field());
        assertEquals(40, e.offset());
        e = assertThrows(GbcsDecodeException.class, () -> GbzPayload.decode(hex("010901 01070800 14 0900"), 40, false));
        assertEquals("GBZ component 0 length", e.field());
        assertEquals(46, e.offset());
        e = assertThrows(GbcsDecodeException.class, () -> GbzPayload.decode(hex("010902 0107080003 090000"), 0, false));
        assertEquals("GBZ component 0 extended header control", e.field());
        e = assertThrows(GbcsDecodeException.class, () -> GbzPayload.decode(hex("010901 0107080003 090000 00"), 0, false));
        assertEquals("GBZ payload", e.field());
    }

    @Test
    void dlmsAccessRequestAndResponse() {
        // gbcs.md §8.2 ECS12: set class 1, OBIS 0-0:94.44.3.2, attribute 2 = octet-string(12)
        DlmsApdu.AccessRequest req = new DlmsApdu.AccessRequest(0x200003E8L, ByteString.EMPTY,
                List.of(DlmsApdu.RequestSpec.of(2, 1, ByteString.ofHex("00005E2C0302"), 2)),
                List.of(AxdrData.of(AxdrData.OCTET_STRING, ByteString.ofHex("07DE031BFF0F2D20008000FF"))));
        byte[] bytes = req.encode();
        assertArrayEquals(hex("D9200003E800 01 02 0001 00005E2C0302 02 01 090C07DE031BFF0F2D20008000FF"), bytes);
        assertEquals(req, DlmsApdu.decode(bytes, 0));
        DlmsApdu.AccessResponse resp = new DlmsApdu.AccessResponse(0x200003E8L, ByteString.EMPTY,
                List.of(AxdrData.nullData()), List.of(new DlmsApdu.ResponseSpec(2, 0)));
        assertArrayEquals(hex("DA200003E8 00 00 0100 01 0200"), resp.encode());
        assertEquals(resp, DlmsApdu.decode(resp.encode(), 0));
    }

    @Test
    void dlmsNotificationWithSelectionAndCompactArray() {
        AxdrData body = AxdrData.structure(List.of(AxdrData.longUnsigned(0x8F72),
                AxdrData.of(AxdrData.OCTET_STRING, ByteString.ofHex("07DF0101FF000000008000FF")),
                new AxdrData(AxdrData.COMPACT_ARRAY, 4, ByteString.ofHex("02020606" + "01020304"), List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> new AxdrData(AxdrData.COMPACT_ARRAY, 5, ByteString.ofHex("0202060601020304"), List.of()));
        AxdrData cmp = new AxdrData(AxdrData.COMPACT_ARRAY, 4, ByteString.ofHex("02010601020304"), List.of());
        DlmsApdu.DataNotification n = new DlmsApdu.DataNotification(0x200007D0L, ByteString.EMPTY,
                AxdrData.structure(List.of(AxdrData.longUnsigned(0x8F72), cmp)));
        assertEquals(n, DlmsApdu.decode(n.encode(), 0));
        DlmsApdu.AccessRequest sel = new DlmsApdu.AccessRequest(1, ByteString.EMPTY,
                List.of(new DlmsApdu.RequestSpec(4, 7, ByteString.ofHex("0000620104FF"), 2, 1,
                        Optional.of(AxdrData.array(List.of())))),
                List.of(AxdrData.nullData()));
        assertEquals(sel, DlmsApdu.decode(sel.encode(), 0));
        assertTrue(body.elements().size() == 3 || body.elements().isEmpty());
    }

    @Test
    void dlmsErrors() {
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> DlmsApdu.decode(hex("D8"), 7));
        assertEquals("DLMS APDU tag", e.field());
        assertEquals(7, e.offset());
        e = assertThrows(GbcsDecodeException.class, () -> DlmsApdu.decode(hex("0F20000001 00 0902AA"), 7));
        assertEquals("DLMS notification body value", e.field());
        assertEquals(7 + 8, e.offset());
        e = assertThrows(GbcsDecodeException.class, () -> DlmsApdu.decode(hex("0F20000001 00 00 00"), 0));
        assertEquals("DLMS APDU", e.field());
    }

    @Test
    void derTreeRoundTripIncludingNonShortestLengths() {
        // gbcs.md §10 CS08 response
        DerPayload p = DerPayload.of(DerNode.constructed(0x30, List.of(
                DerNode.primitive(0x04, ByteString.ofHex("0123ABCD")), DerNode.primitive(0x02, ByteString.ofHex("00")))));
        assertArrayEquals(hex("3009 04040123ABCD 020100"), p.encode());
        assertEquals(p, DerPayload.decode(p.encode(), 0));
        byte[] longForm = hex("30820003 020100");
        DerPayload q = DerPayload.decode(longForm, 0);
        assertEquals(3, q.root().lengthSize());
        assertArrayEquals(longForm, q.encode());
        assertEquals(0L, q.root().children().get(0).longValue());
        assertInstanceOf(DerPayload.class, PayloadCodec.decode(hex("0500"), PayloadForm.DER, false, 0));
    }

    @Test
    void derErrors() {
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> DerPayload.decode(hex("3005 020100"), 20));
        assertEquals("DER length", e.field());
        assertEquals(21, e.offset());
        e = assertThrows(GbcsDecodeException.class, () -> DerPayload.decode(hex("3080 0000"), 0));
        assertEquals("DER length", e.field());
        e = assertThrows(GbcsDecodeException.class, () -> DerPayload.decode(hex("1F01 00"), 0));
        assertEquals("DER tag", e.field());
        e = assertThrows(GbcsDecodeException.class, () -> DerPayload.decode(new byte[0], 3));
        assertEquals(3, e.offset());
    }

    @Test
    void registryKnowsFirmwareCodesAndGivesGenericEntries() {
        assertEquals("CS06", MessageCodeRegistry.lookup(0x0012).useCase());
        assertTrue(MessageCodeRegistry.lookup(0x0012).critical());
        assertEquals(Optional.of(PayloadForm.DER), MessageCodeRegistry.lookup(0x0128).form());
        assertEquals("CS08", MessageCodeRegistry.lookup(0x0129).useCase());
        assertEquals(Optional.empty(), MessageCodeRegistry.lookup(0x1000).form());
        MessageCodeRegistry.Entry unknown = MessageCodeRegistry.lookup(0xBEEF);
        assertFalse(unknown.known());
        assertEquals(0xBEEF, unknown.code());
    }
}

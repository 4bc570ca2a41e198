package io.hansim.gbcs.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsDecodeException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * G.1 (the codec parses and re-encodes byte-exactly), issue 13 fault 8: a GBZ component's length counts
 * its From Date Time as well as the ZCL frame (docs/decisions/0012). The bytes here are written from that
 * rule field by field, in the shapes of RTDS GCS05 and GCS15d; the old reading failed on both with
 * "length 2816 but 281 bytes follow" and "length 13 but 13 bytes follow".
 */
class G1GbzShapesTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void g1_gbzComponentLengthCoversItsFromDateTime() {
        // 3 components: plain; dated (length 000B = 4 From Date Time + 7 ZCL); plain and last
        byte[] gbz = hex("010903"
                + " 00 0705 0007 010003 804A371C"
                + " 10 0705 000B 1C0E6C00 010209 404B4C00"
                + " 01 0707 0005 090400 0000");
        GbzPayload.Components p = (GbzPayload.Components) GbzPayload.decode(gbz, 0, false);
        assertEquals(3, p.components().size());
        GbzComponent dated = p.components().get(1);
        assertEquals(OptionalLong.of(0x1C0E6C00L), dated.fromDateTime());
        assertEquals(ByteString.ofHex("010209404B4C00"), dated.zcl());
        assertEquals(0x09, dated.commandId());
        assertEquals(11, dated.lengthField());
        assertEquals(0x0707, p.components().get(2).cluster());
        assertArrayEquals(gbz, p.encode());

        // one dated last component, control 0x11, as a GCS15d command
        byte[] single = hex("010901 11 0705 000D 1C0E6C00 01000A 00D17F270A02");
        GbzComponent c = ((GbzPayload.Components) GbzPayload.decode(single, 0, false)).components().get(0);
        assertEquals(ByteString.ofHex("01000A00D17F270A02"), c.zcl());
        assertTrue(c.isLast());
        assertArrayEquals(single, new GbzPayload.Components(List.of(c)).encode());
    }

    @Test
    void g1_gbzLengthsThatDoNotFitAreTypedErrorsAtTheLengthField() {
        // control 0x10 announces 4 bytes of From Date Time that a length of 2 cannot hold
        GbcsDecodeException shortDated = assertThrows(GbcsDecodeException.class,
                () -> GbzPayload.decode(hex("010901 11 0705 0002 1C0E"), 50, false));
        assertEquals("GBZ component 0 length", shortDated.field());
        assertEquals(50 + 6, shortDated.offset());
        assertTrue(shortDated.getMessage().contains("does not cover the 4-byte From Date Time"), shortDated.getMessage());
        // a length beyond the payload counts the From Date Time among the bytes that follow
        GbcsDecodeException over = assertThrows(GbcsDecodeException.class,
                () -> GbzPayload.decode(hex("010901 11 0705 000E 1C0E6C00 01000A00D17F270A02"), 0, false));
        assertEquals("length 14 but 13 bytes follow", over.getMessage().substring(over.getMessage().indexOf("length 14")));
        // a dated frame of fewer than 3 ZCL bytes
        GbcsDecodeException tiny = assertThrows(GbcsDecodeException.class,
                () -> GbzPayload.decode(hex("010901 11 0705 0006 1C0E6C00 0100"), 0, false));
        assertEquals("GBZ component 0 ZCL frame", tiny.field());
        assertEquals(12, tiny.offset());
    }

    @Test
    void g1_encryptedComponentMayCarryAFromDateTime() {
        // Wireshark packet-gbcs.c reads From Date Time, then the additional header of an encrypted component
        byte[] gbz = hex("010901 13 0702 0010 1C0E6C00 0000 180001 0005 3100000000");
        GbzComponent c = ((GbzPayload.Components) GbzPayload.decode(gbz, 0, false)).components().get(0);
        assertTrue(c.isEncrypted());
        assertEquals(OptionalLong.of(0x1C0E6C00L), c.fromDateTime());
        assertEquals(ByteString.ofHex("3100000000"), c.cipheredBlock());
        assertArrayEquals(gbz, new GbzPayload.Components(List.of(c)).encode());
    }
}

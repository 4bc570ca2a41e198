package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ZCL frame header (ZCL §2.4.1) of the existing core, both ways, and its strict checks. */
class ZclHeaderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ZclHeader decode(String hex) {
        return ZclHeader.decode(new ZclReader(Unpooled.wrappedBuffer(HEX.parseHex(hex))));
    }

    private static String encode(ZclHeader h) {
        ByteBuf out = Unpooled.buffer();
        h.encode(out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return HEX.formatHex(b);
    }

    @Test
    void everyFrameControlBitBothWays() {
        // bit 0..1 frame type, 2 manufacturer-specific, 3 direction, 4 disable default response
        for (int fc = 0; fc < 0x20; fc++) {
            if ((fc & 0x03) > 1) {
                continue;
            }
            boolean mfr = (fc & 0x04) != 0;
            String hex = String.format("%02x", fc) + (mfr ? "3710" : "") + "2a07";
            ZclHeader h = decode(hex);
            assertEquals((fc & 0x01) == 0 ? FrameType.GLOBAL : FrameType.CLUSTER_SPECIFIC, h.frameType());
            assertEquals(mfr, h.manufacturerSpecific());
            assertEquals((fc & 0x08) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER, h.direction());
            assertEquals((fc & 0x10) != 0, h.disableDefaultResponse());
            assertEquals(mfr ? 0x1037 : 0, h.manufacturerCode());
            assertEquals(0x2a, h.transactionSequenceNumber());
            assertEquals(0x07, h.commandId());
            assertEquals(fc, h.frameControl());
            assertEquals(mfr ? 5 : 3, h.encodedLength());
            assertEquals(hex, encode(h));
        }
    }

    @Test
    void otaResponseHeader() {
        // zigbee-ota.md §1: 0x19 = cluster-specific, server to client, disable default response
        ZclHeader h = decode("190505");
        assertEquals(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.SERVER_TO_CLIENT, true, 5, 5), h);
    }

    @Test
    void manufacturerSpecificHeader() {
        // tshark edge frame 3: manufacturer code 0x1037 little-endian after frame control
        ZclHeader h = decode("0537102303");
        assertTrue(h.manufacturerSpecific());
        assertEquals(0x1037, h.manufacturerCode());
        assertEquals(0x23, h.transactionSequenceNumber());
        assertEquals(0x03, h.commandId());
        assertEquals("0537102303", encode(h));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x03, 0x1a, 0x1f})
    void reservedFrameTypeRejectedAtOffsetZero(int fc) {
        var e = assertThrows(ZclDecodeException.class, () -> decode(String.format("%02x0100", fc)));
        assertEquals("FrameControl", e.field());
        assertEquals(0, e.offset());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x20, 0x40, 0x80, 0xe0, 0x39})
    void reservedBitsRejectedAtOffsetZero(int fc) {
        var e = assertThrows(ZclDecodeException.class, () -> decode(String.format("%02x0100", fc)));
        assertEquals("FrameControl", e.field());
        assertEquals(0, e.offset());
    }

    @Test
    void truncationAtEveryLength() {
        String[] fields = {"FrameControl", "TransactionSequenceNumber", "CommandIdentifier"};
        String full = "18220b";
        for (int n = 0; n < 3; n++) {
            String cut = full.substring(0, 2 * n);
            var e = assertThrows(ZclDecodeException.class, () -> decode(cut));
            assertEquals(fields[n], e.field());
            assertEquals(n, e.offset());
        }
        String[] mfrFields = {"FrameControl", "ManufacturerCode", "ManufacturerCode",
            "TransactionSequenceNumber", "CommandIdentifier"};
        int[] mfrOffsets = {0, 1, 1, 3, 4};
        String mfr = "0437102303";
        for (int n = 0; n < 5; n++) {
            String cut = mfr.substring(0, 2 * n);
            var e = assertThrows(ZclDecodeException.class, () -> decode(cut));
            assertEquals(mfrFields[n], e.field(), cut);
            assertEquals(mfrOffsets[n], e.offset(), cut);
        }
    }

    @Test
    void constructorChecks() {
        assertThrows(IllegalArgumentException.class,
                () -> new ZclHeader(FrameType.GLOBAL, false, Direction.CLIENT_TO_SERVER, false, 0x1234, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 256, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new ZclHeader(FrameType.GLOBAL, true, Direction.CLIENT_TO_SERVER, false, 0x10000, 0, 0));
        assertFalse(ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 0, 0).manufacturerSpecific());
    }

    @Test
    void readerOffsetsCountFromTheBase() {
        var in = new ZclReader(Unpooled.wrappedBuffer(HEX.parseHex("04")), 7);
        var e = assertThrows(ZclDecodeException.class, () -> ZclHeader.decode(in));
        assertEquals("ManufacturerCode", e.field());
        assertEquals(8, e.offset());
    }
}

package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame-level rules of zigbee-ota.md §1 and the command table of §2. */
class OtaFrameTest {

    @ParameterizedTest
    @EnumSource(OtaCommandType.class)
    void commandIdsAndDirectionsFollowTheTable(OtaCommandType t) {
        assertEquals(t.ordinal(), t.id());
        assertEquals(t, OtaCommandType.fromId(t.id()));
        boolean serverSends = switch (t) {
            case IMAGE_NOTIFY, QUERY_NEXT_IMAGE_RESPONSE, IMAGE_BLOCK_RESPONSE, UPGRADE_END_RESPONSE,
                    QUERY_DEVICE_SPECIFIC_FILE_RESPONSE -> true;
            default -> false;
        };
        assertEquals(serverSends ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER, t.direction());
    }

    @Test
    void unknownCommandIdentifiersAreRejectedAtOffset2() {
        for (int id = 0x0A; id <= 0xFF; id++) {
            assertNull(OtaCommandType.fromId(id));
            for (int fc : new int[] {0x01, 0x19}) {
                ZclDecodeException e = assertDecodeError(String.format("%02x24%02x0102", fc, id), "CommandIdentifier", 2);
                assertTrue(e.getMessage().contains(String.format("0x%02X", id)), e.getMessage());
            }
        }
        assertNull(OtaCommandType.fromId(-1));
    }

    @Test
    void headerProblemsFromTheZclCore() {
        assertDecodeError("", "FrameControl", 0);
        assertDecodeError("02240a", "FrameControl", 0); // reserved frame type 2
        assertDecodeError("21240300", "FrameControl", 0); // reserved bit 5
        assertDecodeError("01", "TransactionSequenceNumber", 1);
        assertDecodeError("0124", "CommandIdentifier", 2);
        assertDecodeError("053710", "TransactionSequenceNumber", 3);
    }

    @Test
    void globalCommandsAreNotOtaCommands() {
        // Read Attributes Response (tshark frame 15) and Default Response (edge frame 7).
        assertDecodeError("180a0102000023000302010600003001", "FrameType", 0);
        assertDecodeError("18220b0380", "FrameType", 0);
        assertDecodeError("000a00", "FrameType", 0);
    }

    @Test
    void payloadDecodeChecksIdAndDirection() {
        byte[] payload = hex("0034127856040302010001000040");
        ZclDecodeException e = assertThrows(ZclDecodeException.class,
                () -> OtaCodec.decodePayload(0x0A, Direction.CLIENT_TO_SERVER, Unpooled.wrappedBuffer(payload), 5,
                        OtaCodec.Options.STRICT));
        assertEquals("CommandIdentifier", e.field());
        assertEquals(4, e.offset());
        e = assertThrows(ZclDecodeException.class,
                () -> OtaCodec.decodePayload(0x03, Direction.SERVER_TO_CLIENT, payload));
        assertEquals("Direction", e.field());
        assertEquals(0, e.offset());
        // Offsets count from the given base: MaximumDataSize is payload byte 13.
        ByteBuf cut = Unpooled.wrappedBuffer(payload, 0, 13);
        e = assertThrows(ZclDecodeException.class,
                () -> OtaCodec.decodePayload(0x03, Direction.CLIENT_TO_SERVER, cut, 5, OtaCodec.Options.STRICT));
        assertEquals("MaximumDataSize", e.field());
        assertEquals(18, e.offset());
        assertEquals(0, cut.readerIndex());
    }

    @Test
    void decodeWithADecodedHeaderChecksTheHeader() {
        ZclHeader mfr = new ZclHeader(FrameType.CLUSTER_SPECIFIC, true, Direction.CLIENT_TO_SERVER, false, 0x1037,
                1, 3);
        ByteBuf payload = Unpooled.wrappedBuffer(hex("0034127856040302010001000040"));
        ZclDecodeException e = assertThrows(ZclDecodeException.class,
                () -> OtaCodec.decode(mfr, payload, OtaCodec.Options.STRICT));
        assertEquals("ManufacturerSpecific", e.field());
        ZclHeader ok = ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.CLIENT_TO_SERVER, false, 1, 3);
        ByteBuf cut = Unpooled.wrappedBuffer(hex("003412785604030201000100"));
        e = assertThrows(ZclDecodeException.class, () -> OtaCodec.decode(ok, cut, OtaCodec.Options.STRICT));
        assertEquals("FileOffset", e.field());
        assertEquals(12, e.offset());
        assertTrue(OtaCodec.isOtaCommand(ok));
        assertFalse(OtaCodec.isOtaCommand(mfr));
        assertFalse(OtaCodec.isOtaCommand(ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 1, 3)));
        assertFalse(OtaCodec.isOtaCommand(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.SERVER_TO_CLIENT,
                false, 1, 3)));
        assertFalse(OtaCodec.isOtaCommand(ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.CLIENT_TO_SERVER,
                false, 1, 0x0A)));
    }

    @Test
    void frameMustAgreeWithItsCommand() {
        OtaCommand block = ImageBlockRequest.of(1, 2, 3, 4, 5);
        assertThrows(IllegalArgumentException.class, () -> new OtaFrame(
                ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.CLIENT_TO_SERVER, false, 1, 4), block));
        assertThrows(IllegalArgumentException.class, () -> new OtaFrame(
                ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.SERVER_TO_CLIENT, false, 1, 3), block));
        assertThrows(IllegalArgumentException.class, () -> new OtaFrame(
                ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 1, 3), block));
        assertThrows(IllegalArgumentException.class, () -> new OtaFrame(
                new ZclHeader(FrameType.CLUSTER_SPECIFIC, true, Direction.CLIENT_TO_SERVER, false, 9, 1, 3), block));
        assertThrows(IllegalArgumentException.class, () -> new OtaFrame(null, block));
        assertThrows(IllegalArgumentException.class, () -> OtaFrame.of(1, null));
        assertThrows(IllegalArgumentException.class, () -> OtaFrame.of(256, block));
    }

    @Test
    void defaultFrameControl() {
        // zigbee-ota.md §1: 0x01 requests, 0x19 responses, 0x09 for a unicast notify wanting a Default Response.
        assertEquals("01050300", hex(OtaCodec.encode(5, ImageBlockRequest.of(0, 0, 0, 0, 0))).substring(0, 8));
        assertEquals("19050595", hex(OtaCodec.encode(5, ImageBlockResponse.StatusOnly.ABORT)));
        assertEquals("1905000064", hex(OtaCodec.encode(5, ImageNotify.of(100))));
        assertEquals("0905000064", hex(OtaCodec.encode(OtaFrame.of(5, ImageNotify.of(100), false))));
        // A request that sets DDR anyway decodes and re-encodes as it came.
        byte[] ddr = hex("11050300341278560403020100010000 40");
        OtaFrame f = OtaCodec.decode(ddr);
        assertTrue(f.header().disableDefaultResponse());
        assertEquals(hex(ddr), hex(OtaCodec.encode(f)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1905000064", "0105030034127856040302010001000040"})
    void lengthAndTsn(String frame) {
        OtaFrame f = OtaCodec.decode(hex(frame));
        assertEquals(5, f.transactionSequenceNumber());
        assertEquals(frame.length() / 2, f.encodedLength());
    }
}

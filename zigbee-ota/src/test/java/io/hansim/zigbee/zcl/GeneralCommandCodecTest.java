package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.ReadAttributesResponse.StatusRecord;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.hansim.zigbee.zcl.ZclValue.Bool;
import io.hansim.zigbee.zcl.ZclValue.CharString;
import io.hansim.zigbee.zcl.ZclValue.UnsignedInt;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * General commands (ZCL §2.5) as whole frames, against the Wireshark-decoded reference frames
 * (oracles/tshark/reference: frames.tsv #15, edge_frames.tsv #7) and frames written by hand.
 * The hand-written frames, and a Report Attributes frame for every data type, were also checked
 * with tshark 4.0.17 ({@code wrap_zcl.py --cluster 0xfc00}): it decodes them field for field, except
 * structures, whose contents that version does not dissect at all ({@code case ZBEE_ZCL_STRUCT:
 * break;}); the structure layout follows zigbee-herdsman {@code buffaloZcl.ts} instead.
 */
class GeneralCommandCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** frames.tsv #15: Read Attributes Response for CurrentFileVersion and ImageUpgradeStatus. */
    static final String REFERENCE_READ_ATTRIBUTES_RESPONSE = "180a0102000023000302010600003001";
    /** edge_frames.tsv #7: Default Response to Image Block Request, MALFORMED_COMMAND. */
    static final String REFERENCE_DEFAULT_RESPONSE = "18220b0380";

    private static GeneralFrame s2c(int tsn, GeneralCommand c) {
        return GeneralFrame.of(Direction.SERVER_TO_CLIENT, true, tsn, c);
    }

    private static GeneralFrame c2s(int tsn, GeneralCommand c) {
        return GeneralFrame.of(Direction.CLIENT_TO_SERVER, false, tsn, c);
    }

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of(REFERENCE_READ_ATTRIBUTES_RESPONSE, s2c(0x0a, ReadAttributesResponse.of(
                        StatusRecord.success(0x0002, ZclValue.uint32(0x01020300L)),
                        StatusRecord.success(0x0006, ZclValue.enum8(0x01))))),
                Arguments.of(REFERENCE_DEFAULT_RESPONSE,
                        s2c(0x22, new DefaultResponse(0x03, ZclStatus.MALFORMED_COMMAND))),
                Arguments.of("000100 0200 0600", c2s(1, ReadAttributes.of(0x0002, 0x0006))),
                Arguments.of("000900", c2s(9, ReadAttributes.of())),
                Arguments.of("180901", s2c(9, ReadAttributesResponse.of())),
                // a failed record is followed at once by the next record, even when the octets
                // after the status look like a data type (0x23 = uint32)
                Arguments.of("180301 0100 86 2300 00 20 07", s2c(3, ReadAttributesResponse.of(
                        StatusRecord.failure(0x0001, ZclStatus.UNSUPPORTED_ATTRIBUTE),
                        StatusRecord.success(0x0023, ZclValue.uint8(7))))),
                Arguments.of("180401 0400 00 42 0461636d65 0700 86", s2c(4, ReadAttributesResponse.of(
                        StatusRecord.success(0x0004, CharString.of("acme")),
                        StatusRecord.failure(0x0007, ZclStatus.UNSUPPORTED_ATTRIBUTE)))),
                Arguments.of("000502 1000 42 03616263 0b00 30 01", c2s(5, WriteAttributes.of(
                        new AttributeRecord(0x0010, CharString.of("abc")),
                        new AttributeRecord(0x000B, ZclValue.enum8(1))))),
                Arguments.of("180604 00", s2c(6, WriteAttributesResponse.success())),
                Arguments.of("180704 88 0000 86 0100", s2c(7, WriteAttributesResponse.of(
                        new WriteAttributesResponse.StatusRecord(ZclStatus.READ_ONLY, 0x0000),
                        new WriteAttributesResponse.StatusRecord(ZclStatus.UNSUPPORTED_ATTRIBUTE, 0x0001)))),
                Arguments.of("18080a 0000 25 341200000000 0002 10 01", s2c(8, ReportAttributes.of(
                        new AttributeRecord(0x0000, new UnsignedInt(ZclDataType.UINT48, 0x1234)),
                        new AttributeRecord(0x0200, Bool.TRUE)))),
                Arguments.of("080b0b 0a00", GeneralFrame.of(Direction.SERVER_TO_CLIENT, false, 0x0b,
                        new DefaultResponse(0x0A, ZclStatus.SUCCESS))),
                // manufacturer-specific general frame: Read Attributes of attribute 0x4000 of 0x1234
                Arguments.of("04341208 00 0040", GeneralFrame.ofManufacturer(0x1234, Direction.CLIENT_TO_SERVER,
                        false, 8, ReadAttributes.of(0x4000))),
                Arguments.of("1c3412090b 0195", GeneralFrame.ofManufacturer(0x1234, Direction.SERVER_TO_CLIENT,
                        true, 9, new DefaultResponse(0x01, ZclStatus.ABORT))));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void decodes(String hex, GeneralFrame expected) {
        byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
        assertEquals(expected, GeneralCommandCodec.decode(bytes));
        assertEquals(expected, GeneralCommandCodec.decode(Unpooled.wrappedBuffer(bytes)));
        assertEquals(expected, GeneralCommandCodec.decode(ZclFrame.decode(bytes)));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void encodes(String hex, GeneralFrame frame) {
        String want = hex.replace(" ", "");
        assertEquals(want, HEX.formatHex(GeneralCommandCodec.encode(frame)));
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0x77);
        GeneralCommandCodec.encode(frame, out);
        assertEquals("77" + want, hexOf(out));
        int payloadAt = frame.header().encodedLength();
        assertEquals(want.substring(2 * payloadAt), HEX.formatHex(GeneralCommandCodec.encodePayload(frame.command())));
        assertEquals(want.length() / 2 - payloadAt, GeneralCommandCodec.payloadLength(frame.command()));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void everyTruncationFailsTypedOrIsAShorterValidFrame(String hex, GeneralFrame frame) {
        byte[] full = HEX.parseHex(hex.replace(" ", ""));
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            try {
                GeneralFrame shorter = GeneralCommandCodec.decode(cut);
                // only a cut at a record boundary can decode, and then to fewer records
                assertFalse(shorter.equals(frame));
                assertEquals(HEX.formatHex(cut), HEX.formatHex(GeneralCommandCodec.encode(shorter)));
            } catch (ZclDecodeException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= n, e.getMessage());
            }
        }
    }

    @Test
    void referenceReadAttributesResponseTruncatedAtEveryLength() {
        Object[][] expected = {
            {"FrameControl", 0}, {"TransactionSequenceNumber", 1}, {"CommandIdentifier", 2},
            null, // 3: the header alone is a valid empty response
            {"AttributeIdentifier", 3}, {"Status", 5}, {"AttributeDataType", 6},
            {"AttributeValue", 7}, {"AttributeValue", 7}, {"AttributeValue", 7}, {"AttributeValue", 7},
            null, // 11: one complete record
            {"AttributeIdentifier", 11}, {"Status", 13}, {"AttributeDataType", 14}, {"AttributeValue", 15},
        };
        byte[] full = HEX.parseHex(REFERENCE_READ_ATTRIBUTES_RESPONSE);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            if (expected[n] == null) {
                GeneralCommandCodec.decode(cut);
                continue;
            }
            var e = assertThrows(ZclDecodeException.class, () -> GeneralCommandCodec.decode(cut), "cut " + n);
            assertEquals(expected[n][0], e.field(), "cut " + n);
            assertEquals(expected[n][1], e.offset(), "cut " + n);
        }
    }

    @Test
    void referenceDefaultResponseTruncatedAtEveryLength() {
        String[] fields = {"FrameControl", "TransactionSequenceNumber", "CommandIdentifier", "CommandIdentifier",
            "StatusCode"};
        byte[] full = HEX.parseHex(REFERENCE_DEFAULT_RESPONSE);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            var e = assertThrows(ZclDecodeException.class, () -> GeneralCommandCodec.decode(cut), "cut " + n);
            assertEquals(fields[n], e.field(), "cut " + n);
            assertEquals(n, e.offset(), "cut " + n);
        }
    }

    @Test
    void trailingOctets() {
        assertError("18220b038000", "DefaultResponse", 5);
        assertError("18060400 0200", "WriteAttributesResponse", 4);
        // in a list of records an extra octet is a record cut short
        assertError(REFERENCE_READ_ATTRIBUTES_RESPONSE + "00", "AttributeIdentifier", 16);
        assertError("000100 0200 06", "AttributeIdentifier", 5);
    }

    @Test
    void inconsistentWriteAttributesResponses() {
        assertError("180604", "Status", 3); // at least one record
        assertError("180604 86", "AttributeIdentifier", 4); // failure without attribute id
        assertError("180604 88 0000 00 0100", "Status", 6); // SUCCESS among failures
        assertError("180604 88 0000 86", "AttributeIdentifier", 7);
        assertThrows(IllegalArgumentException.class,
                () -> new WriteAttributesResponse.StatusRecord(ZclStatus.SUCCESS, 1));
        assertTrue(WriteAttributesResponse.success().allSucceeded());
        assertEquals(WriteAttributesResponse.success(), new WriteAttributesResponse(List.of()));
    }

    @Test
    void undefinedStatusesAndTypes() {
        assertError("180a01 0200 55", "Status", 5);
        assertError("18220b03 55", "StatusCode", 4);
        assertError("180a01 0200 00 03 00", "AttributeDataType", 6);
        assertError("00010a 0000 10 02", "AttributeData", 6); // boolean 0x02
        assertError("000102 0000 42 05 6162", "AttributeData", 7); // string shorter than its length
    }

    @Test
    void unsupportedGeneralCommands() {
        var e = assertError("00010c", "CommandIdentifier", 2);
        assertTrue(e.getMessage().contains("0x0C (Discover Attributes)"), e.getMessage());
        assertError("0434120106 00", "CommandIdentifier", 4);
        assertError("0001ff", "CommandIdentifier", 2);
        for (int id = 0; id < 256; id++) {
            boolean modelled = id == 0x00 || id == 0x01 || id == 0x02 || id == 0x04 || id == 0x0A || id == 0x0B;
            assertEquals(modelled, GeneralCommandCodec.isSupported(id), "command " + id);
        }
    }

    @Test
    void clusterSpecificFramesAreNotGeneralCommands() {
        // tshark frames.tsv #6: an Image Block Request
        assertError("0105030034127856040302010001000040", "FrameControl", 0);
        var frame = ZclFrame.decode(HEX.parseHex("190505"));
        var e = assertThrows(ZclDecodeException.class, () -> GeneralCommandCodec.decode(frame));
        assertEquals("FrameControl", e.field());
        assertEquals(0, e.offset());
    }

    @Test
    void reservedHeaderBits() {
        assertError("38220b0380", "FrameControl", 0);
        assertError("1a220b0380", "FrameControl", 0);
    }

    @Test
    void payloadDecodingCountsOffsetsFromTheFrame() {
        var e = assertThrows(ZclDecodeException.class,
                () -> GeneralCommandCodec.decodePayload(0x01, Unpooled.wrappedBuffer(HEX.parseHex("020000")), 5));
        assertEquals("AttributeDataType", e.field());
        assertEquals(8, e.offset());
        var u = assertThrows(ZclDecodeException.class,
                () -> GeneralCommandCodec.decodePayload(0x0C, Unpooled.wrappedBuffer(new byte[0]), 3));
        assertEquals(2, u.offset());
        // a manufacturer-specific frame through ZclFrame: payload starts at 5
        var f = ZclFrame.decode(HEX.parseHex("1c3412090b01"));
        var m = assertThrows(ZclDecodeException.class, () -> GeneralCommandCodec.decode(f));
        assertEquals("StatusCode", m.field());
        assertEquals(6, m.offset());
        assertEquals(new DefaultResponse(0x03, ZclStatus.MALFORMED_COMMAND),
                GeneralCommandCodec.decodePayload(0x0B, Unpooled.wrappedBuffer(HEX.parseHex("0380")), 3));
    }

    @Test
    void recordInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new StatusRecord(1, ZclStatus.SUCCESS, null));
        assertThrows(IllegalArgumentException.class,
                () -> new StatusRecord(1, ZclStatus.FAILURE, ZclValue.uint8(1)));
        assertThrows(IllegalArgumentException.class, () -> StatusRecord.failure(0x10000, ZclStatus.FAILURE));
        assertThrows(IllegalArgumentException.class, () -> ReadAttributes.of(0x10000));
        assertThrows(IllegalArgumentException.class, () -> ReadAttributes.of(-1));
        assertThrows(IllegalArgumentException.class, () -> new AttributeRecord(1, null));
        assertThrows(IllegalArgumentException.class, () -> new DefaultResponse(0x100, ZclStatus.SUCCESS));
        assertThrows(NullPointerException.class, () -> new ReadAttributes(Arrays.asList(1, null)));
        // a frame's header must say GLOBAL and carry the command's identifier
        assertThrows(IllegalArgumentException.class, () -> new GeneralFrame(
                ZclHeader.of(FrameType.CLUSTER_SPECIFIC, Direction.CLIENT_TO_SERVER, false, 1, 0x00),
                ReadAttributes.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new GeneralFrame(
                ZclHeader.of(FrameType.GLOBAL, Direction.CLIENT_TO_SERVER, false, 1, 0x01), ReadAttributes.of(1)));
    }

    @Test
    void listsAreImmutableCopies() {
        var ids = new java.util.ArrayList<>(List.of(1, 2));
        var r = new ReadAttributes(ids);
        ids.add(3);
        assertEquals(List.of(1, 2), r.attributeIds());
        assertThrows(UnsupportedOperationException.class, () -> r.attributeIds().add(4));
    }

    private static ZclDecodeException assertError(String hex, String field, int offset) {
        byte[] in = HEX.parseHex(hex.replace(" ", ""));
        var e = assertThrows(ZclDecodeException.class, () -> GeneralCommandCodec.decode(in), hex);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    private static String hexOf(ByteBuf out) {
        byte[] bytes = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), bytes);
        return HEX.formatHex(bytes);
    }
}

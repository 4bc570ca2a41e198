package io.hansim.zigbee.zcl;

import static io.hansim.zigbee.zcl.ZclDataType.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.ZclValue.Bitmap;
import io.hansim.zigbee.zcl.ZclValue.Bool;
import io.hansim.zigbee.zcl.ZclValue.CharString;
import io.hansim.zigbee.zcl.ZclValue.Date;
import io.hansim.zigbee.zcl.ZclValue.Enumeration;
import io.hansim.zigbee.zcl.ZclValue.Eui64;
import io.hansim.zigbee.zcl.ZclValue.FloatingPoint;
import io.hansim.zigbee.zcl.ZclValue.GeneralData;
import io.hansim.zigbee.zcl.ZclValue.Identifier;
import io.hansim.zigbee.zcl.ZclValue.NoData;
import io.hansim.zigbee.zcl.ZclValue.OctetString;
import io.hansim.zigbee.zcl.ZclValue.SecurityKey;
import io.hansim.zigbee.zcl.ZclValue.Sequence;
import io.hansim.zigbee.zcl.ZclValue.SignedInt;
import io.hansim.zigbee.zcl.ZclValue.Structure;
import io.hansim.zigbee.zcl.ZclValue.TimeOfDay;
import io.hansim.zigbee.zcl.ZclValue.UnsignedInt;
import io.hansim.zigbee.zcl.ZclValue.UtcTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ZCL data type (ZCL §2.6.2) against bytes written by hand from the spec's layout:
 * little-endian numbers of the type's width, length-prefixed strings, count-prefixed composites.
 */
class ZclValuesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Arguments c(ZclValue v, String hex) {
        return Arguments.of(v, hex.replace(" ", ""));
    }

    private static Bytes b(String hex) {
        return Bytes.fromHex(hex);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c(new NoData(NO_DATA), ""),
                c(new NoData(UNKNOWN), ""),
                c(new GeneralData(DATA8, 0xAB), "ab"),
                c(new GeneralData(DATA16, 0x1234), "3412"),
                c(new GeneralData(DATA24, 0x123456), "563412"),
                c(new GeneralData(DATA32, 0x12345678), "78563412"),
                c(new GeneralData(DATA40, 0x123456789AL), "9a78563412"),
                c(new GeneralData(DATA48, 0x123456789ABCL), "bc9a78563412"),
                c(new GeneralData(DATA56, 0x123456789ABCDEL), "debc9a78563412"),
                c(new GeneralData(DATA64, 0x0123456789ABCDEFL), "efcdab8967452301"),
                c(Bool.FALSE, "00"),
                c(Bool.TRUE, "01"),
                c(Bool.INVALID, "ff"),
                c(new Bitmap(BITMAP8, 0x81), "81"),
                c(new Bitmap(BITMAP16, 0x8001), "0180"),
                c(new Bitmap(BITMAP24, 0x800001), "010080"),
                c(new Bitmap(BITMAP32, 0xFFFF_FFFFL), "ffffffff"),
                c(new Bitmap(BITMAP40, 0x01_0000_0000L), "0000000001"),
                c(new Bitmap(BITMAP48, 0x0102_0304_0506L), "060504030201"),
                c(new Bitmap(BITMAP56, 0x01_0203_0405_0607L), "07060504030201"),
                c(new Bitmap(BITMAP64, -1L), "ffffffffffffffff"),
                c(new UnsignedInt(UINT8, 0x7F), "7f"),
                c(new UnsignedInt(UINT8, 0xFF), "ff"),
                c(new UnsignedInt(UINT16, 0x1234), "3412"),
                c(new UnsignedInt(UINT24, 0xABCDEF), "efcdab"),
                c(new UnsignedInt(UINT32, 0x01020300), "00030201"),
                c(new UnsignedInt(UINT40, 0xFF_0000_0001L), "01000000ff"),
                c(new UnsignedInt(UINT48, 0x8000_0000_0000L), "000000000080"),
                c(new UnsignedInt(UINT56, 0x12_3456_789A_BCDEL), "debc9a78563412"),
                c(new UnsignedInt(UINT64, 0xFEDC_BA98_7654_3210L), "1032547698badcfe"),
                c(new SignedInt(INT8, -1), "ff"),
                c(new SignedInt(INT8, 127), "7f"),
                c(new SignedInt(INT8, -128), "80"),
                c(new SignedInt(INT16, -2), "feff"),
                c(new SignedInt(INT24, -0x123456), "aacbed"),
                c(new SignedInt(INT32, Integer.MIN_VALUE + 1), "01000080"),
                c(new SignedInt(INT40, -(1L << 39)), "0000000080"),
                c(new SignedInt(INT48, (1L << 47) - 1), "ffffffffff7f"),
                c(new SignedInt(INT56, -1), "ffffffffffffff"),
                c(new SignedInt(INT64, Long.MIN_VALUE), "0000000000000080"),
                c(new Enumeration(ENUM8, 0x01), "01"),
                c(new Enumeration(ENUM16, 0x1234), "3412"),
                c(new FloatingPoint(FLOAT_SEMI, 0x3C00), "003c"),
                c(FloatingPoint.ofSingle(1.5f), "0000c03f"),
                c(FloatingPoint.ofDouble(-2.0), "00000000000000c0"),
                c(new FloatingPoint(FLOAT_SINGLE, 0x7FC0_0001L), "0100c07f"),
                c(OctetString.of(b("010203")), "03 010203"),
                c(OctetString.of(Bytes.EMPTY), "00"),
                c(OctetString.invalid(OCTET_STRING), "ff"),
                c(new OctetString(LONG_OCTET_STRING, b("010203"), false), "0300 010203"),
                c(OctetString.invalid(LONG_OCTET_STRING), "ffff"),
                c(CharString.of("hansim"), "06 68616e73696d"),
                c(CharString.of(""), "00"),
                c(CharString.invalid(CHARACTER_STRING), "ff"),
                c(new CharString(CHARACTER_STRING, b("ff00"), false), "02 ff00"),
                c(CharString.ofLong("hi"), "0200 6869"),
                c(CharString.invalid(LONG_CHARACTER_STRING), "ffff"),
                c(Sequence.array(UINT16, List.of(ZclValue.uint16(1), ZclValue.uint16(2))), "21 0200 0100 0200"),
                c(new Sequence(ARRAY, UINT8, List.of(), true), "20 ffff"),
                c(new Sequence(SET, ENUM8, List.of(), false), "30 0000"),
                c(new Sequence(BAG, CHARACTER_STRING, List.of(CharString.of("a"), CharString.of("a")), false),
                        "42 0200 0161 0161"),
                c(Structure.of(List.of(ZclValue.uint8(5), CharString.of("a"))), "0200 20 05 42 0161"),
                c(new Structure(List.of(), true), "ffff"),
                c(Structure.of(List.of(Sequence.array(BOOLEAN, List.of(Bool.TRUE)), Structure.of(List.of()))),
                        "0200 48 10 0100 01 4c 0000"),
                c(new TimeOfDay(13, 45, 30, 25), "0d2d1e19"),
                c(new TimeOfDay(0xFF, 0, 0xFF, 0xFF), "ff00ffff"),
                c(TimeOfDay.INVALID, "ffffffff"),
                c(new Date(124, 6, 15, 6), "7c060f06"),
                c(Date.INVALID, "ffffffff"),
                c(new UtcTime(0x1C374A80L), "804a371c"),
                c(UtcTime.INVALID, "ffffffff"),
                c(new Identifier(CLUSTER_ID, 0x0019), "1900"),
                c(new Identifier(ATTRIBUTE_ID, 0xFFFD), "fdff"),
                c(new Identifier(BACNET_OID, 0x12345678), "78563412"),
                c(new Eui64(0x0011223344556677L), "7766554433221100"),
                c(Eui64.INVALID, "ffffffffffffffff"),
                c(new SecurityKey(b("000102030405060708090a0b0c0d0e0f")), "000102030405060708090a0b0c0d0e0f"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodesToTheSpecLayout(ZclValue v, String hex) {
        assertEquals(hex, HEX.formatHex(ZclValues.encode(v)));
        assertEquals(hex.length() / 2, ZclValues.encodedLength(v));
        ByteBuf out = Unpooled.buffer();
        ZclValues.writeTyped(v, out);
        assertEquals(String.format("%02x", v.type().id()) + hex, hex(out));
        assertEquals(hex.length() / 2 + 1, ZclValues.encodedLengthTyped(v));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesFromTheSpecLayout(ZclValue v, String hex) {
        assertEquals(v, ZclValues.decode(v.type(), HEX.parseHex(hex)));
        byte[] typed = HEX.parseHex(String.format("%02x", v.type().id()) + hex);
        ZclReader in = new ZclReader(Unpooled.wrappedBuffer(typed));
        assertEquals(v, ZclValues.readTyped(in, "T", "V"));
        assertFalse(in.hasRemaining());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyTruncationIsATypedErrorWithinTheValue(ZclValue v, String hex) {
        byte[] full = HEX.parseHex(hex);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            var e = assertThrows(ZclDecodeException.class, () -> ZclValues.decode(v.type(), cut), hex + " cut " + n);
            assertEquals("value", e.field());
            assertTrue(e.offset() >= 0 && e.offset() <= n, "offset " + e.offset() + " for cut " + n);
            if (v.type().isFixedLength()) {
                // all or nothing: a fixed-length value reports where it starts
                assertEquals(0, e.offset());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void trailingOctetIsReportedAfterTheValue(ZclValue v, String hex) {
        byte[] longer = HEX.parseHex(hex + "00");
        var e = assertThrows(ZclDecodeException.class, () -> ZclValues.decode(v.type(), longer));
        assertEquals("value", e.field());
        assertEquals(hex.length() / 2, e.offset());
    }

    @Test
    void stringTruncationOffsets() {
        // short string: the length octet at 0, the characters from 1
        assertError(CHARACTER_STRING, "", "value", 0);
        assertError(CHARACTER_STRING, "03 6869", "value", 1);
        // long string: the u16 length at 0..1, the octets from 2
        assertError(LONG_OCTET_STRING, "03", "value", 0);
        assertError(LONG_OCTET_STRING, "0300 01", "value", 2);
        // a declared length far beyond the input is refused before anything is allocated
        assertError(LONG_OCTET_STRING, "feff", "value", 2);
    }

    @Test
    void compositeTruncationOffsets() {
        assertError(ARRAY, "", "value", 0); // element type
        assertError(ARRAY, "21 01", "value", 1); // count
        assertError(ARRAY, "21 0200 0100 02", "value", 1); // 2 × uint16 = 4 octets, 3 left
        assertError(ARRAY, "42 0200 0161 02", "value", 6); // second string: 2 characters, 0 left
        assertError(STRUCTURE, "01", "value", 0);
        assertError(STRUCTURE, "0200 2005", "value", 4); // second element's type octet missing
        assertError(STRUCTURE, "0100 21 05", "value", 3); // uint16 with one octet
        assertError(STRUCTURE, "0100", "value", 0); // 1 element, 0 octets left
    }

    @Test
    void composites() {
        // an array declaring more elements than octets left is refused at the count
        var e = assertError(ARRAY, "20 0500 01", "value", 1);
        assertTrue(e.getMessage().contains("5 elements"), e.getMessage());
        // element types without value octets are refused
        assertError(ARRAY, "00 feff", "value", 0);
        assertError(SET, "ff 0100", "value", 0);
        assertError(SET, "ff 0100 00", "value", 0);
        assertThrows(IllegalArgumentException.class,
                () -> Sequence.array(NO_DATA, List.of(new NoData(NO_DATA))));
        // ... but an empty array of them is harmless, and zigbee-herdsman writes the non-value
        // array as element type nodata with count 0xFFFF
        assertEquals(new Sequence(ARRAY, NO_DATA, List.of(), true), ZclValues.decode(ARRAY, HEX.parseHex("00ffff")));
        assertEquals(Sequence.array(UNKNOWN, List.of()), ZclValues.decode(ARRAY, HEX.parseHex("ff0000")));
        // an undefined element type
        assertError(BAG, "03 0100 00", "value", 0);
        assertError(STRUCTURE, "0100 03", "value", 2);
        // elements of another type than the array's
        assertThrows(IllegalArgumentException.class, () -> Sequence.array(UINT8, List.of(ZclValue.uint16(1))));
        // invalid composites carry no elements
        assertThrows(IllegalArgumentException.class,
                () -> new Sequence(ARRAY, UINT8, List.of(ZclValue.uint8(1)), true));
        assertThrows(IllegalArgumentException.class, () -> new Structure(List.of(ZclValue.uint8(1)), true));
        assertThrows(IllegalArgumentException.class, () -> new Sequence(UINT8, UINT8, List.of(), false));
    }

    @Test
    void nestingIsLimited() {
        // structures nested MAX_NESTING deep decode; one more is refused where it starts
        String ok = "01004c".repeat(ZclValues.MAX_NESTING - 1) + "0000";
        ZclValue v = ZclValues.decode(STRUCTURE, HEX.parseHex(ok));
        assertEquals(ok, HEX.formatHex(ZclValues.encode(v)));
        String deep = "01004c".repeat(ZclValues.MAX_NESTING) + "0000";
        assertError(STRUCTURE, deep, "value", 3 * ZclValues.MAX_NESTING);
        // and the records refuse to build what the decoder would refuse
        ZclValue s = Structure.of(List.of());
        for (int i = 1; i < ZclValues.MAX_NESTING; i++) {
            s = Structure.of(List.of(s));
        }
        ZclValue top = s;
        assertThrows(IllegalArgumentException.class, () -> Structure.of(List.of(top)));
        assertThrows(IllegalArgumentException.class, () -> Sequence.array(STRUCTURE, List.of(top)));
    }

    @Test
    void undefinedTypeIdsAreTypedErrors() {
        int defined = 0;
        for (int id = 0; id < 256; id++) {
            ZclDataType t = ZclDataType.fromId(id);
            byte[] in = {(byte) id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
            if (t == null) {
                var e = assertThrows(ZclDecodeException.class,
                        () -> ZclValues.readTyped(new ZclReader(Unpooled.wrappedBuffer(in), 9), "AttributeDataType", "V"));
                assertEquals("AttributeDataType", e.field());
                assertEquals(9, e.offset());
                assertTrue(e.getMessage().contains(String.format("0x%02X", id)), e.getMessage());
            } else {
                defined++;
                assertEquals(id, t.id());
            }
        }
        assertEquals(ZclDataType.values().length, defined);
    }

    @Test
    void booleanOctetsOtherThanTheThreeAreRefused() {
        for (int raw = 2; raw < 0xFF; raw++) {
            byte[] in = {(byte) raw};
            var e = assertThrows(ZclDecodeException.class, () -> ZclValues.decode(BOOLEAN, in));
            assertEquals(0, e.offset());
        }
        assertThrows(IllegalArgumentException.class, () -> new Bool(2));
        assertTrue(Bool.TRUE.value());
        assertFalse(Bool.FALSE.value());
        assertThrows(IllegalStateException.class, Bool.INVALID::value);
    }

    @Test
    void offsetsCountFromTheReaderBase() {
        ZclReader in = new ZclReader(Unpooled.wrappedBuffer(HEX.parseHex("0561")), 10);
        var e = assertThrows(ZclDecodeException.class, () -> ZclValues.read(CHARACTER_STRING, in, "ModelIdentifier"));
        assertEquals("ModelIdentifier", e.field());
        assertEquals(11, e.offset());
    }

    /** Sentinels (ZCL §2.6.2 "invalid number"): decoding the sentinel octets gives isInvalid(). */
    @ParameterizedTest
    @EnumSource(ZclDataType.class)
    void sentinelBytesDecodeAsInvalid(ZclDataType t) {
        if (t.invalidValue().isEmpty()) {
            Set<ZclDataType> none = EnumSet.of(NO_DATA, UNKNOWN, SECURITY_KEY_128);
            for (ZclDataType x : ZclDataType.values()) {
                if (x.family() == Family.GENERAL_DATA || x.family() == Family.BITMAP) {
                    none.add(x);
                }
            }
            assertTrue(none.contains(t), t + " should have a sentinel");
            return;
        }
        long sentinel = t.invalidValue().getAsLong();
        int width = switch (t.family()) {
            case SEQUENCE -> 0; // element type first, handled below
            default -> t.isFixedLength() ? t.length() : t.minEncodedLength();
        };
        byte[] bytes;
        if (t.family() == Family.SEQUENCE) {
            bytes = new byte[] {0x20, (byte) 0xFF, (byte) 0xFF};
        } else {
            bytes = new byte[width];
            for (int i = 0; i < width; i++) {
                bytes[i] = (byte) (sentinel >>> (8 * i));
            }
        }
        ZclValue v = ZclValues.decode(t, bytes);
        assertTrue(v.isInvalid(), t + " " + v);
        assertArrayEquals(bytes, ZclValues.encode(v));
    }

    @Test
    void sentinelTable() {
        assertEquals(0xFF, UINT8.invalidValue().getAsLong());
        assertEquals(0xFFFF, UINT16.invalidValue().getAsLong());
        assertEquals(-1L, UINT64.invalidValue().getAsLong());
        assertEquals(0x80, INT8.invalidValue().getAsLong());
        assertEquals(0x8000_0000_0000_0000L, INT64.invalidValue().getAsLong());
        assertEquals(0xFF, BOOLEAN.invalidValue().getAsLong());
        assertEquals(0xFF, ENUM8.invalidValue().getAsLong());
        assertEquals(0xFFFF, ENUM16.invalidValue().getAsLong());
        assertEquals(0xFF, OCTET_STRING.invalidValue().getAsLong());
        assertEquals(0xFF, CHARACTER_STRING.invalidValue().getAsLong());
        assertEquals(0xFFFF, LONG_OCTET_STRING.invalidValue().getAsLong());
        assertEquals(0xFFFF, LONG_CHARACTER_STRING.invalidValue().getAsLong());
        assertEquals(0xFFFF, ARRAY.invalidValue().getAsLong());
        assertEquals(0xFFFF, STRUCTURE.invalidValue().getAsLong());
        assertEquals(0xFFFF_FFFFL, UTC_TIME.invalidValue().getAsLong());
        assertEquals(0xFFFF_FFFFL, TIME_OF_DAY.invalidValue().getAsLong());
        assertEquals(0xFFFF, CLUSTER_ID.invalidValue().getAsLong());
        assertEquals(-1L, IEEE_ADDRESS.invalidValue().getAsLong());
        assertTrue(SECURITY_KEY_128.invalidValue().isEmpty());
        assertTrue(BITMAP8.invalidValue().isEmpty());
        assertTrue(DATA32.invalidValue().isEmpty());
        assertTrue(UnsignedInt.invalid(UINT24).isInvalid());
        assertEquals(new SignedInt(INT24, -0x800000), SignedInt.invalid(INT24));
        assertTrue(SignedInt.invalid(INT24).isInvalid());
        assertFalse(new SignedInt(INT24, -0x7FFFFF).isInvalid());
        assertTrue(new FloatingPoint(FLOAT_SEMI, 0x7C01).isInvalid());
        assertFalse(new FloatingPoint(FLOAT_SEMI, 0x7C00).isInvalid());
        assertTrue(new Enumeration(ENUM16, 0xFFFF).isInvalid());
        assertFalse(new Enumeration(ENUM16, 0x00FF).isInvalid());
        assertTrue(new Identifier(BACNET_OID, 0xFFFF_FFFFL).isInvalid());
        assertFalse(new TimeOfDay(0xFF, 0xFF, 0xFF, 0).isInvalid());
    }

    @Test
    void constructorsRefuseWhatCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> new UnsignedInt(UINT8, 0x100));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedInt(UINT56, -1));
        assertThrows(IllegalArgumentException.class, () -> new UnsignedInt(INT8, 1));
        assertThrows(IllegalArgumentException.class, () -> new SignedInt(INT8, 128));
        assertThrows(IllegalArgumentException.class, () -> new SignedInt(INT48, -(1L << 47) - 1));
        assertThrows(IllegalArgumentException.class, () -> new Enumeration(ENUM8, 0x100));
        assertThrows(IllegalArgumentException.class, () -> new Bitmap(BITMAP24, 0x1000000));
        assertThrows(IllegalArgumentException.class, () -> new GeneralData(UINT8, 1));
        assertThrows(IllegalArgumentException.class, () -> new FloatingPoint(FLOAT_SEMI, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new UtcTime(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new TimeOfDay(256, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Date(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SecurityKey(Bytes.of(new byte[15])));
        assertThrows(IllegalArgumentException.class, () -> OctetString.of(Bytes.of(new byte[255])));
        assertEquals(254, OctetString.of(Bytes.of(new byte[254])).value().length());
        assertThrows(IllegalArgumentException.class,
                () -> new OctetString(LONG_OCTET_STRING, Bytes.of(new byte[65535]), false));
        assertThrows(IllegalArgumentException.class, () -> new CharString(CHARACTER_STRING, b("01"), true));
        assertThrows(IllegalArgumentException.class, () -> new CharString(OCTET_STRING, b("01"), false));
        assertThrows(IllegalArgumentException.class, () -> new NoData(UINT8));
    }

    @Test
    void longStringAtItsMaximum() {
        byte[] body = new byte[0xFFFE];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        var v = new OctetString(LONG_OCTET_STRING, Bytes.of(body), false);
        byte[] enc = ZclValues.encode(v);
        assertEquals(0xFFFE + 2, enc.length);
        assertEquals((byte) 0xFE, enc[0]);
        assertEquals((byte) 0xFF, enc[1]);
        assertEquals(v, ZclValues.decode(LONG_OCTET_STRING, enc));
    }

    @Test
    void characterStringDisplay() {
        assertEquals("hansim", CharString.of("hansim").display());
        assertEquals("Zähler", CharString.of("Zähler").display());
        assertEquals("Zähler", CharString.of("Zähler").text().orElseThrow());
        assertEquals("ACME\\x00\\x00", new CharString(CHARACTER_STRING, b("41434d450000"), false).display());
        assertEquals("\\xff\\xfeA", new CharString(CHARACTER_STRING, b("fffe41"), false).display());
        assertTrue(new CharString(CHARACTER_STRING, b("fffe41"), false).text().isEmpty());
        assertEquals("a\\\\b\\x0a", CharString.of("a\\b\n").display());
        assertEquals("<invalid>", CharString.invalid(CHARACTER_STRING).display());
        assertTrue(CharString.invalid(CHARACTER_STRING).text().isEmpty());
    }

    @Test
    void floatsConvert() {
        assertEquals(1.0, new FloatingPoint(FLOAT_SEMI, 0x3C00).doubleValue());
        assertEquals(-2.0, new FloatingPoint(FLOAT_SEMI, 0xC000).doubleValue());
        assertEquals(65504.0, new FloatingPoint(FLOAT_SEMI, 0x7BFF).doubleValue());
        assertEquals(Math.scalb(1.0, -24), new FloatingPoint(FLOAT_SEMI, 0x0001).doubleValue());
        assertEquals(Double.NEGATIVE_INFINITY, new FloatingPoint(FLOAT_SEMI, 0xFC00).doubleValue());
        assertEquals(0.333251953125, new FloatingPoint(FLOAT_SEMI, 0x3555).doubleValue());
        assertEquals(1.5, FloatingPoint.ofSingle(1.5f).doubleValue());
        assertTrue(FloatingPoint.ofDouble(Double.NaN).isInvalid());
        // signed zero and NaN payloads survive
        assertEquals("0000000000000080", HEX.formatHex(ZclValues.encode(FloatingPoint.ofDouble(-0.0))));
    }

    @Test
    void readHelpers() {
        var eui = new Eui64(0x0011223344556677L);
        assertEquals("Eui64[0011223344556677]", eui.toString());
        assertEquals(Instant.parse("2015-01-01T00:00:00Z"), new UtcTime(0x1C374A80L).toInstant().orElseThrow());
        assertTrue(UtcTime.INVALID.toInstant().isEmpty());
        assertEquals(new UtcTime(0), UtcTime.of(Instant.parse("2000-01-01T00:00:00Z")));
        assertTrue(new Bitmap(BITMAP16, 0x8001).isSet(15));
        assertFalse(new Bitmap(BITMAP16, 0x8001).isSet(14));
        assertThrows(IllegalArgumentException.class, () -> new Bitmap(BITMAP16, 0).isSet(16));
        assertEquals(0x1234, ZclValue.uint16(0x1234).intValue());
        assertEquals("SecurityKey[16 octets]", new SecurityKey(Bytes.of(new byte[16])).toString());
    }

    @Test
    void writingIntoAByteBufAppends() {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0xAA);
        ZclValues.write(ZclValue.uint32(0x01020304L), out);
        ZclValues.write(CharString.of("x"), out);
        assertEquals("aa04030201" + "0178", hex(out));
    }

    @Test
    void manyElementsDecode() {
        List<ZclValue> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(ZclValue.uint8(i & 0xFF));
        }
        var v = Sequence.array(UINT8, many);
        assertEquals(v, ZclValues.decode(ARRAY, ZclValues.encode(v)));
    }

    private static ZclDecodeException assertError(ZclDataType t, String hex, String field, int offset) {
        byte[] in = HEX.parseHex(hex.replace(" ", ""));
        var e = assertThrows(ZclDecodeException.class, () -> ZclValues.decode(t, in), hex);
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    private static String hex(ByteBuf out) {
        byte[] bytes = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), bytes);
        return HEX.formatHex(bytes);
    }
}

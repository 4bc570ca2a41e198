package io.hansim.zigbee.zcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The data-type table (ZCL §2.6.2): identifiers, names, lengths. */
class ZclDataTypeTest {

    @Test
    void identifiersNamesAndLengths() {
        check(0x00, "nodata", 0);
        check(0x08, "data8", 1);
        check(0x0B, "data32", 4);
        check(0x0F, "data64", 8);
        check(0x10, "bool", 1);
        check(0x18, "map8", 1);
        check(0x1B, "map32", 4);
        check(0x1D, "map48", 6);
        check(0x1F, "map64", 8);
        check(0x20, "uint8", 1);
        check(0x22, "uint24", 3);
        check(0x24, "uint40", 5);
        check(0x26, "uint56", 7);
        check(0x27, "uint64", 8);
        check(0x28, "int8", 1);
        check(0x2C, "int40", 5);
        check(0x2F, "int64", 8);
        check(0x30, "enum8", 1);
        check(0x31, "enum16", 2);
        check(0x38, "semi", 2);
        check(0x39, "single", 4);
        check(0x3A, "double", 8);
        check(0x41, "octstr", ZclDataType.VARIABLE);
        check(0x42, "string", ZclDataType.VARIABLE);
        check(0x43, "octstr16", ZclDataType.VARIABLE);
        check(0x44, "string16", ZclDataType.VARIABLE);
        check(0x48, "array", ZclDataType.VARIABLE);
        check(0x4C, "struct", ZclDataType.VARIABLE);
        check(0x50, "set", ZclDataType.VARIABLE);
        check(0x51, "bag", ZclDataType.VARIABLE);
        check(0xE0, "ToD", 4);
        check(0xE1, "date", 4);
        check(0xE2, "UTC", 4);
        check(0xE8, "clusterId", 2);
        check(0xE9, "attribId", 2);
        check(0xEA, "bacOID", 4);
        check(0xF0, "EUI64", 8);
        check(0xF1, "key128", 16);
        check(0xFF, "unk", 0);
    }

    private static void check(int id, String name, int length) {
        ZclDataType t = ZclDataType.fromId(id);
        assertEquals(id, t.id());
        assertEquals(name, t.specName());
        assertEquals(length, t.length());
    }

    @Test
    void namesAreUniqueAndEveryTypeHasAFamilyRecord() {
        Set<String> names = new HashSet<>();
        for (ZclDataType t : ZclDataType.values()) {
            assertEquals(true, names.add(t.specName()), t.specName());
            assertSame(t, ZclDataType.fromId(t.id()));
        }
    }

    @Test
    void minimumEncodedLengths() {
        assertEquals(1, ZclDataType.OCTET_STRING.minEncodedLength());
        assertEquals(1, ZclDataType.CHARACTER_STRING.minEncodedLength());
        assertEquals(2, ZclDataType.LONG_OCTET_STRING.minEncodedLength());
        assertEquals(2, ZclDataType.LONG_CHARACTER_STRING.minEncodedLength());
        assertEquals(3, ZclDataType.ARRAY.minEncodedLength());
        assertEquals(3, ZclDataType.BAG.minEncodedLength());
        assertEquals(2, ZclDataType.STRUCTURE.minEncodedLength());
        assertEquals(8, ZclDataType.IEEE_ADDRESS.minEncodedLength());
        assertEquals(0, ZclDataType.NO_DATA.minEncodedLength());
    }

    @Test
    void reservedIdentifiers() {
        for (int id : new int[] {0x01, 0x07, 0x11, 0x17, 0x32, 0x3B, 0x40, 0x45, 0x49, 0x52, 0xE3, 0xEB, 0xF2, 0xFE}) {
            assertNull(ZclDataType.fromId(id));
        }
        assertNull(ZclDataType.fromId(-1));
        assertNull(ZclDataType.fromId(256));
        var e = assertThrows(ZclDecodeException.class,
                () -> ZclDataType.read(new ZclReader(Unpooled.wrappedBuffer(new byte[] {0x3B}), 4), "DataType"));
        assertEquals("DataType", e.field());
        assertEquals(4, e.offset());
        assertEquals("uint16(0x21)", ZclDataType.UINT16.toString());
    }
}

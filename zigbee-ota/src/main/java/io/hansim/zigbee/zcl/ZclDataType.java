package io.hansim.zigbee.zcl;

import java.util.OptionalLong;

/**
 * The ZCL attribute data types (ZCL §2.6.2, the data-type table): the one-byte type identifier that
 * precedes an attribute value in Read Attributes Response, Write Attributes and Report Attributes,
 * with the value's length and its "invalid" (non-value) sentinel.
 *
 * <p>Spec names ({@link #specName()}) are the short names of ZCL 7/8 ("uint8", "octstr", "EUI64").
 * Identifiers agree with shimmeringbee/zcl {@code types.go} (which cites ZCL revision 6 §2.6.2) and
 * zigbee-herdsman {@code enums.ts}; lengths and sentinels with herdsman's {@code enums.ts} and
 * {@code buffaloZcl.ts}, and tshark 4.0.17 decodes every fixed-length type and the strings and
 * arrays the same way. Where herdsman's table comment gives enum16 the non-value 0xFF, the
 * all-ones rule every other type follows is used: enum16 → 0xFFFF (unconfirmed).
 *
 * <p>Reserved identifiers (e.g. 0x01–0x07, 0x11–0x17, 0x3B–0x40) are not constants here; reading one
 * is a {@link ZclDecodeException} ({@link #read(ZclReader, String)}).
 */
public enum ZclDataType {
    /** No data (ZCL §2.6.2): zero bytes. */
    NO_DATA(0x00, "nodata", 0, Family.NO_DATA),

    DATA8(0x08, "data8", 1, Family.GENERAL_DATA),
    DATA16(0x09, "data16", 2, Family.GENERAL_DATA),
    DATA24(0x0A, "data24", 3, Family.GENERAL_DATA),
    DATA32(0x0B, "data32", 4, Family.GENERAL_DATA),
    DATA40(0x0C, "data40", 5, Family.GENERAL_DATA),
    DATA48(0x0D, "data48", 6, Family.GENERAL_DATA),
    DATA56(0x0E, "data56", 7, Family.GENERAL_DATA),
    DATA64(0x0F, "data64", 8, Family.GENERAL_DATA),

    /** Boolean: 0x00 false, 0x01 true, 0xFF invalid; other values are not defined. */
    BOOLEAN(0x10, "bool", 1, Family.BOOLEAN, 0xFFL),

    BITMAP8(0x18, "map8", 1, Family.BITMAP),
    BITMAP16(0x19, "map16", 2, Family.BITMAP),
    BITMAP24(0x1A, "map24", 3, Family.BITMAP),
    BITMAP32(0x1B, "map32", 4, Family.BITMAP),
    BITMAP40(0x1C, "map40", 5, Family.BITMAP),
    BITMAP48(0x1D, "map48", 6, Family.BITMAP),
    BITMAP56(0x1E, "map56", 7, Family.BITMAP),
    BITMAP64(0x1F, "map64", 8, Family.BITMAP),

    UINT8(0x20, "uint8", 1, Family.UNSIGNED, 0xFFL),
    UINT16(0x21, "uint16", 2, Family.UNSIGNED, 0xFFFFL),
    UINT24(0x22, "uint24", 3, Family.UNSIGNED, 0xFF_FFFFL),
    UINT32(0x23, "uint32", 4, Family.UNSIGNED, 0xFFFF_FFFFL),
    UINT40(0x24, "uint40", 5, Family.UNSIGNED, 0xFF_FFFF_FFFFL),
    UINT48(0x25, "uint48", 6, Family.UNSIGNED, 0xFFFF_FFFF_FFFFL),
    UINT56(0x26, "uint56", 7, Family.UNSIGNED, 0xFF_FFFF_FFFF_FFFFL),
    UINT64(0x27, "uint64", 8, Family.UNSIGNED, 0xFFFF_FFFF_FFFF_FFFFL),

    /** Signed integers: the sentinel is the most negative value (only the sign bit set). */
    INT8(0x28, "int8", 1, Family.SIGNED, 0x80L),
    INT16(0x29, "int16", 2, Family.SIGNED, 0x8000L),
    INT24(0x2A, "int24", 3, Family.SIGNED, 0x80_0000L),
    INT32(0x2B, "int32", 4, Family.SIGNED, 0x8000_0000L),
    INT40(0x2C, "int40", 5, Family.SIGNED, 0x80_0000_0000L),
    INT48(0x2D, "int48", 6, Family.SIGNED, 0x8000_0000_0000L),
    INT56(0x2E, "int56", 7, Family.SIGNED, 0x80_0000_0000_0000L),
    INT64(0x2F, "int64", 8, Family.SIGNED, 0x8000_0000_0000_0000L),

    ENUM8(0x30, "enum8", 1, Family.ENUMERATION, 0xFFL),
    ENUM16(0x31, "enum16", 2, Family.ENUMERATION, 0xFFFFL),

    /**
     * IEEE 754 binary16. Every NaN is a non-value; the sentinel given is the canonical quiet NaN.
     */
    FLOAT_SEMI(0x38, "semi", 2, Family.FLOAT, 0x7E00L),
    /** IEEE 754 binary32; any NaN is a non-value. */
    FLOAT_SINGLE(0x39, "single", 4, Family.FLOAT, 0x7FC0_0000L),
    /** IEEE 754 binary64; any NaN is a non-value. */
    FLOAT_DOUBLE(0x3A, "double", 8, Family.FLOAT, 0x7FF8_0000_0000_0000L),

    /** Length octet (0..254) then the octets; length 0xFF = invalid, with no octets after it. */
    OCTET_STRING(0x41, "octstr", ZclDataType.VARIABLE, Family.OCTET_STRING, 0xFFL),
    /** Length octet (0..254) then the characters; length 0xFF = invalid. */
    CHARACTER_STRING(0x42, "string", ZclDataType.VARIABLE, Family.CHARACTER_STRING, 0xFFL),
    /** Little-endian u16 length (0..65534) then the octets; length 0xFFFF = invalid. */
    LONG_OCTET_STRING(0x43, "octstr16", ZclDataType.VARIABLE, Family.OCTET_STRING, 0xFFFFL),
    /** Little-endian u16 length (0..65534) then the characters; length 0xFFFF = invalid. */
    LONG_CHARACTER_STRING(0x44, "string16", ZclDataType.VARIABLE, Family.CHARACTER_STRING, 0xFFFFL),

    /** Element type, u16 element count (0xFFFF = invalid), then the elements without type bytes. */
    ARRAY(0x48, "array", ZclDataType.VARIABLE, Family.SEQUENCE, 0xFFFFL),
    /** u16 element count (0xFFFF = invalid), then (type, value) for every element. */
    STRUCTURE(0x4C, "struct", ZclDataType.VARIABLE, Family.STRUCTURE, 0xFFFFL),
    /** Same layout as {@link #ARRAY}; elements are meant to be distinct (not checked). */
    SET(0x50, "set", ZclDataType.VARIABLE, Family.SEQUENCE, 0xFFFFL),
    /** Same layout as {@link #ARRAY}; duplicates allowed. */
    BAG(0x51, "bag", ZclDataType.VARIABLE, Family.SEQUENCE, 0xFFFFL),

    /** Hours, minutes, seconds, hundredths (one octet each, 0xFF = unspecified). */
    TIME_OF_DAY(0xE0, "ToD", 4, Family.TIME_OF_DAY, 0xFFFF_FFFFL),
    /** Year − 1900, month, day of month, day of week (one octet each, 0xFF = unspecified). */
    DATE(0xE1, "date", 4, Family.DATE, 0xFFFF_FFFFL),
    /** Seconds since 2000-01-01T00:00:00Z, u32; see {@link ZclUtcTime}. */
    UTC_TIME(0xE2, "UTC", 4, Family.UTC_TIME, 0xFFFF_FFFFL),

    CLUSTER_ID(0xE8, "clusterId", 2, Family.IDENTIFIER, 0xFFFFL),
    ATTRIBUTE_ID(0xE9, "attribId", 2, Family.IDENTIFIER, 0xFFFFL),
    BACNET_OID(0xEA, "bacOID", 4, Family.IDENTIFIER, 0xFFFF_FFFFL),

    /** IEEE address, little-endian on the air. */
    IEEE_ADDRESS(0xF0, "EUI64", 8, Family.EUI64, 0xFFFF_FFFF_FFFF_FFFFL),
    /** 128-bit security key, sent as 16 octets in order; no non-value. */
    SECURITY_KEY_128(0xF1, "key128", 16, Family.SECURITY_KEY),

    /** Unknown (ZCL §2.6.2): zero bytes, like {@link #NO_DATA}. */
    UNKNOWN(0xFF, "unk", 0, Family.NO_DATA);

    /** {@link #length()} of the types whose length depends on their content. */
    public static final int VARIABLE = -1;

    /**
     * What a type's value looks like, and so which {@link ZclValue} record carries it. Several types
     * share a family; they differ only in width.
     */
    public enum Family {
        NO_DATA, GENERAL_DATA, BOOLEAN, BITMAP, UNSIGNED, SIGNED, ENUMERATION, FLOAT,
        OCTET_STRING, CHARACTER_STRING, SEQUENCE, STRUCTURE, TIME_OF_DAY, DATE, UTC_TIME,
        IDENTIFIER, EUI64, SECURITY_KEY
    }

    private static final ZclDataType[] BY_ID = new ZclDataType[256];

    static {
        for (ZclDataType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final String specName;
    private final int length;
    private final Family family;
    private final OptionalLong invalidValue;

    ZclDataType(int id, String specName, int length, Family family) {
        this(id, specName, length, family, OptionalLong.empty());
    }

    ZclDataType(int id, String specName, int length, Family family, long invalid) {
        this(id, specName, length, family, OptionalLong.of(invalid));
    }

    ZclDataType(int id, String specName, int length, Family family, OptionalLong invalidValue) {
        this.id = id;
        this.specName = specName;
        this.length = length;
        this.family = family;
        this.invalidValue = invalidValue;
    }

    /** The identifier octet on the air. */
    public int id() {
        return id;
    }

    /** The short name the ZCL uses for the type ("uint8", "octstr16", "EUI64"). */
    public String specName() {
        return specName;
    }

    /** The value's length in octets, or {@link #VARIABLE} for strings and composite types. */
    public int length() {
        return length;
    }

    public boolean isFixedLength() {
        return length != VARIABLE;
    }

    public Family family() {
        return family;
    }

    /**
     * The smallest number of octets a value of this type takes: the fixed length, or the length or
     * count prefix of a variable type (1 for short strings, 2 for long strings and structures, 3 for
     * arrays, sets and bags). Decoders check a declared element count against this before they
     * allocate anything for it.
     */
    public int minEncodedLength() {
        if (length != VARIABLE) {
            return length;
        }
        return switch (family) {
            case OCTET_STRING, CHARACTER_STRING -> this == OCTET_STRING || this == CHARACTER_STRING ? 1 : 2;
            case STRUCTURE -> 2;
            case SEQUENCE -> 3;
            default -> throw new AssertionError(this);
        };
    }

    /**
     * The non-value sentinel, as the little-endian number on the air (ZCL §2.6.2, "invalid number"
     * column): for fixed-length types the whole value (0xFF for uint8, 0x80 for int8, all ones for
     * EUI64 and UTCTime); for strings the length prefix (0xFF, or 0xFFFF for long strings); for
     * arrays, sets, bags and structures the element count (0xFFFF). For floats every NaN counts and
     * the canonical quiet NaN is given. Empty for types without one: no data, general data,
     * bitmaps, the 128-bit key and unknown.
     */
    public OptionalLong invalidValue() {
        return invalidValue;
    }

    /** The type with this identifier, or {@code null} if it is reserved or out of range. */
    public static ZclDataType fromId(int id) {
        return id >= 0 && id < 256 ? BY_ID[id] : null;
    }

    /** Reads a data-type octet; a reserved identifier is a decode error at that octet. */
    public static ZclDataType read(ZclReader in, String field) {
        int at = in.offset();
        int id = in.u8(field);
        ZclDataType t = BY_ID[id];
        if (t == null) {
            throw in.errorAt(field, at, String.format("undefined ZCL data type 0x%02X", id));
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("%s(0x%02X)", specName, id);
    }
}

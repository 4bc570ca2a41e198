package io.hansim.zigbee.zcl;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link ZclValue}s in their on-air form (ZCL §2.6.2): little-endian integers of
 * the type's width, length-prefixed strings, count-prefixed arrays and structures. The type octet
 * that precedes a value in attribute records is read or written by the {@code ...Typed} methods.
 *
 * <p>Reading is strict (DESIGN.md §3): running out of octets, an undefined type octet, a boolean
 * other than 0x00/0x01/0xFF, or nesting deeper than {@link #MAX_NESTING} raise a
 * {@link ZclDecodeException} with the field name the caller gave and the offset of the octet where
 * the problem is. A declared string length or element count is compared with the octets left before
 * anything is allocated for it.
 */
public final class ZclValues {
    /**
     * How deep arrays and structures may nest. The ZCL sets no limit; hansim sets one so a crafted
     * frame cannot exhaust the stack (hansim rule). Clusters hansim models nest at most twice.
     */
    public static final int MAX_NESTING = 16;

    private ZclValues() {
    }

    // ---- reading --------------------------------------------------------------------------------

    /**
     * Reads a value of {@code type} (no type octet before it).
     *
     * @param field the name to put in errors, e.g. {@code "AttributeValue"}
     */
    public static ZclValue read(ZclDataType type, ZclReader in, String field) {
        return read(type, in, field, 0);
    }

    /** Reads a data-type octet and then a value of that type. */
    public static ZclValue readTyped(ZclReader in, String typeField, String valueField) {
        ZclDataType type = ZclDataType.read(in, typeField);
        return read(type, in, valueField, 0);
    }

    /**
     * Decodes exactly one value of {@code type} from {@code bytes}; octets after it are an error.
     * Offsets in errors count from the first octet of {@code bytes}.
     */
    public static ZclValue decode(ZclDataType type, byte[] bytes) {
        ZclReader in = new ZclReader(Unpooled.wrappedBuffer(bytes));
        ZclValue v = read(type, in, "value", 0);
        in.end("value");
        return v;
    }

    /** @param enclosing how many arrays or structures enclose this value */
    private static ZclValue read(ZclDataType type, ZclReader in, String field, int enclosing) {
        return switch (type.family()) {
            case NO_DATA -> new NoData(type);
            case GENERAL_DATA -> new GeneralData(type, readLE(in, type.length(), field));
            case BOOLEAN -> readBool(in, field);
            case BITMAP -> new Bitmap(type, readLE(in, type.length(), field));
            case UNSIGNED -> new UnsignedInt(type, readLE(in, type.length(), field));
            case SIGNED -> {
                int shift = 64 - 8 * type.length();
                yield new SignedInt(type, readLE(in, type.length(), field) << shift >> shift);
            }
            case ENUMERATION -> new Enumeration(type, (int) readLE(in, type.length(), field));
            case FLOAT -> new FloatingPoint(type, readLE(in, type.length(), field));
            case OCTET_STRING -> {
                int n = readStringLength(type, in, field);
                yield n < 0 ? OctetString.invalid(type) : new OctetString(type, in.bytes(n, field), false);
            }
            case CHARACTER_STRING -> {
                int n = readStringLength(type, in, field);
                yield n < 0 ? CharString.invalid(type) : new CharString(type, in.bytes(n, field), false);
            }
            case SEQUENCE -> readSequence(type, in, field, enclosing);
            case STRUCTURE -> readStructure(in, field, enclosing);
            case TIME_OF_DAY -> {
                need(in, 4, field);
                yield new TimeOfDay(in.u8(field), in.u8(field), in.u8(field), in.u8(field));
            }
            case DATE -> {
                need(in, 4, field);
                yield new Date(in.u8(field), in.u8(field), in.u8(field), in.u8(field));
            }
            case UTC_TIME -> new UtcTime(in.u32(field));
            case IDENTIFIER -> new Identifier(type, readLE(in, type.length(), field));
            case EUI64 -> new Eui64(in.u64(field));
            case SECURITY_KEY -> new SecurityKey(in.bytes(16, field));
        };
    }

    private static Bool readBool(ZclReader in, String field) {
        int at = in.offset();
        int raw = in.u8(field);
        return switch (raw) {
            case 0x00 -> Bool.FALSE;
            case 0x01 -> Bool.TRUE;
            case 0xFF -> Bool.INVALID;
            default -> throw in.errorAt(field, at,
                    String.format("boolean 0x%02X is not 0x00 (false), 0x01 (true) or 0xFF (invalid)", raw));
        };
    }

    /** The string length, or −1 for the non-value length. */
    private static int readStringLength(ZclDataType type, ZclReader in, String field) {
        boolean isShort = type.minEncodedLength() == 1;
        int n = isShort ? in.u8(field) : in.u16(field);
        return n == (isShort ? 0xFF : 0xFFFF) ? -1 : n;
    }

    private static Sequence readSequence(ZclDataType type, ZclReader in, String field, int enclosing) {
        int at = in.offset();
        checkNesting(in, field, at, enclosing);
        ZclDataType elementType = ZclDataType.read(in, field);
        int countAt = in.offset();
        int count = in.u16(field);
        if (count == 0xFFFF) {
            // zigbee-herdsman sends the non-value array with element type nodata: accepted
            return new Sequence(type, elementType, List.of(), true);
        }
        if (count > 0 && elementType.minEncodedLength() == 0) {
            throw in.errorAt(field, at, type.specName() + " of " + count + " × " + elementType
                    + ": elements without value octets are refused");
        }
        checkCount(in, field, countAt, count, elementType.minEncodedLength());
        List<ZclValue> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elements.add(read(elementType, in, field, enclosing + 1));
        }
        return new Sequence(type, elementType, elements, false);
    }

    private static Structure readStructure(ZclReader in, String field, int enclosing) {
        int at = in.offset();
        checkNesting(in, field, at, enclosing);
        int count = in.u16(field);
        if (count == 0xFFFF) {
            return new Structure(List.of(), true);
        }
        checkCount(in, field, at, count, 1);
        List<ZclValue> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ZclDataType t = ZclDataType.read(in, field);
            elements.add(read(t, in, field, enclosing + 1));
        }
        return new Structure(elements, false);
    }

    private static void checkNesting(ZclReader in, String field, int at, int enclosing) {
        if (enclosing >= MAX_NESTING) {
            throw in.errorAt(field, at, "arrays or structures nested deeper than " + MAX_NESTING);
        }
    }

    private static void checkCount(ZclReader in, String field, int countAt, int count, int minEach) {
        long needed = (long) count * minEach;
        if (needed > in.remaining()) {
            throw in.errorAt(field, countAt, count + " elements need at least " + needed
                    + " octets, " + in.remaining() + " left");
        }
    }

    private static void need(ZclReader in, int n, String field) {
        if (in.remaining() < n) {
            throw in.error(field, "needs " + n + " byte" + (n == 1 ? "" : "s") + ", " + in.remaining() + " left");
        }
    }

    /** An unsigned little-endian number of {@code n} (1..8) octets; all or nothing is consumed. */
    private static long readLE(ZclReader in, int n, String field) {
        need(in, n, field);
        return switch (n) {
            case 1 -> in.u8(field);
            case 2 -> in.u16(field);
            case 3 -> in.u24(field);
            case 4 -> in.u32(field);
            case 5 -> in.u32(field) | (long) in.u8(field) << 32;
            case 6 -> in.u48(field);
            case 7 -> in.u48(field) | (long) in.u8(field) << 48;
            case 8 -> in.u64(field);
            default -> throw new AssertionError(n);
        };
    }

    // ---- writing --------------------------------------------------------------------------------

    /** Writes the value's octets (no type octet). */
    public static void write(ZclValue value, ByteBuf out) {
        ZclDataType type = value.type();
        switch (type.family()) {
            case NO_DATA -> {
            }
            case GENERAL_DATA -> writeLE(out, ((GeneralData) value).bits(), type.length());
            case BOOLEAN -> out.writeByte(((Bool) value).raw());
            case BITMAP -> writeLE(out, ((Bitmap) value).bits(), type.length());
            case UNSIGNED -> writeLE(out, ((UnsignedInt) value).value(), type.length());
            case SIGNED -> writeLE(out, ((SignedInt) value).value(), type.length());
            case ENUMERATION -> writeLE(out, ((Enumeration) value).value(), type.length());
            case FLOAT -> writeLE(out, ((FloatingPoint) value).bits(), type.length());
            case OCTET_STRING -> {
                OctetString s = (OctetString) value;
                writeStringBody(out, type, s.value(), s.invalid());
            }
            case CHARACTER_STRING -> {
                CharString s = (CharString) value;
                writeStringBody(out, type, s.raw(), s.invalid());
            }
            case SEQUENCE -> {
                Sequence s = (Sequence) value;
                out.writeByte(s.elementType().id());
                out.writeShortLE(s.invalid() ? 0xFFFF : s.elements().size());
                for (ZclValue e : s.elements()) {
                    write(e, out);
                }
            }
            case STRUCTURE -> {
                Structure s = (Structure) value;
                out.writeShortLE(s.invalid() ? 0xFFFF : s.elements().size());
                for (ZclValue e : s.elements()) {
                    writeTyped(e, out);
                }
            }
            case TIME_OF_DAY -> {
                TimeOfDay t = (TimeOfDay) value;
                out.writeByte(t.hours()).writeByte(t.minutes()).writeByte(t.seconds()).writeByte(t.hundredths());
            }
            case DATE -> {
                Date d = (Date) value;
                out.writeByte(d.yearSince1900()).writeByte(d.month()).writeByte(d.dayOfMonth())
                        .writeByte(d.dayOfWeek());
            }
            case UTC_TIME -> out.writeIntLE((int) ((UtcTime) value).seconds());
            case IDENTIFIER -> writeLE(out, ((Identifier) value).value(), type.length());
            case EUI64 -> out.writeLongLE(((Eui64) value).value());
            case SECURITY_KEY -> writeBytes(out, ((SecurityKey) value).key());
        }
    }

    /** Writes the type octet, then the value. */
    public static void writeTyped(ZclValue value, ByteBuf out) {
        out.writeByte(value.type().id());
        write(value, out);
    }

    /** The value's octets as a new array. */
    public static byte[] encode(ZclValue value) {
        byte[] bytes = new byte[encodedLength(value)];
        write(value, Unpooled.wrappedBuffer(bytes).writerIndex(0));
        return bytes;
    }

    /** Number of octets {@link #write} produces. */
    public static int encodedLength(ZclValue value) {
        ZclDataType type = value.type();
        if (type.isFixedLength()) {
            return type.length();
        }
        return switch (type.family()) {
            case OCTET_STRING -> type.minEncodedLength() + ((OctetString) value).value().length();
            case CHARACTER_STRING -> type.minEncodedLength() + ((CharString) value).raw().length();
            case SEQUENCE -> {
                int n = 3;
                for (ZclValue e : ((Sequence) value).elements()) {
                    n += encodedLength(e);
                }
                yield n;
            }
            case STRUCTURE -> {
                int n = 2;
                for (ZclValue e : ((Structure) value).elements()) {
                    n += 1 + encodedLength(e);
                }
                yield n;
            }
            default -> throw new AssertionError(type);
        };
    }

    /** Octets {@link #writeTyped} produces: one more than {@link #encodedLength}. */
    public static int encodedLengthTyped(ZclValue value) {
        return 1 + encodedLength(value);
    }

    /** How many arrays or structures nest inside each other in the deepest of {@code values}. */
    static int nesting(List<ZclValue> values) {
        int max = 0;
        for (ZclValue v : values) {
            int n = switch (v.type().family()) {
                case SEQUENCE -> 1 + nesting(((Sequence) v).elements());
                case STRUCTURE -> 1 + nesting(((Structure) v).elements());
                default -> 0;
            };
            max = Math.max(max, n);
        }
        return max;
    }

    private static void writeStringBody(ByteBuf out, ZclDataType type, Bytes body, boolean invalid) {
        boolean isShort = type.minEncodedLength() == 1;
        int length = invalid ? (isShort ? 0xFF : 0xFFFF) : body.length();
        if (isShort) {
            out.writeByte(length);
        } else {
            out.writeShortLE(length);
        }
        writeBytes(out, body);
    }

    private static void writeBytes(ByteBuf out, Bytes bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            out.writeByte(bytes.get(i));
        }
    }

    private static void writeLE(ByteBuf out, long value, int n) {
        for (int i = 0; i < n; i++) {
            out.writeByte((int) (value >>> (8 * i)));
        }
    }
}

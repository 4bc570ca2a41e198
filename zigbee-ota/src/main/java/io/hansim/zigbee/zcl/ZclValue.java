package io.hansim.zigbee.zcl;

import io.hansim.zigbee.zcl.ZclDataType.Family;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A typed ZCL attribute value (ZCL §2.6.2). Each record keeps its {@link ZclDataType}, so a value
 * that was decoded encodes again to the same bytes, and the non-value sentinels (0xFF for uint8,
 * length 0xFF for a string, ...) are ordinary values that {@link #isInvalid()} recognises.
 *
 * <p>Which record carries which type follows {@link ZclDataType#family()}: one record per family,
 * the type picks the width. Records check their width and type in the constructor, so every value
 * that exists can be encoded. {@link ZclValues} reads and writes them.
 */
public sealed interface ZclValue {

    /** The data type the value is encoded as. */
    ZclDataType type();

    /** Whether the value is the type's non-value sentinel ({@link ZclDataType#invalidValue()}). */
    boolean isInvalid();

    // ---- convenience factories for the common types --------------------------------------------

    static UnsignedInt uint8(int value) {
        return new UnsignedInt(ZclDataType.UINT8, value);
    }

    static UnsignedInt uint16(int value) {
        return new UnsignedInt(ZclDataType.UINT16, value);
    }

    static UnsignedInt uint32(long value) {
        return new UnsignedInt(ZclDataType.UINT32, value);
    }

    static Enumeration enum8(int value) {
        return new Enumeration(ZclDataType.ENUM8, value);
    }

    static Bitmap bitmap8(int bits) {
        return new Bitmap(ZclDataType.BITMAP8, bits);
    }

    /** A short character string, UTF-8 encoded. */
    static CharString string(String text) {
        return CharString.of(text);
    }

    // ---- the records --------------------------------------------------------------------------

    /** No data (0x00) or unknown (0xFF): a type without value octets. */
    record NoData(ZclDataType type) implements ZclValue {
        public NoData {
            requireFamily(type, Family.NO_DATA);
        }

        @Override
        public boolean isInvalid() {
            return false;
        }
    }

    /** General data data8..data64 (0x08–0x0F): opaque bits, no non-value. */
    record GeneralData(ZclDataType type, long bits) implements ZclValue {
        public GeneralData {
            requireFamily(type, Family.GENERAL_DATA);
            requireUnsignedFits(type, bits);
        }

        @Override
        public boolean isInvalid() {
            return false;
        }
    }

    /**
     * Boolean (0x10). {@code raw} is the octet: 0x00 false, 0x01 true, 0xFF invalid. The ZCL
     * defines no other octet, so a decoder reports them.
     */
    record Bool(int raw) implements ZclValue {
        public static final Bool FALSE = new Bool(0x00);
        public static final Bool TRUE = new Bool(0x01);
        public static final Bool INVALID = new Bool(0xFF);

        public Bool {
            if (raw != 0x00 && raw != 0x01 && raw != 0xFF) {
                throw new IllegalArgumentException(String.format("boolean octet 0x%02X is not 0x00, 0x01 or 0xFF", raw));
            }
        }

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.BOOLEAN;
        }

        @Override
        public boolean isInvalid() {
            return raw == 0xFF;
        }

        /**
         * The truth value.
         *
         * @throws IllegalStateException for the non-value
         */
        public boolean value() {
            if (isInvalid()) {
                throw new IllegalStateException("boolean is the non-value 0xFF");
            }
            return raw == 0x01;
        }
    }

    /** Bitmap map8..map64 (0x18–0x1F). No non-value: every bit pattern is meaningful. */
    record Bitmap(ZclDataType type, long bits) implements ZclValue {
        public Bitmap {
            requireFamily(type, Family.BITMAP);
            requireUnsignedFits(type, bits);
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        /** Whether bit {@code n} (0 = least significant) is set. */
        public boolean isSet(int n) {
            if (n < 0 || n >= type.length() * 8) {
                throw new IllegalArgumentException("bit " + n + " outside " + type);
            }
            return (bits >>> n & 1) != 0;
        }
    }

    /**
     * Unsigned integer uint8..uint64 (0x20–0x27). {@code value} is 0..2^(8·width)−1; for uint64 the
     * long holds all 64 bits and is to be read as unsigned ({@link Long#toUnsignedString(long)}).
     */
    record UnsignedInt(ZclDataType type, long value) implements ZclValue {
        public UnsignedInt {
            requireFamily(type, Family.UNSIGNED);
            requireUnsignedFits(type, value);
        }

        /** The type's non-value (all ones). */
        public static UnsignedInt invalid(ZclDataType type) {
            return new UnsignedInt(type, type.invalidValue().orElseThrow());
        }

        @Override
        public boolean isInvalid() {
            return value == type.invalidValue().getAsLong();
        }

        /**
         * The value as an int, for the widths up to 24 bits and for 32-bit values below 2^31.
         *
         * @throws ArithmeticException if it does not fit
         */
        public int intValue() {
            return Math.toIntExact(value);
        }
    }

    /**
     * Signed integer int8..int64 (0x28–0x2F), held sign-extended. The non-value is the most negative
     * number of the width (int8 −128, on the air 0x80).
     */
    record SignedInt(ZclDataType type, long value) implements ZclValue {
        public SignedInt {
            requireFamily(type, Family.SIGNED);
            int bits = type.length() * 8;
            if (bits < 64) {
                long min = -(1L << (bits - 1));
                long max = (1L << (bits - 1)) - 1;
                if (value < min || value > max) {
                    throw new IllegalArgumentException(type + " out of range " + min + ".." + max + ": " + value);
                }
            }
        }

        public static SignedInt invalid(ZclDataType type) {
            requireFamily(type, Family.SIGNED);
            return new SignedInt(type, -(1L << (type.length() * 8 - 1)));
        }

        @Override
        public boolean isInvalid() {
            return value == -(1L << (type.length() * 8 - 1));
        }
    }

    /** Enumeration enum8 / enum16 (0x30, 0x31); all ones is the non-value. */
    record Enumeration(ZclDataType type, int value) implements ZclValue {
        public Enumeration {
            requireFamily(type, Family.ENUMERATION);
            requireUnsignedFits(type, value);
        }

        @Override
        public boolean isInvalid() {
            return value == type.invalidValue().getAsLong();
        }
    }

    /**
     * Floating point semi / single / double (0x38–0x3A), kept as the raw IEEE 754 bits so that every
     * NaN payload and signed zero survives a round trip. Any NaN is the non-value.
     */
    record FloatingPoint(ZclDataType type, long bits) implements ZclValue {
        public FloatingPoint {
            requireFamily(type, Family.FLOAT);
            requireUnsignedFits(type, bits);
        }

        public static FloatingPoint ofSingle(float value) {
            return new FloatingPoint(ZclDataType.FLOAT_SINGLE, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
        }

        public static FloatingPoint ofDouble(double value) {
            return new FloatingPoint(ZclDataType.FLOAT_DOUBLE, Double.doubleToRawLongBits(value));
        }

        /** The number; exact for every width (binary16 and binary32 widen without loss). */
        public double doubleValue() {
            return switch (type) {
                case FLOAT_SEMI -> halfToDouble((int) bits);
                case FLOAT_SINGLE -> Float.intBitsToFloat((int) bits);
                default -> Double.longBitsToDouble(bits);
            };
        }

        @Override
        public boolean isInvalid() {
            return Double.isNaN(doubleValue());
        }

        private static double halfToDouble(int h) {
            int sign = (h & 0x8000) != 0 ? -1 : 1;
            int exponent = (h >>> 10) & 0x1F;
            int fraction = h & 0x3FF;
            if (exponent == 0x1F) {
                return fraction == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
            }
            if (exponent == 0) {
                return sign * Math.scalb((double) fraction, -24);
            }
            return sign * Math.scalb((double) (fraction | 0x400), exponent - 25);
        }
    }

    /**
     * Octet string (0x41, up to 254 octets) or long octet string (0x43, up to 65534). The non-value
     * is the length 0xFF / 0xFFFF with no octets: {@code invalid} true and {@code value} empty.
     */
    record OctetString(ZclDataType type, Bytes value, boolean invalid) implements ZclValue {
        public OctetString {
            requireFamily(type, Family.OCTET_STRING);
            checkStringBody(type, value, invalid);
        }

        /** A valid short octet string. */
        public static OctetString of(Bytes value) {
            return new OctetString(ZclDataType.OCTET_STRING, value, false);
        }

        public static OctetString invalid(ZclDataType type) {
            return new OctetString(type, Bytes.EMPTY, true);
        }

        @Override
        public boolean isInvalid() {
            return invalid;
        }
    }

    /**
     * Character string (0x42, up to 254 octets) or long character string (0x44, up to 65534). The
     * octets are kept raw: peers send strings that are not valid UTF-8 or ASCII, NUL-padded names,
     * and a round trip must give the same bytes. {@link #display()} gives a readable form. ZCL 8
     * states the character data is UTF-8 (unconfirmed; older revisions say ISO 646 ASCII).
     */
    record CharString(ZclDataType type, Bytes raw, boolean invalid) implements ZclValue {
        public CharString {
            requireFamily(type, Family.CHARACTER_STRING);
            checkStringBody(type, raw, invalid);
        }

        /** A valid short character string holding {@code text} as UTF-8. */
        public static CharString of(String text) {
            return new CharString(ZclDataType.CHARACTER_STRING, Bytes.of(text.getBytes(StandardCharsets.UTF_8)), false);
        }

        /** A valid long character string holding {@code text} as UTF-8. */
        public static CharString ofLong(String text) {
            return new CharString(ZclDataType.LONG_CHARACTER_STRING,
                    Bytes.of(text.getBytes(StandardCharsets.UTF_8)), false);
        }

        public static CharString invalid(ZclDataType type) {
            return new CharString(type, Bytes.EMPTY, true);
        }

        @Override
        public boolean isInvalid() {
            return invalid;
        }

        /** The text if the octets are well-formed UTF-8, else empty (also for the non-value). */
        public Optional<String> text() {
            if (invalid) {
                return Optional.empty();
            }
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw.toArray())).toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }

        /**
         * A form for logs and reports: the UTF-8 text when it is well-formed and free of control
         * characters; otherwise printable ASCII as is and every other octet as {@code \xNN}
         * (backslash as {@code \\}); {@code <invalid>} for the non-value.
         */
        public String display() {
            if (invalid) {
                return "<invalid>";
            }
            Optional<String> text = text();
            if (text.isPresent() && text.get().codePoints().noneMatch(Character::isISOControl)
                    && text.get().indexOf('\\') < 0) {
                return text.get();
            }
            StringBuilder sb = new StringBuilder(raw.length() + 8);
            for (int i = 0; i < raw.length(); i++) {
                int b = raw.get(i);
                if (b == '\\') {
                    sb.append("\\\\");
                } else if (b >= 0x20 && b < 0x7F) {
                    sb.append((char) b);
                } else {
                    sb.append(String.format("\\x%02x", b));
                }
            }
            return sb.toString();
        }
    }

    /**
     * Array (0x48), set (0x50) or bag (0x51): elements of one type, sent without per-element type
     * octets. The non-value is the count 0xFFFF: {@code invalid} true, no elements, element type
     * kept. Elements of a type without value octets (no data, unknown) are refused: they would let
     * a few octets declare 65534 elements, and no cluster uses them (hansim rule). Such an element
     * type is fine on an empty or non-value array; zigbee-herdsman sends the non-value array as
     * element type nodata, count 0xFFFF.
     */
    record Sequence(ZclDataType type, ZclDataType elementType, List<ZclValue> elements, boolean invalid)
            implements ZclValue {
        public Sequence {
            requireFamily(type, Family.SEQUENCE);
            if (elementType == null) {
                throw new IllegalArgumentException("elementType is required");
            }
            elements = List.copyOf(elements);
            if (elementType.minEncodedLength() == 0 && !elements.isEmpty()) {
                throw new IllegalArgumentException("elements of " + elementType + " have no value octets");
            }
            if (invalid && !elements.isEmpty()) {
                throw new IllegalArgumentException("the non-value " + type + " has no elements");
            }
            if (elements.size() > 0xFFFE) {
                throw new IllegalArgumentException("more than 65534 elements: " + elements.size());
            }
            for (ZclValue e : elements) {
                if (e.type() != elementType) {
                    throw new IllegalArgumentException("element " + e + " is not of type " + elementType);
                }
            }
            checkNesting(elements);
        }

        /** A valid array of {@code elementType}. */
        public static Sequence array(ZclDataType elementType, List<? extends ZclValue> elements) {
            return new Sequence(ZclDataType.ARRAY, elementType, List.copyOf(elements), false);
        }

        @Override
        public boolean isInvalid() {
            return invalid;
        }
    }

    /**
     * Structure (0x4C): elements each with their own type. The non-value is the count 0xFFFF.
     */
    record Structure(List<ZclValue> elements, boolean invalid) implements ZclValue {
        public Structure {
            elements = List.copyOf(elements);
            if (invalid && !elements.isEmpty()) {
                throw new IllegalArgumentException("the non-value struct has no elements");
            }
            if (elements.size() > 0xFFFE) {
                throw new IllegalArgumentException("more than 65534 elements: " + elements.size());
            }
            checkNesting(elements);
        }

        public static Structure of(List<? extends ZclValue> elements) {
            return new Structure(List.copyOf(elements), false);
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.STRUCTURE;
        }

        @Override
        public boolean isInvalid() {
            return invalid;
        }
    }

    /**
     * Time of day (0xE0): hours, minutes, seconds, hundredths, each one octet where 0xFF means
     * "unspecified". Octets are kept as sent; ranges (hours ≤ 23, ...) are the attribute's business,
     * not the codec's. All four 0xFF is the non-value.
     */
    record TimeOfDay(int hours, int minutes, int seconds, int hundredths) implements ZclValue {
        public static final TimeOfDay INVALID = new TimeOfDay(0xFF, 0xFF, 0xFF, 0xFF);

        public TimeOfDay {
            checkOctets(hours, minutes, seconds, hundredths);
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.TIME_OF_DAY;
        }

        @Override
        public boolean isInvalid() {
            return (hours & minutes & seconds & hundredths) == 0xFF;
        }
    }

    /**
     * Date (0xE1): year − 1900, month (1–12), day of month, day of week (1 = Monday), each one octet,
     * 0xFF unspecified. Octets are kept as sent. All four 0xFF is the non-value.
     */
    record Date(int yearSince1900, int month, int dayOfMonth, int dayOfWeek) implements ZclValue {
        public static final Date INVALID = new Date(0xFF, 0xFF, 0xFF, 0xFF);

        public Date {
            checkOctets(yearSince1900, month, dayOfMonth, dayOfWeek);
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.DATE;
        }

        @Override
        public boolean isInvalid() {
            return (yearSince1900 & month & dayOfMonth & dayOfWeek) == 0xFF;
        }
    }

    /** UTCTime (0xE2): seconds since 2000-01-01T00:00:00Z, 0..0xFFFFFFFF; see {@link ZclUtcTime}. */
    record UtcTime(long seconds) implements ZclValue {
        public static final UtcTime INVALID = new UtcTime(ZclUtcTime.INVALID);

        public UtcTime {
            requireUnsignedFits(ZclDataType.UTC_TIME, seconds);
        }

        public static UtcTime of(Instant t) {
            return new UtcTime(ZclUtcTime.fromInstant(t));
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.UTC_TIME;
        }

        @Override
        public boolean isInvalid() {
            return seconds == ZclUtcTime.INVALID;
        }

        /** The instant, or empty for the non-value. */
        public Optional<Instant> toInstant() {
            return ZclUtcTime.toInstantIfValid(seconds);
        }
    }

    /** Cluster id (0xE8), attribute id (0xE9) or BACnet OID (0xEA); all ones is the non-value. */
    record Identifier(ZclDataType type, long value) implements ZclValue {
        public Identifier {
            requireFamily(type, Family.IDENTIFIER);
            requireUnsignedFits(type, value);
        }

        @Override
        public boolean isInvalid() {
            return value == type.invalidValue().getAsLong();
        }
    }

    /**
     * IEEE address (0xF0). {@code value} is the 64-bit address as a number (0x0011223344556677),
     * sent little-endian; all ones (−1L) is the non-value.
     */
    record Eui64(long value) implements ZclValue {
        public static final Eui64 INVALID = new Eui64(-1L);

        @Override
        public ZclDataType type() {
            return ZclDataType.IEEE_ADDRESS;
        }

        @Override
        public boolean isInvalid() {
            return value == -1L;
        }

        /** Sixteen hex digits, most significant first, as EUI-64s are usually written. */
        @Override
        public String toString() {
            return String.format("Eui64[%016x]", value);
        }
    }

    /** 128-bit security key (0xF1): 16 octets in the order sent. No non-value. */
    record SecurityKey(Bytes key) implements ZclValue {
        public SecurityKey {
            if (key == null || key.length() != 16) {
                throw new IllegalArgumentException("key128 needs 16 octets: " + key);
            }
        }

        @Override
        public ZclDataType type() {
            return ZclDataType.SECURITY_KEY_128;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        /** Keys stay out of logs. */
        @Override
        public String toString() {
            return "SecurityKey[16 octets]";
        }
    }

    // ---- checks shared by the records ---------------------------------------------------------

    private static void requireFamily(ZclDataType type, Family family) {
        if (type == null || type.family() != family) {
            throw new IllegalArgumentException("type " + type + " is not of family " + family);
        }
    }

    private static void requireUnsignedFits(ZclDataType type, long value) {
        int bits = type.length() * 8;
        if (bits < 64 && (value >>> bits) != 0) {
            throw new IllegalArgumentException(type + " out of range 0..2^" + bits + "-1: " + value);
        }
    }

    private static void checkStringBody(ZclDataType type, Bytes body, boolean invalid) {
        if (body == null) {
            throw new IllegalArgumentException("string octets are required (use Bytes.EMPTY)");
        }
        if (invalid && !body.isEmpty()) {
            throw new IllegalArgumentException("the non-value " + type + " has no octets");
        }
        int max = (int) type.invalidValue().getAsLong() - 1;
        if (body.length() > max) {
            throw new IllegalArgumentException(type + " holds at most " + max + " octets: " + body.length());
        }
    }

    private static void checkOctets(int... octets) {
        for (int o : octets) {
            if (o < 0 || o > 0xFF) {
                throw new IllegalArgumentException("octet out of range 0..255: " + o);
            }
        }
    }

    private static void checkNesting(List<ZclValue> elements) {
        for (ZclValue e : elements) {
            if (e == null) {
                throw new IllegalArgumentException("null element");
            }
        }
        if (ZclValues.nesting(elements) + 1 > ZclValues.MAX_NESTING) {
            throw new IllegalArgumentException("composite values nested deeper than " + ZclValues.MAX_NESTING);
        }
    }
}

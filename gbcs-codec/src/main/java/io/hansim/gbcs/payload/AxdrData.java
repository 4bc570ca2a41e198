package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One A-XDR encoded DLMS Data value (gbcs.md §3): a tag, then a fixed-size value, a length-prefixed
 * string, a bit-string (length in bits) or, for array {@code 01} and structure {@code 02}, a count and
 * the elements. Lengths and counts use the gbcs.md §3 definite-length rule. A compact-array
 * {@code 13} keeps its type description and contents raw in {@code value} (type description first;
 * {@code count} is the contents length).
 *
 * @param tag the Data choice tag
 * @param count element count (array, structure), bit count (bit-string) or byte count (others)
 * @param value the value bytes (empty for array and structure)
 * @param elements the elements of an array or structure (empty otherwise)
 */
public record AxdrData(int tag, int count, ByteString value, List<AxdrData> elements) {

    public static final int NULL = 0x00;
    public static final int ARRAY = 0x01;
    public static final int STRUCTURE = 0x02;
    public static final int BIT_STRING = 0x04;
    public static final int OCTET_STRING = 0x09;
    public static final int LONG_UNSIGNED = 0x12;
    public static final int ENUM = 0x16;
    public static final int COMPACT_ARRAY = 0x13;

    public AxdrData {
        Objects.requireNonNull(value, "value");
        elements = List.copyOf(elements);
        if (tag == ARRAY || tag == STRUCTURE) {
            if (count != elements.size() || value.length() != 0) {
                throw new IllegalArgumentException("array/structure count must match its elements");
            }
        } else {
            if (!elements.isEmpty()) {
                throw new IllegalArgumentException("only arrays and structures have elements");
            }
            int size = fixedSize(tag);
            boolean ok = switch (size) {
                case COMPACT -> count >= 0 && count <= value.length()
                        && typeDescriptionLength(value.toByteArray(), 0, value.length() - count, 0)
                                == value.length() - count;
                case VARIABLE -> count == value.length();
                case BITS -> count >= 0 && value.length() == (count + 7) / 8;
                case UNKNOWN -> false;
                default -> value.length() == size && count == size;
            };
            if (!ok) {
                throw new IllegalArgumentException("bad A-XDR value for tag 0x" + Integer.toHexString(tag));
            }
        }
    }

    private static final int VARIABLE = -1;
    private static final int BITS = -2;
    private static final int UNKNOWN = -3;
    private static final int COMPACT = -4;

    /**
     * Length of the type description at {@code at} (DLMS compact-array): a simple tag, array
     * {@code 01} u16 count + type, or structure {@code 02} count + types; -1 when malformed.
     */
    static int typeDescriptionLength(byte[] b, int at, int end, int depth) {
        if (at >= end || depth > 32) {
            return -1;
        }
        int tag = b[at] & 0xFF;
        if (tag == ARRAY) {
            if (end - at < 3) {
                return -1;
            }
            int inner = typeDescriptionLength(b, at + 3, end, depth + 1);
            return inner < 0 ? -1 : 3 + inner;
        }
        if (tag == STRUCTURE) {
            if (at + 1 >= end || (b[at + 1] & 0x80) != 0) {
                return -1;
            }
            int n = b[at + 1] & 0xFF;
            int p = at + 2;
            for (int i = 0; i < n; i++) {
                int l = typeDescriptionLength(b, p, end, depth + 1);
                if (l < 0) {
                    return -1;
                }
                p += l;
            }
            return p - at;
        }
        int size = fixedSize(tag);
        return size == UNKNOWN || size == COMPACT ? -1 : 1;
    }

    /** Byte size of a fixed-size tag, or one of the markers above. */
    static int fixedSize(int tag) {
        return switch (tag) {
            case 0x00 -> 0;
            case 0x03, 0x0D, 0x0F, 0x11, 0x16 -> 1;
            case 0x10, 0x12 -> 2;
            case 0x1B -> 4;
            case 0x05, 0x06, 0x17 -> 4;
            case 0x1A -> 5;
            case 0x14, 0x15, 0x18 -> 8;
            case 0x19 -> 12;
            case 0x09, 0x0A, 0x0C -> VARIABLE;
            case 0x04 -> BITS;
            case 0x13 -> COMPACT;
            default -> UNKNOWN;
        };
    }

    public static AxdrData nullData() {
        return new AxdrData(NULL, 0, ByteString.EMPTY, List.of());
    }

    public static AxdrData of(int tag, ByteString value) {
        return new AxdrData(tag, value.length(), value, List.of());
    }

    public static AxdrData structure(List<AxdrData> elements) {
        return new AxdrData(STRUCTURE, elements.size(), ByteString.EMPTY, elements);
    }

    public static AxdrData array(List<AxdrData> elements) {
        return new AxdrData(ARRAY, elements.size(), ByteString.EMPTY, elements);
    }

    public static AxdrData longUnsigned(int v) {
        return of(LONG_UNSIGNED, ByteString.of(new byte[] {(byte) (v >>> 8), (byte) v}));
    }

    /** The unsigned big-endian value of a fixed-size integer value. */
    public long unsigned() {
        long v = 0;
        for (int i = 0; i < value.length(); i++) {
            v = (v << 8) | (value.get(i) & 0xFF);
        }
        return v;
    }

    /** The exact A-XDR bytes of this value (tag first). */
    public byte[] encode() {
        Out out = new Out();
        encodeTo(out);
        return out.toByteArray();
    }

    /**
     * Decodes exactly one Data value filling {@code bytes}, e.g. the plaintext of a DLMS protected
     * attribute (gbcs.md §4.3). Error offsets are {@code base} + the position in {@code bytes}.
     */
    public static AxdrData decode(byte[] bytes, int base) {
        In in = new In(bytes, 0, bytes.length, base);
        AxdrData d = read(in, "A-XDR data", 0);
        in.expectEnd("A-XDR data");
        return d;
    }

    void encodeTo(Out out) {
        out.u8(tag);
        if (tag == ARRAY || tag == STRUCTURE) {
            out.berLength(count);
            for (AxdrData e : elements) {
                e.encodeTo(out);
            }
            return;
        }
        int size = fixedSize(tag);
        if (size == COMPACT) {
            byte[] v = value.toByteArray();
            int td = v.length - count;
            out.bytes(java.util.Arrays.copyOf(v, td)).berLength(count)
                    .bytes(java.util.Arrays.copyOfRange(v, td, v.length));
            return;
        }
        if (size == VARIABLE || size == BITS) {
            out.berLength(count);
        }
        out.bytes(value);
    }

    static AxdrData read(In in, String field, int depth) {
        if (depth > 64) {
            throw in.error(field, "nesting deeper than 64");
        }
        int tagAt = in.pos;
        int tag = in.u8(field + " tag");
        if (tag == ARRAY || tag == STRUCTURE) {
            int n = in.berLength(field + " count");
            if (n > in.end - in.pos) {
                in.pos = tagAt + 1;
                throw in.error(field + " count", n + " elements cannot fit in " + (in.end - in.pos) + " bytes");
            }
            List<AxdrData> kids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                kids.add(read(in, field + "[" + i + "]", depth + 1));
            }
            return new AxdrData(tag, n, ByteString.EMPTY, kids);
        }
        int size = fixedSize(tag);
        if (size == UNKNOWN) {
            in.pos = tagAt;
            throw in.error(field + " tag", "A-XDR tag 0x" + Integer.toHexString(tag) + " is not supported");
        }
        if (size == COMPACT) {
            int tdAt = in.pos;
            int td = typeDescriptionLength(in.b, in.pos, in.end, 0);
            if (td < 0) {
                throw in.error(field + " type description", "malformed compact-array type description");
            }
            in.pos += td;
            int n = in.berLength(field + " contents length");
            ByteString contents = in.bytes(n, field + " contents");
            byte[] v = new byte[td + n];
            System.arraycopy(in.b, tdAt, v, 0, td);
            contents.copyTo(v, td);
            return new AxdrData(tag, n, ByteString.of(v), List.of());
        }
        if (size == VARIABLE) {
            int n = in.berLength(field + " length");
            return new AxdrData(tag, n, in.bytes(n, field + " value"), List.of());
        }
        if (size == BITS) {
            int bits = in.berLength(field + " bit count");
            return new AxdrData(tag, bits, in.bytes((bits + 7) / 8, field + " value"), List.of());
        }
        return new AxdrData(tag, size, in.bytes(size, field + " value"), List.of());
    }
}

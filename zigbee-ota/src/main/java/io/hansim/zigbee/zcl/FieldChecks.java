package io.hansim.zigbee.zcl;

/**
 * Range checks for the constructors of cluster command records: each failure is an
 * {@link IllegalArgumentException} naming the field, so a record that exists always encodes.
 */
public final class FieldChecks {
    private FieldChecks() {
    }

    public static void u8(String field, int value) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(field + " must be a u8 (0..255): " + value);
        }
    }

    public static void u16(String field, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(field + " must be a u16 (0..65535): " + value);
        }
    }

    public static void u24(String field, long value) {
        if ((value & ~0xFF_FFFFL) != 0) {
            throw new IllegalArgumentException(field + " must be a u24 (0..16777215): " + value);
        }
    }

    public static void u32(String field, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(field + " must be a u32 (0..4294967295): " + value);
        }
    }

    public static void u48(String field, long value) {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(field + " must be a u48 (0..2^48-1): " + value);
        }
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** An octet string body of at most {@code max} octets (the length octet is not counted). */
    public static void maxLength(String field, Bytes value, int max) {
        required(field, value);
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " holds at most " + max + " octets: " + value.length());
        }
    }
}

package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Range checks for the record constructors; each failure is an IllegalArgumentException. */
final class Check {
    private Check() {
    }

    static void u8(String field, int value) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(field + " must be a u8 (0..255): " + value);
        }
    }

    static void u16(String field, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(field + " must be a u16 (0..65535): " + value);
        }
    }

    static void u32(String field, long value) {
        if ((value & ~0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException(field + " must be a u32 (0..4294967295): " + value);
        }
    }

    static void u16(String field, OptionalInt value) {
        present(field, value);
        if (value.isPresent()) {
            u16(field, value.getAsInt());
        }
    }

    static void u32(String field, OptionalLong value) {
        present(field, value);
        if (value.isPresent()) {
            u32(field, value.getAsLong());
        }
    }

    static void present(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (use an empty Optional for an absent field)");
        }
    }

    static void status(String field, ZclStatus status) {
        if (status == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    /**
     * A response with a failure status has no image fields on the air; the record holds them as
     * 0 so that two equal frames give equal records.
     */
    static void absent(String command, ZclStatus status, long orOfFields) {
        if (orOfFields != 0) {
            throw new IllegalArgumentException(command + " with status " + status
                    + " carries no image fields; they must be 0");
        }
    }
}

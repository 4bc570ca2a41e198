package io.hansim.zigbee.zcl;

/**
 * ZCL status codes (ZCL 7/8 §2.6.3) with the names the specification uses. Every code the OTA
 * cluster uses is here (domain/zigbee-ota.md §3), together with the rest of the general table so a
 * Default Response from any peer decodes.
 */
public enum ZclStatus {
    SUCCESS(0x00),
    FAILURE(0x01),
    NOT_AUTHORIZED(0x7E),
    RESERVED_FIELD_NOT_ZERO(0x7F),
    MALFORMED_COMMAND(0x80),
    /** Called UNSUP_COMMAND in ZCL 8 (unconfirmed); the code is the same. */
    UNSUP_CLUSTER_COMMAND(0x81),
    UNSUP_GENERAL_COMMAND(0x82),
    UNSUP_MANUF_CLUSTER_COMMAND(0x83),
    UNSUP_MANUF_GENERAL_COMMAND(0x84),
    INVALID_FIELD(0x85),
    UNSUPPORTED_ATTRIBUTE(0x86),
    INVALID_VALUE(0x87),
    READ_ONLY(0x88),
    INSUFFICIENT_SPACE(0x89),
    DUPLICATE_EXISTS(0x8A),
    NOT_FOUND(0x8B),
    UNREPORTABLE_ATTRIBUTE(0x8C),
    INVALID_DATA_TYPE(0x8D),
    INVALID_SELECTOR(0x8E),
    WRITE_ONLY(0x8F),
    INCONSISTENT_STARTUP_STATE(0x90),
    DEFINED_OUT_OF_BAND(0x91),
    INCONSISTENT(0x92),
    ACTION_DENIED(0x93),
    TIMEOUT(0x94),
    ABORT(0x95),
    INVALID_IMAGE(0x96),
    WAIT_FOR_DATA(0x97),
    NO_IMAGE_AVAILABLE(0x98),
    REQUIRE_MORE_IMAGE(0x99),
    NOTIFICATION_PENDING(0x9A),
    HARDWARE_FAILURE(0xC0),
    SOFTWARE_FAILURE(0xC1),
    CALIBRATION_ERROR(0xC2),
    UNSUPPORTED_CLUSTER(0xC3);

    private static final ZclStatus[] BY_CODE = new ZclStatus[256];

    static {
        for (ZclStatus s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;

    ZclStatus(int code) {
        this.code = code;
    }

    /** The one-byte code on the air. */
    public int code() {
        return code;
    }

    /** The status with this code, or {@code null} if the code is not defined. */
    public static ZclStatus fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /**
     * Reads a status byte; a code the ZCL does not define is a decode error naming {@code field}.
     */
    public static ZclStatus read(ZclReader in, String field) {
        int at = in.offset();
        int code = in.u8(field);
        ZclStatus s = BY_CODE[code];
        if (s == null) {
            throw in.errorAt(field, at, String.format("undefined ZCL status 0x%02X", code));
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format("%s(0x%02X)", name(), code);
    }
}

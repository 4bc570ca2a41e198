package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclDecodeException;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Small helpers shared by the OTA codec tests. */
final class OtaAssertions {
    private OtaAssertions() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Decoding must fail with exactly this field and offset; returns the error for more checks. */
    static ZclDecodeException assertDecodeError(byte[] frame, OtaCodec.Options options, String field, int offset) {
        ZclDecodeException e = assertThrows(ZclDecodeException.class, () -> OtaCodec.decode(frame, options),
                () -> "expected " + field + " at " + offset + " for " + hex(frame));
        assertEquals(field, e.field(), () -> "field for " + hex(frame) + ": " + e.getMessage());
        assertEquals(offset, e.offset(), () -> "offset for " + hex(frame) + ": " + e.getMessage());
        return e;
    }

    static ZclDecodeException assertDecodeError(String frameHex, String field, int offset) {
        return assertDecodeError(hex(frameHex), OtaCodec.Options.STRICT, field, offset);
    }

    static ZclDecodeException assertDecodeError(String frameHex, OtaCodec.Options options, String field,
            int offset) {
        return assertDecodeError(hex(frameHex), options, field, offset);
    }

    /** The frame decodes to {@code expected} and re-encodes to the same bytes. */
    static void assertRoundTrip(String frameHex, OtaFrame expected) {
        byte[] bytes = hex(frameHex);
        assertEquals(expected, OtaCodec.decode(bytes), frameHex);
        assertEquals(hex(bytes), hex(OtaCodec.encode(expected)), frameHex);
    }
}

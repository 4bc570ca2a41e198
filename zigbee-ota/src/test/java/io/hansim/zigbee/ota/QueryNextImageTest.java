package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query Next Image Request and Response, zigbee-ota.md §2 rows 0x01 and 0x02. */
class QueryNextImageTest {

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x03, 0x04, 0x10, 0x80, 0xFF})
    void reservedFieldControlBitsAreAnError(int fc) {
        String hex = String.format("010401%02x3412785600030201", fc) + ((fc & 1) != 0 ? "0200" : "");
        assertDecodeError(hex, "FieldControl", 3);
    }

    @Test
    void hardwareVersionBitWithoutTheField() {
        // tshark edge frame 5.
        assertDecodeError("012501013412785600030201", "HardwareVersion", 12);
        assertDecodeError("01250101341278560003020102", "HardwareVersion", 12);
        assertDecodeError("012501013412785600030201", OtaCodec.Options.LENIENT, "HardwareVersion", 12);
    }

    @Test
    void fieldControlFollowsHardwareVersion() {
        QueryNextImageRequest r = QueryNextImageRequest.of(1, 2, 3);
        assertEquals(0, r.fieldControl());
        assertEquals(9, r.payloadLength());
        assertEquals(1, r.withHardwareVersion(0).fieldControl());
        assertEquals(11, r.withHardwareVersion(0).payloadLength());
        assertEquals(OptionalInt.of(0x0102), r.withHardwareVersion(0x0102).hardwareVersion());
    }

    @Test
    void requestRanges() {
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageRequest.of(0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageRequest.of(0, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageRequest.of(0, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageRequest.of(0, 0, 0).withHardwareVersion(-1));
        assertThrows(IllegalArgumentException.class, () -> new QueryNextImageRequest(0, 0, 0, null));
    }

    @ParameterizedTest
    @EnumSource(ZclStatus.class)
    void responseStatusMustBeOneTheCommandCarries(ZclStatus s) {
        boolean allowed = s == ZclStatus.SUCCESS || s == ZclStatus.NO_IMAGE_AVAILABLE || s == ZclStatus.NOT_AUTHORIZED;
        assertEquals(allowed, QueryNextImageResponse.isAllowed(s));
        if (!allowed) {
            assertDecodeError(String.format("190302%02x", s.code()), "Status", 3);
            assertThrows(IllegalArgumentException.class, () -> QueryNextImageResponse.failure(s));
        }
    }

    @Test
    void undefinedStatusCodeIsAnError() {
        assertDecodeError("19030202", "Status", 3);
        assertDecodeError("190302ff", "Status", 3);
    }

    @Test
    void failureCarriesNoImageFields() {
        QueryNextImageResponse r = QueryNextImageResponse.failure(ZclStatus.NOT_AUTHORIZED);
        assertFalse(r.hasImage());
        assertEquals(1, r.payloadLength());
        assertThrows(IllegalArgumentException.class,
                () -> new QueryNextImageResponse(ZclStatus.NO_IMAGE_AVAILABLE, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new QueryNextImageResponse(ZclStatus.NO_IMAGE_AVAILABLE, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new QueryNextImageResponse(null, 0, 0, 0, 0));
        assertTrue(QueryNextImageResponse.success(0, 0, 0, 0).hasImage());
        // A status-only response with the image fields after it: those are trailing bytes.
        assertDecodeError("19030298 3412785604030201 40e20100", "Query Next Image Response", 4);
    }

    @Test
    void responseRanges() {
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageResponse.success(0, 0, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageResponse.success(0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> QueryNextImageResponse.success(0x10000, 0, 0, 0));
    }
}

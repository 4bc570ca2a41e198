package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query Device Specific File Request and Response, zigbee-ota.md §2 rows 0x08 and 0x09. */
class QueryDeviceSpecificFileTest {

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x5678, 0xFFBF, 0xFFFF})
    void imageTypeOutsideTheDeviceSpecificRangeIsKeptAndFlagged(int imageType) {
        var r = new QueryDeviceSpecificFileRequest(0x0011223344556677L, 0x1234, imageType, 1, 2);
        assertRoundTrip(String.format("010f08 7766554433221100 3412 %02x%02x 01000000 0200", imageType & 0xFF,
                imageType >> 8), OtaFrame.of(15, r));
        assertFalse(r.isImageTypeValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFFC0, 0xFFC1, 0xFFC3, 0xFFFE})
    void deviceSpecificImageTypes(int imageType) {
        assertTrue(new QueryDeviceSpecificFileRequest(0, 0, imageType, 0, 0).isImageTypeValid());
    }

    @Test
    void requestRangesAndTruncation() {
        assertThrows(IllegalArgumentException.class, () -> new QueryDeviceSpecificFileRequest(0, 0, 0, 0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new QueryDeviceSpecificFileRequest(0, 0, 0, -1, 0));
        assertDecodeError("010f08 77665544332211", "RequestNodeAddress", 3);
        assertDecodeError("010f08 7766554433221100 3412 c0ff 01000000 02", "ZigbeeStackVersion", 19);
    }

    @ParameterizedTest
    @EnumSource(ZclStatus.class)
    void responseStatusMustBeOneTheCommandCarries(ZclStatus s) {
        boolean allowed = s == ZclStatus.SUCCESS || s == ZclStatus.NO_IMAGE_AVAILABLE || s == ZclStatus.NOT_AUTHORIZED;
        assertEquals(allowed, QueryDeviceSpecificFileResponse.isAllowed(s));
        if (!allowed) {
            assertDecodeError(String.format("190f09%02x", s.code()), "Status", 3);
            assertThrows(IllegalArgumentException.class, () -> QueryDeviceSpecificFileResponse.failure(s));
        }
    }

    @Test
    void failureCarriesNoFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new QueryDeviceSpecificFileResponse(ZclStatus.NOT_AUTHORIZED, 0, 0xFFC0, 0, 0));
        assertFalse(QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE.hasImage());
        assertEquals(13, QueryDeviceSpecificFileResponse.success(0, 0, 0, 0).payloadLength());
        assertDecodeError("190f0900 3412 c0ff 01000000 001000", "ImageSize", 12);
    }
}

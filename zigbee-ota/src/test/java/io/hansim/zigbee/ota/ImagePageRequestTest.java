package io.hansim.zigbee.ota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Image Page Request, zigbee-ota.md §2 row 0x04. */
class ImagePageRequestTest {
    private static final String BODY = "3412785604030201 00020000 40 0004 3200";

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x03, 0x80, 0xFF})
    void reservedFieldControlBitsAreAnError(int fc) {
        assertDecodeError(String.format("010904%02x", fc) + BODY + "7766554433221100", "FieldControl", 3);
    }

    @Test
    void addressBitWithoutTheAddress() {
        assertDecodeError("01090401" + BODY, "RequestNodeAddress", 21);
        assertDecodeError("01090401" + BODY, OtaCodec.Options.LENIENT, "RequestNodeAddress", 21);
    }

    @Test
    void fieldControlAndRanges() {
        ImagePageRequest r = ImagePageRequest.of(1, 2, 3, 4, 5, 6, 7);
        assertEquals(0, r.fieldControl());
        assertEquals(1, r.withRequestNodeAddress(-1L).fieldControl());
        assertEquals(26, r.withRequestNodeAddress(-1L).payloadLength());
        assertThrows(IllegalArgumentException.class, () -> ImagePageRequest.of(0, 0, 0, 0, 0, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> ImagePageRequest.of(0, 0, 0, 0, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> ImagePageRequest.of(0, 0, 0, 0, 0x100, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImagePageRequest(0, 0, 0, 0, 0, 0, 0, null));
    }
}

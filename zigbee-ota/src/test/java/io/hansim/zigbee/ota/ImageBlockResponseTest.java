package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.OptionalInt;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.assertRoundTrip;
import static io.hansim.zigbee.ota.OtaAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Image Block Response and its three forms, zigbee-ota.md §2 row 0x05 and §3. */
class ImageBlockResponseTest {
    private static final String SUCCESS_HEAD = "190a0500 3412 7856 04030201 00010000";

    @Test
    void largestBlockRoundTrips() {
        byte[] data = new byte[255];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        var block = new ImageBlockResponse.Success(0x1234, 0x5678, 0x01020304L, 256, data);
        assertEquals(255, block.dataSize());
        assertEquals(269, block.payloadLength());
        assertRoundTrip(SUCCESS_HEAD + "ff" + hex(data), OtaFrame.of(10, block));
    }

    @Test
    void dataSizeLongerThanTheDataIsAnErrorAtImageData() {
        assertDecodeError(SUCCESS_HEAD + "09 1ef1ee0b00013800", "ImageData", 17);
        assertDecodeError(SUCCESS_HEAD + "ff", "ImageData", 17);
    }

    @Test
    void dataSizeShorterThanTheDataLeavesTrailingBytes() {
        assertDecodeError(SUCCESS_HEAD + "07 1ef1ee0b00013800", "Image Block Response", 24);
    }

    @Test
    void blockDataIsLimitedTo255BytesAndCopied() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageBlockResponse.Success(0, 0, 0, 0, new byte[256]));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageBlockResponse.Success(0, 0, 0, 0, (Bytes) null));
        byte[] data = {1, 2, 3};
        var block = new ImageBlockResponse.Success(0, 0, 0, 0, data);
        data[0] = 9;
        assertEquals(Bytes.of(new byte[] {1, 2, 3}), block.imageData());
        assertEquals(ZclStatus.SUCCESS, block.status());
        assertEquals(OtaCommandType.IMAGE_BLOCK_RESPONSE, block.type());
        assertEquals(0x05, block.commandId());
    }

    @Test
    void waitForDataBothForms() {
        var eleven = ImageBlockResponse.WaitForData.of(734569920L, 734569980L, 1000);
        var nine = ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(734569920L, 734569980L);
        // tshark reference frame 10 and the same without its last two bytes (zigbee-ota.md §10).
        assertRoundTrip("19060597c0a5c82bfca5c82be803", OtaFrame.of(6, eleven));
        assertRoundTrip("19060597c0a5c82bfca5c82b", OtaFrame.of(6, nine));
        assertEquals(11, eleven.payloadLength());
        assertEquals(9, nine.payloadLength());
        assertEquals(OptionalInt.empty(), nine.minimumBlockPeriod());
        assertEquals(ZclStatus.WAIT_FOR_DATA, nine.status());
    }

    @Test
    void waitForDataWithHalfAPeriodOrMore() {
        assertDecodeError("19060597c0a5c82bfca5c82be8", "MinimumBlockPeriod", 12);
        assertDecodeError("19060597c0a5c82bfca5c82be80300", "Image Block Response", 14);
        assertDecodeError("19060597c0a5c82bfca5", "RequestTime", 8);
    }

    @Test
    void waitForDataRanges() {
        assertThrows(IllegalArgumentException.class, () -> ImageBlockResponse.WaitForData.of(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockResponse.WaitForData.of(0, 1L << 32, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockResponse.WaitForData.of(0, 0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new ImageBlockResponse.WaitForData(0, 0, null));
    }

    @ParameterizedTest
    @EnumSource(ZclStatus.class)
    void statusDecidesTheForm(ZclStatus s) {
        String frame = String.format("190c05%02x", s.code());
        switch (s) {
            case SUCCESS -> assertDecodeError(frame, "ManufacturerCode", 4);
            case WAIT_FOR_DATA -> assertDecodeError(frame, "CurrentTime", 4);
            case ABORT, NO_IMAGE_AVAILABLE, MALFORMED_COMMAND -> {
                assertRoundTrip(frame, OtaFrame.of(12, new ImageBlockResponse.StatusOnly(s)));
                assertDecodeError(frame + "00", "Image Block Response", 4);
            }
            default -> {
                assertDecodeError(frame, "Status", 3);
                assertThrows(IllegalArgumentException.class, () -> new ImageBlockResponse.StatusOnly(s));
            }
        }
    }

    @Test
    void abortDecodesToTheSharedConstant() {
        assertSame(ImageBlockResponse.StatusOnly.ABORT, OtaCodec.decode(OtaAssertions.hex("190c0595")).command());
        assertThrows(IllegalArgumentException.class, () -> new ImageBlockResponse.StatusOnly(null));
    }

    @Test
    void undefinedStatusCode() {
        assertDecodeError("190c0502", "Status", 3);
        assertDecodeError("190c05fe", "Status", 3);
    }
}

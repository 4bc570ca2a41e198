package io.hansim.zigbee.ota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;
import java.util.OptionalLong;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image Notify, zigbee-ota.md §2 row 0x00 and §5.5. */
class ImageNotifyTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 0x80, 0xFF})
    void reservedPayloadTypeIsAnError(int payloadType) {
        assertDecodeError(String.format("190100%02x64", payloadType), "PayloadType", 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, 200, 255})
    void illegalQueryJitterIsDecodedAndFlagged(int jitter) {
        // zigbee-ota.md §5.5 / §9 #18: the client must see the illegal value to answer it.
        String hex = String.format("190100 00%02x", jitter);
        ImageNotify n = ImageNotify.of(jitter);
        assertRoundTrip(hex, OtaFrame.of(1, n));
        assertFalse(n.isQueryJitterValid());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void legalQueryJitter(int jitter) {
        assertTrue(ImageNotify.of(jitter).isQueryJitterValid());
    }

    @Test
    void payloadTypeFollowsThePresentFields() {
        assertEquals(0, ImageNotify.of(100).payloadType());
        assertEquals(1, ImageNotify.of(100, 1).payloadType());
        assertEquals(2, ImageNotify.of(100, 1, 2).payloadType());
        assertEquals(3, ImageNotify.of(100, 1, 2, 3).payloadType());
        assertEquals(10, ImageNotify.of(100, 1, 2, 3).payloadLength());
        assertEquals(OtaCommandType.IMAGE_NOTIFY, ImageNotify.of(1).type());
    }

    @Test
    void fieldsMustNest() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageNotify(1, OptionalInt.empty(), OptionalInt.of(1), OptionalLong.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageNotify(1, OptionalInt.of(1), OptionalInt.empty(), OptionalLong.of(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageNotify(1, null, OptionalInt.empty(), OptionalLong.empty()));
    }

    @Test
    void rangesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(256));
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(-1));
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(1, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(1, 1, 1, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> ImageNotify.of(1, 1, 1, -1L));
    }

    @Test
    void payloadTypeAboveTheFieldsPresentIsATruncation() {
        // PayloadType 3 but the frame ends after ImageType (tshark edge frame 6).
        assertDecodeError("192600036434127856", "NewFileVersion", 9);
        assertDecodeError("19260001 64", "ManufacturerCode", 5);
    }

    @Test
    void unicastNotifyAskingForADefaultResponseUses0x09() {
        byte[] b = OtaCodec.encode(OtaFrame.of(7, ImageNotify.of(100, 0x1234), false));
        assertEquals("09070001643412", OtaAssertions.hex(b));
    }
}

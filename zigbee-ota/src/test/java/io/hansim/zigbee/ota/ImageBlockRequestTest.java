package io.hansim.zigbee.ota;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;
import java.util.OptionalLong;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Image Block Request, zigbee-ota.md §2 row 0x03 and quirk §9 #13. */
class ImageBlockRequestTest {
    private static final String BODY = "3412785604030201 00010000 40";

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x07, 0x08, 0x40, 0x80, 0xFC})
    void reservedFieldControlBitsAreAnError(int fc) {
        assertDecodeError(String.format("010803%02x", fc) + BODY + "7766554433221100 6400", "FieldControl", 3);
    }

    @Test
    void minimumBlockPeriodBitWithoutTheFieldIsAnErrorWhenStrict() {
        assertDecodeError("01080302" + BODY, "MinimumBlockPeriod", 17);
        assertDecodeError("01080303" + BODY + "7766554433221100", "MinimumBlockPeriod", 25);
        assertDecodeError("01080302" + BODY + "64", "MinimumBlockPeriod", 17);
    }

    @Test
    void lenientModeDecodesTheMissingMinimumBlockPeriodAsAbsent() {
        // zigbee-ota.md §9 #13, Koenkk/zigbee2mqtt#28217.
        OtaFrame f = OtaCodec.decode(OtaAssertions.hex("01080302" + BODY), OtaCodec.Options.LENIENT);
        assertEquals(ImageBlockRequest.of(0x1234, 0x5678, 0x01020304L, 256, 64), f.command());
        OtaFrame g = OtaCodec.decode(OtaAssertions.hex("01080303" + BODY + "7766554433221100"),
                OtaCodec.Options.LENIENT);
        assertEquals(OptionalLong.of(0x0011223344556677L), ((ImageBlockRequest) g.command()).requestNodeAddress());
        assertEquals(OptionalInt.empty(), ((ImageBlockRequest) g.command()).minimumBlockPeriod());
        // The re-encoded request says what it holds: bit 1 clear.
        assertEquals("01080301" + BODY.replace(" ", "") + "7766554433221100", hex(OtaCodec.encode(g)));
    }

    @Test
    void lenientModeStillRejectsHalfAFieldAndOtherMissingFields() {
        assertDecodeError(OtaAssertions.hex("01080302" + BODY + "64"), OtaCodec.Options.LENIENT,
                "MinimumBlockPeriod", 17);
        assertDecodeError(OtaAssertions.hex("01080301" + BODY), OtaCodec.Options.LENIENT, "RequestNodeAddress", 17);
        assertDecodeError(OtaAssertions.hex("01080303" + BODY + "77665544"), OtaCodec.Options.LENIENT,
                "RequestNodeAddress", 17);
    }

    @Test
    void truncatedBeforeMaximumDataSize() {
        // tshark edge frame 1.
        assertDecodeError("01210300341278560403020100010000", "MaximumDataSize", 16);
    }

    @Test
    void trailingBytes() {
        // tshark edge frame 2.
        assertDecodeError("0122030034127856040302010001000040aabbcc", "Image Block Request", 17);
    }

    @Test
    void fieldControlFollowsTheOptionalFields() {
        ImageBlockRequest r = ImageBlockRequest.of(1, 2, 3, 4, 5);
        assertEquals(0, r.fieldControl());
        assertEquals(1, r.withRequestNodeAddress(0).fieldControl());
        assertEquals(2, r.withMinimumBlockPeriod(0).fieldControl());
        assertEquals(3, r.withMinimumBlockPeriod(0).withRequestNodeAddress(0).fieldControl());
        assertEquals(24, r.withMinimumBlockPeriod(0).withRequestNodeAddress(0).payloadLength());
    }

    @Test
    void rangesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(0, 0x10000, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(0, 0, 1L << 32, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(0, 0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(0, 0, 0, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> ImageBlockRequest.of(0, 0, 0, 0, 0).withMinimumBlockPeriod(0x10000));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageBlockRequest(0, 0, 0, 0, 0, null, OptionalInt.empty()));
    }
}

package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.zigbee.zcl.Bytes;
import org.junit.jupiter.api.Test;

class FileContentTest {
    private static byte[] image() {
        return new OtaImageBuilder().manufacturerCode(0x1234).imageType(0x0084).fileVersion(0x0100_0002L)
                .headerString("wrap test").element(0x0000, OtaImageBuilder.generatedPayload(7, 1000)).buildBytes().toArray();
    }

    @Test
    void copyOfDoesNotSeeLaterChangesToTheArray() {
        byte[] b = image();
        FileContent c = FileContent.copyOf(b);
        b[0] ^= 0x55;
        assertEquals(image()[0] & 0xFF, c.get(0));
    }

    @Test
    void wrapSharesTheArrayAndParsesLikeACopy() {
        byte[] b = image();
        FileContent w = FileContent.wrap(b);
        assertEquals(OtaImageParser.parse(b), OtaImageParser.parse(w, ParseOptions.defaults()));
        b[0] ^= 0x55; // the caller broke its promise: the wrapper shows it, which is what "no copy" means
        assertEquals(b[0] & 0xFF, w.get(0));
        assertEquals(Bytes.of(b, 0, 4), w.slice(0, 4));
    }

    @Test
    void wrapRejectsNull() {
        assertThrows(NullPointerException.class, () -> FileContent.wrap(null));
    }
}

package io.hansim.zigbee.ota.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hansim.zigbee.ota.image.FindingCode;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageException;
import io.hansim.zigbee.zcl.Bytes;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link OtaImage#fromDistribution}: how a GB CH stages the two GB forms and Zigbee files (G.6, R7.4). */
class OtaImageDistributionTest {
    private static final Bytes MANUFACTURER_IMAGE = OtaImageBuilder.generatedPayload(7, 500);

    private static OtaImageBuilder header() {
        return new OtaImageBuilder().manufacturerCode(0x121D).imageType(0x0084).fileVersion(0x0100_0002L);
    }

    @Test
    void g6_anSr114ImageWithTheGbHeaderIsStagedInEitherEntryPoint() {
        byte[] file = header().hardwareVersions(0x0100, 0x01FF).gbBody(GbBody.unsigned(MANUFACTURER_IMAGE)).build();
        for (OtaImage img : new OtaImage[] {OtaImage.fromFile(file), OtaImage.fromDistribution(file)}) {
            assertEquals(Optional.of(GbForm.PPMID), img.gbForm());
            assertEquals(file.length, img.size());
            assertArrayEquals(file, img.bytes().toArray());
        }
    }

    @Test
    void g6_anSr114ImageWithoutTheGbHeaderShapeIsStagedFromADistributionOnly() {
        // No hardware range: AUTO cannot tell the body from a broken element chain (decision 0014),
        // but a firmware distribution carries GB images, whose body the CH does not read.
        byte[] file = header().gbBody(GbBody.unsigned(MANUFACTURER_IMAGE)).build();
        OtaImageException strict = assertThrows(OtaImageException.class, () -> OtaImage.fromFile(file));
        assertEquals(FindingCode.ELEMENT_OVERRUN, strict.code());
        OtaImage img = OtaImage.fromDistribution(file);
        assertEquals(Optional.of(GbForm.PPMID), img.gbForm());
        assertEquals(new ImageKey(0x121D, 0x0084, 0x0100_0002L), img.key());
        assertArrayEquals(file, img.bytes().toArray());
    }

    @Test
    void aZigbeeFileAndASignedGbFileKeepTheirReading() {
        byte[] zigbee = header().element(0x0000, MANUFACTURER_IMAGE).build();
        assertEquals(Optional.empty(), OtaImage.fromDistribution(zigbee).gbForm());
        byte[] signed = header().gbBody(GbBody.signed(MANUFACTURER_IMAGE, Bytes.of(new byte[64]))).build();
        assertEquals(Optional.of(GbForm.SIGNED), OtaImage.fromDistribution(signed).gbForm());
    }

    @Test
    void errorsOutsideTheBodyStillRefuse() {
        byte[] file = header().gbBody(GbBody.unsigned(MANUFACTURER_IMAGE)).build();
        assertEquals(FindingCode.TRUNCATED, assertThrows(OtaImageException.class,
                () -> OtaImage.fromDistribution(Arrays.copyOf(file, file.length - 1))).code());
        assertEquals(FindingCode.NO_IDENTIFIER, assertThrows(OtaImageException.class,
                () -> OtaImage.fromDistribution(new byte[100])).code());
        byte[] prefixed = new byte[file.length + 4];
        System.arraycopy(file, 0, prefixed, 4, file.length);
        assertEquals(FindingCode.PREFIX, assertThrows(OtaImageException.class,
                () -> OtaImage.fromDistribution(prefixed)).code());
    }
}

package io.hansim.device.hub;

import static io.hansim.device.Fixtures.NEW;
import static io.hansim.device.Fixtures.PPMID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.Fixtures;
import io.hansim.device.Simulation;
import io.hansim.device.ppmid.Ppmid;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Issue 14 item 2: an OTA file with octets after its Total Image Size is a typed refusal, not an internal error. */
class HostileImageTest {

    @Test
    void r7_9_trailingBytesAfterTotalImageSizeAreRefusedAsInvalidImage() {
        Simulation sim = Simulation.builder().seed(1).hub(Fixtures.hub())
                .ppmid(Ppmid.Spec.of("ppmid", PPMID, 0x0002, Fixtures.ppmidProfile().build())).build();
        byte[] image = Fixtures.gbImage(NEW, 1024);
        byte[] trailing = Arrays.copyOf(image, image.length + 3);
        DistributionRefusedException e = assertThrows(DistributionRefusedException.class,
                () -> sim.hub().distribute(trailing, PPMID));
        assertEquals(DistributionRefusedException.Reason.INVALID_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("3 octets after the image's Total Image Size " + image.length),
                e.getMessage());
        sim.hub().distribute(image, PPMID); // the same image without them is staged
    }
}

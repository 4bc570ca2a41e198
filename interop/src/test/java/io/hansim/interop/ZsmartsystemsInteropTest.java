package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zsmartsystems.zigbee.app.otaserver.ZigBeeOtaServerStatus;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.device.sim.SimTime;
import io.hansim.zigbee.ota.client.ClientProfile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, server 1: zsmartsystems' ZclOtaUpgradeServer (1.4.16.1) upgrades hansim's PPMID, in-process
 * through its transport SPI. Each case: the image transfers completely and byte-identical, the PPMID
 * activates it (R7.4) and the server's status callback ends in OTA_UPGRADE_COMPLETE.
 *
 * <p>Determinism: the HAN (loss draws, delays, the PPMID) is seeded virtual time, but zsmartsystems
 * answers on its own threads and sleeps 10 s of wall time before reading CurrentFileVersion back, so
 * a run takes about 15 s of wall time and the virtual time of the read-back depends on the wall
 * clock; frame contents and the transfer itself do not (README, interoperability).
 */
@Tag("conformance")
class ZsmartsystemsInteropTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hansim-256KiB", 0.0),
                Arguments.of("hansim-256KiB", 5.0),
                Arguments.of("real-nodon", 0.0),
                Arguments.of("real-nodon", 5.0));
    }

    @ParameterizedTest(name = "{0}, {1}% loss")
    @MethodSource("cases")
    void zsmartsystemsUpgradesThePpmid(String which, double loss) throws Exception {
        boolean real = which.startsWith("real");
        byte[] image = real ? InteropImages.real() : InteropImages.hansim256k();
        ClientProfile profile = (real ? InteropImages.realProfile() : InteropImages.hansimProfile()).build();
        InteropRig rig = new InteropRig(profile, loss, 20261122L);
        InteropRig.Observed o;
        try (ZsmartsystemsServer server = new ZsmartsystemsServer(image, 0)) {
            o = rig.run(server, SimTime.seconds(6 * 3600), 600_000);
            InteropReport.record("zsmartsystems 1.4.16.1", which, loss, o,
                    "statuses " + server.statuses() + "; " + server.notes(), rig);
            assertEquals(ZigBeeOtaServerStatus.OTA_UPGRADE_COMPLETE, server.status(),
                    "the server's own verdict; " + o);
        }
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, rig.ppmid().activations().get(0), o.toString());
        assertArrayEquals(image, rig.ppmid().store().running().image().toArray(), "byte-identical image");
        assertEquals(real ? InteropImages.REAL_VERSION : InteropImages.NEW, rig.ppmid().runningFirmwareVersion());
        // zsmartsystems caps blocks below the 64 octets the PPMID asks for (zigbee-ota.md §9 #3); hansim
        // takes the shorter blocks.
        assertTrue(o.blockSizes.lastKey() < 64, "zsmartsystems' block size: " + o);
        assertTrue(o.blockResponses >= image.length / 64, "every block came from the server: " + o);
        if (loss > 0) {
            assertTrue(o.lostOrDropped > 0, "the lossy run lost frames: " + o);
        }
    }
}

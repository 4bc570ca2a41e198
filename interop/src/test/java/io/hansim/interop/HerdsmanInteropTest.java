package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.sim.SimTime;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.client.ClientProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, server 2: zigbee-herdsman 10.9.5's OTA server (Device.updateOta, as Zigbee2MQTT runs it)
 * upgrades hansim's PPMID through the Node bridge in interop/herdsman. Each case: the image transfers
 * completely and byte-identical, the PPMID activates it (R7.4) and updateOta's promise resolves with
 * the new version. The HAN runs in virtual time; the bridge answers every frame before virtual time
 * moves on, so a run is repeatable from its seed.
 *
 * <p>Needs {@code npm ci --ignore-scripts} in interop/herdsman: without it the test fails, never skips.
 */
@Tag("conformance")
class HerdsmanInteropTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hansim-256KiB", 0.0),
                Arguments.of("hansim-256KiB", 5.0),
                Arguments.of("real-nodon", 0.0),
                Arguments.of("real-nodon", 5.0));
    }

    @Test
    void theBridgeIsInstalled() {
        // Fails with the install command when node_modules is missing (.ci/run installs it).
        assertTrue(Files.isRegularFile(HerdsmanBridgeServer.bridgeDir().resolve("package-lock.json")),
                "interop/herdsman/package-lock.json pins herdsman for `npm ci`");
    }

    @ParameterizedTest(name = "{0}, {1}% loss")
    @MethodSource("cases")
    void herdsmanUpgradesThePpmid(String which, double loss) throws Exception {
        boolean real = which.startsWith("real");
        byte[] image = real ? InteropImages.real() : InteropImages.hansim256k();
        Path file = real ? SharedData.file(InteropImages.REAL_IMAGE)
                : writeImage(image, "hansim-256k.ota");
        ClientProfile profile = (real ? InteropImages.realProfile() : InteropImages.hansimProfile()).build();
        InteropRig rig = new InteropRig(profile, loss, 20261122L);
        InteropRig.Observed o;
        try (HerdsmanBridgeServer server = new HerdsmanBridgeServer(file, 50)) {
            o = rig.run(server, SimTime.seconds(6 * 3600), 300_000);
            InteropReport.record("zigbee-herdsman 10.9.5", which, loss, o,
                    "updateOta: " + server.verdict().orElse("-") + "; " + server.notes(), rig);
            assertTrue(server.succeeded(), "updateOta resolved with the new version: " + server.verdict() + "; " + o);
        }
        assertEquals(NonVolatileStore.ActivationResult.ACTIVATED, rig.ppmid().activations().get(0), o.toString());
        assertArrayEquals(image, rig.ppmid().store().running().image().toArray(), "byte-identical image");
        assertEquals(real ? InteropImages.REAL_VERSION : InteropImages.NEW, rig.ppmid().runningFirmwareVersion());
        // herdsman sends min(baseSize 50, MaximumDataSize): blocks shorter than the 64 the PPMID asks for
        // (zigbee-ota.md §9 #3); hansim's client takes them and asks for the next offset.
        assertEquals(50, o.blockSizes.lastKey(), "herdsman's block size: " + o);
        assertTrue(o.blockResponses >= image.length / 50, "every block came from the server: " + o);
        if (loss > 0) {
            assertTrue(o.lostOrDropped > 0, "the lossy run lost frames: " + o);
        }
    }

    private static Path writeImage(byte[] image, String name) throws Exception {
        Path dir = SharedData.repoRoot().resolve("interop/target/interop-images");
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.write(p, image);
        return p;
    }
}

package io.hansim.cli.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.report.RunReport;
import io.hansim.cli.scenario.ImageSpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.ScenarioLoader;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated images take the GB form of the devices they are for (G.6, fault 4 of issue 13): the SR
 * 11.4 form for PPMIDs, the signed form for HCALCS-style devices; and an image's {@code spec} gives
 * PPMIDs the PPMIDTS version it brings (R56.8).
 */
class ScenarioImagesTest {
    private static final String TOPOLOGY = """
            name: t
            seed: 3
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101,
                    hardwareVersion: 2, firmwareVersion: 0x00000100 }
                - { id: hcalcs, type: hcalcs, eui: 00DB1234567890A6, manufacturerCode: 0x1234, imageType: 0x0201,
                    hardwareVersion: 1, firmwareVersion: 0x00000100 }
            images:
              - { id: p, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200, size: 8KiB,
                  hardware: [1, 3], signingKey: demo } }
              - { id: h, generate: { manufacturerCode: 0x1234, imageType: 0x0201, fileVersion: 0x200, size: 8KiB,
                  hardware: [1, 1], signingKey: demo } }
              - { id: forced, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x300, size: 4KiB,
                  signingKey: other, form: signed } }
              - { id: keyless, generate: { manufacturerCode: 0x1234, imageType: 0x0201, fileVersion: 0x400, size: 4KiB } }
              - { id: idle, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x500, size: 4KiB,
                  signingKey: demo } }
            steps:
              - distribute: { image: p, to: ppmid }
              - distribute: { image: h, to: hcalcs }
              - local-upgrade: { device: ppmid, image: forced }
              - distribute: { image: keyless, to: hcalcs }
            """;

    private static Scenario scenario(String yaml) throws Exception {
        return ScenarioLoader.parse(yaml, "t.yaml", Path.of("."));
    }

    @Test
    void g6_theFormFollowsTheDevicesAnImageIsFor() throws Exception {
        ScenarioImages.Built b = ScenarioImages.build(scenario(TOPOLOGY));
        assertEquals(Map.of("p", GbForm.PPMID, "h", GbForm.SIGNED, "forced", GbForm.SIGNED, "keyless", GbForm.PPMID,
                "idle", GbForm.SIGNED), b.forms());
        for (Map.Entry<String, GbForm> e : b.forms().entrySet()) {
            // Read back without options: the signed form by its tail, the SR 11.4 form by its GB header
            // (p has a hardware range); keyless has no range, so only --format gb reads it (decision 0014).
            boolean gbHeader = !e.getKey().equals("keyless");
            OtaImageReport r = OtaImageParser.parse(b.files().get(e.getKey()), gbHeader ? ParseOptions.defaults()
                    : ParseOptions.defaults().withFormat(ImageFormat.GB));
            assertTrue(r.ok(), e.getKey() + ": " + r.findings());
            assertEquals(e.getValue(), r.gbBody().form(), e.getKey() + " reads back in its form");
        }
        assertEquals(8 * 1024, b.files().get("p").length, "the size asked for, in either form");
        assertEquals(8 * 1024, b.files().get("h").length);
        assertEquals(1, b.notes().size(), b.notes().toString());
        assertTrue(b.notes().get(0).startsWith("image p (t.yaml:11:5) goes to PPMIDs only")
                && b.notes().get(0).contains("signingKey 'demo' is not used"), b.notes().get(0));
        // Deterministic: the same scenario gives the same bytes.
        ScenarioImages.Built again = ScenarioImages.build(scenario(TOPOLOGY));
        for (String id : b.files().keySet()) {
            assertArrayEquals(b.files().get(id), again.files().get(id), id);
        }
    }

    @Test
    void r7_4_g6_aPpmidTakesItsSr114ImageAndAWronglySignedOneIsStillRefused() throws Exception {
        RunReport r = new ScenarioRunner(scenario(TOPOLOGY.replace("""
                  - local-upgrade: { device: ppmid, image: forced }
                  - distribute: { image: keyless, to: hcalcs }
                """, """
                  - await: { device: ppmid, imageUpgradeStatus: DOWNLOAD_IN_PROGRESS, timeout: 10m }
                  - await: { device: ppmid, imageUpgradeStatus: NORMAL, timeout: 2h }
                  - wait: 10m
                  - expect: { device: ppmid, firmwareVersion: 0x00000200 }
                  - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }
                  - distribute: { image: forced, to: ppmid }
                  - wait: 2h
                  - expect: { device: ppmid, firmwareVersion: 0x00000200 }
                """)), ScenarioRunner.Options.defaults()).run();
        assertTrue(r.passed(), r.expectations().toString());
    }

    @Test
    void r56_8_aPpmidMapsTheVersionOfEveryImageOfItsIdentityThatBringsOne() throws Exception {
        ScenarioImages.Built b = ScenarioImages.build(scenario(TOPOLOGY.replace(
                "  - { id: p, generate:", "  - { id: p, spec: \"PPMIDTS 5.0\", generate:")));
        assertEquals(Map.of("ppmid", Map.of(0x200L, new io.hansim.device.cot.SpecVersion(5, 0))), b.specVersions());
    }

    @Test
    void r56_8_aFileImageThatReachesNoPpmidIsNoted() throws Exception {
        Scenario s = scenario(TOPOLOGY);
        ImageSpec.File f = new ImageSpec.File("hfile", Path.of("unused"),
                java.util.Optional.of(new io.hansim.cli.scenario.SpecVersion("PPMIDTS", 5, 0)), s.position());
        // A file's header is read when the scenario runs; here the HCALCS image's bytes stand in for it.
        byte[] hcalcsImage = ScenarioImages.build(s).files().get("h");
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("hansim-image", ".ota");
        try {
            java.nio.file.Files.write(tmp, hcalcsImage);
            Scenario withFile = new Scenario(s.name(), s.seed(), s.topology(),
                    List.of(new ImageSpec.File("hfile", tmp, f.specVersion(), f.position())), s.faults(),
                    List.of(s.steps().get(0)), s.inventory(), s.position());
            ScenarioImages.Built b = ScenarioImages.build(withFile);
            assertEquals(Map.of(), b.specVersions());
            assertTrue(b.notes().stream().anyMatch(n -> n.contains("no PPMID has its manufacturer code 0x1234 and"
                    + " image type 0x0201")), b.notes().toString());
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /**
     * R56.8 from a scenario file: the example upgrades a PPMIDTS 4.2 PPMID to an image that brings
     * 5.0 and the CoT then clears its data; the same file without the image's {@code spec} leaves the
     * PPMID at 4.2, which keeps the old occupier's data and says why.
     */
    @Test
    void r56_8_anImageThatBringsPpmidts50GivesTheUpgradedPpmidCotSupport() throws Exception {
        Path file = ExamplesTest.ROOT.resolve("examples/r56-8-cot-after-ota.yaml");
        RunReport with = new ScenarioRunner(ScenarioLoader.load(file), ScenarioRunner.Options.defaults()).run();
        assertTrue(with.passed(), with.expectations().toString());
        assertTrue(with.notes().stream().anyMatch(n -> n.startsWith("ppmid: Change of Tenancy of 2025-01-01T12:00:00Z"
                + " handled")), with.notes().toString());
        assertTrue(with.notes().stream().anyMatch(n -> n.startsWith("legacy: Change of Tenancy")
                && n.contains("BELOW_SPEC_VERSION")), with.notes().toString());

        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains("spec: \"PPMIDTS 5.0\", generate:"));
        Scenario without = ScenarioLoader.parse(text.replace("spec: \"PPMIDTS 5.0\", generate:", "generate:"),
                file.toString(), file.getParent());
        RunReport r = new ScenarioRunner(without, ScenarioRunner.Options.defaults()).run();
        assertTrue(r.expectations().stream().filter(e -> e.description().startsWith("ppmid storedData"))
                .noneMatch(e -> e.passed()), r.expectations().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("ppmid: Change of Tenancy")
                && n.contains("BELOW_SPEC_VERSION")), r.notes().toString());
    }

    @Test
    void g6_theExamplesSendPpmidsTheSr114Form() throws Exception {
        for (Path file : ExamplesTest.examples(false)) {
            checkExample(file);
        }
        for (Path file : ExamplesTest.examples(true)) {
            checkExample(file);
        }
    }

    private static void checkExample(Path file) throws Exception {
        ScenarioImages.Built b = ScenarioImages.build(ScenarioLoader.load(file));
        assertEquals(List.of(), b.notes(), file + ": an image for PPMIDs carries a signingKey it does not use");
    }
}

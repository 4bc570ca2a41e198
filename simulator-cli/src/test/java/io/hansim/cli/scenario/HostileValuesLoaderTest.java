package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.run.ScenarioImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: values the simulator cannot carry are refused when the scenario loads, each at
 * its line:column, instead of failing inside the run (exit 3).
 */
class HostileValuesLoaderTest {

    private static String scenario(String images, String step) {
        return """
                name: t
                seed: 1
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
                    - { id: hcalcs, type: hcalcs, eui: 00DB1234567890AC, manufacturerCode: 0x1234, imageType: 0x0201, hardwareVersion: 1, firmwareVersion: 0x10 }
                images:
                %s
                steps:
                %s
                """.formatted(images, step);
    }

    private static final String NO_IMAGES = "  []";

    private static List<String> problems(String yaml, Path dir) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "t.yaml", dir));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void r56_3_supplierMessageOver254OctetsIsRefusedAtItsText() throws ScenarioException {
        String ok = "a".repeat(254);
        ScenarioLoader.parse(scenario(NO_IMAGES, "  - supplier-message: { to: ihd, text: \"" + ok + "\" }"), "t.yaml",
                Path.of("."));
        List<String> p = problems(scenario(NO_IMAGES, "  - supplier-message: { to: ihd, text: \"" + ok + "a\" }"),
                Path.of("."));
        assertEquals(List.of("t.yaml:11:40: steps[0].supplier-message.text: 255 octets in UTF-8; a Display Message"
                + " carries at most 254 (ZCL character string, Messaging cluster)"), p);
        // Octets, not characters: 128 two-octet characters are 256 octets.
        assertEquals(1, problems(scenario(NO_IMAGES, "  - supplier-message: { to: ihd, text: \"" + "é".repeat(128)
                + "\" }"), Path.of(".")).size());
    }

    @Test
    void r56_7_cotDatesGcs09CannotCarryAreRefusedAtTheirPosition() throws ScenarioException {
        for (String bad : List.of("+999999999-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "2200-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z", "2136-02-07T06:28:15Z")) {
            List<String> p = problems(scenario(NO_IMAGES, "  - change-of-tenancy: { at: \"" + bad + "\" }"),
                    Path.of("."));
            assertEquals(1, p.size(), bad + ": " + p);
            assertTrue(p.get(0).startsWith("t.yaml:11:30: steps[0].change-of-tenancy.at: "), p.get(0));
            assertTrue(p.get(0).contains("outside what GCS09's 32-bit ZCL UTCTime carries, 2000-01-01T00:00:00Z .."
                    + " 2136-02-07T06:28:14Z"), p.get(0));
        }
        for (String good : List.of("2000-01-01T00:00:00Z", "2136-02-07T06:28:14Z", "2026-12-01T00:00:00Z")) {
            ScenarioLoader.parse(scenario(NO_IMAGES, "  - change-of-tenancy: { at: \"" + good + "\" }"), "t.yaml",
                    Path.of("."));
        }
    }

    @Test
    void r7_9_generatedImageAboveTheDocumentedMaximumIsRefusedAtLoad() throws ScenarioException {
        String image = "  - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0201, fileVersion: 0x20,"
                + " size: %s } }";
        for (String big : List.of("2GiB", "1536MiB", "4294967295", "16777217")) {
            List<String> p = problems(scenario(image.formatted(big), "  - wait: 1s"), Path.of("."));
            assertEquals(1, p.size(), big + ": " + p);
            assertTrue(p.get(0).startsWith("t.yaml:9:"), p.get(0));
            assertTrue(p.get(0).contains("images[0].generate.size: ") && p.get(0).contains(
                    "above the largest image the simulator generates, 16777216 octets"), p.get(0));
        }
        ScenarioLoader.parse(scenario(image.formatted("16MiB"), "  - wait: 1s"), "t.yaml", Path.of("."));
    }

    @Test
    void r7_9_imageFileWithTrailingBytesIsRefusedAtLoadNamingTheFile(@TempDir Path dir) throws Exception {
        Scenario ok = ScenarioLoader.parse(scenario("  - { id: v2, generate: { manufacturerCode: 0x1234,"
                + " imageType: 0x0201, fileVersion: 0x20, size: 4KiB, signingKey: demo } }",
                "  - distribute: { image: v2, to: hcalcs }"), "t.yaml", dir);
        byte[] image = ScenarioImages.build(ok).files().get("v2");
        byte[] trailing = java.util.Arrays.copyOf(image, image.length + 3);
        Files.write(dir.resolve("clean.ota"), image);
        Files.write(dir.resolve("trail.ota"), trailing);
        String step = "  - distribute: { image: v2, to: hcalcs }";
        ScenarioLoader.parse(scenario("  - { id: v2, file: clean.ota }", step), "t.yaml", dir);
        List<String> p = problems(scenario("  - { id: v2, file: trail.ota }", step), dir);
        assertEquals(List.of("t.yaml:9:21: images[0].file: " + dir.resolve("trail.ota") + " has 3 octets after its"
                + " Total Image Size " + image.length + " (TRAILING_BYTES, see hansim image inspect): remove them"), p);
    }

    @Test
    void r7_9_imageFileAboveTheMaximumIsRefusedAtLoad(@TempDir Path dir) throws IOException {
        try (var f = new java.io.RandomAccessFile(dir.resolve("huge.ota").toFile(), "rw")) {
            f.setLength(ImageSpec.MAX_SIZE + 1); // sparse: no disk used
        }
        List<String> p = problems(scenario("  - { id: v2, file: huge.ota }", "  - wait: 1s"), dir);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("above the largest image the simulator holds"), p.get(0));
    }
}

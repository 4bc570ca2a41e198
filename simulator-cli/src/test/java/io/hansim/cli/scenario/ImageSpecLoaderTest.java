package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.ota.image.GbForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image section's {@code form} (G.6) and {@code spec} (R56.8) keys. */
class ImageSpecLoaderTest {
    private static final String HEAD = """
            name: t
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101,
                    firmwareVersion: 0x100, spec: "PPMIDTS 4.2" }
            images:
            """;
    private static final String STEPS = """
            steps:
              - wait: 1s
            """;

    private static Scenario load(String images) throws ScenarioException {
        return ScenarioLoader.parse(HEAD + images + STEPS, "t.yaml", Path.of("."));
    }

    private static List<String> problems(String images) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(images));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void g6_formAndR56_8_specAreRead() throws ScenarioException {
        Scenario s = load("""
                  - { id: v5, spec: "PPMIDTS 5.0", generate: { manufacturerCode: 0x1234, imageType: 0x0101,
                      fileVersion: 0x200, size: 4KiB, form: ppmid } }
                  - { id: signed, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x300,
                      size: 4KiB, signingKey: demo, form: signed } }
                  - { id: plain, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x400,
                      size: 4KiB } }
                """);
        ImageSpec.Generated v5 = (ImageSpec.Generated) s.images().get(0);
        assertEquals(Optional.of(GbForm.PPMID), v5.form());
        assertEquals(Optional.of(new SpecVersion("PPMIDTS", 5, 0)), v5.specVersion());
        assertEquals(Optional.of(GbForm.SIGNED), ((ImageSpec.Generated) s.images().get(1)).form());
        assertEquals(Optional.empty(), ((ImageSpec.Generated) s.images().get(2)).form());
        assertEquals(Optional.empty(), s.images().get(2).specVersion());
    }

    @Test
    void r56_8_aFileImageMayBringAVersionToo(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("v5.ota"), new byte[] {1});
        Scenario s = ScenarioLoader.parse(HEAD + "  - { id: v5, file: v5.ota, spec: \"PPMIDTS 5.0\" }\n" + STEPS,
                "t.yaml", dir);
        assertEquals(Optional.of(new SpecVersion("PPMIDTS", 5, 0)), s.images().get(0).specVersion());
    }

    @Test
    void g6_theFormAndTheKeyMustAgree() {
        assertEquals(List.of("t.yaml:9:31: images[0].generate.signingKey: the ppmid form (SR 11.4) has no signature;"
                + " remove signingKey or write form: signed"), problems("""
                  - { id: a, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200,
                      size: 4KiB, signingKey: demo, form: ppmid } }
                """));
        assertEquals(List.of("t.yaml:9:25: images[0].generate.form: the signed form needs a signingKey (demo is the"
                + " key every simulated device trusts)"), problems("""
                  - { id: a, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200,
                      size: 4KiB, form: signed } }
                """));
        List<String> p = problems("""
                  - { id: a, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200,
                      size: 4KiB, form: sined } }
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("expected one of ppmid, signed, got 'sined' (did you mean 'signed'?)"), p.get(0));
    }

    @Test
    void r56_8_specNamesAPpmidtsVersionThatReachesAPpmid() {
        List<String> p = problems("""
                  - { id: a, spec: "IHDTS 5.0", generate: { manufacturerCode: 0x1234, imageType: 0x0101,
                      fileVersion: 0x200, size: 4KiB } }
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("t.yaml:8:20: images[0].spec: expected 'PPMIDTS x.y'"), p.get(0));
        assertEquals(List.of("t.yaml:8:20: images[0].spec: no PPMID of the topology has manufacturerCode 0x1234 and"
                + " imageType 0x0102, so no device would run PPMIDTS 5.0 from this image (R56.8)"), problems("""
                  - { id: a, spec: "PPMIDTS 5.0", generate: { manufacturerCode: 0x1234, imageType: 0x0102,
                      fileVersion: 0x200, size: 4KiB } }
                """));
        assertEquals(List.of("t.yaml:8:20: images[0].spec: PPMID 'ppmid' already runs File Version 0x00000100 as"
                + " PPMIDTS 4.2 (its spec); one firmware version implements one PPMIDTS version"), problems("""
                  - { id: a, spec: "PPMIDTS 5.0", generate: { manufacturerCode: 0x1234, imageType: 0x0101,
                      fileVersion: 0x100, size: 4KiB } }
                """));
    }

}

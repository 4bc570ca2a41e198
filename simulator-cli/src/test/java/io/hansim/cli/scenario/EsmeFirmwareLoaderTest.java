package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code type: esme} with its firmware over the HAN (SR 11.1, G.7), {@code activate} on an ESME
 * (SR 11.3) and {@code power-cut: { corruptImageAt }} (0x8F1B): what loads, and the typed errors with
 * their line:column for what does not.
 */
class EsmeFirmwareLoaderTest {
    private static final String BASE = """
            name: t
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: esme, type: esme, eui: 00DB1234567890A0, ESME_KEYS }
            images:
              - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0000, fileVersion: 2, size: 1KiB, signingKey: demo } }
            steps:
              - STEP
            """;

    private static String yaml(String esmeKeys, String step) {
        return BASE.replace("ESME_KEYS", esmeKeys).replace("STEP", step);
    }

    private static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "t.yaml", Path.of(".")));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void g7_esmeWithManufacturerCodeHasHanFirmwareAndTakesCs06() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(yaml("manufacturerCode: 0x1234, imageType: 0x0000, hardwareVersion: 1",
                "activate: { device: esme, image: v2 }"), "t.yaml", Path.of("."));
        DeviceSpec.Esme e = (DeviceSpec.Esme) s.topology().devices().get(0);
        assertTrue(e.hasOtaClient());
        assertEquals(0x1234, e.firmware().orElseThrow().manufacturerCode());
        assertEquals(OptionalInt.of(1), e.firmware().orElseThrow().hardwareVersion());
    }

    @Test
    void g7_activateOnAnEsmeWithoutHanFirmwareIsAnError() {
        List<String> p = problems(yaml("firmwareVersion: 1", "activate: { device: esme, image: v2 }"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("t.yaml:9:25: steps[0].activate.device: device 'esme' is of type esme without"
                + " manufacturerCode"), p.get(0));
    }

    @Test
    void g7_esmeFirmwareKeysNeedManufacturerCode() {
        List<String> p = problems(yaml("imageType: 0x0000", "wait: 1m"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("t.yaml:5:64: devices[0].imageType: needs manufacturerCode")
                || p.get(0).contains("imageType: needs manufacturerCode"), p.get(0));
    }

    @Test
    void g7_powerCutCorruptImageAtIsANonNegativeNumber() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(yaml("manufacturerCode: 1, imageType: 0",
                "power-cut: { device: esme, corruptImageAt: 200 }"), "t.yaml", Path.of("."));
        assertEquals(OptionalInt.of(200), ((Step.PowerCut) s.steps().get(0)).corruptImageAt());
        List<String> p = problems(yaml("manufacturerCode: 1, imageType: 0",
                "power-cut: { device: esme, corruptImageAt: -1 }"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("corruptImageAt"), p.get(0));
    }
}

package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.role.TunnelServerRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario keys of issue 16's second round: a GSME's firmware keys and the CH's tunnel keys (G.3, G.7). */
class GsmeFirmwareScenarioTest {
    private static final String HEAD = """
            name: t
            seed: 1
            topology:
              hub: { eui: 00DB1234567890C2%s }
              devices:
                - { id: gsme, type: gsme, eui: 00DB1234567890C7%s }
            """;

    private static Scenario load(String hub, String gsme, String steps) throws ScenarioException {
        return ScenarioLoader.parse(HEAD.formatted(hub, gsme) + steps, "t.yaml", Path.of("."));
    }

    private static List<String> problems(String hub, String gsme, String steps) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(hub, gsme, steps));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    @Test
    void g7_aGsmeWithManufacturerCodeTakesFirmwareAndCs06() throws ScenarioException {
        Scenario s = load("", ", manufacturerCode: 0x1234, imageType: 0x0301, hardwareVersion: 1",
                "steps:\n  - expect: { device: gsme, wakes: 1 }\n");
        DeviceSpec.Gsme g = (DeviceSpec.Gsme) s.topology().devices().get(0);
        assertTrue(g.hasOtaClient());
        assertEquals(0x0301, g.firmware().orElseThrow().imageType());
        assertEquals(1, g.firmware().orElseThrow().hardwareVersion().getAsInt());
    }

    @Test
    void g7_firmwareKeysWithoutManufacturerCodeAndCs06ToAGsmeWithoutFirmwareAreErrors() {
        List<String> p = problems("", ", imageType: 0x0301", "steps:\n  - wait: 1m\n");
        assertTrue(p.stream().anyMatch(x -> x.contains("imageType: needs manufacturerCode (a GSME")), p.toString());
        List<String> q = problems("", "", """
                images:
                  - { id: x, generate: { manufacturerCode: 0x1234, imageType: 0x0301, fileVersion: 2, size: 1KiB } }
                steps:
                  - activate: { device: gsme, image: x }
                """);
        assertTrue(q.stream().anyMatch(x -> x.contains("gsme without manufacturerCode")), q.toString());
    }

    @Test
    void g3_wakesIsCheckedOnAGsmeOnly() {
        String yaml = HEAD.formatted("", "") + "    - { id: ihd, type: ihd, eui: 00DB1234567890C5 }\n"
                + "steps:\n  - expect: { device: ihd, wakes: 1 }\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "t.yaml",
                Path.of(".")));
        assertTrue(e.problems().toString().contains("wakes is checked on a gsme"), e.problems().toString());
    }

    @Test
    void g3_theHubsTunnelKeysMapOntoTheTunnelServerConfig() throws ScenarioException {
        Scenario s = load(", tunnelProtocolId: 7, tunnelMaxTransferSize: 800, tunnelPutsPerGet: 2, tunnelQueueLimit: 5",
                "", "steps:\n  - wait: 1m\n");
        assertEquals(new TunnelServerRole.Config(7, 800, 2, 5), s.topology().hub().han().tunnel());
        Scenario d = load("", "", "steps:\n  - wait: 1m\n");
        assertEquals(TunnelServerRole.Config.DEFAULTS, d.topology().hub().han().tunnel());
    }

    @Test
    void g3_badTunnelValuesAreProblemsWithTheirPlace() {
        List<String> p = problems(", tunnelQueueLimit: 0, tunnelMaxTransferSize: 70000", "", "steps:\n  - wait: 1m\n");
        assertTrue(p.stream().anyMatch(x -> x.contains("tunnelQueueLimit") && x.contains("t.yaml:4:")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("tunnelMaxTransferSize")), p.toString());
    }

    @Test
    void g9_identitiesGiveTheParametersOfDevicesWithoutOtaAndOfTheHub() throws ScenarioException {
        Scenario s = load(", identities: [ { device: gsme, manufacturerCode: 0xABCD, imageType: 0x0777 },"
                + " { device: hub, manufacturerCode: 0x1111, imageType: 0x2222, hardwareVersion: 4 } ]", "",
                "steps:\n  - wait: 1m\n");
        assertEquals(new HubSpec.Identity("gsme", 0xABCD, 0x0777, 1, s.topology().hub().han().identities().get(0)
                .position()), s.topology().hub().han().identity("gsme").orElseThrow());
        assertEquals(0x2222, s.topology().hub().han().identity("hub").orElseThrow().imageType());
    }

    @Test
    void g9_anIdentityForADeviceWithOtaParametersOrNoDeviceIsAProblem() {
        List<String> p = problems(", identities: [ { device: gsme, manufacturerCode: 1, imageType: 2 },"
                + " { device: nobody, manufacturerCode: 1, imageType: 2 } ]",
                ", manufacturerCode: 0x1234, imageType: 0x0301", "steps:\n  - wait: 1m\n");
        assertTrue(p.stream().anyMatch(x -> x.contains("its identity is derived from them (G.9)")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("no device 'nobody'")), p.toString());
    }
}

package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.inventory.PpmidSmetsCapability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 (lane D): the scenario device type {@code external} and the {@code status} /
 * {@code portFailure} checks. Every wrong value is refused when the file loads, at its
 * {@code line:column}, with what was expected.
 */
class ExternalTypeLoaderTest {

    /** A topology with one external device (its keys after the common ones) and the steps given. */
    private static String scenario(String keys, String steps) {
        return """
                name: t
                seed: 1
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - { id: ppmid, type: ppmid, eui: 00DB1234567890A3, manufacturerCode: 0x1234, imageType: 0x0101 }
                    - { id: dut, type: external, eui: 00DB1234567890A4, %s }
                steps:
                %s
                """.formatted(keys, steps);
    }

    private static final String WAIT = "  - wait: 1s";

    private static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "t.yaml", Path.of(".")));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    private static DeviceSpec.External dut(Scenario s) {
        return assertInstanceOf(DeviceSpec.External.class, s.topology().devices().get(1));
    }

    @Test
    void aCommandDeviceTakesItsDefaults() throws ScenarioException {
        DeviceSpec.External d = dut(ScenarioLoader.parse(scenario("stands: ppmid, command: [./dev, --x, \"a b\"]", WAIT),
                "t.yaml", Path.of(".")));
        assertEquals("external", d.type());
        assertEquals("ppmid", d.stands());
        assertEquals(List.of("./dev", "--x", "a b"), d.command());
        assertEquals(Optional.empty(), d.connect());
        assertEquals(Optional.empty(), d.workdir());
        assertFalse(d.realTime());
        assertEquals(Duration.ofSeconds(10), d.helloTimeout());
        assertEquals(Duration.ofSeconds(5), d.exchangeTimeout());
        assertEquals(Duration.ofSeconds(2), d.byeTimeout());
        assertEquals(65_536, d.maxMessage());
        assertEquals(PpmidSmetsCapability.DUAL, d.smets());
        assertTrue(d.hasOtaClient(), "a PPMID stand-in takes firmware from the CH");
    }

    @Test
    void aConnectDeviceWithEveryKey(@TempDir Path dir) throws Exception {
        DeviceSpec.External d = dut(ScenarioLoader.parse(scenario("stands: ihd, connect: \"tcp:[::1]:4711\","
                + " clock: realtime, helloTimeout: 5m, exchangeTimeout: 250ms, byeTimeout: 1s, maxMessage: 0x100",
                WAIT), "t.yaml", dir));
        assertEquals(Optional.of("tcp:[::1]:4711"), d.connect());
        assertTrue(d.command().isEmpty());
        assertTrue(d.realTime());
        assertEquals(Duration.ofMinutes(5), d.helloTimeout());
        assertEquals(Duration.ofMillis(250), d.exchangeTimeout());
        assertEquals(256, d.maxMessage());
        assertFalse(d.hasOtaClient(), "an IHD has no OTA client (R7.2)");
        assertEquals(Optional.of("unix:/tmp/dev.sock"), dut(ScenarioLoader.parse(scenario(
                "stands: hcalcs, connect: unix:/tmp/dev.sock", WAIT), "t.yaml", dir)).connect());
    }

    @Test
    void workdirIsRelativeToTheScenarioFilesFolderAndMustExist(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("devs"));
        DeviceSpec.External d = dut(ScenarioLoader.parse(scenario("stands: ppmid, command: [./dev], workdir: devs",
                WAIT), "t.yaml", dir));
        assertEquals(Optional.of(dir.resolve("devs").normalize().toString()), d.workdir());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(scenario(
                "stands: ppmid, command: [./dev], workdir: nowhere", WAIT), "t.yaml", dir));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).toString().startsWith("t.yaml:7:"), e.problems().toString());
        assertTrue(e.problems().get(0).message().contains("no such folder"), e.problems().toString());
    }

    @Test
    void commandAndConnectAreOneOrTheOther() {
        assertEquals(List.of("t.yaml:7:7: topology.devices[1]: expected exactly one of 'command' (hansim starts the"
                + " device) or 'connect' (the device was started apart and listens), got neither"),
                problems(scenario("stands: ppmid", WAIT)));
        assertEquals(List.of("t.yaml:7:7: topology.devices[1]: expected exactly one of 'command' (hansim starts the"
                + " device) or 'connect' (the device was started apart and listens), got both"),
                problems(scenario("stands: ppmid, command: [x], connect: \"tcp:127.0.0.1:1\"", WAIT)));
    }

    @Test
    void badValuesAreRefusedAtTheirLineAndColumn() {
        // each: the keys, the column the problem is at, a part of the message
        List<List<String>> cases = List.of(
                List.of("stands: esme, command: [x]", "topology.devices[1].stands: expected one of ppmid, ihd, hcalcs"),
                List.of("command: [x]", "missing required key 'stands'"),
                List.of("stands: ppmid, command: []", "got an empty list"),
                List.of("stands: ppmid, command: x", "expected a list of strings"),
                List.of("stands: ppmid, command: [\"\"]", "the program's name is empty"),
                List.of("stands: ppmid, connect: \"tcp:10.0.0.7:4711\"", "only a loopback address is allowed"),
                List.of("stands: ppmid, connect: \"tcp:127.0.0.1:0\"", "a TCP port 1..65535"),
                List.of("stands: ppmid, connect: \"tcp:127.0.0.1:65536\"", "a TCP port 1..65535"),
                List.of("stands: ppmid, connect: \"http://127.0.0.1:80\"", "expected tcp:127.0.0.1:PORT or unix:PATH"),
                List.of("stands: ppmid, connect: \"unix:\"", "expected unix:PATH"),
                List.of("stands: ppmid, connect: \"unix:/s\", workdir: .", "only a device hansim starts"),
                List.of("stands: ppmid, command: [x], clock: wall", "expected one of lockstep, realtime"),
                List.of("stands: ppmid, command: [x], helloTimeout: 0s", "must be above zero"),
                List.of("stands: ppmid, command: [x], exchangeTimeout: 2h", "at most 1h"),
                List.of("stands: ppmid, command: [x], byeTimeout: soon", "a duration"),
                List.of("stands: ppmid, command: [x], maxMessage: 63", "at least 64 octets"),
                List.of("stands: ppmid, command: [x], maxMessage: 0x4000001", "is out of range 0..0x4000000"),
                List.of("stands: ihd, command: [x], smets: DUAL", "only a device standing for a ppmid"),
                List.of("stands: ppmid, command: [x], smets: SMETS3", "expected one of SMETS1, SMETS2+, DUAL"),
                List.of("stands: ppmid, command: [x], firmwareVersion: 2", "reports the firmware it runs itself"),
                List.of("stands: ppmid, command: [x], quirks: []", "quirks"));
        for (List<String> c : cases) {
            List<String> p = problems(scenario(c.get(0), WAIT));
            assertEquals(1, p.size(), c.get(0) + ": " + p);
            assertTrue(p.get(0).startsWith("t.yaml:7:"), c.get(0) + ": at its line: " + p);
            assertTrue(p.get(0).contains(c.get(1)), c.get(0) + ": " + p);
        }
    }

    @Test
    void g9_anExternalDeviceTakesNoIdentityFromTheHub() {
        String yaml = scenario("stands: ihd, command: [x]", WAIT).replace("hub: { eui: 00DB1234567890A2 }",
                "hub: { eui: 00DB1234567890A2, identities: [ { device: dut, manufacturerCode: 0x1234,"
                        + " imageType: 0x0301, hardwareVersion: 1 } ] }");
        List<String> p = problems(yaml);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("device 'dut' is an external device; it serves its own Basic cluster"),
                p.toString());
    }

    @Test
    void statusAndPortFailureChecks() throws ScenarioException {
        Scenario s = ScenarioLoader.parse(scenario("stands: ppmid, command: [x]", """
                  - expect: { device: dut, status: { firmware.version: "00000200", ota.state: } }
                  - expect: { device: dut, portFailure: timeout }
                  - expect: { device: dut, portFailure: none }"""), "t.yaml", Path.of("."));
        Expectation.Status st = assertInstanceOf(Expectation.Status.class,
                ((Step.Expect) s.steps().get(0)).expectation());
        assertEquals(Map.of("firmware.version", "00000200", "ota.state", ""), st.values());
        assertEquals("timeout", ((Expectation.PortFailure) ((Step.Expect) s.steps().get(1)).expectation()).kind());
        assertEquals("none", ((Expectation.PortFailure) ((Step.Expect) s.steps().get(2)).expectation()).kind());
    }

    @Test
    void statusAndPortFailureAreCheckedOnExternalDevicesWithGoodValues() {
        assertEquals(List.of("t.yaml:9:23: steps[0].expect.device: status is checked on a device of type external"
                + " (docs/device-port.md); 'ppmid' is a ppmid"),
                problems(scenario("stands: ppmid, command: [x]", "  - expect: { device: ppmid, status: { a: b } }")));
        List<String> p = problems(scenario("stands: ppmid, command: [x]",
                "  - expect: { device: dut, portFailure: exploded }"));
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("t.yaml:9:") && p.get(0).contains("expected one of none, crashed, timeout,"
                + " protocol, oversized, version, left"), p.toString());
        p = problems(scenario("stands: ppmid, command: [x]", "  - expect: { device: dut, status: {} }"));
        assertTrue(p.size() == 1 && p.get(0).contains("got an empty mapping"), p.toString());
        p = problems(scenario("stands: ppmid, command: [x]", "  - expect: { device: dut, status: [a] }"));
        assertTrue(p.size() == 1 && p.get(0).contains("expected a mapping of status key to value"), p.toString());
        p = problems(scenario("stands: ppmid, command: [x]", "  - expect: { device: dut, status: { a: [1] } }"));
        assertTrue(p.size() == 1 && p.get(0).contains("status.a: expected a value (text)"), p.toString());
    }
}

package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.inventory.CplMode;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The keys that make issue 13's rules scriptable, one test per requirement: what each maps to, and
 * each bad value reported at its exact {@code line:column}. A key the runner cannot honour is an
 * error, never silently dropped.
 */
class ScenarioRequirementKeysTest {
    /** Line 3 is the hub, 5 the PPMID, 6 the HCALCS, 7 the IHD, 8 the ESME, 9 the GPF, 13 the fault; the step is line 15. */
    static final String BASE = """
            name: t
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101, firmwareVersion: 0x100 }
                - { id: hcalcs, type: hcalcs, eui: 00DB1234567890A6, manufacturerCode: 0x1234, imageType: 0x0201 }
                - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
                - { id: esme, type: esme, eui: 00DB1234567890A1 }
                - { id: gpf, type: gpf, eui: 00DB1234567890A3 }
            images:
              - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200, size: 1KiB } }
            faults:
              - { link: [hub, ppmid], loss: 5% }
            steps:
              - wait: 1s
            """;

    private static Scenario load(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "t.yaml", Path.of("."));
    }

    private static String with(String from, String to) {
        assertTrue(BASE.contains(from), from);
        return BASE.replace(from, to);
    }

    private static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(yaml));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    private static final String HUB = "hub: { eui: 00DB1234567890A2 }";
    private static final String PPMID_END = "imageType: 0x0101, firmwareVersion: 0x100 }";
    private static final String HCALCS_END = "imageType: 0x0201 }";
    private static final String FAULT_END = "loss: 5% }";
    private static final String STEP = "  - wait: 1s\n";

    private static DeviceSpec.Ppmid ppmid(Scenario s) {
        return (DeviceSpec.Ppmid) s.topology().device("ppmid").orElseThrow();
    }

    @Test
    void theDefaultsChangeNothing() throws ScenarioException {
        Scenario s = load(BASE);
        HubSpec h = s.topology().hub();
        assertEquals(4L << 20, h.imageBufferBytes());
        assertEquals(OtaServerConfig.EvictionPolicy.REFUSE, h.imageBufferPolicy());
        assertEquals(OtaServerConfig.DowngradePolicy.NEWER_ONLY, h.downgrade());
        assertEquals(OtaServerConfig.MissingHardwareVersionPolicy.SERVE, h.missingHardwareVersion());
        assertFalse(ppmid(s).profile().legacyLocalUpgrade());
        assertFalse(ppmid(s).profile().refuseDowngrades());
        FaultSpec f = s.faults().get(0);
        assertEquals(Duration.ofMillis(10), f.minDelay());
        assertEquals(Duration.ofMillis(10), f.maxDelay());
        assertEquals(Duration.ofSeconds(2), f.reorderHold());
        assertEquals(new InventorySpec(CplMode.ENDURING, List.of(), new Position("t.yaml", 1, 1)), s.inventory());
    }

    // ---- R7.3 ----

    @Test
    void r7_3_theLegacyLocalUpgradeProfileIsAKeyOfAPpmidProfile() throws ScenarioException {
        assertTrue(ppmid(load(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, "
                + "profile: { legacyLocalUpgrade: true } }"))).profile().legacyLocalUpgrade());
        assertEquals(List.of("t.yaml:5:156: topology.devices[0].profile.legacyLocalUpgrade: expected true or false, "
                + "got 'yes'"), problems(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, "
                + "profile: { legacyLocalUpgrade: yes } }")));
        // the local upgrade tool is modelled for PPMIDs only: an HCALCS profile does not take the key
        assertEquals(List.of("t.yaml:6:114: unknown key 'legacyLocalUpgrade' in topology.devices[1].profile; "
                + "expected one of: blockSize, quirks, refuseDowngrades"),
                problems(with(HCALCS_END, "imageType: 0x0201, profile: { legacyLocalUpgrade: true } }")));
    }

    // ---- R7.6 ----

    @Test
    void r7_6_theMissingHardwareVersionPolicyIsAHubKey() throws ScenarioException {
        assertEquals(OtaServerConfig.MissingHardwareVersionPolicy.REFUSE, load(with(HUB,
                "hub: { eui: 00DB1234567890A2, missingHardwareVersion: refuse }")).topology().hub()
                .missingHardwareVersion());
        assertEquals(List.of("t.yaml:3:57: topology.hub.missingHardwareVersion: expected one of serve, refuse, "
                + "got 'deny'"), problems(with(HUB, "hub: { eui: 00DB1234567890A2, missingHardwareVersion: deny }")));
    }

    // ---- R7.7 ----

    @Test
    void r7_7_theBufferHasACapacityInBytesAndAPolicy() throws ScenarioException {
        HubSpec h = load(with(HUB, "hub: { eui: 00DB1234567890A2, imageBufferBytes: 24KiB, "
                + "imageBufferPolicy: evict-oldest }")).topology().hub();
        assertEquals(24 * 1024, h.imageBufferBytes());
        assertEquals(OtaServerConfig.EvictionPolicy.EVICT_OLDEST, h.imageBufferPolicy());
        assertEquals(List.of("t.yaml:3:51: topology.hub.imageBufferBytes: the buffer must hold at least 1 octet"),
                problems(with(HUB, "hub: { eui: 00DB1234567890A2, imageBufferBytes: 0 }")));
        assertEquals(List.of("t.yaml:3:51: topology.hub.imageBufferBytes: expected a size such as 4096, 256KiB "
                + "or 1MiB, got '4 MB'"), problems(with(HUB, "hub: { eui: 00DB1234567890A2, imageBufferBytes: 4 MB }")));
        assertEquals(List.of("t.yaml:3:52: topology.hub.imageBufferPolicy: expected one of refuse, evict-oldest, "
                + "got 'lru'"), problems(with(HUB, "hub: { eui: 00DB1234567890A2, imageBufferPolicy: lru }")));
    }

    // ---- R7.8 ----

    @Test
    void r7_8_aLinkHasADelayRangeAndReorderingWithAHoldLimit() throws ScenarioException {
        FaultSpec f = load(with(FAULT_END, "loss: 5%, delay: [5ms, 80ms], reorder: 3%, reorderHold: 500ms }"))
                .faults().get(0);
        assertEquals(Duration.ofMillis(5), f.minDelay());
        assertEquals(Duration.ofMillis(80), f.maxDelay());
        assertEquals(3.0, f.reorderPercent());
        assertEquals(Duration.ofMillis(500), f.reorderHold());
        FaultSpec fixed = load(with(FAULT_END, "loss: 5%, delay: 40ms }")).faults().get(0);
        assertEquals(Duration.ofMillis(40), fixed.minDelay());
        assertEquals(Duration.ofMillis(40), fixed.maxDelay());
        assertEquals(List.of("t.yaml:13:44: faults[0].delay: range reversed: minimum 80ms > maximum 5ms (write "
                + "[minimum, maximum])"), problems(with(FAULT_END, "loss: 5%, delay: [80ms, 5ms] }")));
        assertEquals(List.of("t.yaml:13:44: faults[0].delay: must be above zero, e.g. 1ms"),
                problems(with(FAULT_END, "loss: 5%, delay: 0ms }")));
        assertEquals(List.of("t.yaml:13:44: faults[0].delay: expected a duration or [minimum, maximum], got a list "
                + "of 3"), problems(with(FAULT_END, "loss: 5%, delay: [1ms, 2ms, 3ms] }")));
        assertEquals(List.of("t.yaml:13:50: faults[0].delay[1]: expected a duration such as 500ms, 30s, 10m, 2h or "
                + "1d, got '80'"), problems(with(FAULT_END, "loss: 5%, delay: [5ms, 80] }")));
        assertEquals(List.of("t.yaml:13:50: faults[0].reorderHold: must be above zero, e.g. 1ms"),
                problems(with(FAULT_END, "loss: 5%, reorderHold: 0s }")));
    }

    // ---- R7.11 ----

    @Test
    void r7_11_aCs08ReadIsAStepAndItsResponseAnExpectation() throws ScenarioException {
        Scenario s = load(with(STEP, "  - read-firmware-version: { device: hcalcs }\n"
                + "  - expect: { device: hcalcs, cs08: { firmwareVersion: 0x20, result: 0 } }\n"
                + "  - expect: { device: hcalcs, cs08: { result: 1 } }\n"));
        assertEquals(new Step.ReadFirmwareVersion("hcalcs", new Position("t.yaml", 15, 5)), s.steps().get(0));
        assertEquals(new Expectation.Cs08("hcalcs", OptionalLong.of(0x20), OptionalInt.of(0),
                new Position("t.yaml", 16, 13)), ((Step.Expect) s.steps().get(1)).expectation());
        assertEquals(new Expectation.Cs08("hcalcs", OptionalLong.empty(), OptionalInt.of(1),
                new Position("t.yaml", 17, 13)), ((Step.Expect) s.steps().get(2)).expectation());
        assertEquals(List.of("t.yaml:15:38: steps[0].read-firmware-version.device: device 'ihd' is of type ihd; "
                + "CS08 reads a PPMID's or an HCALCS's firmware version (R7.11)"),
                problems(with(STEP, "  - read-firmware-version: { device: ihd }\n")));
        assertEquals(List.of("t.yaml:15:47: steps[0].expect.cs08.result: '2' is out of range 0..0x1"),
                problems(with(STEP, "  - expect: { device: hcalcs, cs08: { result: 2 } }\n")));
        assertEquals(List.of("t.yaml:15:37: steps[0].expect.cs08: expected firmwareVersion, result (0 read "
                + "success, 1 read failure) or both"), problems(with(STEP, "  - expect: { device: hcalcs, cs08: {} }\n")));
        assertEquals(List.of("t.yaml:15:23: steps[0].expect.device: device 'esme' is of type esme; CS08 reads a "
                + "PPMID's or an HCALCS's firmware version (R7.11)"),
                problems(with(STEP, "  - expect: { device: esme, cs08: { result: 0 } }\n")));
    }

    // ---- R7.12 ----

    @Test
    void r7_12_aCcs08ExpectationMayNameADeviceWithoutOta() throws ScenarioException {
        Scenario s = load(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, ota: false }")
                .replace(STEP, "  - distribute: { image: v2, to: ppmid }\n"
                        + "  - expect: { hub: { ccs08: { device: ppmid, code: 3 } } }\n"));
        assertEquals(new Expectation.HubCcs08("ppmid", 3, new Position("t.yaml", 16, 13)),
                ((Step.Expect) s.steps().get(1)).expectation());
    }

    // ---- R7.14 ----

    @Test
    void r7_14_downgradesAreAHubPolicyAndAProfileOption() throws ScenarioException {
        Scenario s = load(with(HUB, "hub: { eui: 00DB1234567890A2, downgrade: allow }")
                .replace(HCALCS_END, "imageType: 0x0201, profile: { refuseDowngrades: true } }"));
        assertEquals(OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE, s.topology().hub().downgrade());
        assertTrue(((DeviceSpec.Hcalcs) s.topology().device("hcalcs").orElseThrow()).profile().refuseDowngrades());
        assertEquals(List.of("t.yaml:3:44: topology.hub.downgrade: expected one of newer-only, allow, got 'always'"),
                problems(with(HUB, "hub: { eui: 00DB1234567890A2, downgrade: always }")));
    }

    // ---- R202.6, R202.7 ----

    @Test
    void r202_6_theInterimCplAndAManualFixAreScriptable() throws ScenarioException {
        Scenario s = load(with("images:", "inventory: { cpl: interim-cpl, offCpl: [v2] }\nimages:")
                .replace(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, preNotified: SMETS1, "
                        + "cplSmets1Firmware: 0xF0000100 }")
                .replace(STEP, "  - inventory-fix: { device: ppmid }\n"
                        + "  - inventory-fix: { device: ppmid, firmwareVersion: 0x100 }\n"
                        + "  - expect: { device: ppmid, inventory: { targetable: true } }\n"));
        assertEquals(new InventorySpec(CplMode.INTERIM, List.of("v2"), new Position("t.yaml", 10, 12)),
                s.inventory());
        assertEquals(OptionalLong.of(0xF000_0100L), ppmid(s).cplSmets1Firmware());
        assertEquals(new Step.InventoryFix("ppmid", OptionalLong.empty(), new Position("t.yaml", 16, 5)),
                s.steps().get(0));
        assertEquals(new Step.InventoryFix("ppmid", OptionalLong.of(0x100), new Position("t.yaml", 17, 5)),
                s.steps().get(1));
        assertEquals(new Expectation.Inventory("ppmid", OptionalLong.empty(), Optional.of(true),
                new Position("t.yaml", 18, 13)), ((Step.Expect) s.steps().get(2)).expectation());
    }

    @Test
    void r202_6_badInventoryValuesAreReportedWhereTheyAre() {
        assertEquals(List.of("t.yaml:10:19: inventory.cpl: expected one of enduring, interim-cpl, got 'interim'"), problems(with("images:", "inventory: { cpl: interim }\nimages:")));
        assertEquals(List.of("t.yaml:10:23: inventory.offCpl: unknown image 'v3' (did you mean 'v2'?); images are: v2"),
                problems(with("images:", "inventory: { offCpl: [v3] }\nimages:")));
        assertEquals(List.of("t.yaml:5:144: topology.devices[0].cplSmets1Firmware: the fictitious SMETS1 version "
                + "must differ from the real firmware version 0x100 (R202.6)"),
                problems(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, cplSmets1Firmware: 0x100 }")));
        assertEquals(List.of("t.yaml:15:30: steps[0].inventory-fix.device: device 'esme' is of type esme; the "
                + "inventory (SMI) holds the PPMIDs and HCALCS (R202.6)"),
                problems(with(STEP, "  - inventory-fix: { device: esme }\n")));
        assertEquals(List.of("t.yaml:15:41: steps[0].expect.inventory: expected firmwareVersion, targetable or both"),
                problems(with(STEP, "  - expect: { device: ppmid, inventory: {} }\n")));
    }

    /** R202.1: a model has one SMETS capability, so two PPMIDs of one OTA identity cannot differ in it. */
    @Test
    void r202_1_twoPpmidsOfOneModelWithDifferentSmetsCapabilitiesAreRefused() {
        String second = "\n    - { id: other, type: ppmid, eui: 00DB1234567890A7, manufacturerCode: 0x1234, "
                + "imageType: 0x0101, firmwareVersion: 0x100, smets: SMETS1 }";
        List<String> p = problems(with(PPMID_END, PPMID_END + second));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("t.yaml:6:7: topology.devices[1].smets: S1 differs from DUAL of 'ppmid' (t.yaml:5:7)"),
                p.get(0));
        // Another image type is another model: accepted.
        assertTrue(assertDoesNotThrowLoad(with(PPMID_END, PPMID_END + second.replace("0x0101", "0x0102"))));
    }

    /** R202.4, R7.2: a refusal and its reason can be expected; an unknown reason is a load error where it is. */
    @Test
    void r202_4_aRefusalAndItsReasonCanBeExpected() throws ScenarioException {
        Scenario s = load(with(STEP, "  - expect: { device: ppmid, refused: PPMID_NOT_SMETS2_CAPABLE }\n"));
        Expectation.Refused r = (Expectation.Refused) ((Step.Expect) s.steps().get(0)).expectation();
        assertEquals("ppmid", r.device());
        assertEquals("PPMID_NOT_SMETS2_CAPABLE", r.reason());
        List<String> p = problems(with(STEP, "  - expect: { device: ppmid, refused: IHD_EXCLUDE }\n"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("t.yaml:15:39: steps[0].expect.refused: expected one of any, "), p.get(0));
        assertTrue(p.get(0).contains("did you mean 'IHD_EXCLUDED'"), p.get(0));
    }

    private static boolean assertDoesNotThrowLoad(String yaml) {
        try {
            load(yaml);
            return true;
        } catch (ScenarioException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    // ---- keys the runner cannot honour are errors ----

    @Test
    void g5_theHubEndpointIsConfigurableAndItsHanOptionsAreRead() throws ScenarioException {
        assertEquals(1, load(with(HUB, "hub: { eui: 00DB1234567890A2, endpoint: 1 }")).topology().hub().endpoint());
        HubSpec h = load(with(HUB, "hub: { eui: 00DB1234567890A2, endpoint: 0x7B, endpointDiscovery: true, "
                + "timeSync: 6h, assumesEndpoint1: [ppmid], clocks: [ { device: ihd, offsetSeconds: -600, "
                + "driftPpm: 12.5 } ] }")).topology().hub();
        assertEquals(0x7B, h.endpoint());
        assertEquals(true, h.han().endpointDiscovery());
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(6)), h.han().timeSync());
        assertEquals(List.of("ppmid"), h.han().assumesEndpoint1());
        assertEquals("ihd", h.han().clocks().get(0).device());
        assertEquals(-600, h.han().clocks().get(0).offsetSeconds());
        assertEquals(12.5, h.han().clocks().get(0).driftPpm());
        assertEquals(List.of("t.yaml:3:43: topology.hub.endpoint: endpoints are 1..0xF0"),
                problems(with(HUB, "hub: { eui: 00DB1234567890A2, endpoint: 0 }")));
        List<String> p = problems(with(HUB, "hub: { eui: 00DB1234567890A2, assumesEndpoint1: [nosuch], "
                + "clocks: [ { device: ihd, driftPpm: fast } ] }"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("clocks[0].driftPpm: expected parts per million")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.contains("assumesEndpoint1: no device 'nosuch'")), p.toString());
    }

    @Test
    void r56_6_aGpfVersionOtherThanItsChtsIsRefusedNotIgnored() throws ScenarioException {
        Scenario s = load(with(HUB, "hub: { eui: 00DB1234567890A2, chts: \"1.4\" }"));
        assertEquals(new SpecVersion("CHTS", 1, 4), ((DeviceSpec.Gpf) s.topology().device("gpf").orElseThrow())
                .spec(), "the GPF's version is its CH's");
        load(with("type: gpf, eui: 00DB1234567890A3 }", "type: gpf, eui: 00DB1234567890A3, spec: \"CHTS 1.5\" }"));
        assertEquals(List.of("t.yaml:9:58: topology.devices[4].spec: the GPF runs in the CH, so its version is the "
                + "hub's chts (CHTS 1.5), got CHTS 1.4; set topology.hub.chts instead"),
                problems(with("type: gpf, eui: 00DB1234567890A3 }",
                        "type: gpf, eui: 00DB1234567890A3, spec: \"CHTS 1.4\" }")));
    }

    @Test
    void r56_4_anExtraStoreNoDeviceKeepsIsRefusedNotIgnored() {
        assertEquals(List.of("t.yaml:7:73: topology.devices[2].profile.extras.topUpHistry: unknown extra store "
                + "'topUpHistry' (did you mean 'topUpHistory'?); the modelled extras are: topUpHistory, debtRecovery"),
                problems(with("type: ihd, eui: 00DB1234567890A5 }",
                        "type: ihd, eui: 00DB1234567890A5, profile: { extras: { topUpHistry: } } }")));
        assertEquals(List.of("t.yaml:6:114: unknown key 'extras' in topology.devices[1].profile; expected one of: "
                + "blockSize, quirks, refuseDowngrades"),
                problems(with(HCALCS_END, "imageType: 0x0201, profile: { extras: { topUpHistory: } } }")));
    }

    @Test
    void r7_12_clientKeysOfAPpmidWithoutOtaAreRefusedNotIgnored() throws ScenarioException {
        // extras stay: occupier data does not need an OTA client
        load(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, ota: false, "
                + "profile: { extras: { topUpHistory: } } }"));
        assertEquals(List.of("t.yaml:5:148: topology.devices[0].profile.quirks: a ppmid with ota: false has no OTA "
                + "client, so this key would change nothing (R7.12)", "t.yaml:5:162: topology.devices[0]"
                + ".newImagesFailToBoot: a ppmid with ota: false has no OTA client, so no image is activated (R7.12)"),
                problems(with(PPMID_END, "imageType: 0x0101, firmwareVersion: 0x100, ota: false, "
                        + "profile: { quirks: [] }, newImagesFailToBoot: true }")));
    }

    @Test
    void r7_8_r7_10_theChsTimeoutsAndReadBackAreHubKeys() throws ScenarioException {
        assertEquals(HubSpec.Timing.DEFAULT, load(BASE).topology().hub().timing());
        HubSpec.Timing t = load(with(HUB, "hub: { eui: 00DB1234567890A2, notifyTimeout: 2m, stallTimeout: 90s, "
                + "maxFailures: 1, readBackDelay: 0s, readBackAttempts: 5 }")).topology().hub().timing();
        assertEquals(new HubSpec.Timing(Duration.ofMinutes(2), Duration.ofSeconds(90), 1, Duration.ZERO, 5), t);
        assertEquals(List.of("t.yaml:3:46: topology.hub.maxFailures: must be at least 1",
                "t.yaml:3:63: topology.hub.stallTimeout: must be above zero, e.g. 1ms"),
                problems(with(HUB, "hub: { eui: 00DB1234567890A2, maxFailures: 0, stallTimeout: 0s }")));
    }

    @Test
    void r56_2_r56_6_cotThresholdsAndThePollIntervalAreDeviceKeys() throws ScenarioException {
        Scenario s = load(with("type: ihd, eui: 00DB1234567890A5 }",
                "type: ihd, eui: 00DB1234567890A5, spec: \"IHDTS 4.0\", cotFrom: \"IHDTS 4.0\", cotPollInterval: 2h }")
                .replace("type: esme, eui: 00DB1234567890A1 }", "type: esme, eui: 00DB1234567890A1, cotFrom: \"ESMETS 5.0\" }")
                .replace("type: gpf, eui: 00DB1234567890A3 }", "type: gpf, eui: 00DB1234567890A3, cotFrom: \"CHTS 1.6\" }"));
        assertEquals(new DeviceSpec.CotSettings(new SpecVersion("IHDTS", 4, 0), Duration.ofHours(2)),
                ((DeviceSpec.Ihd) s.topology().device("ihd").orElseThrow()).cot());
        assertEquals(new DeviceSpec.CotSettings(new SpecVersion("PPMIDTS", 5, 0), Duration.ofMinutes(30)), ppmid(s).cot());
        assertEquals(new SpecVersion("ESMETS", 5, 0), ((DeviceSpec.Esme) s.topology().device("esme").orElseThrow())
                .cotFrom());
        assertEquals(new SpecVersion("CHTS", 1, 6), ((DeviceSpec.Gpf) s.topology().device("gpf").orElseThrow())
                .cotFrom());
        assertEquals(List.of("t.yaml:5:134: topology.devices[0].cotFrom: expected 'PPMIDTS x.y' (e.g. PPMIDTS 5.0), "
                + "got 'IHDTS 5.0'"), problems(with(PPMID_END,
                "imageType: 0x0101, firmwareVersion: 0x100, cotFrom: \"IHDTS 5.0\" }")));
        assertEquals(List.of("t.yaml:7:69: topology.devices[2].cotPollInterval: expected whole seconds, at least 1s, "
                + "got '500ms'"), problems(with("type: ihd, eui: 00DB1234567890A5 }",
                "type: ihd, eui: 00DB1234567890A5, cotPollInterval: 500ms }")));
    }
}

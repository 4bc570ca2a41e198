package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.inventory.CplMode;
import io.hansim.device.inventory.PpmidSmetsCapability;
import io.hansim.device.inventory.SmetsVersion;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's model and every kind of mistake it reports, with exact line:column (issue 7). */
class ScenarioLoaderTest {

    /** A valid scenario; tests replace one piece so every other line and column stays put. */
    static final String VALID = """
            name: t
            seed: 7
            topology:
              hub: { eui: 00DB1234567890A2, smets: SMETS1, blockSize: 48 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101, hardwareVersion: 2, firmwareVersion: 0x100, smets: DUAL, preNotified: SMETS1, spec: "PPMIDTS 5.0", profile: { blockSize: 32, quirks: [IGNORES_NOTIFY], extras: { topUpHistory: { clearOnCoT: false } } } }
                - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
            images:
              - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200, size: 1KiB, hardware: [1, 3] } }
            faults:
              - { link: [hub, ppmid], loss: 5%, duplicate: 0.5, windows: [ { from: 10m, to: 12m } ] }
            steps:
              - distribute: { image: v2, to: ppmid }
              - wait: 90s
              - await: { device: ppmid, imageUpgradeStatus: DOWNLOAD_COMPLETE, timeout: 2h }
              - expect: { device: ppmid, firmwareVersion: 0x200 }
              - change-of-tenancy: { at: 2026-12-01T00:00:00Z }
              - expect: { device: ihd, storedData: { kind: supplierMessages, before: cot, count: 0 } }
            """;

    /**
     * Bad scenario text is an error with its position, never a crash: a supplier message whose text
     * is a list (not a string) threw a NullPointerException out of the loader before the step kinds
     * (issue 15, found while moving the step into its kind).
     */
    @Test
    void badInput_supplierMessageTextThatIsNotAStringIsAnErrorWithItsPosition() {
        String yaml = """
                name: t
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
                steps:
                  - supplier-message: { to: ihd, text: [a, b] }
                """;
        assertEquals(List.of("t.yaml:7:40: steps[0].supplier-message.text: expected the message text, got a list"),
                problems(yaml));
    }

    private static Position at(int line, int column) {
        return new Position("t.yaml", line, column);
    }

    private static Scenario load(String yaml) throws ScenarioException {
        return ScenarioLoader.parse(yaml, "t.yaml", Path.of("."));
    }

    /** The problems of a broken variant of {@link #VALID}, as the CLI prints them. */
    private static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(yaml));
        return e.problems().stream().map(ScenarioProblem::toString).toList();
    }

    private static String replace(String from, String to) {
        assertTrue(VALID.contains(from), from);
        return VALID.replace(from, to);
    }

    @Test
    void validScenarioMapsToTheExpectedModel() throws ScenarioException {
        Scenario s = load(VALID);
        HubSpec hub = new HubSpec(0x00DB1234567890A2L, SmetsVersion.SMETS1, new SpecVersion("CHTS", 1, 5),
                0x0001_0000L, 4, 48, 1, true, 4L << 20, OtaServerConfig.EvictionPolicy.REFUSE,
                OtaServerConfig.DowngradePolicy.NEWER_ONLY, OtaServerConfig.MissingHardwareVersionPolicy.SERVE,
                HubSpec.Timing.DEFAULT, at(4, 8));
        DeviceSpec ppmid = new DeviceSpec.Ppmid("ppmid", 0x00DB1234567890A4L, 0x1234, 0x0101, OptionalInt.of(2),
                0x100, PpmidSmetsCapability.DUAL, SmetsVersion.SMETS1, new SpecVersion("PPMIDTS", 5, 0), true, false,
                new OtaProfileSpec(32, List.of(ClientQuirk.IGNORES_NOTIFY),
                        List.of(new ExtraStore("topUpHistory", false, at(6, 262))), false, false, at(6, 209)),
                OptionalLong.empty(), new DeviceSpec.CotSettings(new SpecVersion("PPMIDTS", 5, 0),
                        Duration.ofMinutes(30)), at(6, 7));
        DeviceSpec ihd = new DeviceSpec.Ihd("ihd", 0x00DB1234567890A5L, 1, new SpecVersion("IHDTS", 5, 0), List.of(),
                new DeviceSpec.CotSettings(new SpecVersion("IHDTS", 5, 0), Duration.ofMinutes(30)), at(7, 7));
        ImageSpec v2 = new ImageSpec.Generated("v2", 0x1234, 0x0101, 0x200, 1024,
                Optional.of(new ImageSpec.HardwareRange(1, 3)), Optional.empty(), at(9, 5));
        FaultSpec fault = new FaultSpec("hub", "ppmid", 5.0, 50.0, 0.0, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofSeconds(2),
                List.of(new FaultSpec.Window(Duration.ofMinutes(10), Duration.ofMinutes(12), true, at(11, 64))),
                at(11, 5));
        List<Step> steps = List.of(
                new Step.Distribute("v2", List.of("ppmid"), Step.Route.GBCS, at(13, 5)),
                new Step.Wait(Duration.ofSeconds(90), at(14, 5)),
                new Step.Await("ppmid", ImageUpgradeStatus.DOWNLOAD_COMPLETE, Duration.ofHours(2), at(15, 5)),
                new Step.Expect(new Expectation.FirmwareVersion("ppmid", 0x200, at(16, 13)), at(16, 5)),
                new Step.ChangeOfTenancy(Instant.parse("2026-12-01T00:00:00Z"), 0x200, at(17, 5)),
                new Step.Expect(new Expectation.StoredData("ihd", "supplierMessages",
                        new Expectation.Cutoff.LastChangeOfTenancy(), 0, at(18, 13)), at(18, 5)));
        Scenario expected = new Scenario("t", 7, new Topology(hub, List.of(ppmid, ihd), at(4, 3)), List.of(v2),
                List.of(fault), steps, new InventorySpec(CplMode.ENDURING, List.of(), at(1, 1)), at(1, 1));
        assertEquals(expected, s);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        assertEquals(List.of("t.yaml:4:48: unknown key 'blokSize' in topology.hub (did you mean 'blockSize'?); "
                + "expected one of: assumesEndpoint1, blockSize, chts, clocks, downgrade, endpoint, endpointDiscovery, "
                + "eui, firmwareVersion, identities, imageBuffer, imageBufferBytes, imageBufferPolicy, maxFailures, "
                + "missingHardwareVersion, newFirmwareFlag, notifyTimeout, otaForHanDevices, readBackAttempts, "
                + "readBackDelay, readIdentityAtJoin, smets, stallTimeout, timeSync, tunnelMaxTransferSize, tunnelProtocolId, "
                + "tunnelPutsPerGet, tunnelQueueLimit"), problems(replace("blockSize: 48 }", "blokSize: 48 }")));
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        assertEquals(List.of("t.yaml:4:59: topology.hub.blockSize: expected a number from 0 to 0xFF (decimal or "
                + "0x-hex), got a list"), problems(replace("blockSize: 48 }", "blockSize: [48] }")));
        assertEquals(List.of("t.yaml:14:11: steps[1].wait: expected a duration such as 500ms, 30s, 10m, 2h or 1d, "
                + "got '90'"), problems(replace("wait: 90s", "wait: 90")));
    }

    @Test
    void missingRequiredKeyPointsAtItsMapping() {
        assertEquals(List.of("t.yaml:7:7: topology.devices[1]: missing required key 'eui' (16 hex digits)"),
                problems(replace("type: ihd, eui: 00DB1234567890A5", "type: ihd")));
    }

    @Test
    void unknownDeviceInAStepListsTheDevices() {
        assertEquals(List.of("t.yaml:13:34: steps[0].distribute.to: unknown device 'ppmd' (did you mean 'ppmid'?); "
                + "devices are: ppmid, ihd"), problems(replace("to: ppmid }", "to: ppmd }")));
    }

    @Test
    void unknownImageInAStepListsTheImages() {
        assertEquals(List.of("t.yaml:13:26: steps[0].distribute.image: unknown image 'v3' (did you mean 'v2'?); "
                + "images are: v2"), problems(replace("image: v2,", "image: v3,")));
    }

    @Test
    void distributeToADeviceWithoutOtaClientLoadsSoTheChCanRefuseIt() {
        // R7.2: the refusal happens in the run (the CH excludes IHDs), so the file is valid
        Scenario s = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> load(replace("to: ppmid }", "to: ihd }")));
        assertEquals(List.of("ihd"), ((Step.Distribute) s.steps().get(0)).to());
    }

    @Test
    void versionAbove32BitsIsOutOfRange() {
        assertEquals(List.of("t.yaml:9:85: images[0].generate.fileVersion: '0x100000000' is out of range "
                + "0..0xFFFFFFFF"), problems(replace("fileVersion: 0x200", "fileVersion: 0x100000000")));
    }

    @Test
    void r7_6_reversedHardwareRangeIsRefused() {
        assertEquals(List.of("t.yaml:9:114: images[0].generate.hardware: range reversed: minimum 3 > maximum 1 "
                + "(write [minimum, maximum])"), problems(replace("hardware: [1, 3]", "hardware: [3, 1]")));
    }

    @Test
    void r7_8_lossAboveHundredPercentIsRefused() {
        assertEquals(List.of("t.yaml:11:33: faults[0].loss: '150%' is out of range 0%..100% (a bare number is a "
                + "fraction: 0.05 = 5%)"), problems(replace("loss: 5%", "loss: 150%")));
        assertEquals(List.of("t.yaml:11:33: faults[0].loss: '5' is out of range 0%..100% (a bare number is a "
                + "fraction: 0.05 = 5%)"), problems(replace("loss: 5%", "loss: 5")));
    }

    @Test
    void negativeDurationIsRefused() {
        assertEquals(List.of("t.yaml:15:77: steps[2].await.timeout: a duration must not be negative, got '-2h'"),
                problems(replace("timeout: 2h", "timeout: -2h")));
    }

    @Test
    void windowEndingBeforeItStartsIsRefused() {
        assertEquals(List.of("t.yaml:11:81: faults[0].windows[0].to: the window ends before it starts (from PT10M, "
                + "to PT8M)"), problems(replace("to: 12m", "to: 8m")));
    }

    @Test
    void duplicateDeviceIdNamesTheFirst() {
        assertEquals(List.of("t.yaml:7:7: topology.devices[1].id: duplicate device id 'ppmid' (first at t.yaml:6:7)",
                "t.yaml:18:23: steps[5].expect.device: unknown device 'ihd'; devices are: ppmid"),
                problems(replace("id: ihd, type: ihd", "id: ppmid, type: ihd")));
    }

    @Test
    void duplicateEuiNamesTheOtherDevice() {
        assertEquals(List.of("t.yaml:7:7: topology.devices[1].eui: duplicate EUI-64 00DB1234567890A4 (device 'ppmid' "
                + "at t.yaml:6:7)"), problems(replace("eui: 00DB1234567890A5", "eui: 00DB1234567890A4")));
    }

    @Test
    void duplicateYamlKeyIsAMistakeNotAnOverride() {
        assertEquals(List.of("t.yaml:3:1: duplicate key 'seed' (first at t.yaml:2:1)"),
                problems(VALID.replace("seed: 7\n", "seed: 7\nseed: 8\n")));
    }

    @Test
    void missingImageFileIsReportedWithTheResolvedPath(@TempDir Path dir) throws IOException {
        String yaml = replace("generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x200, size: "
                + "1KiB, hardware: [1, 3] }", "file: images/none.ota");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "t.yaml", dir));
        assertEquals(List.of("t.yaml:9:21: images[0].file: no such image file: " + dir.resolve("images/none.ota")
                + " (paths are relative to the scenario file)"),
                e.problems().stream().map(ScenarioProblem::toString).toList());

        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/none.ota"), new byte[] {1});
        Files.writeString(dir.resolve("s.yaml"), yaml);
        Scenario s = assertDoesNotThrow(() -> ScenarioLoader.load(dir.resolve("s.yaml")));
        assertEquals(new ImageSpec.File("v2", dir.resolve("images/none.ota"), new Position(
                dir.resolve("s.yaml").toString(), 9, 5)), s.images().get(0));
    }

    private static Scenario assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<Scenario> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    @Test
    void yamlSyntaxErrorCarriesItsLocation() {
        assertEquals(List.of("t.yaml:15:10: YAML syntax error: while parsing a flow mapping "
                + "(started at 14:11): expected ',' or '}', but got :"), problems(replace("- wait: 90s", "- wait: { 90s")).subList(0, 1));
    }

    @Test
    void everyMistakeIsReportedInFileOrder() {
        String yaml = replace("blockSize: 48 }", "blokSize: 48 }")
                .replace("fileVersion: 0x200,", "fileVersion: 0x100000000,")
                .replace("to: ppmid }", "to: ppmd }")
                .replace("timeout: 2h", "timeout: -2h");
        List<String> p = problems(yaml);
        assertEquals(4, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("t.yaml:4:48: unknown key 'blokSize'"), p.get(0));
        assertTrue(p.get(1).startsWith("t.yaml:9:85: images[0].generate.fileVersion"), p.get(1));
        assertTrue(p.get(2).startsWith("t.yaml:13:34: steps[0].distribute.to: unknown device 'ppmd'"), p.get(2));
        assertTrue(p.get(3).startsWith("t.yaml:15:77: steps[2].await.timeout"), p.get(3));
    }

    @Test
    void r56_4_extrasDefaultToClearOnCoT() throws ScenarioException {
        Scenario s = load(replace("topUpHistory: { clearOnCoT: false }", "topUpHistory: {}, debtRecovery: "));
        DeviceSpec.Ppmid p = (DeviceSpec.Ppmid) s.topology().device("ppmid").orElseThrow();
        assertEquals(List.of(true, true), p.profile().extras().stream().map(ExtraStore::clearOnCoT).toList());
        assertEquals(List.of("topUpHistory", "debtRecovery"),
                p.profile().extras().stream().map(ExtraStore::name).toList());
    }

    @Test
    void r56_6_specVersionMustNameTheDevicesDocument() {
        assertEquals(List.of("t.yaml:6:185: topology.devices[0].spec: expected 'PPMIDTS x.y' (e.g. PPMIDTS 5.0), "
                + "got 'IHDTS 5.0'"), problems(replace("\"PPMIDTS 5.0\"", "\"IHDTS 5.0\"")));
    }

    @Test
    void r202_1_ppmidSmetsCapabilityIsOneOfThree() {
        assertEquals(List.of("t.yaml:6:152: topology.devices[0].smets: expected one of SMETS1, SMETS2+, DUAL, got "
                + "'DUEL' (did you mean 'DUAL'?)"), problems(replace("smets: DUAL", "smets: DUEL")));
    }

    @Test
    void storedDataKindMustBeAStoreOfTheDevice() {
        assertEquals(List.of("t.yaml:18:48: steps[5].expect.storedData.kind: unknown store 'topUpHistory' of device "
                + "'ihd'; expected one of: consumptionHistory, supplierMessages"),
                problems(replace("kind: supplierMessages", "kind: topUpHistory")));
    }

    @Test
    void aBrokenDeviceIsReportedOnceNotAtEveryReference() {
        assertEquals(List.of("t.yaml:7:7: topology.devices[1]: missing required key 'eui' (16 hex digits)"),
                problems(replace("type: ihd, eui: 00DB1234567890A5", "type: ihd")));
        assertEquals(List.of("t.yaml:7:24: topology.devices[1].type: expected one of ppmid, ihd, hcalcs, esme, gpf, gsme, "
                + "external, got 'ihdd' (did you mean 'ihd'?)"), problems(replace("type: ihd", "type: ihdd")));
    }

    @Test
    void expectNeedsExactlyOneSubjectAndOneCheck() {
        assertEquals(List.of("t.yaml:16:13: steps[3].expect: with device, expected exactly one of firmwareVersion, "
                + "imageUpgradeStatus, attribute, storedData, cs08, inventory, refused, clock, discovered, identity, "
                + "cs11, eventLog, wakes, status or portFailure, got firmwareVersion, imageUpgradeStatus"),
                problems(replace("firmwareVersion: 0x200 }", "firmwareVersion: 0x200, imageUpgradeStatus: NORMAL }")));
        assertEquals(List.of("t.yaml:16:5: steps[3]: expected one step such as '- wait: 10m', a mapping with exactly "
                + "one of: activate, await, change-of-tenancy, clear-event-log, distribute, expect, inventory-fix, local-upgrade, mark, notify, "
                + "power-cut, power-on, read-firmware-version, supplier-message, top-up, wait; "
                + "got the keys expect, wait"), problems(replace("  - expect: { device: ppmid, firmwareVersion: 0x200 }",
                "  - { expect: { device: ppmid, firmwareVersion: 0x200 }, wait: 1m }").replace("- { expect", "- { expect")));
    }

    @Test
    void occupierDataStepsGoToTheRightDevices() throws ScenarioException {
        Scenario ok = load(VALID.replace("  - wait: 90s\n", "  - supplier-message: { to: ihd, text: \"Hello\" }\n"
                + "  - top-up: { device: ppmid, amount: 500 }\n"));
        assertTrue(ok.steps().stream().anyMatch(st -> st instanceof Step.SupplierMessage m
                && m.device().equals("ihd") && m.text().equals("Hello")));
        assertTrue(ok.steps().stream().anyMatch(st -> st instanceof Step.TopUp t && t.amountPence() == 500
                && t.device().equals("ppmid")));
        List<String> p = problems(VALID.replace("  - wait: 90s\n", "  - top-up: { device: ihd, amount: 5 }\n"));
        assertEquals(1, p.size(), p.toString());
        assertEquals("t.yaml:14:23: steps[1].top-up.device: device 'ihd' is of type ihd; a top-up is recorded by a "
                + "ppmid (R56.4)", p.get(0));
        List<String> q = problems(VALID.replace("  - wait: 90s\n", "  - supplier-message: { to: ihd }\n"));
        assertEquals(1, q.size(), q.toString());
        assertTrue(q.get(0).contains("steps[1].supplier-message: missing required key 'text'"), q.get(0));
    }

    @Test
    void emptyValueOfARequiredKeySaysSo() {
        assertEquals(List.of("t.yaml:15:68: steps[2].await.timeout: expected a duration such as 2h, got nothing"),
                problems(replace("timeout: 2h", "timeout: ~")));
    }

    @Test
    void duplicateImageIdNamesTheFirst() {
        String second = "  - { id: v2, generate: { manufacturerCode: 1, imageType: 1, fileVersion: 1, size: 1 } }\n";
        List<String> p = problems(VALID.replace("faults:\n", second + "faults:\n"));
        assertEquals(List.of("t.yaml:10:5: images[1].id: duplicate image id 'v2' (first at t.yaml:9:5)"), p);
    }

    @Test
    void unreadableFilesAreProblemsToo(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("none.yaml");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(missing));
        // A problem with the whole file names the file, without a made-up 0:0 (issue 14 item 7).
        assertEquals(missing.toString(), e.problems().get(0).position().toString());
        assertTrue(e.problems().get(0).message().startsWith("cannot read the scenario file"), e.getMessage());

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(latin1));
        assertEquals(List.of(latin1 + ": the file is not UTF-8 text: the first bad byte, 0xE9, is at byte offset 6"),
                e.problems().stream().map(ScenarioProblem::toString).toList());
    }

    /** Decision 0025: discovery and a daily time sync are the defaults; the hub keys turn them off. */
    @org.junit.jupiter.api.Test
    void g4_g5_discoveryAndDailyTimeSyncAreTheDefaultAndTheHubKeysTurnThemOff() throws Exception {
        HubSpec.Han defaults = load(VALID).topology().hub().han();
        assertEquals(true, defaults.endpointDiscovery());
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(24)), defaults.timeSync());
        HubSpec.Han off = load(VALID.replace("blockSize: 48 }", "blockSize: 48, endpointDiscovery: false, timeSync: off }"))
                .topology().hub().han();
        assertEquals(false, off.endpointDiscovery());
        assertEquals(java.util.Optional.empty(), off.timeSync());
        HubSpec.Han six = load(VALID.replace("blockSize: 48 }", "blockSize: 48, timeSync: 6h }")).topology().hub().han();
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(6)), six.timeSync());
        assertEquals(java.util.Optional.of(java.time.Duration.ZERO),
                load(VALID.replace("blockSize: 48 }", "blockSize: 48, timeSync: at-join }")).topology().hub().han().timeSync());
    }
}

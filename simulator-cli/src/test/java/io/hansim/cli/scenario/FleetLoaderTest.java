package io.hansim.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.device.fleet.FleetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FleetLoaderTest {
    private static final Path ROOT = Path.of(System.getProperty("hansim.root", ".."));

    static final String VALID = """
            name: test fleet
            seed: 7
            hubs: 12
            devices: { ppmids: [1, 3], ihds: 1, hcalcs: 1, dualMode: 50%, legacy: 0.1 }
            images:
              ppmid: { from: 0x01000001, to: 0x01000002, size: 4KiB }
              hcalcs: { from: 0x02000001, to: 0x02000002, size: 2048 }
            rollout:
              waves: [ { start: 0s, share: 25% }, { start: 2h, share: 75% } ]
              rate: 60
              chBuffer: 4MiB
              maxConcurrentTransfers: 2
              hubTimeout: 24h
            faults:
              - { name: clean, weight: 2 }
              - { name: lossy, loss: 5%, duplicate: 1%, delay: [5ms, 80ms], powerCuts: 20%, bootFailures: 10%,
                  hardwareMismatch: 5% }
            successThreshold: 90%
            """;

    @Test
    void aValidFileGivesTheSpec() throws ScenarioException {
        FleetSpec s = FleetLoader.parse(VALID, "t.yaml");
        assertEquals("test fleet", s.name());
        assertEquals(7, s.seed());
        assertEquals(12, s.hubs());
        assertEquals(new FleetSpec.DeviceMix(1, 3, 1, 1, 0.5, 0.1), s.mix());
        assertEquals(new FleetSpec.FleetImage(0x01000001L, 0x01000002L, 4096), s.ppmidImage());
        assertEquals(2048, s.hcalcsImage().size());
        assertEquals(List.of(new FleetSpec.Wave(0, 25), new FleetSpec.Wave(7_200_000_000L, 75)), s.rollout().waves());
        assertEquals(60, s.rollout().hubsPerHour());
        assertEquals(4 << 20, s.rollout().chBufferBytes());
        assertEquals(2, s.rollout().maxConcurrentTransfers());
        assertEquals(24 * 3_600_000_000L, s.hubTimeout());
        assertEquals(new FleetSpec.FaultProfile("lossy", 1, 5, 1, 5_000, 80_000, 0.2, 0.1, 0.05), s.faults().get(1));
        assertEquals(10_000, s.faults().get(0).minDelay());
        assertEquals(0.9, s.successThreshold(), 1e-12);
    }

    @Test
    void everyMistakeIsReportedWithItsLineAndColumn() {
        String text = VALID.replace("hubs: 12", "hubs: twelve")
                .replace("ihds: 1,", "ihdz: 1,")
                .replace("size: 4KiB", "size: 4 kb")
                .replace("loss: 5%", "loss: 5")
                .replace("start: 2h", "start: -2h");
        ScenarioException e = assertThrows(ScenarioException.class, () -> FleetLoader.parse(text, "t.yaml"));
        List<String> lines = e.problems().stream().map(ScenarioProblem::toString).toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertEquals("t.yaml:3:7: hubs: expected a number (decimal or 0x-hex), got 'twelve'", lines.get(0));
        assertTrue(lines.get(1).startsWith("t.yaml:4:28: unknown key 'ihdz' in devices (did you mean 'ihds'?)"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("t.yaml:6:52: images.ppmid.size: expected a size"), lines.get(2));
        assertTrue(lines.get(3).startsWith("t.yaml:9:48: rollout.waves[1].start: a duration must not be negative"),
                lines.get(3));
        assertTrue(lines.get(4).startsWith("t.yaml:16:26: faults[1].loss: '5' is out of range"), lines.get(4));
    }

    @Test
    void missingSectionsAndInconsistentValuesAreNamed() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> FleetLoader.parse("name: x\nhubs: 0\ndevices: { hcalcs: 1 }\nimages: { ppmid: { from: 2, to: 1, size: 1 } }\n",
                        "t.yaml"));
        String all = e.getMessage();
        assertTrue(all.contains("t.yaml:2:7: hubs: at least 1"), all);
        assertTrue(all.contains("images.ppmid.to: must be above from"), all);
        assertTrue(all.contains("images: the devices include HCALCS, so an hcalcs image is needed"), all);
        assertTrue(all.contains("missing required key 'rollout'"), all);
    }

    @Test
    void yamlSyntaxErrorsComeFromTheScenarioReader() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> FleetLoader.parse("hubs: [1,\n", "t.yaml"));
        assertTrue(e.getMessage().startsWith("t.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("YAML syntax error") || e.getMessage().contains("ends inside"),
                e.getMessage());
    }

    @Test
    void theFleetExamplesLoad() throws IOException, ScenarioException {
        List<Path> fleets;
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            fleets = s.filter(p -> p.getFileName().toString().startsWith("fleet-")).sorted().toList();
        }
        assertTrue(fleets.contains(ROOT.resolve("examples/fleet-100k.yaml")), fleets.toString());
        assertTrue(fleets.contains(ROOT.resolve("examples/fleet-small.yaml")), fleets.toString());
        for (Path p : fleets) {
            assertFalse(FleetLoader.load(p).name().isEmpty(), p.toString());
        }
        FleetSpec big = FleetLoader.load(ROOT.resolve("examples/fleet-100k.yaml"));
        // Issue 8's target: 100 000 PPMIDs, 256 KiB each, 5 % loss.
        assertEquals(100_000, big.hubs() * (long) big.mix().ppmidsMax());
        assertEquals(big.mix().ppmidsMin(), big.mix().ppmidsMax());
        assertEquals(256 * 1024, big.ppmidImage().size());
        assertEquals(List.of(5.0), big.faults().stream().map(FleetSpec.FaultProfile::lossPercent).toList());
        assertNull(big.hcalcsImage());
    }

    @Test
    void theReferencePagesFleetExamplesLoadAndItNamesEveryKey() throws IOException, ScenarioException {
        String page = Files.readString(ROOT.resolve("docs/scenario-format.md"));
        int blocks = 0;
        for (int start = page.indexOf("```yaml fleet\n"); start >= 0;
                start = page.indexOf("```yaml fleet\n", start + 1)) {
            int end = page.indexOf("```", start + 14);
            FleetLoader.parse(page.substring(start + 14, end), "docs/scenario-format.md#fleet" + ++blocks);
        }
        assertTrue(blocks > 0, "the reference page has a fleet example");
        for (var e : FleetLoader.knownKeys().entrySet()) {
            for (String key : e.getValue()) {
                assertTrue(page.contains("`" + key + "`"), "docs/scenario-format.md does not name `" + key + "`");
            }
        }
    }
}

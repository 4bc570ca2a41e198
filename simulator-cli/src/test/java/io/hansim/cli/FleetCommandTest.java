package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("hansim.root", ".."));

    static final String FLEET = """
            name: cli fleet
            seed: %d
            hubs: 10
            devices: { ppmids: [1, 2], ihds: 1, hcalcs: 1, legacy: 20%% }
            images:
              ppmid: { from: 0x01000001, to: 0x01000002, size: 2KiB }
              hcalcs: { from: 0x02000001, to: 0x02000002, size: 1KiB }
            rollout: { rate: 100 }
            faults:
              - { name: clean, weight: 1 }
              - { name: lossy, weight: 1, loss: 5%%, delay: [5ms, 50ms], powerCuts: 30%% }
            successThreshold: %s
            """;

    private static Path write(Path dir, String name, long seed, String threshold) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.format(FLEET, seed, threshold));
        return f;
    }

    /** Issue 8: a fleet's results are identical for 1 and 2 worker threads with the same seed. */
    @Test
    void jsonSummaryIsTheSameForOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Path f = write(dir, "f.yaml", 5, "50%");
        Cli one = Cli.run("fleet", f.toString(), "--threads", "1", "--quiet", "--report", "json",
                dir.resolve("one.json").toString());
        Cli two = Cli.run("fleet", f.toString(), "--threads", "2", "--quiet", "--report", "json",
                dir.resolve("two.json").toString());
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, two.exit(), two.err());
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(dir.resolve("one.json").toFile());
        JsonNode b = m.readTree(dir.resolve("two.json").toFile());
        assertEquals(a.get("summary"), b.get("summary"));
        assertEquals(1, a.get("run").get("threads").asInt());
        assertEquals(2, b.get("run").get("threads").asInt());
        assertTrue(a.get("run").get("wallTimeSeconds").asDouble() > 0);
        assertTrue(a.get("run").get("peakHeapBytes").asLong() > 0);
        JsonNode s = a.get("summary");
        assertEquals(10, s.get("hubs").asInt());
        assertEquals(10, s.get("devices").get("ihd").asInt());
        assertTrue(s.get("upgraded").asLong() > 0);
        assertTrue(s.get("hanFrames").asLong() > 0);
        assertTrue(s.get("timeToUpgradeSeconds").get("p50").asDouble() > 0);
        assertTrue(s.get("leftOnOldImage").has("IHD: excluded from OTA (R7.2)"));
        // The printed summary without its last line (wall time, CPU time, memory) is the same too.
        assertEquals(withoutRunLine(one.out()), withoutRunLine(two.out()));
        assertTrue(one.out().contains("success rate"), one.out());
        assertTrue(one.out().contains("CCS08 outcomes"), one.out());

        Path other = write(dir, "g.yaml", 6, "50%");
        Cli three = Cli.run("fleet", other.toString(), "--quiet", "--report", "json", dir.resolve("g.json").toString());
        assertNotEquals(a.get("summary"), m.readTree(dir.resolve("g.json").toFile()).get("summary"), "seed matters");
    }

    private static String withoutRunLine(String out) {
        return out.lines().filter(l -> !l.contains("wall time")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    void aSuccessRateBelowTheThresholdExitsOne(@TempDir Path dir) throws IOException {
        Cli r = Cli.run("fleet", write(dir, "f.yaml", 5, "100%").toString(), "--quiet");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("BELOW the threshold"), r.out());
    }

    @Test
    void badFilesAndArgumentsExitTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "hubs: 3\nrollout: { rate: fast }\n");
        Cli r = Cli.run("fleet", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(bad + ":2:18: rollout.rate: expected a number"), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith(bad.toString())), r.err());
        assertEquals(2, Cli.run("fleet", dir.resolve("missing.yaml").toString()).exit());
        Path ok = write(dir, "f.yaml", 5, "0%");
        assertEquals(2, Cli.run("fleet", ok.toString(), "--threads", "0").exit());
        assertEquals(2, Cli.run("fleet", ok.toString(), "--report", "xml", "x.xml").exit());
    }

    @Test
    void theSmallExampleRuns() {
        Cli r = Cli.run("fleet", ROOT.resolve("examples/fleet-small.yaml").toString(), "--quiet");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("legacy PPMID: no OTA client (R7.12)"), r.out());
    }
}

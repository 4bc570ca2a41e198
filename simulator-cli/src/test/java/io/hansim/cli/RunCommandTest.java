package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code hansim run} end to end: exit codes 0/1/2/3, reports written and read back, several scenarios. */
class RunCommandTest {
    static final String GOOD = """
            # a small upgrade
            name: small upgrade
            seed: 9
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101,
                    hardwareVersion: 2, firmwareVersion: 0x00000100 }
            images:
              - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x00000200,
                  size: 4KiB, signingKey: demo } }
            faults:
              - { link: [hub, ppmid], loss: 5% }
            steps:
              - distribute: { image: v2, to: ppmid }
              - await: { device: ppmid, imageUpgradeStatus: DOWNLOAD_IN_PROGRESS, timeout: 10m }
              - await: { device: ppmid, imageUpgradeStatus: NORMAL, timeout: 2h }
              - wait: 5m
              - expect: { device: ppmid, firmwareVersion: 0x00000200 }
            """;

    static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void aPassingScenarioExitsZeroAndWritesEveryReportThatReadsBack(@TempDir Path dir) throws Exception {
        Path s = write(dir, "good.yaml", GOOD);
        Path json = dir.resolve("r.json");
        Path junit = dir.resolve("r.xml");
        Path html = dir.resolve("r.html");
        Path pcap = dir.resolve("r.pcap");
        Path trace = dir.resolve("r.jsonl");
        Cli r = Cli.run("run", "--quiet", "--report", "json", json.toString(), "--report", "junit", junit.toString(),
                "--report", "html", html.toString(), "--pcap", pcap.toString(), "--trace", trace.toString(),
                s.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS") && r.out().contains("3 passed, 0 failed"), r.out());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("small upgrade", j.path("scenarioName").asText());
        assertEquals(1, j.path("summary").path("expectations").asInt() - 2, "two awaits and one expect");
        Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(1, x.getElementsByTagName("testsuite").getLength());
        assertEquals(3, x.getElementsByTagName("testcase").getLength(), "two awaits and one expect");
        assertEquals(0, x.getElementsByTagName("failure").getLength());
        String h = Files.readString(html);
        assertTrue(h.startsWith("<!DOCTYPE html>") && h.contains("small upgrade") && h.strip().endsWith("</html>"));
        byte[] p = Files.readAllBytes(pcap);
        assertTrue(p.length > 24 && (p[0] & 0xFF) == 0xD4 && (p[1] & 0xFF) == 0xC3, "a little-endian pcap");
        assertTrue(Files.readAllLines(trace).size() > 100, "one JSON line per trace record");
        assertEquals(0, Cli.run("trace", "summary", trace.toString()).exit(), "the trace reads back");
    }

    @Test
    void aFailedExpectationExitsOneAndNamesItsLocation(@TempDir Path dir) throws Exception {
        Path s = write(dir, "bad-expect.yaml", GOOD.replace("firmwareVersion: 0x00000200 }", "firmwareVersion: 0x00000300 }"));
        Cli r = Cli.run("run", "--quiet", s.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL") && r.out().contains(s + ":19:5"), r.out());
    }

    @Test
    void aScenarioWithMistakesPrintsEveryProblemWithLineAndColumnAndDoesNotStart(@TempDir Path dir) throws Exception {
        Path s = write(dir, "typos.yaml", GOOD.replace("imageBuffer", "x").replace("to: ppmid }", "to: ppmd }")
                .replace("size: 4KiB", "size: 4Kb"));
        Path json = dir.resolve("never.json");
        Cli r = Cli.run("run", "--report", "json", json.toString(), s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        List<String> lines = r.err().lines().toList();
        assertEquals(3, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(s + ":11:") && lines.get(0).contains("size"), lines.get(0));
        assertTrue(lines.get(1).startsWith(s + ":15:") && lines.get(1).contains("unknown device 'ppmd'"), lines.get(1));
        assertTrue(lines.get(1).matches(".*:\\d+:\\d+: .*"), "file:line:column: message");
        assertTrue(lines.get(2).contains("nothing was run"));
        assertFalse(r.out().contains("Running"), "not started: " + r.out());
        assertFalse(Files.exists(json), "no report from a run that did not start");
    }

    @Test
    void problemsInSeveralFilesAreAllPrintedAndNoneRuns(@TempDir Path dir) throws Exception {
        Path good = write(dir, "good.yaml", GOOD);
        Path bad1 = write(dir, "bad1.yaml", GOOD.replace("seed: 9", "seed: nine"));
        Path bad2 = write(dir, "bad2.yaml", "name: [");
        Cli r = Cli.run("run", good.toString(), bad1.toString(), bad2.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains(bad1 + ":3:7: ") && r.err().contains(bad2 + ":"), r.err());
        assertFalse(r.out().contains("Running"), r.out());
    }

    @Test
    void aBadReportFormatIsBadInput(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("run", "--report", "pdf", dir.resolve("x.pdf").toString(), write(dir, "g.yaml", GOOD).toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("json, junit or html"), r.err());
    }

    @Test
    void anOutputInAFolderThatDoesNotExistIsBadInputBeforeTheRun(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("demo", "--pcap", dir.resolve("no/such/run.pcap").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("no such folder"), r.err());
        assertFalse(r.out().contains("Running"), r.out());
    }

    /** A file image from {@code hansim image build --demo} is signed with the key the simulated devices trust. */
    @Test
    void aFileImageBuiltByImageBuildDemoIsInstalled(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", dir.resolve("demo.ota").toString()).exit());
        Path s = write(dir, "file.yaml", GOOD.replaceAll("(?s)- \\{ id: v2, generate: .*?signingKey: demo } }",
                        "- { id: v2, file: demo.ota }")
                .replace("imageType: 0x0101", "imageType: 0x0084")
                .replace("hardwareVersion: 2, firmwareVersion: 0x00000100",
                        "hardwareVersion: 0x0110, firmwareVersion: 0x01000001")
                .replace("firmwareVersion: 0x00000200 }", "firmwareVersion: 0x01000002 }"));
        assertTrue(Files.readString(s).contains("file: demo.ota"));
        Cli r = Cli.run("run", "--quiet", s.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.out() + r.err());
    }

    @Test
    void r7_9_anImageTooLargeToGenerateIsBadInputAtLoad(@TempDir Path dir) throws Exception {
        // Issue 14: this used to load (sizes went up to 0xFFFFFFFF octets) and fail in the run with
        // exit 3 ("too large to generate"); the loader now knows the largest image the simulator holds.
        Path s = write(dir, "huge.yaml", GOOD.replace("size: 4KiB", "size: 4294967295"));
        Cli r = Cli.run("run", "--quiet", s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith(s + ":") && r.err().contains("images[0].generate.size: 4294967295 octets is"
                + " above the largest image the simulator generates"), r.err());
    }

    @Test
    void severalScenariosRunEachWithOneTestsuiteEachAndExitOneIfAnyFailed(@TempDir Path dir) throws Exception {
        Path a = write(dir, "a.yaml", GOOD);
        Path b = write(dir, "b.yaml", GOOD.replace("name: small upgrade", "name: wrong version")
                .replace("firmwareVersion: 0x00000200 }", "firmwareVersion: 0x00000300 }"));
        Path junit = dir.resolve("all.xml");
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("run", "--quiet", "--report", "junit", junit.toString(), "--report", "json", json.toString(),
                "--report", "html", html.toString(), a.toString(), b.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit(), r.out() + r.err());
        Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(2, x.getElementsByTagName("testsuite").getLength());
        assertEquals(1, x.getElementsByTagName("failure").getLength());
        // issue 13: ONE document at the file named, for json and html alike; no numbered files
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile());
        assertEquals(2, doc.path("summary").path("scenarios").asInt());
        assertFalse(doc.path("summary").path("passed").asBoolean(true));
        assertEquals(1, doc.path("summary").path("failedScenarios").asInt());
        assertEquals("small upgrade", doc.path("scenarios").get(0).path("scenarioName").asText());
        assertEquals("wrong version", doc.path("scenarios").get(1).path("scenarioName").asText());
        String page = Files.readString(html);
        assertTrue(page.contains("id=\"scenario-1\"") && page.contains("id=\"scenario-2\"")
                && page.contains("wrong version") && page.contains("id=\"sequence-diagram-2\""), page.substring(0, 400));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("a.yaml", "all.xml", "b.yaml", "r.html", "r.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void seedOverridesTheScenarioSeed(@TempDir Path dir) throws Exception {
        Path s = write(dir, "good.yaml", GOOD);
        Path json = dir.resolve("r.json");
        assertEquals(0, Cli.run("run", "--quiet", "--seed", "77", "--report", "json", json.toString(), s.toString()).exit());
        assertEquals(77, new ObjectMapper().readTree(json.toFile()).path("seed").asLong());
    }

    @Test
    void helpOfRunAndDemoHasExamplesAndExitCodes() {
        for (String cmd : new String[] {"run", "demo"}) {
            Cli r = Cli.run(cmd, "--help");
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("Examples:") && r.out().contains("--report") && r.out().contains("--pcap")
                    && r.out().contains("--seed") && r.out().contains("--quiet") && r.out().contains("--trace"), r.out());
        }
        assertTrue(Cli.run("--help").out().contains("hansim demo"));
    }
}

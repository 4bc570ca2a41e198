package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code hansim conformance} on the command line: verdicts, exit codes, the three reports, bad input. */
class ConformanceCommandTest {

    @Test
    void hansimsPpmidModelPassesAndTheReportsSayWhatRan(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path xml = dir.resolve("r.xml");
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("conformance", "--device", "ppmid", "--model", "--report", "json", json.toString(),
                "--report", "junit", xml.toString(), "--report", "html", html.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  ota.min-block-period"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("passed").asBoolean());
        assertEquals(17, j.get("cases").size());
        assertEquals("ota.query", j.get("cases").get(0).get("id").asText());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("17", d.getDocumentElement().getAttribute("tests"));
        assertEquals("0", d.getDocumentElement().getAttribute("failures"));
        assertTrue(Files.readString(html).contains("ota.resume-after-power-cut"));
    }

    @Test
    void r7_8_aMutantFailsWithExitOneAndItsReasonInEveryReport(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("m.xml");
        Path json = dir.resolve("m.json");
        Cli r = Cli.run("conformance", "--device", "ppmid", "--model", "--part", "ota", "--quirk",
                "FORGETS_PROGRESS_ON_POWER_CUT", "--report", "junit", xml.toString(), "--report", "json", json.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  ota.resume-after-power-cut"), r.out());
        assertTrue(r.out().contains("restarted from FileOffset 0"), r.out());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("1", d.getDocumentElement().getAttribute("failures"));
        assertTrue(Files.readString(xml).contains("restarted from FileOffset 0"));
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        List<String> failed = new ArrayList<>();
        j.get("cases").forEach(c -> {
            if (c.get("verdict").asText().equals("fail")) {
                failed.add(c.get("id").asText());
            }
        });
        assertEquals(List.of("ota.resume-after-power-cut"), failed);
    }

    @Test
    void theSameDeviceAndSeedWriteTheSameReport(@TempDir Path dir) throws IOException {
        Cli.run("conformance", "--device", "ihd", "--model", "--report", "json", dir.resolve("a.json").toString());
        Cli.run("conformance", "--device", "ihd", "--model", "--report", "json", dir.resolve("b.json").toString());
        assertEquals(Files.readString(dir.resolve("a.json")), Files.readString(dir.resolve("b.json")));
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage() {
        Cli kind = Cli.run("conformance", "--device", "esme", "--model");
        assertEquals(2, kind.exit());
        assertTrue(kind.err().contains("unknown device kind 'esme'"), kind.err());
        Cli none = Cli.run("conformance", "--device", "ppmid");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("exactly one of --command, --connect, --model"), none.err());
        Cli part = Cli.run("conformance", "--device", "ppmid", "--model", "--part", "gbcs");
        assertEquals(2, part.exit());
        assertTrue(part.err().contains("--part"), part.err());
        Cli quirk = Cli.run("conformance", "--device", "ppmid", "--model", "--quirk", "NOPE");
        assertEquals(2, quirk.exit());
        assertTrue(quirk.err().contains("unknown ClientQuirk 'NOPE'"), quirk.err());
        Cli remote = Cli.run("conformance", "--device", "ppmid", "--connect", "tcp:192.0.2.1:7000");
        assertEquals(2, remote.exit());
        Cli ihdQuirk = Cli.run("conformance", "--device", "ihd", "--model", "--quirk", "SLOW_VERIFY");
        assertEquals(2, ihdQuirk.exit());
        assertTrue(ihdQuirk.err().contains("no OTA client"), ihdQuirk.err());
    }

    @Test
    void aDeviceThatCrashesAtStartFailsEveryCaseWithTheTypedFailureWithinItsTimeout(@TempDir Path dir) {
        long t0 = System.nanoTime();
        Cli r = Cli.run("conformance", "--device", "ppmid", "--part", "ota", "--hello-timeout", "2", "--command",
                "--", "sh", "-c", "exit 3");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  ota.query"), r.out());
        assertTrue(r.out().contains("crashed"), r.out());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void aSilentDeviceFailsWithATimeoutAndAGarbageDeviceWithAProtocolFailure() {
        long t0 = System.nanoTime();
        Cli silent = Cli.run("conformance", "--device", "ppmid", "--part", "ota", "--hello-timeout", "1", "--command",
                "--", "sh", "-c", "sleep 30");
        assertEquals(1, silent.exit(), silent.out() + silent.err());
        assertTrue(silent.out().contains("timeout"), silent.out());
        Cli garbage = Cli.run("conformance", "--device", "ihd", "--part", "cot", "--command", "--", "sh", "-c",
                "printf 'GARBAGE GARBAGE GARBAGE'; sleep 30");
        assertEquals(1, garbage.exit(), garbage.out() + garbage.err());
        assertTrue(garbage.out().contains("FAIL  cot.query-meters"), garbage.out());
        assertTrue(garbage.out().contains("oversized") || garbage.out().contains("protocol"), garbage.out());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 60, "took " + seconds + " s");
    }
}

package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hansim.cli.run.ExamplesTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 (lane D), at the command line: a scenario's PPMID run in-process and the same PPMID run
 * out of process ({@code type: external} whose command is {@code hansim model} of the first file)
 * write byte-identical trace and pcap files; an external device's status, failure and the run's
 * verdict reach the reports; {@code hansim model} refuses bad arguments as bad input.
 */
class ExternalScenarioTest {

    /** A PPMID download over a lossy link with a power cut in the middle (R7.4, R7.8, R7.10). */
    private static String scenario(String ppmid) {
        return """
                # R7.4 R7.8: in-process / out-of-process comparison
                name: ppmid in or out of process
                seed: 17
                topology:
                  hub: { eui: 00DB1234567890A2, blockSize: 64 }
                  devices:
                    - %s
                    - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
                images:
                  - { id: v2, generate: { manufacturerCode: 0x1234, imageType: 0x0101, fileVersion: 0x00000200,
                      size: 24KiB, hardware: [1, 3] } }
                faults:
                  - { link: [hub, ppmid], loss: 5%%, duplicate: 1%% }
                steps:
                  - distribute: { image: v2, to: [ppmid], via: direct }
                  - wait: 3m
                  - power-cut: { device: ppmid }
                  - wait: 30s
                  - power-on: { device: ppmid }
                  - wait: 2h
                  - expect: { device: ppmid, firmwareVersion: 0x00000200 }
                  - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }
                """.formatted(ppmid);
    }

    private static final String MODEL = "{ id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234,"
            + " imageType: 0x0101, hardwareVersion: 2, firmwareVersion: 0x00000100 }";

    /** The external entry whose command hosts {@code model}'s PPMID with the CLI under test. */
    private static String external(Path modelFile, String extra) {
        List<String> argv = new ArrayList<>(ExamplesTest.hansimOfTheTests());
        argv.addAll(List.of("model", "--scenario", modelFile.toString(), "--device", "ppmid"));
        return "{ id: ppmid, type: external, stands: ppmid, eui: 00DB1234567890A4, helloTimeout: 60s" + extra
                + ", command: [" + argv.stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(", ")) + "] }";
    }

    @Test
    @Timeout(300)
    void issue17_modelInProcessAndOutOfProcessWriteByteIdenticalTraceAndPcap(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, scenario(MODEL));
        Path out = dir.resolve("out.yaml");
        Files.writeString(out, scenario(external(in, "")));
        Cli a = Cli.run("run", "--quiet", "--trace", dir.resolve("in.jsonl").toString(), "--pcap",
                dir.resolve("in.pcap").toString(), "--report", "json", dir.resolve("in.json").toString(), in.toString());
        assertEquals(0, a.exit(), a.out() + a.err());
        Cli b = Cli.run("run", "--trace", dir.resolve("out.jsonl").toString(), "--pcap",
                dir.resolve("out.pcap").toString(), "--report", "json", dir.resolve("out.json").toString(),
                out.toString());
        assertEquals(0, b.exit(), b.out() + b.err());
        byte[] traceIn = Files.readAllBytes(dir.resolve("in.jsonl"));
        assertTrue(traceIn.length > 10_000, "a download's worth of frames: " + traceIn.length);
        assertArrayEquals(traceIn, Files.readAllBytes(dir.resolve("out.jsonl")), "trace files");
        assertArrayEquals(Files.readAllBytes(dir.resolve("in.pcap")), Files.readAllBytes(dir.resolve("out.pcap")),
                "pcap files");
        // The report says what the device exported and that it ended well.
        JsonNode r = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        JsonNode dev = r.path("devices").get(1);
        assertEquals("EXTERNAL PPMID", dev.path("type").asText());
        assertEquals("00000200", dev.path("status").path("firmware.version").asText(), dev.toString());
        boolean verdict = false;
        for (JsonNode e : r.path("expectations")) {
            if (e.path("description").asText().equals("ppmid on the device port")) {
                verdict = e.path("passed").asBoolean() && e.path("observed").asText().equals("no failure");
            }
        }
        assertTrue(verdict, r.path("expectations").toString());
    }

    /**
     * R7.10, R7.11: the CH treats a device standing in for a PPMID as a PPMID: its read-back ends in
     * the PPMID firmware alert 0x012B (0x8F8B), and CS08 reads the version the device says it runs
     * (before, the CH looked at the Java type of the device and did neither).
     */
    @Test
    @Timeout(300)
    void r7_10_r7_11_anExternalPpmidGetsThePpmidReadBackAlertAndCs08(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, scenario(MODEL));
        Path out = dir.resolve("out.yaml");
        Files.writeString(out, scenario(external(in, "")) + """
                  - expect: { alert: { code: 0x8F8B, device: ppmid } }
                  - read-firmware-version: { device: ppmid }
                  - expect: { device: ppmid, cs08: { firmwareVersion: 0x00000200, result: 0 } }
                """);
        Cli b = Cli.run("run", out.toString());
        assertEquals(0, b.exit(), b.out() + b.err());
    }

    @Test
    @Timeout(120)
    void issue17_aDevicePacedInRealTimeMarksEveryReportNotDeterministic(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, scenario(MODEL));
        Path rt = dir.resolve("rt.yaml");
        Files.writeString(rt, """
                # R7.4: a short real-time run
                name: real time
                seed: 3
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - %s
                steps:
                  - await: { device: ppmid, status: { firmware.version: "00000100" }, timeout: 40s }
                  - expect: { device: ppmid, status: { firmware.version: "00000100", ota.state: } }
                """.formatted(external(in, ", clock: realtime")));
        Cli c = Cli.run("run", "--report", "json", dir.resolve("r.json").toString(), "--report", "junit",
                dir.resolve("r.xml").toString(), "--report", "html", dir.resolve("r.html").toString(), rt.toString());
        assertEquals(Main.EXIT_OK, c.exit(), c.out() + c.err());
        String note = "ppmid: paced in real time (clock: realtime): NOT DETERMINISTIC";
        assertTrue(c.out().contains(note), c.out());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertTrue(r.path("notes").toString().contains(note), r.path("notes").toString());
        assertTrue(Files.readString(dir.resolve("r.xml")).contains(note));
        assertTrue(Files.readString(dir.resolve("r.html")).contains(note));
    }

    @Test
    @Timeout(120)
    void issue17_aDeviceThatCrashesFailsTheRunWithItsTypedFailure(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("crash.yaml");
        // a program that exits at once without a word: crashed before HELLO
        String dev = "{ id: ppmid, type: external, stands: ppmid, eui: 00DB1234567890A4, helloTimeout: 20s,"
                + " command: [\"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\", \"-version\"] }";
        Files.writeString(s, scenario(dev).replace("  - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }\n", ""));
        Cli c = Cli.run("run", "--report", "json", dir.resolve("r.json").toString(), "--report", "junit",
                dir.resolve("r.xml").toString(), s.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, c.exit(), c.out() + c.err());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertTrue(r.path("devices").get(1).path("failure").asText().startsWith("crashed"), r.path("devices").toString());
        String junit = Files.readString(dir.resolve("r.xml"));
        assertTrue(junit.contains("ppmid on the device port") && junit.contains("crashed"), junit);
        assertTrue(c.out().contains("port-failure") || c.out().contains("crashed"), c.out());

        // Expected, the same failure passes: the scenario's portFailure check is the verdict.
        Files.writeString(s, scenario(dev).replace("  - expect: { hub: { ccs08: { device: ppmid, code: 0 } } }\n",
                "  - expect: { device: ppmid, portFailure: crashed }\n").replace(
                "  - expect: { device: ppmid, firmwareVersion: 0x00000200 }\n", ""));
        Cli ok = Cli.run("run", "--quiet", s.toString());
        assertEquals(Main.EXIT_OK, ok.exit(), ok.out() + ok.err());
    }

    @Test
    void issue17_hansimModelRefusesBadArgumentsAsBadInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, scenario(MODEL));
        Cli c = Cli.run("model", "--scenario", in.toString(), "--device", "nobody");
        assertEquals(Main.EXIT_BAD_INPUT, c.exit());
        assertTrue(c.err().contains("no device 'nobody'") && c.err().contains("ppmid, ihd"), c.err());
        assertEquals("", c.out(), "stdout carries the protocol only");
        Files.writeString(in, scenario(MODEL).replace("    - { id: ihd, type: ihd, eui: 00DB1234567890A5 }\n",
                "    - { id: esme, type: esme, eui: 00DB1234567890A5 }\n"));
        c = Cli.run("model", "--scenario", in.toString(), "--device", "esme");
        assertEquals(Main.EXIT_BAD_INPUT, c.exit());
        assertTrue(c.err().contains("'esme' is a esme; hansim model hosts a ppmid, ihd, hcalcs"), c.err());
        c = Cli.run("model", "--scenario", in.toString(), "--device", "ppmid", "--listen", "tcp:192.168.1.2:4000");
        assertEquals(Main.EXIT_BAD_INPUT, c.exit());
        assertTrue(c.err().contains("--listen: only a loopback address is allowed"), c.err());
        c = Cli.run("model", "--scenario", dir.resolve("missing.yaml").toString(), "--device", "ppmid");
        assertEquals(Main.EXIT_BAD_INPUT, c.exit(), c.err());
    }
}

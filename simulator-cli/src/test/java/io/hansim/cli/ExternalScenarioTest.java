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
                  - expect: { device: ppmid, status: { firmware.version: "00000100", ota.state: "idle 0", no.such.key: } }
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

    /** A scenario with the scripted device (a child JVM) as its PPMID, and these steps. */
    private static String scripted(String behaviour, String keys, String steps) {
        List<String> argv = new ArrayList<>(ExamplesTest.hansimOfTheTests());
        argv.set(argv.size() - 1, ScriptedDevice.class.getName());
        argv.addAll(List.of(behaviour, "00DB1234567890A4"));
        return """
                # R7.4: a scripted device on the port
                name: scripted %s
                seed: 5
                topology:
                  hub: { eui: 00DB1234567890A2 }
                  devices:
                    - { id: ppmid, type: external, stands: ppmid, eui: 00DB1234567890A4, helloTimeout: 60s%s,
                        command: [%s] }
                steps:
                %s
                """.formatted(behaviour, keys, argv.stream().map(a -> "\"" + a.replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"").collect(Collectors.joining(", ")), steps);
    }

    @Test
    @Timeout(120)
    void issue17_statusAndLogLinesOfAnExternalDeviceAreInTheTimelineAndTheReports(@TempDir Path dir)
            throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, scripted("ticks", "", """
                  - await: { device: ppmid, status: { ota.state: tick 3 }, timeout: 10m }
                  - expect: { device: ppmid, status: { firmware.version: "00000042", ota.state: tick 3, other: } }
                  - expect: { device: ppmid, firmwareVersion: 0x42 }
                  - expect: { device: ppmid, portFailure: none }"""));
        Cli c = Cli.run("run", "--report", "json", dir.resolve("r.json").toString(), s.toString());
        assertEquals(Main.EXIT_OK, c.exit(), c.out() + c.err());
        assertTrue(c.out().contains("[0.000000 s] ppmid: log: info: booted"), c.out());
        assertTrue(c.out().contains("[120.000000 s] ppmid: log: warn: tick 2"), c.out());
        assertTrue(c.out().contains("ppmid: port-status: ota.state: tick 2 → tick 3"), c.out());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        List<String> timeline = new ArrayList<>();
        r.path("timeline").forEach(t -> timeline.add(t.path("atMicros").asLong() + " " + t.path("kind").asText() + " "
                + t.path("text").asText()));
        assertTrue(timeline.contains("180000000 log info: tick 3"), timeline.toString());
        assertTrue(timeline.contains("0 port-status firmware.version: 00000042"), timeline.toString());
        assertEquals("tick 3", r.path("devices").get(1).path("status").path("ota.state").asText());
        // the scenario's portFailure check is the verdict: no second row for the device
        assertEquals(4, r.path("expectations").size(), r.path("expectations").toString());
    }

    @Test
    @Timeout(120)
    void issue17_aDeviceThatHangsSendsGarbageOrExitsEndsAsItsTypedFailureWithinItsTimeout(@TempDir Path dir)
            throws Exception {
        for (String[] c : new String[][] {{"hang", "timeout"}, {"garbage", "protocol"}, {"exit", "crashed"}}) {
            Path s = dir.resolve(c[0] + ".yaml");
            Files.writeString(s, scripted(c[0], ", exchangeTimeout: 2s, byeTimeout: 1s", """
                      - wait: 10m
                      - expect: { device: ppmid, portFailure: %s }
                      - expect: { device: ppmid, status: { ota.state: tick 1 } }""".formatted(c[1])));
            long start = System.nanoTime();
            Cli r = Cli.run("run", "--report", "json", dir.resolve(c[0] + ".json").toString(), s.toString());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(Main.EXIT_OK, r.exit(), c[0] + ": " + r.out() + r.err());
            assertTrue(seconds < 40, c[0] + ": the run took " + seconds + " s");
            assertTrue(r.out().contains("[120.000000 s] ppmid: port-failure: " + c[1]), c[0] + ": " + r.out());
            JsonNode dev = new ObjectMapper().readTree(dir.resolve(c[0] + ".json").toFile()).path("devices").get(1);
            assertTrue(dev.path("failure").asText().startsWith(c[1] + ":"), dev.toString());
        }
    }

    /**
     * {@code connect:} over loopback TCP and a Unix socket: {@code hansim model --listen} (port 0: it
     * says on stderr which port it took) serves the scenario's PPMID, and the run with that PPMID
     * connected gives the same trace as the model in-process.
     */
    @Test
    @Timeout(300)
    void issue17_connectToAHansimModelListeningOnLoopbackTcpOrAUnixSocket(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, scenario(MODEL));
        Cli a = Cli.run("run", "--quiet", "--trace", dir.resolve("in.jsonl").toString(), in.toString());
        assertEquals(0, a.exit(), a.out() + a.err());
        for (String listen : List.of("tcp:127.0.0.1:0", "unix:" + dir.resolve("ppmid.sock"))) {
            List<String> argv = new ArrayList<>(ExamplesTest.hansimOfTheTests());
            argv.addAll(List.of("model", "--scenario", in.toString(), "--device", "ppmid", "--listen", listen));
            Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(
                        p.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
                String line = err.readLine();
                assertTrue(line != null && line.startsWith("hansim model: listening on "), String.valueOf(line));
                String address = line.substring("hansim model: listening on ".length()).trim();
                Path out = dir.resolve("connect.yaml");
                Files.writeString(out, scenario("{ id: ppmid, type: external, stands: ppmid, eui: 00DB1234567890A4,"
                        + " connect: \"" + address + "\" }"));
                Path trace = dir.resolve("connect.jsonl");
                Cli b = Cli.run("run", "--quiet", "--trace", trace.toString(), out.toString());
                assertEquals(0, b.exit(), listen + ": " + b.out() + b.err());
                assertArrayEquals(Files.readAllBytes(dir.resolve("in.jsonl")), Files.readAllBytes(trace), listen);
                assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "hansim model ends after BYE");
                assertEquals(0, p.exitValue(), listen);
            } finally {
                p.destroyForcibly();
            }
        }
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

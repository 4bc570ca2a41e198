package io.hansim.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 4: memory does not grow with idle virtual time. A PPMID queries its CH every hour,
 * so a 100-year wait is 876 000 queries and 1.75 million deliveries; the client's and the CH's
 * action logs and the report's messages used to keep every one (2.4 GB). The run happens in its
 * own JVM with a 256 MiB heap, as a user's {@code HANSIM_JAVA_OPTS=-Xmx256m} would.
 */
class IdleMemoryTest {
    private static final String SCENARIO = """
            name: a century of nothing
            seed: 1
            topology:
              hub: { eui: 00DB1234567890A2 }
              devices:
                - { id: ppmid, type: ppmid, eui: 00DB1234567890A4, manufacturerCode: 0x1234, imageType: 0x0101,
                    hardwareVersion: 2, firmwareVersion: 0x00000100 }
                - { id: ihd, type: ihd, eui: 00DB1234567890A5 }
            steps:
              - wait: 36500d
              - expect: { device: ppmid, firmwareVersion: 0x00000100 }
            """;

    @Test
    void issue14_aHundredYearIdleWaitRunsIn256MiB(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("idle.yaml");
        Files.writeString(scenario, SCENARIO);
        Path report = dir.resolve("report.json");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--report", "json", report.toString(),
                scenario.toString());
        pb.redirectErrorStream(true);
        long started = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(Main.EXIT_OK, p.exitValue(), out);
        assertTrue(out.contains("1 passed, 0 failed: PASS"), out);
        // Issue 14's 1 751 992 messages, plus what discovery and the default daily time sync add (decision
        // 0025): each of the two devices reads the CH's Time at boot and every day after (36 500 reads,
        // request and response), and three Match Descriptor exchanges find the CH's endpoints (the PPMID
        // for OTA and Time, the IHD for Time).
        long messages = 1_751_992L + 2 * 36_500L * 2 + 3 * 2;
        String note = "the report lists the first 100000 of " + messages + " messages";
        assertTrue(out.contains(note), out);
        String json = Files.readString(report);
        assertTrue(json.contains("\"virtualEndMicros\" : 3153600000000000"), "a report of the whole century");
        assertTrue(json.contains(note), "the note is in the report");
        System.out.println("issue 14: 100-year idle wait in a 256 MiB heap took " + seconds + " s of wall time");
    }

    /** A pcap's seconds end in 2106: a run that goes past it with --pcap is bad input, not an internal error. */
    @Test
    void issue14_aRunPast2106WithPcapIsExit2SayingSo(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("idle.yaml");
        Files.writeString(scenario, SCENARIO);
        Path pcap = dir.resolve("run.pcap");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "run", "--quiet", "--pcap",
                pcap.toString(), scenario.toString());
        assertEquals(Main.EXIT_BAD_INPUT, exit, out + "\n" + err);
        assertTrue(err.toString().startsWith("hansim: --pcap: virtual time ") && err.toString().contains(
                "write --trace instead"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}

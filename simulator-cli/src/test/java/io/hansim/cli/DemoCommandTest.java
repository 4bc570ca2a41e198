package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hansim demo}: the built-in scenario, its copy in examples/, determinism and the pcap. */
class DemoCommandTest {
    static final Path ROOT = Path.of(System.getProperty("hansim.root", ".."));
    static final String[] OUTPUTS = {"demo.json", "demo.xml", "demo.html", "demo.pcap", "demo.jsonl"};

    static Cli demo(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("demo", "--quiet", "--report", "json", dir.resolve("demo.json").toString(),
                "--report", "junit", dir.resolve("demo.xml").toString(), "--report", "html",
                dir.resolve("demo.html").toString(), "--pcap", dir.resolve("demo.pcap").toString(), "--trace",
                dir.resolve("demo.jsonl").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theBuiltInScenarioIsExamplesDemoYaml() throws IOException {
        assertEquals(Files.readString(ROOT.resolve("examples/demo.yaml"), StandardCharsets.UTF_8), DemoCommand.text(),
                "src/main/resources/io/hansim/cli/demo.yaml and examples/demo.yaml must stay identical");
        assertEquals("hansim demo", DemoCommand.scenario().name());
    }

    /** Same scenario and seed: byte-identical trace, pcap and JSON, JUnit and HTML reports. */
    @Test
    void theDemoPassesAndTwoRunsWriteByteIdenticalFiles(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Cli ra = demo(a);
        assertEquals(Main.EXIT_OK, ra.exit(), ra.out() + ra.err());
        assertTrue(ra.out().contains("0 failed: PASS"), ra.out());
        assertEquals(Main.EXIT_OK, demo(b).exit());
        for (String f : OUTPUTS) {
            byte[] x = Files.readAllBytes(a.resolve(f));
            assertTrue(x.length > 100, f);
            assertArrayEquals(x, Files.readAllBytes(b.resolve(f)), f + " differs between two runs");
        }
        Path c = Files.createDirectory(dir.resolve("c"));
        assertEquals(Main.EXIT_OK, demo(c, "--seed", "7").exit());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("demo.pcap")),
                Files.readAllBytes(c.resolve("demo.pcap"))), "another seed, another run");
    }

    @Tag("conformance") // needs tshark (.ci/run installs it); fails, never skips, without it
    @Test
    void theDemoPcapDecodesInTsharkWithNoMalformedFrame(@TempDir Path dir) throws Exception {
        assertEquals(Main.EXIT_OK, demo(dir).exit());
        Path pcap = dir.resolve("demo.pcap");
        String verbose = tshark(dir, "-r", pcap.toString(), "-V");
        assertTrue(verbose.contains("ZigBee Cluster Library"), "frames reach ZCL");
        assertTrue(verbose.contains("OTA Upgrade"), "OTA frames decoded");
        assertFalse(verbose.contains("Malformed"), "tshark -V reports a malformed frame");
    }

    static String tshark(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(List.of(args));
        Path out = dir.resolve("tshark.out");
        Path err = dir.resolve("tshark.err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            return fail("tshark is not on PATH: install it (apt-get install tshark; .ci/run does) — "
                    + "conformance tests never skip. " + e.getMessage());
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return fail("tshark did not finish in 300 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "tshark failed: " + Files.readString(err, StandardCharsets.UTF_8));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}

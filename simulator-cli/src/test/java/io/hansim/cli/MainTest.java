package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionNamesTheProjectVersion() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("(?s)hansim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R.*"), r.out());
    }

    @Test
    void helpListsCommandsAndExamples() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("image"), r.out());
        assertTrue(r.out().contains("Examples:"), r.out());
        for (String[] sub : new String[][] {{"image", "--help"}, {"image", "inspect", "--help"}, {"image", "build", "--help"}}) {
            Cli s = Cli.run(sub);
            assertEquals(0, s.exit(), String.join(" ", sub));
            assertTrue(s.out().contains("Examples:"), s.out());
        }
    }

    @Test
    void unknownOptionIsBadInputWithOneLineAndAHint() {
        Cli r = Cli.run("image", "inspect", "--jsn", "x.ota");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("hansim: Unknown option: '--jsn'"), r.err());
        assertTrue(r.err().contains("--json"), "suggests the near miss: " + r.err());
    }

    @Test
    void missingArgumentIsBadInput() {
        Cli r = Cli.run("image", "inspect");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("FILE"), r.err());
    }

    @Test
    void badNumberSaysWhatAndWhy() {
        Cli r = Cli.run("image", "build", "--manufacturer-code", "0x1FFFF", "--image-type", "1",
                "--file-version", "1", "--payload-size", "1", "-o", "x");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("0x1FFFF") && r.err().contains("out of range"), r.err());
    }

    @Test
    void generatesABashCompletionScriptThatKnowsTheCommands() {
        Cli r = Cli.run("generate-completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F _complete_hansim"), r.out().substring(0, Math.min(400, r.out().length())));
        for (String word : new String[] {"image", "gbcs", "trace", "inspect", "decode", "encode"}) {
            assertTrue(r.out().contains(word), word);
        }
    }

    /**
     * Issue 14: running out of heap is exit 3 with one line naming what ran out and HANSIM_JAVA_OPTS,
     * never a JVM stack trace and exit 1 ("an expectation failed"). A 16 MiB heap cannot hold a
     * 60 MB payload; the command runs in its own JVM so the test's heap is untouched.
     */
    @Test
    void runningOutOfMemoryIsExit3WithOneLineSayingHowToGiveMore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx16m", "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "image", "build", "--manufacturer-code", "0x1234", "--image-type", "1",
                "--file-version", "2", "--payload-size", "60000000",
                "-o", dir.resolve("big.ota").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Main.EXIT_INTERNAL, p.exitValue(), out);
        assertTrue(out.startsWith("hansim: out of memory"), out);
        assertTrue(out.contains("HANSIM_JAVA_OPTS=-Xmx"), out);
        assertEquals(1, out.strip().lines().count(), "one line, no stack trace: " + out);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("big.ota")), "nothing half-written is left behind");
    }
}

package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 1: every command that writes a file writes through a link and into a named pipe,
 * refuses a folder, socket or device with exit 2 and leaves it as it was, says which path when the
 * folder is read-only, and refuses an output that is an input or another output (OutputFiles).
 * Tests make their FIFOs and sockets under a temp folder and never open anything under /dev.
 */
class OutputPathsTest {
    private static final String[] DEMO_BUILD = {"image", "build", "--demo", "--payload-size", "300"};

    private static String[] build(Path out) {
        String[] a = java.util.Arrays.copyOf(DEMO_BUILD, DEMO_BUILD.length + 2);
        a[DEMO_BUILD.length] = "-o";
        a[DEMO_BUILD.length + 1] = out.toString();
        return a;
    }

    static Path mkfifo(Path p) throws Exception {
        Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertTrue(pr.waitFor(20, TimeUnit.SECONDS) && pr.exitValue() == 0, "mkfifo " + p);
        return p;
    }

    static boolean isFifo(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0010000;
    }

    /** Reads a pipe to its end on another thread (opening a pipe to write waits for a reader). */
    static CompletableFuture<byte[]> drain(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void i14_1_imageBuildWritesIntoAFifoAsAStreamAndLeavesItAFifo(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.ota");
        assertEquals(0, Cli.run(build(plain)).exit());
        Path fifo = mkfifo(dir.resolve("pipe.ota"));
        CompletableFuture<byte[]> read = drain(fifo);
        Cli r = Cli.run(build(fifo));
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(plain), read.get(60, TimeUnit.SECONDS), "the image came through the pipe");
        assertTrue(isFifo(fifo), "still a named pipe, not replaced by a regular file");
    }

    @Test
    void i14_1_imageBuildWritesThroughASymlinkAndKeepsTheLink(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("real.ota");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.ota"), target.getFileName());
        Cli r = Cli.run(build(link));
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertTrue(Files.size(target) > 300, "the image went to the link's target");
        // A dangling link: the target is created, the link kept.
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.ota"), Path.of("made.ota"));
        assertEquals(Main.EXIT_OK, Cli.run(build(dangling)).exit());
        assertTrue(Files.isSymbolicLink(dangling) && Files.size(dir.resolve("made.ota")) > 300);
    }

    @Test
    void i14_1_aSocketOrAFolderIsRefusedWithExitTwoAndLeftAlone(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("s.ota");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            for (String[] args : new String[][] {build(sock),
                {"gbcs", "encode", "--pki-seed", "demo", "--out", sock.toString(), examples("gbcs/cs06.json")},
                {"run", "--quiet", "--pcap", sock.toString(), examples("demo.yaml")}}) {
                Cli r = Cli.run(args);
                assertEquals(Main.EXIT_BAD_INPUT, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
                assertTrue(r.err().contains(sock + ": is a socket"), r.err());
                assertTrue(Files.readAttributes(sock, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                        "the socket is still there");
            }
        }
        Path folder = Files.createDirectory(dir.resolve("folder.ota"));
        Cli r = Cli.run(build(folder));
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(folder + ": is a folder"), r.err());
        assertTrue(Files.isDirectory(folder));
        // Through a link to a folder: the same.
        Path link = Files.createSymbolicLink(dir.resolve("to-folder.ota"), folder);
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run(build(link)).exit());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void i14_1_aReadOnlyFolderIsExitTwoNamingThePath(@TempDir Path dir) throws Exception {
        // A folder that is a file: no write can succeed whoever runs the test.
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Path out = notAFolder.resolve("x.ota");
        Cli r = Cli.run(build(out));
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(out.toString()), r.err());

        // A read-only folder. Root writes there anyway (CAP_DAC_OVERRIDE), so as root the command runs
        // in a child JVM with that capability dropped (util-linux setpriv); never skipped.
        boolean root = "root".equals(System.getProperty("user.name"));
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            for (String[] args : new String[][] {build(ro.resolve("x.ota")),
                {"gbcs", "encode", "--pki-seed", "demo", "--out", ro.resolve("m.bin").toString(), examples("gbcs/cs06.json")},
                {"gbcs", "keys", "--pki-seed", "demo", "--entity", "90B3D51F30010000", "-o", ro.toString()}}) {
                int exit;
                String err;
                if (root) {
                    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("setpriv", "--bounding-set",
                            "-dac_override,-dac_read_search", "--inh-caps", "-all",
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off", "-cp",
                            System.getProperty("java.class.path"), Main.class.getName()));
                    cmd.addAll(java.util.List.of(args));
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    err = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), err);
                    exit = p.exitValue();
                } else {
                    Cli c = Cli.run(args);
                    exit = c.exit();
                    err = c.err();
                }
                assertEquals(Main.EXIT_BAD_INPUT, exit, String.join(" ", args) + ": " + err);
                assertTrue(err.contains(ro.toString()) && err.contains("permission denied"), err);
                try (var left = Files.list(ro)) {
                    assertEquals(0, left.count(), "nothing written into the read-only folder");
                }
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void i14_1_anOutputEqualToAnInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        Path s = RunCommandTest.write(dir, "S.yaml", RunCommandTest.GOOD);
        String before = Files.readString(s);
        Cli r = Cli.run("run", "--quiet", "--report", "json", s.toString(), s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("is the same file as the input scenario"), r.err());
        assertEquals(before, Files.readString(s), "the scenario is untouched");
        assertFalse(r.out().contains("Running"), "nothing ran");

        // Through a link to the scenario, and by another spelling of its path: real paths compare.
        Path link = Files.createSymbolicLink(dir.resolve("alias.json"), s);
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("run", "--quiet", "--pcap", link.toString(), s.toString()).exit());
        Path spelled = dir.resolve("sub/../S.yaml");
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("run", "--quiet", "--trace", spelled.toString(), s.toString()).exit());
        assertEquals(before, Files.readString(s));

        // trace convert, gbcs encode, fleet and image build check theirs too.
        Path trace = Files.writeString(dir.resolve("t.jsonl"), "");
        Path traceLink = Files.createSymbolicLink(dir.resolve("t-link.pcap"), trace);
        Cli t = Cli.run("trace", "convert", "--to", "pcap", trace.toString(), "-o", traceLink.toString());
        assertEquals(Main.EXIT_BAD_INPUT, t.exit(), t.err());
        assertTrue(Files.exists(trace) && Files.isSymbolicLink(traceLink));
        Path json = Files.copy(Path.of(examples("gbcs/cs06.json")), dir.resolve("cs06.json"));
        String jsonBefore = Files.readString(json);
        assertEquals(Main.EXIT_BAD_INPUT,
                Cli.run("gbcs", "encode", "--pki-seed", "demo", "--out", json.toString(), json.toString()).exit());
        assertEquals(jsonBefore, Files.readString(json));
        Path fleet = Files.copy(Path.of(examples("fleet-100k.yaml")), dir.resolve("fleet.yaml"));
        Cli f = Cli.run("fleet", "--report", "json", fleet.toString(), fleet.toString());
        assertEquals(Main.EXIT_BAD_INPUT, f.exit(), f.err());
        assertTrue(f.err().contains("is the same file as the input fleet"), f.err());
        Path payload = Files.write(dir.resolve("payload.bin"), new byte[100]);
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("image", "build", "--manufacturer-code", "1", "--image-type", "1",
                "--file-version", "1", "--payload", payload.toString(), "-o", payload.toString()).exit());
        assertEquals(100, Files.size(payload));
    }

    @Test
    void i14_1_twoOutputsThatAreOneFileAreRefused(@TempDir Path dir) throws Exception {
        Path s = RunCommandTest.write(dir, "S.yaml", RunCommandTest.GOOD);
        Path out = dir.resolve("out.bin");
        Cli r = Cli.run("run", "--quiet", "--report", "json", out.toString(), "--pcap", out.toString(), s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--pcap " + out + ": is the same file as the output --report json"), r.err());
        assertFalse(Files.exists(out), "nothing was written");
        Path link = Files.createSymbolicLink(dir.resolve("same.html"), out.getFileName());
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("run", "--quiet", "--report", "html", link.toString(),
                "--trace", out.toString(), s.toString()).exit());
    }

    @Test
    void i14_1_runReportsAndTraceGoThroughLinksAndPipes(@TempDir Path dir) throws Exception {
        Path s = RunCommandTest.write(dir, "S.yaml", RunCommandTest.GOOD);
        Path fifo = mkfifo(dir.resolve("trace.pipe"));
        Path real = dir.resolve("real.json");
        Path link = Files.createSymbolicLink(dir.resolve("report.json"), real.getFileName());
        CompletableFuture<byte[]> read = drain(fifo);
        Cli r = Cli.run("run", "--quiet", "--trace", fifo.toString(), "--report", "json", link.toString(), s.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        String lines = new String(read.get(120, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(lines.lines().count() > 100 && lines.startsWith("{"), "the trace came through the pipe");
        assertTrue(isFifo(fifo) && Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("small upgrade"));
    }

    /** A write that fails during the run (here the pipe's reader goes away, as a full disk would) is exit 2 naming the path. */
    @Test
    void i14_1_aWriteFailingDuringTheRunIsExitTwoNamingThePath(@TempDir Path dir) throws Exception {
        Path s = RunCommandTest.write(dir, "S.yaml", RunCommandTest.GOOD);
        Path fifo = mkfifo(dir.resolve("short.pipe"));
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try (var in = Files.newInputStream(fifo)) {
                return in.read(new byte[16]); // then close: later writes fail with "Broken pipe"
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Cli r = Cli.run("run", "--quiet", "--trace", fifo.toString(), s.toString());
        reader.get(60, TimeUnit.SECONDS);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(fifo + ": cannot write"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void i14_1_gbcsKeysWritesThroughLinksInItsFolder(@TempDir Path dir) throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Path elsewhere = dir.resolve("ca-copy.pem");
        Files.createSymbolicLink(keys.resolve("ca.pem"), elsewhere);
        Cli r = Cli.run("gbcs", "keys", "--pki-seed", "demo", "--entity", "90B3D51F30010000", "-o", keys.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertTrue(Files.isSymbolicLink(keys.resolve("ca.pem")));
        assertTrue(Files.readString(elsewhere).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    static String examples(String name) {
        Path p = Path.of("examples", name);
        return (Files.exists(p) ? p : Path.of("..", "examples", name)).toString();
    }
}

package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 7, "smaller ones": one test per finding, named after it. */
class SmallerOnesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String CS06 = "CS06_11.3_8F66_FUTURE_DATED_SUCCESS_ALERT_GBCS.HEX";

    @Test
    @org.junit.jupiter.api.Tag("conformance") // reads the RTDS vectors and keystore in ../shared
    void i14_7_decodeWithKeysNoneMatchingIsUnverifiedExitOne() throws Exception {
        Path shared = CorpusInspectTest.shared();
        Path keys = shared.resolve("vectors/gbcs/keystore");
        Path file;
        try (var s = Files.walk(shared.resolve("vectors/gbcs/rtds-4.5.0"))) {
            file = s.filter(p -> p.getFileName().toString().equals(CS06)).findFirst().orElseThrow();
        }
        Cli good = Cli.run("gbcs", "decode", "--json", "--keys", keys.toString(), file.toString());
        assertEquals(Main.EXIT_OK, good.exit(), good.out());
        JsonNode g = JSON.readTree(good.out());
        // Flip one bit of the originator EUI-64 where it first appears in the message: no key in the
        // keystore belongs to that entity, so neither the signature nor the MAC can be checked.
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip().replaceAll("\\s+", "");
        String eui = g.get("originator").asText();
        int at = hex.indexOf(eui);
        assertTrue(at > 0, "the originator is in the wire bytes");
        char first = eui.charAt(0); // the top bit of the EUI-64: no keystore entity is near it
        String flippedEui = Character.toUpperCase(Character.forDigit(Character.digit(first, 16) ^ 8, 16)) + eui.substring(1);
        String flipped = hex.substring(0, at) + flippedEui + hex.substring(at + 16);

        Cli bad = Cli.run("gbcs", "decode", "--json", "--keys", keys.toString(), flipped);
        assertEquals(Main.EXIT_CHECK_FAILED, bad.exit(), bad.out() + bad.err());
        JsonNode o = JSON.readTree(bad.out());
        assertFalse(o.get("ok").asBoolean(), "keys given, none fits: not ok");
        assertTrue(o.has("unverified") && o.get("unverified").size() > 0, o.toString());
        Cli text = Cli.run("gbcs", "decode", "--keys", keys.toString(), flipped);
        assertEquals(Main.EXIT_CHECK_FAILED, text.exit());
        assertTrue(text.out().contains("UNVERIFIED: no key in " + keys), text.out());
        // Without keys nothing was claimed: still exit 0, as documented.
        assertEquals(Main.EXIT_OK, Cli.run("gbcs", "decode", flipped).exit());
        // The decode JSON still encodes back: "unverified" is one of the members encode ignores.
        assertTrue(GbcsMessageSpec.DECODE_ONLY.contains("unverified"));
    }

    @Test
    void i14_7_imageInspectJsonSaysTheGbSignatureWasNotCheckedAndTheReadmeNamesVerifyKey() throws Exception {
        Path img = dir.resolve("d.ota");
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", img.toString()).exit());
        JsonNode o = JSON.readTree(Cli.run("image", "inspect", "--json", img.toString()).out());
        assertTrue(o.get("gb").get("signed").asBoolean());
        assertFalse(o.get("gb").get("signatureChecked").asBoolean());
        assertTrue(o.get("gb").get("signatureNote").asText().contains("--verify-key"), o.toString());
        assertTrue(Cli.run("image", "inspect", img.toString()).out().contains("NOT CHECKED"));
        Cli checked = Cli.run("image", "inspect", "--json", "--verify-key", dir.resolve("d.ota.pub.pem").toString(),
                img.toString());
        assertEquals(0, checked.exit(), checked.err());
        JsonNode c = JSON.readTree(checked.out());
        assertTrue(c.get("gb").get("signatureChecked").asBoolean());
        assertFalse(c.get("gb").has("signatureNote"));
        Path readme = Files.exists(Path.of("README.md")) && Files.readString(Path.of("README.md")).contains("hansim")
                && Files.exists(Path.of("simulator-cli")) ? Path.of("README.md") : Path.of("..", "README.md");
        String text = Files.readString(readme);
        assertTrue(text.contains("image inspect --verify-key") || text.contains("--verify-key PEM"),
                "README documents --verify-key");
    }

    @Test
    void i14_7_scenarioNamesWithAnsiEscapesOrBidiControlsArePrintedEscaped() throws Exception {
        String yaml = RunCommandTest.GOOD.replace("name: small upgrade",
                "name: \"evil\\e[2J\\e]0;pwned\\a\\u202Egpj.exe\\u2066x\\x9B31m\"");
        Path s = RunCommandTest.write(dir, "evil.yaml", yaml);
        Cli r = Cli.run("run", "--quiet", s.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        for (char c : new char[] {'\u001b', '\u0007', '\u202E', '\u2066', '\u009B'}) {
            assertFalse(r.out().indexOf(c) >= 0 || r.err().indexOf(c) >= 0,
                    String.format("U+%04X printed raw", (int) c));
        }
        assertTrue(r.out().contains("evil\\u001B[2J\\u001B]0;pwned\\u0007\\u202Egpj.exe\\u2066x\\u009B31m"), r.out());
        // A problem quoting such text is escaped too.
        Path bad = RunCommandTest.write(dir, "bad.yaml", yaml.replace("seed: 9", "seed: \"\\e[31m\\u202E\""));
        Cli b = Cli.run("run", "--quiet", bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, b.exit());
        assertFalse(b.err().indexOf('\u001b') >= 0 || b.err().indexOf('\u202E') >= 0, b.err());
    }

    @Test
    void i14_7_oddLengthHexInAFileIsAnErrorNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("odd.hex"), "DD0000000000000000A\n");
        Cli r = Cli.run("gbcs", "decode", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(f + ": hex text with an odd number of digits (19)"), r.err());
        assertFalse(r.out().contains("ERROR"), "not decoded as binary");
    }

    @Test
    void i14_7_traceSummaryOfADirectorySaysItIsADirectory() {
        Cli r = Cli.run("trace", "summary", dir.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains(dir + ": is a directory"), r.err());
        assertFalse(r.err().contains("no such file"), r.err());
        Cli c = Cli.run("trace", "convert", "--to", "pcap", dir.toString(), "-o", dir.resolve("x.pcap").toString());
        assertTrue(c.exit() == Main.EXIT_BAD_INPUT && c.err().contains("is a directory"), c.err());
    }

    @Test
    void i14_7_fileLevelErrorsNameTheFileWithoutAFakePosition() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Cli r = Cli.run("run", missing.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith(missing + ": cannot read the scenario file"), r.err());
        assertFalse(r.err().contains(":0:0") || r.err().contains(":0:"), r.err());
        Path fleet = dir.resolve("missing-fleet.yaml");
        Cli f = Cli.run("fleet", fleet.toString());
        assertEquals(Main.EXIT_BAD_INPUT, f.exit());
        assertFalse(f.err().contains(":0:0"), f.err());
    }

    @Test
    void i14_7_nonUtf8InputNamesTheFileAndTheFirstBadByteOffset() throws Exception {
        byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path s = Files.write(dir.resolve("latin1.yaml"), latin1);
        Cli r = Cli.run("run", s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains(s + ": the file is not UTF-8 text: the first bad byte, 0xE9, is at byte offset 9"),
                r.err());
        Path fleet = Files.write(dir.resolve("latin1-fleet.yaml"), latin1);
        assertTrue(Cli.run("fleet", fleet.toString()).err().contains("byte offset 9"));
        Path json = Files.write(dir.resolve("m.json"), "{\"useCase\":\"CS06\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));
        Cli e = Cli.run("gbcs", "encode", "--pki-seed", "demo", json.toString());
        assertEquals(Main.EXIT_BAD_INPUT, e.exit());
        assertTrue(e.err().contains(json + ": not UTF-8 text: the first bad byte, 0xFF, is at byte offset 16"), e.err());
        byte[] trace = new byte[20_000];
        java.util.Arrays.fill(trace, (byte) ' ');
        trace[12_345] = (byte) 0xC3; // a lead byte followed by a space: malformed
        Path t = Files.write(dir.resolve("t.jsonl"), trace);
        Cli ts = Cli.run("trace", "summary", t.toString());
        assertEquals(Main.EXIT_BAD_INPUT, ts.exit());
        assertTrue(ts.err().contains(t + ": not UTF-8 text: the first bad byte is at byte offset 12345"), ts.err());
        for (Cli c : new Cli[] {r, e, ts}) {
            assertFalse(c.err().contains("Input length"), c.err());
        }
    }

    @Test
    void i14_7_negativePayloadSizeSaysItMustBeAtLeastZero() {
        Cli r = Cli.run("image", "build", "--manufacturer-code", "1", "--image-type", "1", "--file-version", "1",
                "--payload-size", "-1", "-o", dir.resolve("x.ota").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--payload-size -1: must be at least 0"), r.err());
        assertFalse(r.err().contains("a payload is required"), r.err());
        assertFalse(Files.exists(dir.resolve("x.ota")));
    }

    /** Decision 0016: a seed is 0..2⁶³−1 on the command line as in a file; negatives refused in both. */
    @Test
    void i14_7_negativeSeedIsRefusedOnTheCommandLineAsInAFile() throws Exception {
        Path s = RunCommandTest.write(dir, "s.yaml", RunCommandTest.GOOD);
        Cli cli = Cli.run("run", "--quiet", "--seed", "-1", s.toString());
        assertEquals(Main.EXIT_BAD_INPUT, cli.exit(), cli.out());
        assertTrue(cli.err().contains("seed -1 is negative"), cli.err());
        Path f = RunCommandTest.write(dir, "neg.yaml", RunCommandTest.GOOD.replace("seed: 9", "seed: -1"));
        Cli file = Cli.run("run", "--quiet", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, file.exit(), file.out());
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("demo", "--quiet", "--seed", "-1").exit());
        assertEquals(Main.EXIT_BAD_INPUT, Cli.run("image", "build", "--demo", "--seed", "-5", "-o",
                dir.resolve("x.ota").toString()).exit());
        // The top of the range works in both.
        Path max = RunCommandTest.write(dir, "max.yaml", RunCommandTest.GOOD.replace("seed: 9", "seed: " + Long.MAX_VALUE));
        Cli m = Cli.run("run", "--quiet", "--seed", Long.toString(Long.MAX_VALUE), max.toString());
        assertTrue(m.exit() == Main.EXIT_OK || m.exit() == Main.EXIT_CHECK_FAILED, m.err());
    }

    @Test
    void i14_7_gbcsKeysWritesPrivateKeysOwnerOnly() throws Exception {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        // An existing world-readable key file is narrowed too.
        Path old = Files.writeString(keys.resolve("90b3d51f30010000-ds.key"), "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        Cli r = Cli.run("gbcs", "keys", "--pki-seed", "demo", "--entity", "90B3D51F30010000", "--entity",
                "00DB123456789001:ka", "-o", keys.toString());
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        int privateKeys = 0;
        try (var files = Files.list(keys)) {
            for (Path p : files.toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (p.toString().endsWith(".key")) {
                    privateKeys++;
                    assertEquals("rw-------", PosixFilePermissions.toString(perms), p.toString());
                } else {
                    assertTrue(perms.contains(PosixFilePermission.OWNER_READ), p.toString());
                }
            }
        }
        assertEquals(3, privateKeys, "ds and ka of one entity, ka of the other");
        // Same bytes as TestPki's own keystore writer (determinism: same seed, same files).
        Path ref = dir.resolve("ref");
        new io.hansim.gbcs.crypto.TestPki("demo").writeKeystore(ref, java.util.List.of(
                new io.hansim.gbcs.crypto.TestPki.KeyRef(0x90B3D51F30010000L, io.hansim.gbcs.crypto.KeyUsage.DS),
                new io.hansim.gbcs.crypto.TestPki.KeyRef(0x90B3D51F30010000L, io.hansim.gbcs.crypto.KeyUsage.KA),
                new io.hansim.gbcs.crypto.TestPki.KeyRef(0x00DB123456789001L, io.hansim.gbcs.crypto.KeyUsage.KA)));
        try (var files = Files.list(ref)) {
            for (Path p : files.toList()) {
                assertEquals(Files.readString(p), Files.readString(keys.resolve(p.getFileName())), p.toString());
            }
        }
    }

    /** Issue 14 item 2 (found again by CliFuzzTest): a trace time the pcap cannot carry is bad input at its line. */
    @Test
    void i14_2_traceRecordAtTimeTwoToThe63IsBadInputAtItsLine() throws Exception {
        Path seed = Path.of("src/test/resources/io/hansim/cli/CliFuzzTestInputs/traceFileGivesExitZeroOneOrTwo/huge-time");
        Path t = Files.copy(seed, dir.resolve("huge.jsonl"));
        Path out = dir.resolve("huge.pcap");
        Cli r = Cli.run("trace", "convert", "--to", "pcap", t.toString(), "-o", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(t + ":2: virtual time 9223372036854775807"), r.err());
        assertFalse(Files.exists(out), "no half-written pcap is left");
    }
}

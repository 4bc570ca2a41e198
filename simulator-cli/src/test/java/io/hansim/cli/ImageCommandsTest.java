package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.zcl.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void demoImageBuildsDeterministicallyAndInspectsClean() throws Exception {
        Path a = dir.resolve("a.ota");
        Path b = dir.resolve("sub/b.ota");
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", a.toString()).exit());
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", b.toString()).exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same options, same bytes");
        assertTrue(Files.exists(dir.resolve("a.ota.pub.pem")));

        Cli r = Cli.run("image", "inspect", "--json", a.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(a.toString(), o.get("file").asText());
        assertTrue(o.get("ok").asBoolean());
        assertEquals(0, o.get("identifierOffset").asLong());
        assertEquals(0x1234, o.get("manufacturerCode").asInt());
        assertTrue(o.get("manufacturerCode").isNumber());
        assertEquals(0x0084, o.get("imageType").asInt());
        assertEquals(0x0100_0002L, o.get("fileVersion").asLong());
        assertEquals(60, o.get("headerLength").asInt());
        assertEquals(0x0004, o.get("fieldControl").asInt());
        assertEquals(0x0100, o.get("minHardwareVersion").asInt());
        assertEquals(0x01FF, o.get("maxHardwareVersion").asInt());
        assertFalse(o.has("destination"), "absent optional fields are omitted");
        assertFalse(o.has("securityCredentialVersion"));
        assertEquals(Files.size(a), o.get("totalImageSize").asLong());
        assertTrue(o.get("gb").get("signed").asBoolean());

        Cli verified = Cli.run("image", "inspect", "--json", "--verify-key", a + ".pub.pem", a.toString());
        assertEquals(0, verified.exit(), verified.err());
        assertTrue(verified.out().contains("GB_SIGNATURE_VERIFIED"), verified.out());
    }

    @Test
    void signatureCheckWithAnotherKeyFails() throws Exception {
        Path a = dir.resolve("a.ota");
        Path other = dir.resolve("other.ota");
        Cli.run("image", "build", "--demo", "-o", a.toString());
        Cli.run("image", "build", "--demo", "--seed", "2", "-o", other.toString());
        Cli r = Cli.run("image", "inspect", "--verify-key", other + ".pub.pem", a.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit());
        assertTrue(r.out().contains("GB_SIGNATURE_INVALID"), r.out());
    }

    @Test
    void buildsEveryOptionalHeaderField() throws Exception {
        Path f = dir.resolve("full.ota");
        Cli b = Cli.run("image", "build", "--manufacturer-code", "0x1037", "--image-type", "0xFFC1",
                "--file-version", "0x80000001", "--stack-version", "2", "--header-string", "config",
                "--security-credential-version", "3", "--destination", "00:11:22:33:44:55:66:77",
                "--hardware-versions", "1..0x0203", "--payload-size", "100", "--tag", "0xF000", "-o", f.toString());
        assertEquals(0, b.exit(), b.err());
        JsonNode o = JSON.readTree(Cli.run("image", "inspect", "--json", f.toString()).out());
        assertEquals(69, o.get("headerLength").asInt());
        assertEquals(7, o.get("fieldControl").asInt());
        assertEquals(0x8000_0001L, o.get("fileVersion").asLong(), "unsigned, not negative");
        assertEquals(3, o.get("securityCredentialVersion").asInt());
        assertEquals(0x0011_2233_4455_6677L, o.get("destination").asLong());
        assertEquals("0011223344556677", o.get("destinationHex").asText());
        assertEquals("config", o.get("headerString").asText());
        JsonNode el = o.get("elements").get(0);
        assertEquals(0xF000, el.get("tag").asInt());
        assertEquals(69, el.get("offset").asLong());
        assertEquals(100, el.get("length").asLong());
    }

    @Test
    void payloadFromFileIsCarriedAsIs() throws Exception {
        Path payload = dir.resolve("fw.bin");
        Files.write(payload, new byte[] {1, 2, 3, 4, 5});
        Path f = dir.resolve("fw.ota");
        assertEquals(0, Cli.run("image", "build", "--manufacturer-code", "1", "--image-type", "2",
                "--file-version", "3", "--payload", payload.toString(), "-o", f.toString()).exit());
        byte[] img = Files.readAllBytes(f);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Arrays.copyOfRange(img, img.length - 5, img.length));
        assertEquals(56 + 6 + 5, img.length);
    }

    @Test
    void errorFindingGivesExitOneAndStillDescribesTheFile() throws Exception {
        byte[] good = OtaImageBuilder.create().manufacturerCode(0x1234).imageType(1).fileVersion(2)
                .element(0, Bytes.of(new byte[300])).build();
        Path cut = dir.resolve("cut.ota");
        Files.write(cut, Arrays.copyOf(good, 200));
        Cli r = Cli.run("image", "inspect", "--json", cut.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit());
        JsonNode o = JSON.readTree(r.out());
        assertFalse(o.get("ok").asBoolean());
        assertEquals(0x1234, o.get("manufacturerCode").asInt());
        assertEquals("TRUNCATED", o.get("findings").get(0).get("code").asText());
        assertEquals("ERROR", o.get("findings").get(0).get("severity").asText());
    }

    @Test
    void unreadableFilesAreBadInputButOthersAreStillInspected() throws Exception {
        Path good = dir.resolve("good.ota");
        Cli.run("image", "build", "--demo", "-o", good.toString());
        Cli r = Cli.run("image", "inspect", "--json", dir.resolve("missing.ota").toString(), dir.toString(), good.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("missing.ota: no such file"), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
        assertEquals(1, r.out().lines().count(), "the readable file is still reported");
    }

    @Test
    void buildRefusesIncompleteOrContradictoryOptions() {
        String out = dir.resolve("x.ota").toString();
        Cli r = Cli.run("image", "build", "--payload-size", "1", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--manufacturer-code"), r.err());
        r = Cli.run("image", "build", "--demo", "--tag", "0", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        r = Cli.run("image", "build", "--demo", "--hardware-versions", "5..1", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("above maximum"), r.err());
        r = Cli.run("image", "build", "--demo", "--payload", "a", "--payload-size", "2", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        r = Cli.run("image", "build", "--demo", "--sign-key", dir.resolve("nokey.pem").toString(), "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("nokey.pem: no such file"), r.err());
        assertFalse(Files.exists(dir.resolve("x.ota")), "nothing written on failure");
    }

    @Test
    void aFailedBuildLeavesTheExistingFileUntouched() throws Exception {
        Path f = dir.resolve("keep.ota");
        Files.write(f, new byte[] {9, 9, 9});
        Path notAKey = dir.resolve("bad.pem");
        Files.writeString(notAKey, "not a key");
        Cli r = Cli.run("image", "build", "--demo", "--sign-key", notAKey.toString(), "-o", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertArrayEquals(new byte[] {9, 9, 9}, Files.readAllBytes(f));
    }

    /** G.6, fault 4 of issue 13: both GB forms are told apart without --format, and named. */
    @Test
    void g6_inspectTellsTheTwoGbFormsApartWithoutFormatAndNamesThem() throws Exception {
        Path ppmid = dir.resolve("ppmid.ota");
        Cli b = Cli.run("image", "build", "--manufacturer-code", "0x1234", "--image-type", "0x0084",
                "--file-version", "2", "--hardware-versions", "0x0100..0x01FF", "--gb", "--payload-size", "4096",
                "-o", ppmid.toString());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.out().contains("GB SR 11.4 form"), b.out());
        Path signed = dir.resolve("signed.ota");
        assertEquals(0, Cli.run("image", "build", "--demo", "-o", signed.toString()).exit());

        Cli auto = Cli.run("image", "inspect", ppmid.toString());
        assertEquals(0, auto.exit(), auto.out());
        assertTrue(auto.out().contains("GB form             GB SR 11.4 form (PPMID"), auto.out());
        assertTrue(auto.out().contains("none (PPMID form)"), auto.out());
        assertTrue(auto.out().contains("GB_BODY"), auto.out());
        assertFalse(auto.out().contains("hint:"), auto.out());

        JsonNode p = JSON.readTree(Cli.run("image", "inspect", "--json", ppmid.toString()).out());
        assertTrue(p.get("ok").asBoolean());
        assertEquals("ppmid", p.get("gb").get("form").asText());
        assertFalse(p.get("gb").get("signed").asBoolean());
        JsonNode s = JSON.readTree(Cli.run("image", "inspect", "--json", signed.toString()).out());
        assertEquals("signed", s.get("gb").get("form").asText());
        assertTrue(s.get("gb").get("formLabel").asText().startsWith("GB signed form"), s.toString());

        // With a key, the signed form's signature is checked; the SR 11.4 form has none to check.
        Cli v = Cli.run("image", "inspect", "--verify-key", signed + ".pub.pem", signed.toString());
        assertEquals(0, v.exit(), v.out());
        assertTrue(v.out().contains("GB_SIGNATURE_VERIFIED"), v.out());
        Cli none = Cli.run("image", "inspect", "--verify-key", signed + ".pub.pem", ppmid.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, none.exit());
        assertTrue(none.out().contains("GB_SIGNATURE_INVALID") && none.out().contains("SR 11.4 form"), none.out());
    }

    @Test
    void anSr114BodyUnderAHeaderWithoutTheGbShapeNeedsTheGbFormatAndSaysSo() throws Exception {
        Path f = dir.resolve("ppmid-56.ota");
        assertEquals(0, Cli.run("image", "build", "--manufacturer-code", "0x1234", "--image-type", "0x0084",
                "--file-version", "2", "--gb", "--payload-size", "4096", "-o", f.toString()).exit());
        Cli auto = Cli.run("image", "inspect", f.toString());
        assertEquals(Main.EXIT_CHECK_FAILED, auto.exit());
        assertTrue(auto.out().contains("--format gb"), auto.out());
        Cli gb = Cli.run("image", "inspect", "--format", "gb", f.toString());
        assertEquals(0, gb.exit(), gb.out());
        assertTrue(gb.out().contains("none (PPMID form)"), gb.out());
    }

    @Test
    void buildWritesEitherGbFormOnRequest() throws Exception {
        Path ppmid = dir.resolve("demo-ppmid.ota");
        Cli b = Cli.run("image", "build", "--demo", "--gb-form", "ppmid", "-o", ppmid.toString());
        assertEquals(0, b.exit(), b.err());
        assertFalse(Files.exists(dir.resolve("demo-ppmid.ota.pub.pem")), "no key used, none written");
        JsonNode o = JSON.readTree(Cli.run("image", "inspect", "--json", ppmid.toString()).out());
        assertEquals("ppmid", o.get("gb").get("form").asText());
        assertEquals(48 * 1024, o.get("gb").get("manufacturerImageLength").asInt());

        String out = dir.resolve("x.ota").toString();
        Cli r = Cli.run("image", "build", "--demo", "--gb-form", "ppmid", "--sign-key", "k.pem", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("no signature"), r.err());
        r = Cli.run("image", "build", "--manufacturer-code", "1", "--image-type", "2", "--file-version", "3",
                "--payload-size", "10", "--gb-form", "signed", "-o", out);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("needs a key"), r.err());
        r = Cli.run("image", "build", "--demo", "--gb-form", "signed", "-o", out);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("GB signed form"), r.out());
    }
}

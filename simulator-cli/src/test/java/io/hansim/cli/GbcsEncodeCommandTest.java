package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hansim gbcs encode} and {@code hansim gbcs keys}: round trips through {@code decode}, and input errors. */
class GbcsEncodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPLIER = "90B3D51F30010000";
    private static final String ACB = "90B3D51F30000002";
    private static final String ESME = "00DB123456789001";
    private static final String HASH = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private static final String DATE_TIME = "07EA0C01FF000000008000FF";

    private static Path keys(Path dir) {
        Path k = dir.resolve("keys");
        Cli r = Cli.run("gbcs", "keys", "--pki-seed", "test", "--entity", SUPPLIER, "--entity", ACB + ":ka",
                "--entity", ESME, "-o", k.toString());
        assertEquals(0, r.exit(), r.err());
        return k;
    }

    private static String header(String useCase, String cra, String from, String to) {
        return "\"useCase\":\"" + useCase + "\",\"cra\":\"" + cra + "\",\"originator\":\"" + from
                + "\",\"recipient\":\"" + to + "\",\"originatorCounter\":\"0x0000000100000042\"";
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static JsonNode decode(Path keys, String hex) throws IOException {
        Cli d = Cli.run("gbcs", "decode", "--json", "--keys", keys.toString(), hex);
        assertEquals(0, d.exit(), d.out() + d.err());
        return JSON.readTree(d.out());
    }

    @Test
    void exampleCs06EncodesAndDecodesOkWithValidMacAndSignature(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        Path example = Path.of(System.getProperty("hansim.root", ".."), "examples/gbcs/cs06.json");
        if (!Files.exists(example)) {
            example = Path.of("../examples/gbcs/cs06.json");
        }
        Cli r = Cli.run("gbcs", "encode", "--keys", k.toString(), example.toString());
        assertEquals(0, r.exit(), r.err());
        String hex = r.out().strip();
        JsonNode o = decode(k, hex);
        assertTrue(o.get("ok").asBoolean(), o.toString());
        assertEquals("CS06", o.get("useCase").asText());
        assertEquals("VALID", o.get("mac").asText());
        assertEquals("VALID", o.get("signature").asText());
        // --pki-seed gives the very same bytes as the folder written from that seed.
        Cli s = Cli.run("gbcs", "encode", "--pki-seed", "test", example.toString());
        assertEquals(hex, s.out().strip(), s.err());
    }

    @Test
    void everyUseCaseBodyEncodesToItsRecordAndVerifies(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        String json = "[" + String.join(",", List.of(
                "{" + header("CS06", "command", SUPPLIER, ESME) + ",\"body\":{\"imageHash\":\"" + HASH + "\"}}",
                "{" + header("CS06", "response", ESME, SUPPLIER) + ",\"dateTime\":\"" + DATE_TIME
                        + "\",\"body\":{\"outcome\":0,\"firmwareVersion\":\"01020304\"}}",
                "{" + header("CS06", "response", ESME, SUPPLIER) + "}",
                "{" + header("0x00CA", "alert", ESME, SUPPLIER) + ",\"body\":{\"alertCode\":\"0x8F66\","
                        + "\"executionDateTime\":\"20261201000000Z\",\"originatorCounter\":66,\"outcome\":0,"
                        + "\"firmwareVersion\":\"01020304\"}}",
                "{" + header("CS08", "command", ACB, ESME) + ",\"supplementaryRemotePartyId\":\"" + SUPPLIER
                        + "\",\"supplementaryRemotePartyCounter\":7}",
                "{" + header("CS08", "response", ESME, ACB) + ",\"body\":{\"firmwareVersion\":\"01020304\",\"result\":0}}",
                "{" + header("CCS08", "alert", ESME, ACB) + ",\"body\":{\"alertCode\":\"0x8F8A\",\"time\":"
                        + "\"20261201000000Z\",\"targetEntityId\":\"00DB123456789002\",\"firmwareVersion\":\"01020304\","
                        + "\"responseCode\":0}}",
                "{" + header("0x012B", "alert", ESME, ACB) + ",\"body\":{\"alertCode\":\"0x8F8B\",\"time\":"
                        + "\"20261201000000Z\",\"firmwareVersion\":\"01020304\",\"activateImage\":0}}",
                "{" + header("0x00CE", "alert", ESME, SUPPLIER) + ",\"body\":{\"invokeId\":1,\"alertCode\":\"0x8F72\","
                        + "\"dateTime\":\"" + DATE_TIME + "\",\"hash\":\"" + HASH + "\"}}",
                "{" + header("0x00CF", "alert", ESME, SUPPLIER) + ",\"body\":{\"alertCode\":\"0x8F72\","
                        + "\"utcTime\":123456,\"hash\":\"" + HASH + "\"}}",
                "{" + header("GCS09", "command", SUPPLIER, ESME) + ",\"body\":{\"tsn\":1,\"providerId\":0,"
                        + "\"issuerEventId\":1000,\"tariffType\":0,\"implementationDateTime\":2000,"
                        + "\"proposedTenancyChangeControl\":\"0x200\"}}",
                "{" + header("GCS09", "response", ESME, SUPPLIER) + ",\"body\":{\"tsn\":1,\"status\":0}}",
                "{" + header("ECS12", "command", SUPPLIER, ESME) + ",\"body\":{\"invokeId\":1,\"restrictDateTime\":\""
                        + DATE_TIME + "\"}}",
                "{" + header("ECS12", "response", ESME, SUPPLIER) + ",\"body\":{\"invokeId\":1,\"result\":0}}",
                "{" + header("CS11", "command", SUPPLIER, ESME) + ",\"body\":{\"tsn\":1,\"logId\":3}}",
                "{" + header("CS11", "response", ESME, SUPPLIER) + ",\"body\":{\"tsn\":1,\"clearedEventsLogs\":8}}",
                "{\"messageCode\":\"0x1001\",\"cra\":\"alert\",\"originator\":\"" + ESME + "\",\"recipient\":\""
                        + SUPPLIER + "\",\"originatorCounter\":1,\"payloadHex\":\"0500\"}")) + "]";
        Cli r = Cli.run("gbcs", "encode", "--keys", k.toString(), write(dir, "all.json", json).toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(17, lines.size());
        List<Class<?>> want = List.of(UseCaseRecord.Cs06Command.class, UseCaseRecord.Cs06Response.class,
                UseCaseRecord.Null.class, UseCaseRecord.FutureDatedActivationAlert.class, UseCaseRecord.Null.class,
                UseCaseRecord.Cs08Response.class, UseCaseRecord.Ccs08Alert.class, UseCaseRecord.PpmidFirmwareAlert.class,
                UseCaseRecord.DlmsFirmwareReceiptAlert.class, UseCaseRecord.GbzFirmwareReceiptAlert.class,
                UseCaseRecord.Gcs09Command.class, UseCaseRecord.GbzDefaultResponse.class,
                UseCaseRecord.Ecs12Command.class, UseCaseRecord.Ecs12Response.class, UseCaseRecord.Cs11Command.class,
                UseCaseRecord.Cs11Response.class);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = decode(k, lines.get(i));
            assertTrue(o.get("ok").asBoolean(), i + ": " + o);
            assertTrue(!o.get("mac").asText().equals("UNVERIFIABLE") && !o.get("signature").asText().equals("UNVERIFIABLE"),
                    i + ": " + o);
            assertTrue(o.get("mac").asText().equals("VALID") || o.get("signature").asText().equals("VALID"), i + ": " + o);
            GbcsMessage m = GbcsCodec.decode(HexFormat.of().parseHex(lines.get(i)));
            if (i < want.size()) {
                assertEquals(want.get(i), UseCaseCodec.decode(m).orElseThrow().getClass(), "message " + i);
            }
        }
        // The CS08 command carries the supplementary remote party (18-byte other-information, gbcs.md §2.2).
        GbcsMessage cs08 = GbcsCodec.decode(HexFormat.of().parseHex(lines.get(4)));
        assertEquals(0x90B3D51F30010000L, cs08.groupingHeader().otherInformation().supplementaryRemotePartyId().getAsLong());
    }

    @Test
    void outWritesTheBytesAndStdinIsRead(@TempDir Path dir) throws IOException {
        Path json = write(dir, "m.json", "{" + header("CS11", "command", SUPPLIER, ESME) + ",\"body\":{\"tsn\":1,\"logId\":3}}");
        Cli hex = Cli.run("gbcs", "encode", "--pki-seed", "x", json.toString());
        Path bin = dir.resolve("m.bin");
        Cli r = Cli.run("gbcs", "encode", "--pki-seed", "x", "--out", bin.toString(), json.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertArrayEquals(HexFormat.of().parseHex(hex.out().strip()), Files.readAllBytes(bin));
    }

    @Test
    void dashReadsStandardInput(@TempDir Path dir) throws IOException {
        String json = "{" + header("CS11", "command", SUPPLIER, ESME) + ",\"body\":{\"tsn\":1,\"logId\":3}}";
        Cli file = Cli.run("gbcs", "encode", "--pki-seed", "x", write(dir, "m.json", json).toString());
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli r = Cli.run("gbcs", "encode", "--pki-seed", "x", "-");
            assertEquals(0, r.exit(), r.err());
            assertEquals(file.out(), r.out());
            System.setIn(new java.io.ByteArrayInputStream("{\"cra\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli bad = Cli.run("gbcs", "encode", "--pki-seed", "x", "-");
            assertEquals("hansim: <stdin>:1:2: $.cra: expected a string, got an integer" + System.lineSeparator(), bad.err());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void precommandNeedsNoKeys(@TempDir Path dir) throws IOException {
        Path json = write(dir, "p.json", "{" + header("CS06", "command", SUPPLIER, ESME)
                + ",\"form\":\"precommand\",\"body\":{\"imageHash\":\"" + HASH + "\"}}");
        Cli r = Cli.run("gbcs", "encode", json.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(GbcsCodec.Form.PRECOMMAND, GbcsCodec.decode(HexFormat.of().parseHex(r.out().strip()),
                GbcsCodec.Form.PRECOMMAND).form());
    }

    private static void assertBadInput(Path dir, String json, String message) throws IOException {
        Path f = write(dir, "bad.json", json);
        Cli r = Cli.run("gbcs", "encode", "--pki-seed", "x", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertEquals("hansim: " + f + message + System.lineSeparator(), r.err());
    }

    @Test
    void unknownKeyNamesPathAndLocation(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "{" + header("CS11", "command", SUPPLIER, ESME) + ",\n  \"body\":{\"tsn\":1,\"logId\":3,\"colour\":2}}",
                ":2:29: $.body.colour: unknown key (expected one of logId, tsn)");
    }

    @Test
    void wrongTypeNamesPathAndLocation(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "{" + header("CS11", "command", SUPPLIER, ESME) + ",\n\"body\":{\"tsn\":true,\"logId\":3}}",
                ":2:9: $.body.tsn: expected an integer (or a decimal/0x string), got a boolean");
    }

    @Test
    void badHexNamesPathAndLocation(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "[\n{" + header("CS06", "command", SUPPLIER, ESME) + ",\"body\":{\"imageHash\":\"XYZ\"}}]",
                ":2:147: $[0].body.imageHash: bad hex \"XYZ\" (expected an even number of hex digits)");
    }

    @Test
    void wrongLengthHexNamesPath(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "{" + header("CS06", "command", SUPPLIER, ESME) + ",\"body\":{\"imageHash\":\"0011\"}}",
                ":1:147: $.body.imageHash: expected 64 hex digits, got 4");
    }

    @Test
    void missingFieldNamesTheObject(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "{\"useCase\":\"CS11\",\"cra\":\"command\",\"originator\":\"" + SUPPLIER + "\",\n"
                + "\"recipient\":\"" + ESME + "\",\"body\":{\"tsn\":1,\"logId\":3}}",
                ":1:1: $: missing key \"originatorCounter\"");
    }

    @Test
    void invalidJsonNamesLocation(@TempDir Path dir) throws IOException {
        Path f = write(dir, "bad.json", "{\"cra\": command}");
        Cli r = Cli.run("gbcs", "encode", "--pki-seed", "x", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("hansim: " + f + ":1:9: invalid JSON: Unrecognized token 'command'"), r.err());
    }

    @Test
    void unknownUseCaseAndCraAreNamed(@TempDir Path dir) throws IOException {
        assertBadInput(dir, "{" + header("CS99", "command", SUPPLIER, ESME) + "}",
                ":1:2: $.useCase: unknown use case \"CS99\" (expected one of 0x00CA, 0x00CE, 0x00CF, 0x012B, CCS08, CS06,"
                        + " CS08, CS11, ECS12, GCS09, or give messageCode and payloadHex)");
        assertBadInput(dir, "{" + header("CS11", "order", SUPPLIER, ESME) + "}",
                ":1:19: $.cra: \"order\" is not command, response or alert");
    }

    @Test
    void missingKeyNamesEntityAndUsage(@TempDir Path dir) throws IOException {
        Path f = write(dir, "m.json", "{" + header("CS06", "command", SUPPLIER, ESME) + ",\"body\":{\"imageHash\":\"" + HASH + "\"}}");
        Cli r = Cli.run("gbcs", "encode", f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals("hansim: " + f + ": no private DS key for 90B3D51F30010000 (needed to sign as the originator,"
                + " gbcs.md §4.2); give --keys DIR or --pki-seed SEED" + System.lineSeparator(), r.err());
    }

    @Test
    void keysWritesTheKeystoreLayout(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        assertTrue(Files.exists(k.resolve("ca.pem")));
        assertTrue(Files.exists(k.resolve("90b3d51f30010000-ds.pem")) && Files.exists(k.resolve("90b3d51f30010000-ds.key")));
        assertTrue(Files.exists(k.resolve("90b3d51f30000002-ka.key")));
        assertTrue(!Files.exists(k.resolve("90b3d51f30000002-ds.key")));
        Cli bad = Cli.run("gbcs", "keys", "--pki-seed", "s", "--entity", ESME + ":xx", "-o", dir.resolve("k2").toString());
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit());
        assertEquals("hansim: --entity " + ESME + ":xx: unknown usage 'xx' (expected ds, ka or pp-ka)"
                + System.lineSeparator(), bad.err());
    }
}

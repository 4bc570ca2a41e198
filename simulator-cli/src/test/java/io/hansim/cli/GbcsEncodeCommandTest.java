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
        assertEquals("VALID", o.get("macVerdict").asText());
        assertEquals("VALID", o.get("signatureVerdict").asText());
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
            assertTrue(!o.get("macVerdict").asText().equals("UNVERIFIABLE")
                    && !o.get("signatureVerdict").asText().equals("UNVERIFIABLE"), i + ": " + o);
            assertTrue(o.get("macVerdict").asText().equals("VALID") || o.get("signatureVerdict").asText().equals("VALID"),
                    i + ": " + o);
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
        assertEquals("hansim: " + f + ":1:1: $: no private DS key for 90B3D51F30010000 (needed to sign as the originator,"
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

    // --- issue 13 fault 9: decode --json feeds encode (G.1: the codec re-encodes identically) ---

    /** A keystore folder for the given entities (default usages ds, ka). */
    private static Path keystore(Path dir, String name, String... entities) {
        Path k = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("gbcs", "keys", "--pki-seed", "test"));
        for (String e : entities) {
            args.add("--entity");
            args.add(e);
        }
        args.add("-o");
        args.add(k.toString());
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return k;
    }

    private static String encode(Path keys, Path json) {
        Cli r = Cli.run("gbcs", "encode", "--keys", keys.toString(), json.toString());
        assertEquals(0, r.exit(), r.err());
        return r.out().strip();
    }

    private static String decodeLine(Path keys, String hex) {
        Cli d = Cli.run("gbcs", "decode", "--json", "--keys", keys.toString(), hex);
        assertEquals(0, d.exit(), d.out() + d.err());
        return d.out().strip();
    }

    @Test
    void g1_decodeJsonEncodesBackToTheSameBytes(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        String json = "[" + String.join(",", List.of(
                "{" + header("CS06", "command", SUPPLIER, ESME) + ",\"body\":{\"imageHash\":\"" + HASH + "\"}}",
                "{" + header("CS06", "response", ESME, SUPPLIER) + ",\"dateTime\":\"" + DATE_TIME
                        + "\",\"body\":{\"outcome\":0,\"firmwareVersion\":\"01020304\"}}",
                "{" + header("CS08", "command", ACB, ESME) + ",\"supplementaryRemotePartyId\":\"" + SUPPLIER
                        + "\",\"supplementaryRemotePartyCounter\":7}",
                "{" + header("CS06", "command", SUPPLIER, ESME) + ",\"form\":\"precommand\",\"body\":{\"imageHash\":\""
                        + HASH + "\"}}")) + "]";
        List<String> hex = Cli.run("gbcs", "encode", "--keys", k.toString(), write(dir, "m.json", json).toString())
                .out().lines().toList();
        assertEquals(4, hex.size());
        // All four decoded at once: JSON lines, which encode reads as $[0] … $[3].
        List<String> args = new java.util.ArrayList<>(List.of("gbcs", "decode", "--json", "--keys", k.toString()));
        args.addAll(hex);
        Cli d = Cli.run(args.toArray(String[]::new));
        assertEquals(0, d.exit(), d.err());
        assertEquals(hex, Cli.run("gbcs", "encode", "--keys", k.toString(), write(dir, "d.jsonl", d.out()).toString())
                .out().lines().toList());
        // The CS08 command's supplementary fields are in the JSON.
        JsonNode cs08 = JSON.readTree(d.out().lines().toList().get(2));
        assertEquals(SUPPLIER, cs08.get("supplementaryRemotePartyId").asText());
        assertEquals("7", cs08.get("supplementaryRemotePartyCounter").asText());
    }

    /** A CS06 command signed with a random nonce, as the DCC's tools sign: it cannot be signed again to the same bytes. */
    private static String randomlySignedCs06(Path keys) {
        io.hansim.gbcs.crypto.TestPki pki = new io.hansim.gbcs.crypto.TestPki("test");
        io.hansim.gbcs.crypto.MessageBuilder b = io.hansim.gbcs.crypto.MessageBuilder.rtds(pki);
        GbcsMessage m = b.build(io.hansim.gbcs.crypto.MessageBuilder.Header.onAir(io.hansim.gbcs.CraFlag.COMMAND, 5,
                Long.parseUnsignedLong(SUPPLIER, 16), Long.parseUnsignedLong(ESME, 16),
                io.hansim.gbcs.OtherInformation.of(0x0012)), new UseCaseRecord.Cs06Command(
                io.hansim.gbcs.ByteString.ofHex(HASH), 5, java.util.Optional.empty()));
        long supplier = Long.parseUnsignedLong(SUPPLIER, 16);
        GbcsMessage random = io.hansim.gbcs.crypto.GbcsSignature.sign(m,
                pki.privateKey(supplier, io.hansim.gbcs.crypto.KeyUsage.DS).orElseThrow());
        random = io.hansim.gbcs.crypto.GbcsMac.apply(random, io.hansim.gbcs.crypto.GbcsMac.key(random.groupingHeader(),
                pki.privateKey(Long.parseUnsignedLong(ACB, 16), io.hansim.gbcs.crypto.KeyUsage.KA).orElseThrow(),
                pki.publicKey(Long.parseUnsignedLong(ESME, 16), io.hansim.gbcs.crypto.KeyUsage.KA).orElseThrow()));
        assertTrue(!random.signature().equals(m.signature()));
        return HexFormat.of().withUpperCase().formatHex(GbcsCodec.encode(random));
    }

    @Test
    void g1_aSignatureThatStillVerifiesIsCarriedThrough(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        String hex = randomlySignedCs06(k);
        String line = decodeLine(k, hex);
        assertEquals(hex, encode(k, write(dir, "d.json", line)));
        // Without the supplier's private DS key (only its certificate) the signature is still carried.
        Path pub = keys(dir.resolve("p"));
        Files.delete(pub.resolve("90b3d51f30010000-ds.key"));
        assertEquals(hex, encode(pub, write(dir, "d.json", line)));
    }

    @Test
    void g1_anEditedFieldIsSignedAndMacdAgainOrNamesTheMissingKey(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        String hex = randomlySignedCs06(k);
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(decodeLine(k, hex));
        o.put("originatorCounter", "6");
        Path edited = write(dir, "e.json", o.toString());
        Cli r = Cli.run("gbcs", "encode", "--keys", k.toString(), edited.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("$.signatureHex: the given signature does not verify"), r.err());
        JsonNode back = JSON.readTree(decodeLine(k, r.out().strip()));
        assertEquals("6", back.get("originatorCounter").asText());
        assertEquals("VALID", back.get("macVerdict").asText());
        assertEquals("VALID", back.get("signatureVerdict").asText());
        // Without the private DS key an edit cannot be signed: a typed error at the signature's JSON path.
        Path pub = keys(dir.resolve("p"));
        Files.delete(pub.resolve("90b3d51f30010000-ds.key"));
        Cli no = Cli.run("gbcs", "encode", "--keys", pub.toString(), edited.toString());
        assertEquals(Main.EXIT_BAD_INPUT, no.exit(), no.out());
        assertTrue(no.err().startsWith("hansim: " + edited + ":1:"), no.err());
        assertTrue(no.err().contains(": $.signatureHex: no private DS key for 90B3D51F30010000 (needed to sign again:"
                + " the given signature does not verify over this content"), no.err());
        // Without the ACB's KA key the MAC cannot be made: the error names the key at $.mac.
        Path noAcb = keystore(dir, "n", SUPPLIER, ESME);
        Cli mac = Cli.run("gbcs", "encode", "--keys", noAcb.toString(), write(dir, "d.json", decodeLine(k, hex)).toString());
        assertEquals(Main.EXIT_BAD_INPUT, mac.exit(), mac.out());
        assertTrue(mac.err().contains(": $.mac: no ") && mac.err().contains("KA key for "), mac.err());
    }

    @Test
    void g1_decodeOnlyMembersAreIgnoredUnknownOnesAreNot(@TempDir Path dir) throws IOException {
        Path k = keys(dir);
        String hex = randomlySignedCs06(k);
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(decodeLine(k, hex));
        for (String m : List.of("file", "ok", "messageCodeHex", "useCase", "useCaseName", "payloadForm", "payloadLength",
                "macHex", "macVerdict", "signatureVerdict")) {
            assertTrue(o.has(m), m + " in " + o);
        }
        // decode-only values are ignored, whatever they say
        o.put("macVerdict", "INVALID");
        o.put("useCase", "GCS09");
        o.put("payloadLength", 1);
        assertEquals(hex, encode(k, write(dir, "a.json", o.toString())));
        o.put("colour", "blue");
        Path bad = write(dir, "b.json", o.toString());
        Cli r = Cli.run("gbcs", "encode", "--keys", k.toString(), bad.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("$.colour: unknown key (expected one of"), r.err());
        // the line decode prints for a message that did not decode
        Path failed = write(dir, "f.json", "{\"file\":\"x.hex\",\"ok\":false,\"error\":\"payload at offset 9: empty\","
                + "\"errorField\":\"payload\",\"errorOffset\":9}");
        Cli f = Cli.run("gbcs", "encode", "--keys", k.toString(), failed.toString());
        assertEquals(Main.EXIT_BAD_INPUT, f.exit());
        assertTrue(f.err().contains(":1:") && f.err().contains("$.ok: this is the decode output of a message that did"
                + " not decode (payload at offset 9: empty)"), f.err());
    }

    @Test
    void g1_anEncryptedPartsPlaintextIsEncryptedAgain(@TempDir Path dir) throws IOException {
        String gsme = "00DB1234567890A1";
        Path k = keystore(dir, "k", SUPPLIER, ACB + ":ka", gsme);
        // A GSME response to the supplier with an encrypted Read Attributes Response (gbcs.md §4.3).
        io.hansim.gbcs.crypto.TestPki pki = new io.hansim.gbcs.crypto.TestPki("test");
        long g = Long.parseUnsignedLong(gsme, 16);
        long s = Long.parseUnsignedLong(SUPPLIER, 16);
        io.hansim.gbcs.GroupingHeader gh = new io.hansim.gbcs.GroupingHeader(io.hansim.gbcs.CraFlag.RESPONSE, 9, g, s,
                java.util.Optional.empty(), io.hansim.gbcs.OtherInformation.of(0x0074), 0);
        io.hansim.gbcs.crypto.CipherContext c = io.hansim.gbcs.crypto.CipherContext.of(gh);
        io.hansim.gbcs.ByteString block = io.hansim.gbcs.crypto.PayloadCipher.encrypt(c,
                io.hansim.gbcs.crypto.PayloadCipher.key(c, pki.privateKey(g, io.hansim.gbcs.crypto.KeyUsage.KA).orElseThrow(),
                        pki.publicKey(s, io.hansim.gbcs.crypto.KeyUsage.KA).orElseThrow()), 0,
                io.hansim.gbcs.ByteString.ofHex("00000025393000000000"));
        io.hansim.gbcs.payload.GbzComponent comp = io.hansim.gbcs.crypto.EncryptedParts.encryptedComponent(
                io.hansim.gbcs.payload.GbzComponent.LAST, 0x0702, java.util.OptionalLong.empty(), 0, 0, 0x18, 1, 0x01, block);
        io.hansim.gbcs.ByteString payload = io.hansim.gbcs.ByteString.of(
                new io.hansim.gbcs.payload.GbzPayload.Components(List.of(comp)).encode());
        String json = "{\"messageCode\":116,\"cra\":\"response\",\"originator\":\"" + gsme + "\",\"recipient\":\""
                + SUPPLIER + "\",\"originatorCounter\":9,\"payloadHex\":\"" + payload.toHex() + "\"}";
        String hex = encode(k, write(dir, "r.json", json));
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(decodeLine(k, hex));
        JsonNode part = o.get("encryptedParts").get(0);
        assertEquals("VALID", part.get("verdict").asText());
        assertEquals("00000025393000000000", part.get("plaintextHex").asText());
        assertEquals(hex, encode(k, write(dir, "same.json", o.toString())));
        // Edit the plaintext: encode encrypts it, the MAC covers the new block, decode reads the edit back.
        ((com.fasterxml.jackson.databind.node.ObjectNode) part).put("plaintextHex", "00000025FF3000000000");
        String edited = encode(k, write(dir, "edit.json", o.toString()));
        JsonNode back = JSON.readTree(decodeLine(k, edited));
        assertEquals("VALID", back.get("macVerdict").asText());
        assertEquals("VALID", back.get("encryptedParts").get(0).get("verdict").asText());
        assertEquals("00000025FF3000000000", back.get("encryptedParts").get(0).get("plaintextHex").asText());
        // A plaintext of another length, and the GSME's KA key missing: typed errors at the part's path.
        ((com.fasterxml.jackson.databind.node.ObjectNode) part).put("plaintextHex", "0000");
        Path shorter = write(dir, "short.json", o.toString());
        Cli len = Cli.run("gbcs", "encode", "--keys", k.toString(), shorter.toString());
        assertEquals(Main.EXIT_BAD_INPUT, len.exit());
        assertTrue(len.err().contains("$.encryptedParts[0].plaintextHex: plaintext of 2 bytes, the part holds 10"),
                len.err());
        ((com.fasterxml.jackson.databind.node.ObjectNode) part).put("plaintextHex", "00000025393000000000");
        Files.delete(k.resolve("00db1234567890a1-ka.pem"));
        Files.delete(k.resolve("00db1234567890a1-ka.key"));
        Cli key = Cli.run("gbcs", "encode", "--keys", k.toString(), write(dir, "nokey.json", o.toString()).toString());
        assertEquals(Main.EXIT_BAD_INPUT, key.exit());
        assertTrue(key.err().contains("$.encryptedParts[0].plaintextHex: no public KA key for 00DB1234567890A1"),
                key.err());
    }
}

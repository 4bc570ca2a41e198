package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GbcsDecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A CS08 Read Firmware Version command built from gbcs.md §2 field by field (not a vector copy). */
    private static final String CS08_PRECOMMAND = "DF09" + "01" + "0000000000000001" + "08" + "90B3D51F30010000"
            + "08" + "00DB123456789001" + "00" + "02" + "0129" + "02" + "0500"; // payload: ASN.1 NULL

    @Test
    void decodesHexFromTheCommandLine() throws Exception {
        Cli r = Cli.run("gbcs", "decode", "--json", CS08_PRECOMMAND);
        assertEquals(0, r.exit(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(0x0129, o.get("messageCode").asInt());
        assertEquals("CS08", o.get("useCase").asText());
        assertTrue(o.get("payloadForm").isTextual(), r.out());
        assertEquals("command", o.get("cra").asText());
        assertEquals("1", o.get("originatorCounter").asText());
        assertEquals("90B3D51F30010000", o.get("originator").asText());
        assertEquals("00DB123456789001", o.get("recipient").asText());
        assertEquals("ABSENT", o.get("macVerdict").asText());
        assertEquals("ABSENT", o.get("signatureVerdict").asText());
        // what encode needs (issue 13 fault 9): form, protections, the payload bytes
        assertEquals("precommand", o.get("form").asText());
        assertEquals(false, o.get("sign").asBoolean());
        assertEquals(false, o.get("mac").asBoolean());
        assertEquals("0500", o.get("payloadHex").asText());
        assertTrue(o.get("dateTime").isNull(), r.out());
    }

    @Test
    void truncatedMessageIsATypedErrorWithExitOne() throws Exception {
        Cli r = Cli.run("gbcs", "decode", "--json", CS08_PRECOMMAND.substring(0, 30));
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit());
        JsonNode o = JSON.readTree(r.out());
        assertTrue(!o.get("ok").asBoolean() && o.has("error") && o.get("errorOffset").isNumber(), r.out());
    }

    @Test
    void neitherFileNorHexIsBadInput() {
        Cli r = Cli.run("gbcs", "decode", "not-a-file-or-hex");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("not an even number of hex digits"), r.err());
    }

    @Test
    void hexFilesAreRead(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.hex");
        Files.writeString(f, CS08_PRECOMMAND.substring(0, 20) + "\n" + CS08_PRECOMMAND.substring(20) + "\n");
        Cli r = Cli.run("gbcs", "decode", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0x0129"), r.out());
    }

    /** Every RTDS 4.5.0 vector (../shared, DCC test data) decodes and verifies with the keystore. */
    @Tag("conformance")
    @Test
    void everyReferenceMessageDecodesAndNothingIsInvalid(@TempDir Path dir) throws IOException {
        Path shared = CorpusInspectTest.shared();
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(shared.resolve("vectors/gbcs/rtds-4.5.0"))) {
            s.filter(p -> p.toString().endsWith(".HEX")).sorted().forEach(p -> files.add(p.toString()));
        }
        assertEquals(180, files.size());
        List<String> args = new ArrayList<>(List.of("gbcs", "decode", "--json", "--keys",
                shared.resolve("vectors/gbcs/keystore").toString()));
        args.addAll(files);
        Cli r = Cli.run(args.toArray(String[]::new));
        // corpora.md §5.3: the two NA_PCS01 messages carry a device-to-device MAC whose key is not
        // published; with keys given and none fitting, they are UNVERIFIED, not ok (issue 14 item 7).
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit(), r.err());
        int macValid = 0;
        int sigValid = 0;
        List<String> unverified = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            JsonNode o = JSON.readTree(line);
            if (o.has("unverified")) {
                unverified.add(Path.of(o.get("file").asText()).getFileName() + " " + o.get("unverified"));
                assertFalse(o.get("ok").asBoolean(), line);
            } else {
                assertTrue(o.get("ok").asBoolean(), line);
            }
            assertTrue(o.has("useCase") && o.has("payloadForm"), line);
            macValid += o.get("macVerdict").asText().equals("VALID") ? 1 : 0;
            sigValid += o.get("signatureVerdict").asText().equals("VALID") ? 1 : 0;
            for (JsonNode p : o.path("encryptedParts")) {
                assertEquals("VALID", p.get("verdict").asText(), line);
                assertTrue(p.has("plaintextHex"), line);
            }
        }
        assertEquals(List.of("PCS01_NA_SUCCESS_COMMAND_GBCS.HEX [\"MAC\"]", "PCS01_NA_SUCCESS_RESPONSE_GBCS.HEX [\"MAC\"]"),
                unverified);
        assertEquals(88 + 4, macValid, "MACs the keystore can verify (corpora.md §5.3, and the 4 added later)");
        assertEquals(86 + 1, sigValid, "signatures");

        // One flipped bit in a signed message's signature: INVALID and exit 1.
        Path signed = Path.of(files.stream().filter(f -> f.endsWith("CS06_11.3_8F66_FUTURE_DATED_SUCCESS_ALERT_GBCS.HEX"))
                .findFirst().orElseThrow());
        String hex = Files.readString(signed, StandardCharsets.US_ASCII).strip();
        int last = hex.length() - 2;
        String flipped = hex.substring(0, last) + String.format("%02X", Integer.parseInt(hex.substring(last), 16) ^ 1);
        Cli bad = Cli.run("gbcs", "decode", "--json", "--keys", shared.resolve("vectors/gbcs/keystore").toString(), flipped);
        assertEquals(Main.EXIT_CHECK_FAILED, bad.exit(), bad.out());
        assertEquals("INVALID", JSON.readTree(bad.out()).get("signatureVerdict").asText());
    }

    /**
     * G.1, issue 13 fault 8: the ECS21b response's encrypted part is for the supplier as Supplementary
     * Remote Party, and decrypts VALID with the supplier's keys (it was INVALID with a VALID MAC); the
     * decode JSON carries the supplementary fields, the part's context, verdict and plaintext.
     */
    @Tag("conformance")
    @Test
    void g1_supplementaryRemotePartyResponseDecryptsValid() throws IOException {
        Path shared = CorpusInspectTest.shared();
        Cli r = Cli.run("gbcs", "decode", "--json", "--keys", shared.resolve("vectors/gbcs/keystore").toString(),
                shared.resolve("vectors/gbcs/rtds-4.5.0/4.14_ECS21b/ECS21b_4.14_URP_SUCCESS_RESPONSE_GBCS.HEX").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("VALID", o.get("macVerdict").asText());
        assertEquals("90B3D51F30010000", o.get("supplementaryRemotePartyId").asText());
        assertEquals("1004", o.get("supplementaryRemotePartyCounter").asText());
        assertEquals("2002", o.get("supplementaryOriginatorCounter").asText());
        JsonNode part = o.get("encryptedParts").get(0);
        assertEquals("VALID", part.get("verdict").asText());
        assertEquals("90B3D51F30010000", part.get("context").get("recipient").asText());
        assertEquals("2002", part.get("context").get("counter").asText());
        assertTrue(part.get("plaintextHex").asText().startsWith("0201"), r.out()); // an A-XDR array
    }

    /** Without keys every protection present is UNVERIFIABLE (the keystore cannot decide), never INVALID. */
    @Test
    void g1_withoutKeysNothingIsInvalid() throws IOException {
        String macd = "DD0000000000" + "00" + "36" + "1100000000" + CS08_PRECOMMAND + "00" + "00".repeat(12);
        Cli r = Cli.run("gbcs", "decode", "--json", macd);
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("UNVERIFIABLE", o.get("macVerdict").asText());
        assertTrue(o.get("ok").asBoolean());
    }
}

package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.SharedData;
import io.hansim.gbcs.payload.AxdrData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Encrypted payload parts of the RTDS 4.5.0 vectors (gbcs.md §4.3, corpora.md §5): every one is found,
 * decrypts with the keystore to a VALID tag and a plaintext that parses, re-encrypts to the same bytes,
 * and fails on any flipped bit. Facts recorded in docs/decisions/0007-gbcs-encrypted-parts.md.
 */
@Tag("conformance")
class RtdsEncryptedPartsConformanceTest {

    private static final long SUPPLIER = 0x90B3D51F30010000L;

    /**
     * The messages with an encrypted part, found independently of {@link EncryptedParts} by a scan for
     * GBZ control bit 0x02 and for {@code 09 09 04 …} protection parameters followed by {@code 31}-blocks.
     * The ECS66 commands carry protection parameters (the request for protection) but no ciphered block.
     */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.of(
            "4.14_ECS21b/ECS21b_4.14_URP_SUCCESS_RESPONSE_GBCS.HEX", "DLMS",
            "4.1.1_GCS13a/GCS13a_4.1.1_ERROR_RESPONSE_GBCS.HEX", "GBZ",
            "4.1.1_GCS13a/GCS13a_4.1.1_SUCCESS_RELIABLE_GPF_RESPONSE_GBCS.HEX", "GBZ",
            "4.1.1_GCS13a/GCS13a_4.1.1_SUCCESS_RELIABLE_GSME_RESPONSE_GBCS.HEX", "GBZ",
            "4.1.1_GCS13a/GCS13a_4.1.1_SUCCESS_UNRELIABLE_RESPONSE_GBCS.HEX", "GBZ",
            "4.17_ECS66/ECS66_4.17_SUCCESS_RESPONSE_GBCS.HEX", "DLMS",
            "NA_ECS68/ECS68_NA_8F0A_SINGLE_ALERT_GBCS.HEX", "DLMS",
            "NA_ECS68/ECS68_NA_8F0A_TWIN_ALERT_GBCS.HEX", "DLMS"));

    /** Parts that cannot be decrypted with the published keys, and why. None in this sample. */
    private static final List<String> UNDECRYPTABLE = List.of();

    static Map<String, byte[]> vectors() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs/rtds-4.5.0");
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (name.endsWith("_GBCS.HEX")) {
                    out.put(name, HexFormat.of().parseHex(Files.readString(p, StandardCharsets.US_ASCII).strip()));
                }
            }
        }
        return out;
    }

    private static KeystoreFolderResolver keystore() {
        return new KeystoreFolderResolver(SharedData.dir("vectors/gbcs/keystore"));
    }

    @Test
    void everyEncryptedPartIsFoundDecryptsValidAndParses() throws IOException {
        KeyResolver keys = keystore();
        Map<String, String> found = new TreeMap<>();
        List<String> undecryptable = new ArrayList<>();
        int parts = 0;
        for (var e : vectors().entrySet()) {
            byte[] wire = e.getValue();
            GbcsMessage m = GbcsCodec.decode(wire);
            List<EncryptedPart> ps = EncryptedParts.find(m);
            if (ps.isEmpty()) {
                continue;
            }
            assertEquals(1, ps.size(), e.getKey());
            EncryptedPart p = ps.get(0);
            parts++;
            found.put(e.getKey(), p instanceof EncryptedPart.GbzComponentPart ? "GBZ" : "DLMS");
            // The offset names the block's bytes in the wire, 31 first.
            assertArrayEquals(p.block().toByteArray(),
                    java.util.Arrays.copyOfRange(wire, p.offset(), p.offset() + p.block().length()), e.getKey());
            // Every sample block has invocation counter 0, so the IV is originator ‖ 00000000 (0007).
            assertEquals(0, PayloadCipher.Block.parse(p.block(), p.offset()).invocationCounter());
            // The context is the envelope's, the supplementary fields preferred (gbcs.md §4.3): device
            // originator, its (supplementary originator) counter, the supplier as (supplementary) recipient.
            // ECS21b's response goes to the ACB for the supplier as Supplementary Remote Party (0012).
            var oi = m.groupingHeader().otherInformation();
            assertEquals(new CipherContext(m.groupingHeader().originator(),
                    oi.supplementaryOriginatorCounter().orElse(m.groupingHeader().originatorCounter()),
                    oi.supplementaryRemotePartyId().orElse(m.groupingHeader().recipient())), p.context(), e.getKey());
            assertEquals(SUPPLIER, p.context().recipient());

            EncryptedParts.Decrypted d = EncryptedParts.decrypt(p, keys);
            if (d.verdict() != Verdict.VALID) {
                undecryptable.add(e.getKey() + ": " + d.verdict());
                continue;
            }
            // Key pair: the supplier's KA private key with the device's KA public key (0007).
            assertEquals(new EncryptedParts.KeyPairUsed(SUPPLIER, KeyUsage.KA, m.groupingHeader().originator(),
                    KeyUsage.KA), d.keys().orElseThrow(), e.getKey());
            ByteString plain = d.plaintext().orElseThrow();
            if (p instanceof EncryptedPart.GbzComponentPart g) {
                assertEquals(0x0702, g.cluster(), "Metering cluster");
                ZclReadAttributesResponse.parse(g.zclFrame(plain).toByteArray());
            } else {
                AxdrData data = AxdrData.decode(plain.toByteArray(), 0);
                assertArrayEquals(plain.toByteArray(), data.encode());
            }
            // Re-encrypting with the same key and invocation counter gives the same bytes.
            byte[] k = PayloadCipher.key(p.context(), keys.privateKey(SUPPLIER, KeyUsage.KA).orElseThrow(),
                    keys.publicKey(p.context().originator(), KeyUsage.KA).orElseThrow());
            assertEquals(p.block(), PayloadCipher.encrypt(p.context(), k, 0, plain), e.getKey());
        }
        assertEquals(EXPECTED, found, "messages with an encrypted part");
        assertEquals(8, parts);
        assertEquals(UNDECRYPTABLE, undecryptable, "parts that do not decrypt");
    }

    @Test
    void flippingAnyBitOfCounterCiphertextOrTagIsInvalid() throws IOException {
        KeyResolver keys = keystore();
        int flips = 0;
        for (var e : vectors().entrySet()) {
            if (!EXPECTED.containsKey(e.getKey())) {
                continue;
            }
            EncryptedPart p = EncryptedParts.find(GbcsCodec.decode(e.getValue())).get(0);
            byte[] k = PayloadCipher.key(p.context(), keys.privateKey(SUPPLIER, KeyUsage.KA).orElseThrow(),
                    keys.publicKey(p.context().originator(), KeyUsage.KA).orElseThrow());
            byte[] block = p.block().toByteArray();
            assertEquals(Verdict.VALID, PayloadCipher.decrypt(p.context(), k, p.block(), p.offset()).verdict());
            for (int bit = 8; bit < block.length * 8; bit++) { // byte 0 is the security control, checked apart
                byte[] t = block.clone();
                t[bit / 8] ^= (byte) (1 << (bit % 8));
                PayloadCipher.Decryption d = PayloadCipher.decrypt(p.context(), k, ByteString.of(t), p.offset());
                if (d.verdict() != Verdict.INVALID || d.plaintext().isPresent()) {
                    fail(e.getKey() + " bit " + bit + ": " + d.verdict());
                }
                flips++;
            }
            // The same block in the tampered message: decryptAll reports INVALID, it does not throw.
            byte[] wire = e.getValue().clone();
            wire[p.offset() + block.length - 1] ^= 1;
            assertEquals(Verdict.INVALID, EncryptedParts.decryptAll(GbcsCodec.decode(wire), keys).get(0).verdict());
        }
        assertTrue(flips > 7000, "flips: " + flips);
    }

    /**
     * A ZCL Read Attributes Response (global command 0x01): records of attribute id (2, LE), status and,
     * on success, type and value. Enough ZCL to show the decrypted GBZ payloads are well formed.
     */
    static final class ZclReadAttributesResponse {
        static int parse(byte[] f) {
            assertEquals(0, f[0] & 0x03, "global command frame");
            assertEquals(0x01, f[2] & 0xFF, "Read Attributes Response");
            int at = 3;
            int records = 0;
            while (at < f.length) {
                assertTrue(at + 3 <= f.length, "record header at " + at);
                int status = f[at + 2] & 0xFF;
                at += 3;
                if (status == 0) {
                    int type = f[at++] & 0xFF;
                    at += size(type, f, at);
                }
                records++;
            }
            assertEquals(f.length, at, "records fill the frame");
            assertTrue(records > 0);
            return records;
        }

        private static int size(int type, byte[] f, int at) {
            if (type >= 0x08 && type <= 0x0F) {
                return type - 0x07;
            }
            if (type == 0x10 || type == 0x30) {
                return 1;
            }
            if (type >= 0x18 && type <= 0x1F) {
                return type - 0x17;
            }
            if (type >= 0x20 && type <= 0x27) {
                return type - 0x1F;
            }
            if (type >= 0x28 && type <= 0x2F) {
                return type - 0x27;
            }
            if (type == 0x31) {
                return 2;
            }
            if (type == 0xE2) {
                return 4;
            }
            if (type == 0x41 || type == 0x42) {
                return 1 + (f[at] & 0xFF);
            }
            return fail("ZCL data type 0x" + Integer.toHexString(type) + " not known here");
        }
    }
}

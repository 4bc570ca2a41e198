package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * MACs and signatures of every RTDS 4.5.0 vector against the keystore (corpora.md §5.3 items 3–4,
 * gbcs.md §4.1–§4.2): exactly 92 MACs VALID (88 of the first 176 and the 4 added later), the two
 * {@code NA_PCS01} ones UNVERIFIABLE, 87 signatures VALID (86, and GCS05's).
 */
@Tag("conformance")
class RtdsCryptoConformanceTest {

    /**
     * PPMID ↔ GSME messages MAC'd with a device-to-device key the DCC does not publish (corpora.md §5.3
     * item 3): neither device's KA private key is in the keystore.
     */
    private static final List<String> UNVERIFIABLE_MACS = List.of(
            "NA_PCS01/PCS01_NA_SUCCESS_COMMAND_GBCS.HEX",
            "NA_PCS01/PCS01_NA_SUCCESS_RESPONSE_GBCS.HEX");

    private static KeystoreFolderResolver keystore() {
        return new KeystoreFolderResolver(SharedData.dir("vectors/gbcs/keystore"));
    }

    private static Map<String, byte[]> vectors() throws IOException {
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

    @Test
    void everyMacAndSignatureTheKeystoreCanCheckIsValid() throws IOException {
        KeyResolver keys = keystore();
        MessageVerifier verifier = MessageVerifier.rtds();
        Map<Verdict, List<String>> macs = new EnumMap<>(Verdict.class);
        Map<Verdict, List<String>> sigs = new EnumMap<>(Verdict.class);
        Map<String, byte[]> all = vectors();
        assertEquals(180, all.size(), "RTDS 4.5.0 vector count (corpora.md §5.1)");
        all.forEach((name, wire) -> {
            MessageVerifier.Result r = verifier.verify(wire, keys);
            macs.computeIfAbsent(r.mac(), v -> new ArrayList<>()).add(name);
            sigs.computeIfAbsent(r.signature(), v -> new ArrayList<>()).add(name);
        });
        assertEquals(List.of(), macs.getOrDefault(Verdict.INVALID, List.of()), "invalid MACs");
        assertEquals(UNVERIFIABLE_MACS, macs.getOrDefault(Verdict.UNVERIFIABLE, List.of()), "unverifiable MACs");
        assertEquals(88 + 4, macs.getOrDefault(Verdict.VALID, List.of()).size(), "valid MACs");
        assertEquals(List.of(), sigs.getOrDefault(Verdict.INVALID, List.of()), "invalid signatures");
        assertEquals(List.of(), sigs.getOrDefault(Verdict.UNVERIFIABLE, List.of()), "unverifiable signatures");
        assertEquals(86 + 1, sigs.getOrDefault(Verdict.VALID, List.of()).size(), "valid signatures");
    }

    /** The §18.4 vector against the keystore's copies of its keys (corpora.md §5.2). */
    @Test
    void gbcs184VectorVerifiesWithTheKeystore() {
        KeyResolver keys = keystore();
        // The keystore has no Supplier A DS key, only the KA pair; check the MAC and the loader forms.
        assertEquals(Verdict.VALID, MessageVerifier.withAcb(Gbcs184VectorTest.ACB)
                .verify(Gbcs184VectorTest.wire(), keys).mac());
        assertEquals(Gbcs184VectorTest.DEVICE_A_KA.getW(),
                keys.publicKey(Gbcs184VectorTest.DEVICE_A, KeyUsage.KA).orElseThrow().getW());
        assertEquals(true, keys.publicKey(0x90B3D51F30010000L, KeyUsage.PREPAYMENT_KA).isPresent());
        assertEquals(true, keys.privateKey(0x90B3D51F30010000L, KeyUsage.PREPAYMENT_KA).isPresent());
        assertEquals(true, keys.publicKey(0x00DB1234567890A0L, KeyUsage.DS).isPresent());
        assertEquals(true, keys.privateKey(0x00DB1234567890A0L, KeyUsage.DS).isEmpty());
        GbcsCodec.decode(Gbcs184VectorTest.wire());
    }

    /** The second KDF check of gbcs.md §9 (gbcs-parser "nominal-mac-dsp-command"), keys from the keystore. */
    @Test
    void gbcsParserKdfCheck() {
        KeyResolver keys = keystore();
        long device = 0x00DB1234567890A0L;
        byte[] info = GbcsKdf.otherInfo(0x90B3D51F30010000L, 1, 0x0000000100000000L, device);
        byte[] k = GbcsKdf.deriveKey(keys.privateKey(GbcsMac.RTDS_ACB, KeyUsage.KA).orElseThrow(),
                keys.publicKey(device, KeyUsage.KA).orElseThrow(), info);
        assertEquals("6A93E360717394015DF93E031218C9A6", HexFormat.of().withUpperCase().formatHex(k));
    }
}

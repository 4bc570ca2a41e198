package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.SharedData;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.payload.AxdrData;
import io.hansim.gbcs.payload.Payload;
import io.hansim.gbcs.payload.PayloadCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * G.1, issue 13 "Conformance": every message under {@code vectors/gbcs/} (every {@code *.HEX} file, in
 * any folder, so sets dropped in later are covered too) decodes, re-encodes byte-exactly, and gets the
 * right verdicts. The reference messages are genuine, so the right verdict of each protection is VALID
 * when the keystore holds the keys to check it and UNVERIFIABLE when it does not; which one applies is
 * decided here from the keystore's contents, message by message, never from a list of file names.
 * Nothing may be INVALID, and nothing may fail to decode.
 */
@Tag("conformance")
class RtdsVerdictsConformanceTest {

    private static Map<String, byte[]> messages() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs");
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (name.toUpperCase(Locale.ROOT).endsWith(".HEX")) {
                    out.put(name, HexFormat.of().parseHex(
                            Files.readString(p, StandardCharsets.US_ASCII).replaceAll("\\s+", "")));
                }
            }
        }
        return out;
    }

    @Test
    void g1_everyReferenceMessageDecodesWithTheRightVerdicts() throws IOException {
        KeyResolver keys = new KeystoreFolderResolver(SharedData.dir("vectors/gbcs/keystore"));
        MessageVerifier verifier = MessageVerifier.rtds();
        Map<String, byte[]> all = messages();
        assertTrue(all.size() >= 180, "messages under vectors/gbcs: " + all.size());
        List<String> wrong = new ArrayList<>();
        Map<Verdict, Integer> macs = new EnumMap<>(Verdict.class);
        Map<Verdict, Integer> signatures = new EnumMap<>(Verdict.class);
        Map<Verdict, Integer> parts = new EnumMap<>(Verdict.class);
        for (var e : all.entrySet()) {
            String name = e.getKey();
            byte[] wire = e.getValue();
            try {
                GbcsMessage m = GbcsCodec.decode(wire);
                if (!java.util.Arrays.equals(wire, GbcsCodec.encode(m))) {
                    wrong.add(name + ": envelope re-encodes differently");
                }
                Payload p = PayloadCodec.decode(m);
                if (!java.util.Arrays.equals(m.payload().toByteArray(), p.encode())) {
                    wrong.add(name + ": payload re-encodes differently");
                }
                MessageVerifier.Result r = verifier.verify(wire, keys);
                // MAC: checkable when one party's private KA key and the other's public one are known.
                Verdict macWant = m.mac().isEmpty() ? Verdict.ABSENT
                        : GbcsMac.key(m.groupingHeader(), verifier.acb(), verifier.isDevice(), keys).isPresent()
                                ? Verdict.VALID : Verdict.UNVERIFIABLE;
                check(wrong, name, "MAC", macWant, r.mac());
                macs.merge(r.mac(), 1, Integer::sum);
                // Signature: checkable when the originator's DS public key is known.
                Verdict sigWant = m.signature().kind() != Signature.Kind.PRESENT ? Verdict.ABSENT
                        : keys.publicKey(m.groupingHeader().originator(), KeyUsage.DS).isPresent()
                                ? Verdict.VALID : Verdict.UNVERIFIABLE;
                check(wrong, name, "signature", sigWant, r.signature());
                signatures.merge(r.signature(), 1, Integer::sum);
                // Encrypted parts: checkable when the KA pair of the part's two parties can be derived.
                for (EncryptedPart part : EncryptedParts.find(m)) {
                    CipherContext c = part.context();
                    boolean derivable = (keys.privateKey(c.recipient(), KeyUsage.KA).isPresent()
                            && keys.publicKey(c.originator(), KeyUsage.KA).isPresent())
                            || (keys.privateKey(c.originator(), KeyUsage.KA).isPresent()
                            && keys.publicKey(c.recipient(), KeyUsage.KA).isPresent());
                    EncryptedParts.Decrypted d = EncryptedParts.decrypt(part, keys);
                    check(wrong, name, "encrypted part at " + part.offset(),
                            derivable ? Verdict.VALID : Verdict.UNVERIFIABLE, d.verdict());
                    parts.merge(d.verdict(), 1, Integer::sum);
                    if (d.verdict() == Verdict.VALID) {
                        ByteString plain = d.plaintext().orElseThrow();
                        if (part instanceof EncryptedPart.DlmsProtectedData) {
                            // one A-XDR Data, byte-exact
                            assertArrayEquals(plain.toByteArray(), AxdrData.decode(plain.toByteArray(), 0).encode(), name);
                        } else {
                            // a ZCL payload: re-encrypting it gives the block back
                            assertEquals(part.block(), PayloadCipher.encrypt(c, EncryptedParts.kaKey(part, keys),
                                    PayloadCipher.Block.parse(part.block(), part.offset()).invocationCounter(), plain),
                                    name);
                        }
                    }
                }
            } catch (GbcsDecodeException ex) {
                wrong.add(name + ": does not decode: " + ex.getMessage());
            }
        }
        assertEquals(List.of(), wrong, "messages with a wrong verdict or that do not decode");
        // Not vacuous: the sample's known protections are there and checked (corpora.md §5.3, 0012).
        assertTrue(macs.getOrDefault(Verdict.VALID, 0) >= 92, "valid MACs " + macs);
        assertTrue(signatures.getOrDefault(Verdict.VALID, 0) >= 87, "valid signatures " + signatures);
        assertTrue(parts.getOrDefault(Verdict.VALID, 0) >= 8, "valid encrypted parts " + parts);
    }

    private static void check(List<String> wrong, String name, String what, Verdict want, Verdict got) {
        if (want != got) {
            wrong.add(name + ": " + what + " " + got + ", expected " + want);
        }
    }
}

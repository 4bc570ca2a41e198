package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.SharedData;
import io.hansim.gbcs.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds RTDS 4.5.0 vectors from their header and payload with {@link MessageBuilder} and the
 * keystore's remote-party private keys (corpora.md §5.2): unsigned MAC'd messages come out byte-exact
 * (the MAC is deterministic); signed ones cannot (RTDS nonces are random) so they must verify.
 */
@Tag("conformance")
class RtdsRebuildConformanceTest {

    private static Map<String, GbcsMessage> vectors() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs/rtds-4.5.0");
        Map<String, GbcsMessage> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (name.endsWith("_GBCS.HEX") && !name.contains("PRECOMMAND")) {
                    out.put(name, GbcsCodec.decode(HexFormat.of().parseHex(
                            Files.readString(p, StandardCharsets.US_ASCII).strip())));
                }
            }
        }
        return out;
    }

    private static MessageBuilder.Header headerOf(GbcsMessage m) {
        GroupingHeader g = m.groupingHeader();
        return new MessageBuilder.Header(g.craFlag(), g.originatorCounter(), g.originator(), g.recipient(),
                g.otherInformation(), g.dateTime(), GbcsCodec.Form.ON_AIR,
                Optional.of(m.signature().kind() == Signature.Kind.PRESENT), Optional.of(m.macHeader().isPresent()));
    }

    @Test
    void unsignedMacdVectorsAreReproducedByteExactly() throws IOException {
        KeyResolver keys = new KeystoreFolderResolver(SharedData.dir("vectors/gbcs/keystore"));
        MessageBuilder builder = MessageBuilder.rtds(keys);
        List<String> rebuilt = new ArrayList<>();
        List<String> different = new ArrayList<>();
        vectors().forEach((name, m) -> {
            if (m.macHeader().isEmpty() || m.signature().kind() != Signature.Kind.EMPTY || name.startsWith("NA_PCS01/")) {
                return; // PCS01: device-to-device key not published (corpora.md §5.3 item 3)
            }
            GbcsMessage b = builder.build(headerOf(m), m.payload());
            (b.equals(m) ? rebuilt : different).add(name);
        });
        assertEquals(List.of(), different);
        assertEquals(true, rebuilt.size() >= 40, "rebuilt " + rebuilt.size());
    }

    @Test
    void signedVectorsWithKnownOriginatorKeysRebuildToValidMessages() throws IOException {
        KeyResolver keys = new KeystoreFolderResolver(SharedData.dir("vectors/gbcs/keystore"));
        MessageBuilder builder = MessageBuilder.rtds(keys);
        List<String> bad = new ArrayList<>();
        int[] count = {0};
        vectors().forEach((name, m) -> {
            long originator = m.groupingHeader().originator();
            if (m.signature().kind() != Signature.Kind.PRESENT || keys.privateKey(originator, KeyUsage.DS).isEmpty()) {
                return;
            }
            GbcsMessage b = builder.build(headerOf(m), m.payload());
            MessageVerifier.Result r = MessageVerifier.rtds().verify(GbcsCodec.encode(b), keys);
            Verdict wantMac = m.macHeader().isPresent() ? Verdict.VALID : Verdict.ABSENT;
            if (!r.equals(new MessageVerifier.Result(wantMac, Verdict.VALID))
                    || b.payload().equals(m.payload()) == false || b.signature().equals(m.signature())) {
                bad.add(name + " " + r);
            }
            count[0]++;
        });
        assertEquals(List.of(), bad);
        assertEquals(true, count[0] >= 20, "signed rebuilt " + count[0]);
    }

    @Test
    void defaultProtectionsMatchTheVectors() throws IOException {
        List<String> differ = new ArrayList<>();
        vectors().forEach((name, m) -> {
            GroupingHeader g = m.groupingHeader();
            var h = MessageBuilder.Header.onAir(g.craFlag(), g.originatorCounter(), g.originator(), g.recipient(),
                    g.otherInformation());
            boolean signed = m.signature().kind() == Signature.Kind.PRESENT;
            if (h.signed() != signed || h.macd() != m.macHeader().isPresent()) {
                differ.add(name);
            }
        });
        assertEquals(List.of(), differ);
    }
}

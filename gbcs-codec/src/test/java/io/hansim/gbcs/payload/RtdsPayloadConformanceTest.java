package io.hansim.gbcs.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.SharedData;
import io.hansim.gbcs.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every RTDS 4.5.0 vector's payload in its gbcs.md §5 family (corpora.md §5.3). */
@Tag("conformance")
class RtdsPayloadConformanceTest {

    /** Name and decoded envelope of every RTDS vector. */
    static List<Map.Entry<String, GbcsMessage>> vectors() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs/rtds-4.5.0");
        List<Map.Entry<String, GbcsMessage>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (name.endsWith("_GBCS.HEX")) {
                    byte[] bytes = HexFormat.of().parseHex(Files.readString(p, StandardCharsets.US_ASCII).strip());
                    out.add(Map.entry(name, GbcsCodec.decode(bytes)));
                }
            }
        }
        assertEquals(180, out.size(), "RTDS sample size (corpora.md §5)");
        return out;
    }

    @Test
    void everyPayloadDecodesInItsFormAndReencodesIdentically() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<PayloadForm, Integer> counts = new EnumMap<>(PayloadForm.class);
        for (Map.Entry<String, GbcsMessage> v : vectors()) {
            GbcsMessage m = v.getValue();
            try {
                Payload p = PayloadCodec.decode(m);
                counts.merge(p.form(), 1, Integer::sum);
                if (!Arrays.equals(m.payload().toByteArray(), p.encode())) {
                    failures.add(v.getKey() + ": re-encoding differs");
                }
                PayloadForm byte0 = PayloadForm.byFirstByte(m.payload().get(0));
                if (byte0 != p.form()) {
                    failures.add(v.getKey() + ": first byte suggests " + byte0 + " but decoded as " + p.form());
                }
            } catch (GbcsDecodeException e) {
                failures.add(v.getKey() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(180, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(counts.get(PayloadForm.GBZ) > 0 && counts.get(PayloadForm.DLMS) > 0
                && counts.get(PayloadForm.DER) > 0, counts.toString());
    }

    @Test
    void everyMessageCodeIsRegisteredWithMatchingCriticality() throws IOException {
        TreeSet<String> problems = new TreeSet<>();
        for (Map.Entry<String, GbcsMessage> v : vectors()) {
            GbcsMessage m = v.getValue();
            int code = m.groupingHeader().otherInformation().messageCode();
            MessageCodeRegistry.Entry e = MessageCodeRegistry.lookup(code);
            if (!e.known()) {
                problems.add(String.format("0x%04X not registered (%s)", code, v.getKey()));
                continue;
            }
            // gbcs.md §2.3: a critical command or alert is signed by its originator.
            CraFlag cra = m.groupingHeader().craFlag();
            if (cra != CraFlag.RESPONSE && m.signature().kind() != Signature.Kind.ABSENT) {
                boolean signed = m.signature().kind() == Signature.Kind.PRESENT;
                if (signed != e.critical()) {
                    problems.add(String.format("0x%04X critical=%s but %s", code, e.critical(), v.getKey()));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void truncatedPayloadsFailTypedWithOffsetsInsideTheMessage() throws IOException {
        for (Map.Entry<String, GbcsMessage> v : vectors()) {
            GbcsMessage m = v.getValue();
            byte[] p = m.payload().toByteArray();
            PayloadForm form = PayloadCodec.formOf(m);
            int base = PayloadCodec.payloadOffset(m);
            boolean alert = m.groupingHeader().craFlag() == CraFlag.ALERT;
            for (int cut = 0; cut < p.length; cut++) {
                byte[] t = Arrays.copyOf(p, cut);
                try {
                    Payload d = PayloadCodec.decode(t, form, alert, base);
                    assertTrue(Arrays.equals(t, d.encode()), v.getKey() + " cut " + cut + " decoded but differs");
                } catch (GbcsDecodeException e) {
                    assertTrue(e.offset() >= base && e.offset() <= base + cut,
                            v.getKey() + " cut " + cut + ": offset " + e.offset() + " outside the payload");
                }
            }
        }
    }
}

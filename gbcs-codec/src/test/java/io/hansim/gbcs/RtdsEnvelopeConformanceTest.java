package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * Every RTDS 4.5.0 vector (corpora.md §5) through the envelope codec: decode, byte-exact re-encode,
 * the published counts and the CRA flag against the file's KIND.
 */
@Tag("conformance")
class RtdsEnvelopeConformanceTest {

    private record Vector(String name, String kind, byte[] bytes) {}

    private static List<Vector> vectors() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs/rtds-4.5.0");
        List<Vector> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (!name.endsWith("_GBCS.HEX")) {
                    continue;
                }
                String hex = Files.readString(p, StandardCharsets.US_ASCII).strip();
                out.add(new Vector(name, kindOf(name), HexFormat.of().parseHex(hex)));
            }
        }
        return out;
    }

    /**
     * The KIND token (corpora.md §5.1). Some alert variants carry words after it (e.g.
     * {@code ..._ALERT_MAX_METER_BALANCE_GBCS.HEX}), so this takes the last kind word in the name.
     */
    private static String kindOf(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        String[] parts = file.split("_");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (List.of("COMMAND", "PRECOMMAND", "RESPONSE", "ALERT").contains(parts[i])) {
                return parts[i];
            }
        }
        return "?";
    }

    @Test
    void everyVectorDecodesAndReencodesIdentically() throws IOException {
        List<Vector> vectors = vectors();
        assertEquals(180, vectors.size(), "RTDS sample size (corpora.md §5)");
        List<String> failures = new ArrayList<>();
        int precommand = 0;
        int mac = 0;
        int signed = 0;
        int dateTime = 0;
        Map<Integer, Integer> otherInfo = new TreeMap<>();
        for (Vector v : vectors) {
            GbcsMessage m;
            try {
                m = GbcsCodec.decode(v.bytes());
            } catch (GbcsDecodeException e) {
                failures.add(v.name() + ": " + e.getMessage());
                continue;
            }
            if (!java.util.Arrays.equals(v.bytes(), GbcsCodec.encode(m))) {
                failures.add(v.name() + ": re-encoding differs");
            }
            // with the form given explicitly the result is the same value
            assertEquals(m, GbcsCodec.decode(v.bytes(), m.form()), v.name());
            if (m.form() == GbcsCodec.Form.PRECOMMAND) {
                precommand++;
                if (!v.kind().equals("PRECOMMAND")) {
                    failures.add(v.name() + ": decoded as PRECOMMAND but KIND is " + v.kind());
                }
            } else if (v.kind().equals("PRECOMMAND")) {
                failures.add(v.name() + ": KIND PRECOMMAND but has a signature field");
            }
            if (m.macHeader().isPresent()) {
                mac++;
            }
            if (m.signature().kind() == Signature.Kind.PRESENT) {
                signed++;
            }
            if (m.groupingHeader().dateTime().isPresent()) {
                dateTime++;
            }
            otherInfo.merge(m.groupingHeader().otherInformation().encodedLength(), 1, Integer::sum);
            CraFlag want = switch (v.kind()) {
                case "COMMAND", "PRECOMMAND" -> CraFlag.COMMAND;
                case "RESPONSE" -> CraFlag.RESPONSE;
                case "ALERT" -> CraFlag.ALERT;
                default -> null;
            };
            if (want == null) {
                failures.add(v.name() + ": no KIND in the file name");
            } else if (m.groupingHeader().craFlag() != want) {
                failures.add(v.name() + ": CRA " + m.groupingHeader().craFlag() + " but KIND " + v.kind());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " vectors failed:\n" + String.join("\n", failures));
        }
        // corpora.md §5.1 (the first 176), plus the 4 added later: GCS05 (MAC'd, signed, 2), GCS15d (MAC'd,
        // 18), the ECS21b command (MAC'd, 2 + 8 + 8 + a 406-byte KA certificate = 424) and response (MAC'd, 26)
        assertEquals(27, precommand, "PRECOMMAND");
        assertEquals(90 + 4, mac, "MAC header");
        assertEquals(86 + 1, signed, "signature");
        assertEquals(27, dateTime, "date-time");
        assertEquals(Map.of(2, 164 + 1, 18, 12 + 1, 26, 1, 424, 1), otherInfo, "other-information lengths");
    }

    /** Truncating a real vector anywhere gives a typed error, never a value or another exception. */
    @Test
    void everyTruncationOfEveryVectorFailsTyped() throws IOException {
        for (Vector v : vectors()) {
            byte[] b = v.bytes();
            for (int n = 0; n < b.length; n++) {
                byte[] cut = java.util.Arrays.copyOf(b, n);
                try {
                    GbcsMessage m = GbcsCodec.decode(cut);
                    // a PRECOMMAND-shaped prefix can be valid only if the original was on-air
                    // without a MAC and the cut lands right after the payload
                    assertTrue(m.form() == GbcsCodec.Form.PRECOMMAND && v.bytes()[0] != (byte) 0xDD,
                            v.name() + " cut at " + n + " decoded as " + m.form());
                    assertArrayEquals(cut, GbcsCodec.encode(m));
                } catch (GbcsDecodeException expected) {
                    assertTrue(expected.offset() >= 0 && expected.offset() <= n, v.name() + " cut at " + n);
                }
            }
        }
    }
}

package io.hansim.gbcs.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gbcs.md §8.2 use-case records over their RTDS vectors: decode and identical re-encode. */
@Tag("conformance")
class RtdsUseCaseConformanceTest {

    private static final Set<Integer> MODELLED = Set.of(0x0012, 0x00CA, 0x0129, 0x0128, 0x012B, 0x00CE, 0x00CF,
            0x0022, 0x0072, 0x0015);

    @Test
    void everyModelledVectorDecodesToItsRecordAndReencodesIdentically() throws IOException {
        Path dir = SharedData.dir("vectors/gbcs/rtds-4.5.0");
        List<String> failures = new ArrayList<>();
        TreeMap<String, Integer> seen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString();
                if (!name.endsWith("_GBCS.HEX")) {
                    continue;
                }
                GbcsMessage m = GbcsCodec.decode(HexFormat.of().parseHex(Files.readString(p, StandardCharsets.US_ASCII).strip()));
                int code = m.groupingHeader().otherInformation().messageCode();
                try {
                    Optional<UseCaseRecord> r = UseCaseCodec.decode(m);
                    if (MODELLED.contains(code) != r.isPresent()) {
                        failures.add(name + ": modelled=" + MODELLED.contains(code) + " but got " + r);
                        continue;
                    }
                    if (r.isPresent()) {
                        seen.merge(r.get().getClass().getSimpleName(), 1, Integer::sum);
                        if (!Arrays.equals(m.payload().toByteArray(), r.get().toPayload().encode())) {
                            failures.add(name + ": re-encoding differs");
                        }
                    }
                } catch (GbcsDecodeException e) {
                    failures.add(name + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(Set.of("Ccs08Alert", "Cs06Command", "Cs06Response", "Cs08Response", "Cs11Command",
                "Cs11Response", "DlmsFirmwareReceiptAlert", "Ecs12Command", "Ecs12Response",
                "FutureDatedActivationAlert", "Gcs09Command", "GbzDefaultResponse", "GbzFirmwareReceiptAlert",
                "Null", "PpmidFirmwareAlert"), seen.keySet(), seen.toString());
    }
}

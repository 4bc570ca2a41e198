package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed fuzz seeds are exactly what {@link SeedShapes} builds, so nobody has to trust a
 * binary file. Regenerate with {@code -Dhansim.writeSeeds=true} (writes into src/test/resources
 * of the module; Surefire's working directory is the module folder).
 */
class SeedInputsTest {
    static final Path ROOT = Path.of("src/test/resources/io/hansim/zigbee/ota/image/OtaImageFuzzTestInputs");
    static final List<String> TARGETS = List.of("anyBytesParse", "builtImagesRoundTrip", "parseStrictThrowsOnlyOtaImageException");

    @Test
    void seedsAreTheGeneratedShapes() throws IOException {
        Map<String, byte[]> shapes = SeedShapes.all();
        for (String target : TARGETS) {
            Path dir = ROOT.resolve(target);
            if (Boolean.getBoolean("hansim.writeSeeds")) {
                Files.createDirectories(dir);
                for (Map.Entry<String, byte[]> s : shapes.entrySet()) {
                    Files.write(dir.resolve(s.getKey()), s.getValue());
                }
            }
            for (Map.Entry<String, byte[]> s : shapes.entrySet()) {
                Path p = dir.resolve(s.getKey());
                assertTrue(Files.isRegularFile(p), "missing seed " + p + " (run with -Dhansim.writeSeeds=true)");
                assertArrayEquals(s.getValue(), Files.readAllBytes(p), "seed " + p + " differs from SeedShapes");
            }
        }
    }
}

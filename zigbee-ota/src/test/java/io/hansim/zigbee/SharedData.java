package io.hansim.zigbee;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds the shared corpus, vectors and oracle outputs for conformance tests (DESIGN.md §6).
 *
 * <p>The folder comes from the system property {@code hansim.shared}, which Surefire passes from
 * {@code -Dhansim.shared=...}. A relative path is resolved against {@code hansim.root}, the Maven
 * root Surefire also passes. When the property is empty or the folder is missing the test fails
 * with a message saying how to run it: conformance tests must never pass by skipping.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder, or a test failure explaining how to configure it. */
    public static Path root() {
        String shared = System.getProperty("hansim.shared", "").trim();
        if (shared.isEmpty()) {
            fail("conformance data not configured: run with -Dhansim.shared=<path to shared> "
                    + "(e.g. mvn -pl zigbee-ota test -Dhansim.shared=../shared); DESIGN.md §6 says "
                    + "this test fails rather than skips");
        }
        Path path = Path.of(shared);
        if (!path.isAbsolute()) {
            String root = System.getProperty("hansim.root", "").trim();
            if (root.isEmpty()) {
                fail("hansim.shared=" + shared + " is relative but hansim.root (the Maven root, set by "
                        + "Surefire) is not set; pass an absolute -Dhansim.shared");
            }
            path = Path.of(root).resolve(path);
        }
        path = path.normalize();
        if (!Files.isDirectory(path)) {
            fail("hansim.shared=" + shared + " resolves to " + path + ", which is not a directory");
        }
        return path;
    }

    /** A file inside the shared folder, which must exist. */
    public static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isRegularFile(path)) {
            fail("shared data file missing: " + path);
        }
        return path;
    }
}

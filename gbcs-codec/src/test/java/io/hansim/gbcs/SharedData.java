package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared vectors for gbcs-codec's conformance tests (DESIGN.md §6), the same way the
 * zigbee-ota tests do: {@code -Dhansim.shared=<dir>}, a relative path resolved against
 * {@code hansim.root} (the Maven root that Surefire passes). Missing configuration or data fails the
 * test: conformance must never pass by skipping.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder. */
    public static Path root() {
        String shared = System.getProperty("hansim.shared", "").trim();
        if (shared.isEmpty()) {
            fail("conformance data not configured: run with -Dhansim.shared=<path to shared> "
                    + "(e.g. mvn -pl gbcs-codec verify -Dhansim.shared=../shared); these tests fail "
                    + "rather than skip (DESIGN.md §6)");
        }
        Path path = Path.of(shared);
        if (!path.isAbsolute()) {
            String root = System.getProperty("hansim.root", "").trim();
            if (root.isEmpty()) {
                fail("hansim.shared=" + shared + " is relative and hansim.root is unset; "
                        + "pass an absolute -Dhansim.shared");
            }
            path = Path.of(root).resolve(path);
        }
        path = path.normalize();
        if (!Files.isDirectory(path)) {
            fail("hansim.shared=" + shared + " resolves to " + path + ", not a directory");
        }
        return path;
    }

    /** A directory inside the shared folder, which must exist. */
    public static Path dir(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isDirectory(path)) {
            fail("shared data directory missing: " + path);
        }
        return path;
    }
}

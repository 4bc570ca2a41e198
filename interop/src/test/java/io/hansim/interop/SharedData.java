package io.hansim.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared corpus folder for conformance tests (DESIGN.md §6): {@code -Dhansim.shared=DIR},
 * relative paths against {@code hansim.root}. Missing data fails the test, never skips it.
 */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String shared = System.getProperty("hansim.shared", "").trim();
        if (shared.isEmpty()) {
            fail("conformance data not configured: run with -Dhansim.shared=<path to shared> (DESIGN.md §6)");
        }
        Path path = Path.of(shared);
        if (!path.isAbsolute()) {
            path = Path.of(System.getProperty("hansim.root", ".")).resolve(path);
        }
        path = path.normalize();
        if (!Files.isDirectory(path)) {
            fail("hansim.shared=" + shared + " resolves to " + path + ", which is not a directory");
        }
        return path;
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.isRegularFile(path)) {
            fail("shared data file missing: " + path);
        }
        return path;
    }

    /** The Maven root (the repository), from Surefire's {@code hansim.root}. */
    static Path repoRoot() {
        return Path.of(System.getProperty("hansim.root", "..")).toAbsolutePath().normalize();
    }
}

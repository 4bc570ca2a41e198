package io.hansim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: {@code ../shared} relative to the Maven root unless {@code hansim.shared} says otherwise. */
class SharedPathsTest {
    private final String savedRoot = System.getProperty("hansim.root");
    private final String savedShared = System.getProperty("hansim.shared");

    @AfterEach
    void restore() {
        set("hansim.root", savedRoot);
        set("hansim.shared", savedShared);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void defaultIsSharedNextToTheMavenRoot(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        System.setProperty("hansim.root", root.toString());
        System.clearProperty("hansim.shared");
        assertEquals(shared, SharedPaths.shared());
    }

    @Test
    void relativeSharedResolvesAgainstTheMavenRoot(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Path data = Files.createDirectories(tmp.resolve("elsewhere/data"));
        System.setProperty("hansim.root", root.toString());
        System.setProperty("hansim.shared", "../elsewhere/data");
        assertEquals(data, SharedPaths.shared());
    }

    @Test
    void missingFolderFailsNamingThePath(@TempDir Path tmp) {
        System.setProperty("hansim.root", tmp.toString());
        System.setProperty("hansim.shared", "nope");
        IllegalStateException e = assertThrows(IllegalStateException.class, SharedPaths::shared);
        assertTrue(e.getMessage().contains(tmp.resolve("nope").toString()), e.getMessage());
    }

    @Test
    void theBuildRecordedTheMavenRoot() {
        System.clearProperty("hansim.root");
        // Surefire runs with the module as working folder; the recorded root is its parent.
        assertTrue(Files.isRegularFile(SharedPaths.mavenRoot().resolve("benchmarks/pom.xml")),
                SharedPaths.mavenRoot().toString());
    }
}

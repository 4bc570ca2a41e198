package io.hansim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the shared corpus and vectors are (DESIGN.md §6, issue 8): {@code -Dhansim.shared=DIR} if
 * given, a relative DIR resolved against the Maven root; otherwise {@code ../shared} next to the Maven
 * root the jar was built from. The benchmarks read the data in place and never copy it.
 */
public final class SharedPaths {
    private SharedPaths() {
    }

    /** The Maven root: {@code -Dhansim.root}, else the one recorded at build time, else the working folder. */
    public static Path mavenRoot() {
        String root = System.getProperty("hansim.root", "").trim();
        if (root.isEmpty()) {
            root = buildRoot();
        }
        return Path.of(root.isEmpty() ? "." : root).toAbsolutePath().normalize();
    }

    /** The shared folder; fails loudly if it does not exist, as the conformance tests do. */
    public static Path shared() {
        String given = System.getProperty("hansim.shared", "").trim();
        Path path = given.isEmpty() ? mavenRoot().resolve("../shared") : Path.of(given);
        if (!path.isAbsolute()) {
            path = mavenRoot().resolve(path);
        }
        path = path.normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("shared data not found at " + path
                    + "; pass -Dhansim.shared=DIR (absolute, or relative to the Maven root " + mavenRoot() + ")");
        }
        return path;
    }

    /** A folder inside the shared one, which must exist. */
    public static Path dir(String relative) {
        Path p = shared().resolve(relative);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared data folder missing: " + p);
        }
        return p;
    }

    private static String buildRoot() {
        try (InputStream in = SharedPaths.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("hansim.root", "").trim();
            // Unfiltered (e.g. run from an IDE without Maven): no recorded root.
            return v.startsWith("${") ? "" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

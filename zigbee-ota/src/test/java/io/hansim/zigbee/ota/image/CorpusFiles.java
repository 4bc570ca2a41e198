package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.zigbee.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the shared test data (DESIGN §6): system property {@code hansim.shared}, resolved against
 * {@code hansim.root} (the Maven root, set by Surefire) when relative. A missing or empty property
 * or a missing folder FAILS the calling test with a message saying what to pass; it never skips.
 */
final class CorpusFiles {
    private CorpusFiles() {
    }

    /** The shared folder, or a failed test (see {@link SharedData#root()}). */
    static Path shared() {
        return SharedData.root();
    }

    /** {@code corpus/ota/} of the shared folder, or a failed test. */
    static Path otaCorpus() {
        Path dir = shared().resolve("corpus").resolve("ota");
        if (!Files.isRegularFile(dir.resolve("MANIFEST.tsv"))) {
            return fail("no corpus/ota/MANIFEST.tsv under " + shared());
        }
        return dir;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TSV file with a header line, as rows of column name → value. */
    static List<Map<String, String>> tsv(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            String[] names = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

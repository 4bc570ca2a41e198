package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code hansim image inspect --json} over the whole real corpus (../shared/corpus/ota, from the
 * public Koenkk/zigbee-OTA repository) in one process, checked against MANIFEST.tsv: the public
 * index's columns where it describes the file, our structural observations otherwise. Runs only
 * with -Dhansim.shared and fails (never skips) without it (DESIGN.md §6).
 */
@Tag("conformance")
class CorpusInspectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inspectsTheWholeCorpusInOneProcess() throws IOException {
        Path corpus = shared().resolve("corpus/ota");
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus)) {
            s.filter(p -> !p.getFileName().toString().equals("MANIFEST.tsv")).sorted()
                    .forEach(p -> files.add(p.toString()));
        }
        assertEquals(48, files.size(), "corpus files");
        List<String> args = new ArrayList<>(List.of("image", "inspect", "--json"));
        args.addAll(files);
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(Main.EXIT_CHECK_FAILED, r.exit(), "the corpus holds files with error findings; stderr: " + r.err());
        assertEquals("", r.err());

        Map<String, Map<String, String>> manifest = manifest(corpus.resolve("MANIFEST.tsv"));
        List<String> lines = r.out().lines().toList();
        assertEquals(files.size(), lines.size(), "one JSON line per file");
        int indexed = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = JSON.readTree(lines.get(i));
            assertEquals(files.get(i), o.get("file").asText(), "file is the path exactly as given");
            Map<String, String> row = manifest.get(Path.of(files.get(i)).getFileName().toString());
            String name = row.get("file");
            assertEquals(Long.parseLong(row.get("hdr_identifierOffset")), o.get("identifierOffset").asLong(), name);
            if (row.get("hdr_identifierOffset").equals("-1")) {
                assertTrue(!o.has("manufacturerCode"), name);
                continue;
            }
            boolean fromIndex = !row.get("idx_manufacturerCode").isEmpty();
            String p = fromIndex ? "idx_" : "hdr_";
            indexed += fromIndex ? 1 : 0;
            assertEquals(hex(row.get(p + "manufacturerCode")), o.get("manufacturerCode").asLong(), name);
            assertEquals(hex(row.get(p + "imageType")), o.get("imageType").asLong(), name);
            assertEquals(hex(row.get(p + "fileVersion")), o.get("fileVersion").asLong(), name);
            assertEquals(Long.parseLong(row.get(fromIndex ? "idx_fileSize" : "hdr_totalImageSize")),
                    o.get("totalImageSize").asLong(), name);
            assertTrue(o.get("manufacturerCode").isNumber() && o.get("fileVersion").isNumber(), name);
            for (JsonNode f : o.get("findings")) {
                assertTrue(f.get("offset").isNumber() && f.has("severity") && f.has("code") && f.has("message"), name);
            }
        }
        assertEquals(41, indexed, "files the public index describes");
    }

    /**
     * G.6 auto-detection stays off every real Zigbee file: no corpus file, the Hue {@code .sbl-ota}
     * and other broken chains included, is read as a GB body without {@code --format} (decision 0014).
     */
    @Test
    void g6_noCorpusFileIsTakenForAGbImage() throws IOException {
        Path corpus = shared().resolve("corpus/ota");
        List<String> args = new ArrayList<>(List.of("image", "inspect", "--json"));
        try (Stream<Path> s = Files.list(corpus)) {
            s.filter(p -> !p.getFileName().toString().equals("MANIFEST.tsv")).sorted()
                    .forEach(p -> args.add(p.toString()));
        }
        Cli r = Cli.run(args.toArray(String[]::new));
        List<String> lines = r.out().lines().toList();
        assertEquals(48, lines.size());
        int overruns = 0;
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertTrue(!o.has("gb"), o.get("file").asText());
            for (JsonNode f : o.get("findings")) {
                assertTrue(!f.get("code").asText().equals("GB_BODY"), o.get("file").asText());
                overruns += f.get("code").asText().equals("ELEMENT_OVERRUN") ? 1 : 0;
            }
        }
        assertEquals(3, overruns, "the three broken chains of corpora.md §3 stay errors");
    }

    private static long hex(String v) {
        return Long.parseLong(v.substring(2), 16);
    }

    private static Map<String, Map<String, String>> manifest(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String[] names = lines.get(0).split("\t", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], i < cells.length ? cells[i] : "");
            }
            rows.put(row.get("file"), row);
        }
        return rows;
    }

    static Path shared() {
        String value = System.getProperty("hansim.shared");
        if (value == null || value.isBlank()) {
            return fail("system property hansim.shared is not set: run with -Dhansim.shared=../shared");
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            path = Path.of(System.getProperty("hansim.root", ".")).resolve(path);
        }
        if (!Files.isDirectory(path.resolve("corpus/ota"))) {
            return fail("hansim.shared=" + value + " resolves to " + path.normalize() + ", which has no corpus/ota");
        }
        return path.normalize();
    }
}

package io.hansim.device.trace;

import io.hansim.device.han.TraceRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hansim.device.han.ApsFrame;
import io.hansim.zigbee.zcl.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcaps {@link PcapTraceSink} writes, checked by Wireshark's own dissectors (tshark), the
 * independent decoder of shared/oracles/tshark/README.md: every packet's FCS is good, every packet
 * decodes down to the ZigBee Cluster Library, and tshark reports nothing malformed and no expert
 * warning. Also reproduces all 15 reference frames of frames.tsv byte for byte.
 *
 * <p>Conformance: needs {@code -Dhansim.shared} and {@code tshark} on PATH, and fails (never skips)
 * without them (DESIGN.md §6); {@code .ci/run} installs tshark.
 */
@Tag("conformance")
class PcapTsharkTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void referenceFramesAreReproducedByteForByte() throws IOException {
        List<String[]> rows = referenceRows();
        assertEquals(15, rows.size());
        PcapTraceSink sink = new PcapTraceSink(new ByteArrayOutputStream());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            ApsFrame frame = referenceFrame(i, row);
            // make_pcap.py numbers MAC sequences 0x80 + i and NWK sequences 0x40 + i
            int length = sink.encodeFrame(frame, 0x80 + i, 0x40 + i);
            assertEquals(row[4] + row[5], HEX.formatHex(sink.lastPacket(length)), "frame " + row[0] + " " + row[1]);
        }
    }

    @Test
    void tsharkDecodesEveryPacketToZclWithoutWarnings(@TempDir Path dir) throws Exception {
        requireTshark();
        Path pcap = dir.resolve("trace.pcap");
        long packets;
        try (PcapTraceSink sink = PcapTraceSink.create(pcap)) {
            TraceFixtures.records().forEach(sink::record);
            List<String[]> rows = referenceRows();
            for (int i = 0; i < rows.size(); i++) {
                ApsFrame f = referenceFrame(i, rows.get(i));
                sink.record(new TraceRecord(1_000_000L * (i + 20), TraceRecord.Kind.DELIVERY,
                        TraceRecord.Fate.DELIVERED, f.destinationEui64(), f, ""));
            }
            packets = sink.packetCount();
            assertEquals(0, sink.oversizeCount());
        }
        assertEquals(TraceFixtures.otaExchange().size() + 1 + 15, packets);

        String problems = tshark(dir, "-r", pcap.toString(), "-Y", "_ws.malformed || _ws.expert.severity >= \"warning\"");
        assertEquals("", problems.strip(), "tshark flags malformed packets or expert warnings");

        String fields = tshark(dir, "-r", pcap.toString(), "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f",
                "-e", "frame.number", "-e", "wpan.fcs_ok", "-e", "zbee_aps.cluster", "-e", "zbee_zcl.cmd.tsn");
        List<String> lines = fields.lines().toList();
        assertEquals(packets, lines.size(), fields);
        for (String line : lines) {
            String[] cells = line.split("\t", -1);
            assertEquals(4, cells.length, line);
            assertTrue(cells[1].equals("1") || cells[1].equals("True"), "FCS not ok: " + line);
            assertTrue(!cells[2].isEmpty() && !cells[3].isEmpty(), "APS/ZCL not reached: " + line);
        }

        String tree = tshark(dir, "-r", pcap.toString(), "-V");
        long zcl = tree.lines().filter(l -> l.startsWith("ZigBee Cluster Library")).count();
        assertEquals(packets, zcl, "every packet's tree reaches ZigBee Cluster Library");

        // the OTA fields decode (shared/oracles/tshark/ota_fields.sh): every OTA command names its id
        Path script = shared().resolve("oracles/tshark/ota_fields.sh");
        String ota = run(dir, List.of("sh", script.toString(), pcap.toString()));
        List<String> otaRows = ota.lines().toList();
        List<String> header = List.of(otaRows.get(0).split("\t", -1));
        int rx = header.indexOf("zbee_zcl_general.ota.cmd.srv_rx.id");
        int tx = header.indexOf("zbee_zcl_general.ota.cmd.srv_tx.id");
        int mfr = header.indexOf("zbee_zcl_general.ota.manufacturer_code");
        int type = header.indexOf("zbee_zcl.type");
        assertEquals(packets + 1, otaRows.size(), ota);
        int otaCommands = 0;
        for (String row : otaRows.subList(1, otaRows.size())) {
            String[] cells = row.split("\t", -1);
            if (cells[type].equals("0x01")) { // frame type 1, cluster-specific: an OTA command
                otaCommands++;
                assertTrue(!cells[rx].isEmpty() || !cells[tx].isEmpty(), "OTA command id not decoded: " + row);
            }
        }
        assertTrue(otaCommands >= 20, "OTA commands seen: " + otaCommands + "\n" + ota);
        assertTrue(ota.contains("0x1234"), "manufacturer code decoded\n" + ota);
        assertTrue(mfr >= 0);
    }

    private static ApsFrame referenceFrame(int i, String[] row) {
        // shared/oracles/tshark/make_pcap.py: OTA server 0x0000, client 0x1234, endpoints 1, profile 0x0104,
        // APS counter 0x10 + i
        boolean toClient = row[2].equals("s2c");
        long server = 0xA1L;
        long client = 0x0011223344556677L;
        return new ApsFrame(toClient ? server : client, toClient ? 0x0000 : 0x1234, 1, toClient ? client : server,
                toClient ? 0x1234 : 0x0000, 1, 0x0104, 0x0019, 0x10 + i, Bytes.fromHex(row[3]));
    }

    private static List<String[]> referenceRows() throws IOException {
        List<String> lines = Files.readAllLines(shared().resolve("oracles/tshark/reference/frames.tsv"),
                StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static void requireTshark() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("tshark --version did not succeed; reinstall tshark (shared/oracles/tshark/README.md)");
            }
        } catch (IOException e) {
            fail("tshark is not on PATH: install it (apt-get install tshark; see shared/oracles/tshark/README.md,"
                    + " .ci/run does it) -- conformance tests never skip: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for tshark");
        }
    }

    private static String tshark(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("tshark");
        command.addAll(List.of(args));
        return run(dir, command);
    }

    /** Runs {@code command}, returns stdout; stderr is kept apart (tshark warns there when run as root). */
    private static String run(Path dir, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail(command + " exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
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
        if (!Files.isRegularFile(path.resolve("oracles/tshark/reference/frames.tsv"))) {
            return fail("hansim.shared=" + value + " resolves to " + path.normalize()
                    + ", which has no oracles/tshark/reference/frames.tsv");
        }
        return path.normalize();
    }
}
